//! The generator's own reckoning of the reductions (`docs/method.md`), used to choose the
//! whole-society baseline so that yellow passes and red fails.
//!
//! The generator states every measure with an explicit 减排比例, so only rule 2 (share) and
//! rule 4 (a blank level inherits) of the method are needed here; the tests compare this
//! reckoning with `jianpai::reduce::check` on the same list.

use jianpai::model::{Baseline, Level, List, Pollutant, Source};

use super::build::baseline_from_daily;

/// Ratio the baseline gives orange at most (it passes at 20 %).
const ORANGE_AIM: f64 = 0.212;
/// Ratio the baseline gives red at most (it fails at 30 %).
const RED_AIM: f64 = 0.295;

/// Daily reductions (t/d) of every source of the list per level and pollutant.
pub fn reductions(list: &List) -> [[f64; 4]; 3] {
    let mut sum = [[0.0; 4]; 3];
    let sources = list
        .enterprises
        .iter()
        .filter(|e| !e.shut_down)
        .flat_map(|e| e.sources.iter())
        .chain(list.sites.iter().map(|s| &s.source))
        .chain(list.fleets.iter().map(|f| &f.source));
    for source in sources {
        let r = source_reductions(source);
        for (total, level) in sum.iter_mut().zip(r) {
            for (t, v) in total.iter_mut().zip(level) {
                *t += v;
            }
        }
    }
    sum
}

/// Daily emissions (t/d) per pollutant of the sources of `county` (enterprises not shut
/// down, sites, fleets): what the list states for that county.
pub fn listed_daily(list: &List, county: &str) -> [f64; 4] {
    let mut sum = [0.0; 4];
    let sources = list
        .enterprises
        .iter()
        .filter(|e| !e.shut_down && e.county == county)
        .flat_map(|e| e.sources.iter())
        .chain(
            list.sites
                .iter()
                .filter(|s| s.county == county)
                .map(|s| &s.source),
        )
        .chain(
            list.fleets
                .iter()
                .filter(|f| f.county == county)
                .map(|f| &f.source),
        );
    for source in sources {
        for (t, v) in sum.iter_mut().zip(source_daily(source)) {
            *t += v;
        }
    }
    sum
}

/// A source's daily emissions per pollutant: stated, else annual over its days.
fn source_daily(source: &Source) -> [f64; 4] {
    let days = source.days.filter(|d| *d > 0.0).unwrap_or(365.0);
    Pollutant::ALL.map(|p| {
        source
            .daily
            .get(p)
            .unwrap_or_else(|| source.annual.get(p).unwrap_or(0.0) / days)
    })
}

/// Daily reductions of one source per level and pollutant.
fn source_reductions(source: &Source) -> [[f64; 4]; 3] {
    let daily = source_daily(source);
    let mut out = [[0.0; 4]; 3];
    for level in Level::ALL {
        let i = level as usize;
        let m = source.measures.get(level);
        out[i] = match m.share {
            Some(share) => daily.map(|e| e * share),
            None if i > 0 => out[i - 1],
            None => [0.0; 4],
        };
    }
    out
}

/// The whole-society baseline that puts orange at 21.2 % for every pollutant, and red below
/// 29.5 % for PM or VOCs (whichever grows least from orange to red): the common county
/// situation of reaching yellow and orange but not red, which is what the 测算说明 is for.
/// [`super::build::county`] asserts that the sample lists come out that way.
pub fn choose_baseline(list: &List) -> Baseline {
    let r = reductions(list);
    let growth = |p: usize| r[2][p] / r[1][p];
    let capped = if growth(2) <= growth(3) { 2 } else { 3 };
    let daily = [0, 1, 2, 3].map(|p| {
        let b = r[1][p] / ORANGE_AIM;
        if p == capped {
            b.max(r[2][p] / RED_AIM)
        } else {
            b
        }
    });
    baseline_from_daily(daily)
}

/// Whether each level passes under `baseline` (with the SO2/NOx trade of the list).
pub fn verdict(list: &List, baseline: &Baseline) -> [bool; 3] {
    let r = reductions(list);
    let b = baseline.daily();
    let b = Pollutant::ALL.map(|p| *b.get(p));
    Level::ALL.map(|level| {
        let i = level as usize;
        let t = *list.targets.get(level);
        let ratio = [0, 1, 2, 3].map(|p| r[i][p] / b[p]);
        let ok = |x: f64, target: f64| x + 1e-9 >= target;
        let pair = (ok(ratio[0], t) && ok(ratio[1], t))
            || (list.so2_nox_trade && ok(ratio[0] + ratio[1], 2.0 * t));
        pair && ok(ratio[2], t) && ok(ratio[3], t)
    })
}

/// Ratios (fractions) per level and pollutant under the list's own baseline.
pub fn ratios(list: &List) -> Option<[[f64; 4]; 3]> {
    let b = list.baseline?.daily();
    let b = Pollutant::ALL.map(|p| *b.get(p));
    let r = reductions(list);
    Some(r.map(|level| [0, 1, 2, 3].map(|p| level[p] / b[p])))
}
