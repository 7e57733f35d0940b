//! The reviewer and the engine on the committed sample lists (`sample-lists/`): each sample
//! plants one enterprise per review rule; the review must find those, and the check must pass
//! yellow and orange and fail red.

use jianpai_samples as generator;

use std::collections::BTreeSet;
use std::path::Path;

use generator::{Sample, SAMPLES};
use jianpai::model::List;
use jianpai::reduce::check;
use jianpai::review::{normalise_enterprise_name, review, Rules};

type Found = BTreeSet<(String, String)>;

/// (rule, credit code — or the name of a record without one, such as a construction site —
/// or, for a finding about a county's baseline, the county its message opens with) of every
/// finding about a record or a county, and the area-wide messages.
fn found(list: &List) -> (Found, Vec<String>) {
    let mut about = BTreeSet::new();
    let mut area = Vec::new();
    for f in review(list, &Rules::builtin()) {
        let county = (f.rule == "baseline-below-listed")
            .then(|| f.message.split_once('：').map(|(c, _)| c.to_string()))
            .flatten();
        match f.code.or(f.enterprise).or(county) {
            Some(key) => {
                about.insert((f.rule, key));
            }
            None => area.push(f.message),
        }
    }
    (about, area)
}

fn planted(sample: &Sample) -> Found {
    sample
        .faults
        .iter()
        .map(|f| {
            let key = if f.code.is_empty() {
                &f.enterprise
            } else {
                &f.code
            };
            (f.rule.clone(), key.clone())
        })
        .collect()
}

/// True when the enterprise with `code` really has a namesake (after normalising) with
/// another code: the generator draws names at random and can make such a pair by chance
/// (洹水县新世纪机械有限公司 / 有限责任公司), which the rule rightly reports.
fn real_duplicate(list: &List, code: &str) -> bool {
    let Some(e) = list.enterprises.iter().find(|e| e.code == code) else {
        return false;
    };
    let name = normalise_enterprise_name(&e.name);
    list.enterprises
        .iter()
        .any(|o| o.code != code && normalise_enterprise_name(&o.name) == name)
}

fn assert_planted_found(list: &List, planted: &Found, what: &str) {
    let (about, area) = found(list);
    let missed: Vec<_> = planted.difference(&about).collect();
    assert!(
        missed.is_empty(),
        "{what}: planted but not found: {missed:#?}"
    );
    for (rule, code) in about.difference(planted) {
        assert!(
            rule == "duplicate-enterprise" && real_duplicate(list, code),
            "{what}: found but not planted: {rule} {code}"
        );
    }
    assert_eq!(
        area.len(),
        1,
        "{what}: only red misses its target: {area:#?}"
    );
    assert!(area[0].starts_with("红色预警未达标"), "{what}: {}", area[0]);
}

#[test]
fn the_review_finds_the_planted_faults() {
    for spec in SAMPLES {
        let sample = generator::county(spec);
        assert_planted_found(&sample.list, &planted(&sample), spec.stem);
    }
}

#[test]
fn the_check_passes_yellow_and_orange_and_fails_red() {
    for spec in SAMPLES {
        let report = check(&generator::county(spec).list);
        let verdict: Vec<bool> = report.levels.iter().map(|l| l.pass.level).collect();
        assert_eq!(verdict, [true, true, false], "{}", spec.stem);
        // The only engine warnings come from the enterprise planted with a weaker level.
        for w in &report.warnings {
            assert!(w.message.contains("减排量低于"), "{}: {w:?}", spec.stem);
        }
    }
}

#[test]
fn imported_samples_review_the_same() {
    for spec in SAMPLES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-lists")
            .join(format!("{}.xlsx", spec.stem));
        let imported = jianpai::import::read_workbook(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", spec.stem))
            .list;
        let sample = generator::county(spec);
        assert_planted_found(&imported, &planted(&sample), spec.stem);
        assert_eq!(found(&imported), found(&sample.list), "{}", spec.stem);
        let from_file = check(&imported);
        let in_code = check(&sample.list);
        assert_eq!(from_file.levels, in_code.levels, "{}", spec.stem);
    }
}
