//! The committed sample lists in `sample-lists/`: they are what the generator writes, they
//! carry exactly the planted review faults and nothing else, and their baseline makes yellow
//! and orange pass and red fail.

use jianpai_samples as generator;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use generator::{Fault, Sample, SAMPLES};
use jianpai::model::{
    validate_code, Enterprise, EnterpriseClass, Grade, Level, List, Pollutant, Source,
};

fn committed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-lists")
        .join(name)
}

fn samples() -> Vec<Sample> {
    SAMPLES.into_iter().map(generator::county).collect()
}

/// Every sheet's name, cells and merged regions.
type Sheets = Vec<(String, Range<Data>, BTreeSet<(u32, u32, u32, u32)>)>;

fn read_sheets(path: &Path) -> Sheets {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("sheet readable");
            let merges = wb
                .merge_cells_by_sheet_name(&name)
                .expect("merged regions readable")
                .into_iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect();
            (name, range, merges)
        })
        .collect()
}

#[test]
fn committed_samples_are_what_the_generator_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let written = generator::write_samples(dir.path()).expect("samples written");
    // Per sample: the list, its faults, and the electricity data in the long and wide layouts.
    assert_eq!(written.len(), 4 * SAMPLES.len());
    for path in written {
        let name = path
            .strip_prefix(dir.path())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let old = committed(&name);
        assert!(
            old.exists(),
            "{name} 未提交：请运行 cargo run --example generate_samples -- sample-lists/"
        );
        if name.ends_with(".json") {
            assert_eq!(
                std::fs::read_to_string(&old).unwrap(),
                std::fs::read_to_string(&path).unwrap(),
                "{name} 与生成器输出不一致：请重新生成"
            );
            continue;
        }
        let (old_sheets, new_sheets) = (read_sheets(&old), read_sheets(&path));
        assert_eq!(old_sheets.len(), new_sheets.len(), "{name}: sheet count");
        for ((on, or, om), (nn, nr, nm)) in old_sheets.iter().zip(&new_sheets) {
            assert_eq!(on, nn, "{name}: sheet names");
            assert_eq!(or.start(), nr.start(), "{name}/{on}: range start");
            assert_eq!(or.get_size(), nr.get_size(), "{name}/{on}: range size");
            for ((r, c, a), (_, _, b)) in or.cells().zip(nr.cells()) {
                assert_eq!(a, b, "{name}/{on}: cell at row {} col {}", r + 1, c + 1);
            }
            assert_eq!(om, nm, "{name}/{on}: merged regions");
        }
    }
}

#[test]
fn committed_samples_are_small() {
    for spec in SAMPLES {
        let size = std::fs::metadata(committed(&format!("{}.xlsx", spec.stem)))
            .expect("sample committed")
            .len();
        assert!(size < 1_000_000, "{}: {size} bytes", spec.stem);
    }
}

#[test]
fn samples_have_the_size_of_a_county_list() {
    for s in samples() {
        let l = &s.list;
        let sources: usize = l.enterprises.iter().map(|e| e.sources.len()).sum();
        assert_eq!(l.enterprises.len(), 150, "{}", s.spec.stem);
        assert!(
            (370..=450).contains(&sources),
            "{}: {sources} sources",
            s.spec.stem
        );
        assert_eq!(l.sites.len(), 30);
        assert_eq!(l.fleets.len(), 15);
        assert!(!l.heating.is_empty());
        let names: BTreeSet<_> = l.enterprises.iter().map(|e| &e.name).collect();
        assert_eq!(
            names.len(),
            l.enterprises.len(),
            "enterprise names are unique"
        );
        let codes: BTreeSet<_> = l.enterprises.iter().map(|e| &e.code).collect();
        assert_eq!(codes.len(), l.enterprises.len(), "credit codes are unique");
        let grades: BTreeSet<_> = l.enterprises.iter().filter_map(|e| e.grade).collect();
        for g in [Grade::A, Grade::B, Grade::C, Grade::D, Grade::Unrated] {
            assert!(grades.contains(&g), "{}: no grade {g:?}", s.spec.stem);
        }
    }
}

#[test]
fn yellow_and_orange_pass_red_fails() {
    for s in samples() {
        let baseline = s.list.baseline.expect("samples carry a baseline");
        assert_eq!(
            generator::verdict(&s.list, &baseline),
            [true, true, false],
            "{}",
            s.spec.stem
        );
    }
}

/// The planted faults: one per rule, each in the enterprise the manifest names.
#[test]
fn every_rule_is_planted_once() {
    let rules = [
        "d-grade-not-stopped",
        "level-weaker",
        "peer-inconsistent",
        "guarantee-below-b",
        "small-micro-too-large",
        "small-micro-restricted",
        "rotation-over-3-batches",
        "not-verifiable",
        "missing-responsible",
        "cems-required",
        "duplicate-enterprise",
        "credit-code-check",
        "text-share-mismatch",
        "d-grade-transport",
        "key-industry-ungraded",
        "heating-mismatch",
        "truck-ban",
        "fleet-share-bound",
        "site-earthworks",
        "nonroad-stage",
    ];
    for s in samples() {
        let planted: Vec<&str> = s.faults.iter().map(|f| f.rule.as_str()).collect();
        // A sample with an 产业集聚区 also plants that unit's baseline below its listing.
        let mut want = rules.to_vec();
        if s.spec.district.is_some() {
            want.push("baseline-below-listed");
        }
        assert_eq!(planted, want, "{}", s.spec.stem);
        for f in &s.faults {
            let l = &s.list;
            let hits = match f.rule.as_str() {
                "truck-ban" | "fleet-share-bound" => l
                    .fleets
                    .iter()
                    .filter(|x| x.name == f.enterprise && x.code == f.code)
                    .count(),
                "baseline-below-listed" => l
                    .county_baselines
                    .iter()
                    .filter(|c| c.county == f.enterprise && f.code.is_empty())
                    .count(),
                "site-earthworks" => l
                    .sites
                    .iter()
                    .filter(|x| x.name == f.enterprise && f.code.is_empty())
                    .count(),
                "nonroad-stage" => l
                    .machinery
                    .iter()
                    .filter(|m| m.user == f.enterprise && f.code == f.enterprise)
                    .filter(|m| m.stage == jianpai::model::NonroadStage::Guo2)
                    .count(),
                _ => l
                    .enterprises
                    .iter()
                    .filter(|e| e.name == f.enterprise && e.code == f.code)
                    .count(),
            };
            assert_eq!(hits, 1, "{}: {f:?}", s.spec.stem);
        }
    }
}

fn faulty(faults: &[Fault], rule: &str, e: &Enterprise) -> bool {
    faults.iter().any(|f| f.rule == rule && f.code == e.code)
}

fn shares(s: &Source) -> [f64; 3] {
    Level::ALL.map(|l| s.measures.get(l).share.unwrap_or(0.0))
}

/// The review rules, checked independently of `jianpai::review`: every enterprise that is
/// not planted for a rule satisfies it.
#[test]
fn everything_else_is_clean() {
    for s in samples() {
        let (l, f) = (&s.list, &s.faults);
        for e in &l.enterprises {
            let is = |rule| faulty(f, rule, e);
            if e.grade == Some(Grade::D) && !is("d-grade-not-stopped") {
                assert!(
                    e.sources.iter().all(|x| shares(x) == [1.0; 3]),
                    "{}",
                    e.name
                );
            }
            if !is("level-weaker") {
                for x in &e.sources {
                    let sh = shares(x);
                    assert!(sh[0] <= sh[1] && sh[1] <= sh[2], "{}: {sh:?}", e.name);
                }
            }
            if e.is_guarantee() && e.is_key_industry() && !is("guarantee-below-b") {
                assert!(matches!(
                    e.grade,
                    Some(Grade::A | Grade::APlus | Grade::B | Grade::Leading)
                ));
            }
            if e.class == Some(EnterpriseClass::SmallMicro) {
                let total: f64 = e
                    .sources
                    .iter()
                    .flat_map(|x| Pollutant::ALL.map(|p| x.annual.get(p).unwrap_or(0.0)))
                    .sum();
                assert_eq!(
                    total >= 0.1,
                    is("small-micro-too-large"),
                    "{}: {total} t/a",
                    e.name
                );
                let limited = e.sources.iter().any(|x| shares(x) != [0.0; 3]);
                assert_eq!(limited, is("small-micro-restricted"), "{}", e.name);
            }
            let rotation = e.sources.iter().any(|x| {
                Level::ALL
                    .iter()
                    .any(|lv| x.measures.get(*lv).text.contains("分4批"))
            });
            assert_eq!(rotation, is("rotation-over-3-batches"), "{}", e.name);
            let unverifiable = e.sources.iter().any(|x| {
                Level::ALL.iter().any(|lv| {
                    let m = x.measures.get(*lv);
                    m.share.unwrap_or(0.0) > 0.0 && m.key_indicator.trim().is_empty()
                })
            });
            assert_eq!(unverifiable, is("not-verifiable"), "{}", e.name);
            let missing = e.responsible.name.is_empty() || e.responsible.phone.is_empty();
            assert_eq!(missing, is("missing-responsible"), "{}", e.name);
            let limits = e
                .sources
                .iter()
                .any(|x| shares(x).iter().any(|s| *s > 0.0 && *s < 1.0));
            if e.is_key_industry() && limits {
                assert_eq!(e.cems != Some(true), is("cems-required"), "{}", e.name);
            }
            assert_eq!(
                validate_code(&e.code).is_err(),
                is("credit-code-check"),
                "{}",
                e.name
            );
        }
        peers_are_consistent(l, f);
    }
}

/// Within a county, industry and grade, every enterprise has the same share per level,
/// except the planted outlier (25 points lower).
fn peers_are_consistent(l: &List, faults: &[Fault]) {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<(String, String, Option<Grade>), Vec<&Enterprise>> = BTreeMap::new();
    for e in &l.enterprises {
        groups
            .entry((e.county.clone(), e.industry.clone(), e.grade))
            .or_default()
            .push(e);
    }
    let mut outliers = 0;
    for members in groups.values().filter(|m| m.len() >= 3) {
        let sets: Vec<(bool, BTreeSet<[u64; 3]>)> = members
            .iter()
            .map(|e| {
                let set = e
                    .sources
                    .iter()
                    .map(|x| shares(x).map(f64::to_bits))
                    .collect();
                (faulty(faults, "peer-inconsistent", e), set)
            })
            .collect();
        let clean: BTreeSet<_> = sets.iter().filter(|(f, _)| !f).map(|(_, s)| s).collect();
        assert_eq!(
            clean.len(),
            1,
            "peers differ: {:?}",
            members.iter().map(|e| &e.name).collect::<Vec<_>>()
        );
        outliers += sets.iter().filter(|(f, _)| *f).count();
    }
    assert_eq!(outliers, 1, "the planted outlier has at least three peers");
    // The enterprises planted for other rules that change shares have no peers.
    for rule in [
        "d-grade-not-stopped",
        "level-weaker",
        "small-micro-restricted",
        "rotation-over-3-batches",
    ] {
        let f = faults.iter().find(|f| f.rule == rule).unwrap();
        let e = l.enterprises.iter().find(|e| e.code == f.code).unwrap();
        let peers = l
            .enterprises
            .iter()
            .filter(|o| o.county == e.county && o.industry == e.industry && o.grade == e.grade)
            .count();
        assert!(peers < 3, "{rule}: {} has {peers} peers", e.name);
    }
}

#[test]
fn big_list_streams_every_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.xlsx");
    let list = generator::big_list_workbook(&path, 700).expect("big list written");
    let sources: usize = list.enterprises.iter().map(|e| e.sources.len()).sum();
    assert_eq!(sources, 700);
    let sheets = read_sheets(&path);
    let (_, range, merges) = sheets
        .iter()
        .find(|(n, _, _)| n == "工业源清单")
        .expect("industrial sheet");
    // Title, 填报单位, two header rows, the lines, the 合计 row.
    assert_eq!(range.height(), 4 + 700 + 1);
    let names: Vec<String> = range
        .rows()
        .skip(4)
        .filter_map(|r| match &r[3] {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let expected: Vec<String> = list.enterprises.iter().map(|e| e.name.clone()).collect();
    assert_eq!(names, expected, "one name per enterprise, on its first row");
    let line_names = range
        .rows()
        .skip(4)
        .filter(|r| matches!(&r[15], Data::String(s) if !s.is_empty()))
        .count();
    assert_eq!(line_names, 700, "every line row kept its line name");
    let multi = list
        .enterprises
        .iter()
        .filter(|e| e.sources.len() > 1)
        .count();
    assert!(merges.len() >= multi, "enterprise cells merged");
}

/// `jianpai::reduce::check` reads the same verdict and the same reductions from the
/// generated lists as the generator's own reckoning.
#[test]
fn reduce_check_agrees_with_the_generator() {
    for s in samples() {
        let report = jianpai::reduce::check(&s.list);
        let passes: Vec<bool> = report.levels.iter().map(|l| l.pass.level).collect();
        assert_eq!(passes, [true, true, false], "{}", s.spec.stem);
        assert!(!report.pass);
        let mine = generator::reductions(&s.list);
        for (level, sums) in report.levels.iter().zip(mine) {
            for p in Pollutant::ALL {
                let (theirs, ours) = (*level.reduction.get(p), sums[p as usize]);
                assert!(
                    (theirs - ours).abs() <= 1e-9 * ours.max(1.0),
                    "{} {:?} {p:?}: reduce {theirs} vs generator {ours}",
                    s.spec.stem,
                    level.level
                );
            }
        }
        // Only the lines of the planted level-weaker enterprise draw warnings.
        let weaker = s.faults.iter().find(|f| f.rule == "level-weaker").unwrap();
        let lines = s
            .list
            .enterprises
            .iter()
            .find(|e| e.code == weaker.code)
            .unwrap()
            .sources
            .len();
        assert_eq!(
            report.warnings.len(),
            lines,
            "{}: {:?}",
            s.spec.stem,
            report.warnings
        );
        for w in &report.warnings {
            assert!(
                w.message.contains("红色预警减排量低于橙色预警"),
                "{}: {}",
                s.spec.stem,
                w.message
            );
        }
    }
}

/// The importer reads each committed sample back to exactly the generated list: area, year,
/// baseline, every enterprise, line, measure, site, fleet and heating row; the only warnings
/// are the planted wrong check character and, in 模板乙, the ignored 填表说明 sheet.
#[test]
fn importer_reads_the_samples_back_exactly() {
    for s in samples() {
        let path = committed(&format!("{}.xlsx", s.spec.stem));
        let imported = jianpai::import::read_workbook(&path)
            .unwrap_or_else(|e| panic!("{}: {e:?}", s.spec.stem));
        let got = imported.list.without_provenance();
        let want = &s.list;
        assert_eq!(got.area, want.area, "{}: 地区", s.spec.stem);
        assert_eq!(got.year, want.year, "{}: 年度", s.spec.stem);
        assert_eq!(got.baseline, want.baseline, "{}: 全社会排放量", s.spec.stem);
        assert_eq!(got.enterprises.len(), want.enterprises.len());
        for (g, w) in got.enterprises.iter().zip(&want.enterprises) {
            assert_eq!(g, w, "{}: {}", s.spec.stem, w.name);
        }
        assert_eq!(got.sites, want.sites, "{}: 扬尘源", s.spec.stem);
        assert_eq!(got.fleets, want.fleets, "{}: 移动源", s.spec.stem);
        assert_eq!(got.heating, want.heating, "{}: 协同供暖", s.spec.stem);
        let code_warnings = imported
            .warnings
            .iter()
            .filter(|w| w.message.contains("校验位"))
            .count();
        assert_eq!(code_warnings, 1, "{}: {:?}", s.spec.stem, imported.warnings);
        let expected = match s.spec.layout {
            generator::Layout::Jia => 1,
            generator::Layout::Yi => 2,
        };
        assert_eq!(
            imported.warnings.len(),
            expected,
            "{}: {:?}",
            s.spec.stem,
            imported.warnings
        );
    }
}

/// The 60,000-source benchmark workbook's layout imports completely (checked on a smaller
/// list so that the test stays fast).
#[test]
fn importer_reads_the_big_layout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.xlsx");
    let list = generator::big_list_workbook(&path, 1_500).expect("big list written");
    let imported = jianpai::import::read_workbook(&path).expect("big list imports");
    assert_eq!(
        imported.list.without_provenance().enterprises,
        list.enterprises
    );
}

/// `jianpai::review` reports exactly the planted faults, each in the enterprise the manifest
/// names, and, for the area, only that red misses its target.
#[test]
fn reviewer_reports_exactly_the_planted_faults() {
    let rules = jianpai::review::Rules::builtin();
    for s in samples() {
        let findings = jianpai::review::review(&s.list, &rules);
        let found: BTreeSet<(String, String)> = findings
            .iter()
            .filter(|f| f.enterprise.is_some())
            .map(|f| (f.rule.clone(), f.code.clone().unwrap_or_default()))
            .collect();
        // A county's baseline fault is about the county, not a record: its finding names
        // the county where its message opens.
        let (counties, records): (Vec<&Fault>, Vec<&Fault>) = s
            .faults
            .iter()
            .partition(|f| f.rule == "baseline-below-listed");
        let planted: BTreeSet<(String, String)> = records
            .iter()
            .map(|f| (f.rule.clone(), f.code.clone()))
            .collect();
        assert_eq!(found, planted, "{}", s.spec.stem);
        let area: Vec<(&str, &str)> = findings
            .iter()
            .filter(|f| f.enterprise.is_none())
            .map(|f| {
                let about = f.message.split_once('：').map_or("", |(c, _)| c);
                (f.rule.as_str(), about)
            })
            .collect();
        let mut want: Vec<(&str, &str)> = counties
            .iter()
            .map(|f| (f.rule.as_str(), f.enterprise.as_str()))
            .collect();
        want.push(("target-missed", "红色预警未达标"));
        assert_eq!(area, want, "{}", s.spec.stem);
        let red_missed = findings
            .iter()
            .find(|f| f.rule == "target-missed")
            .is_some_and(|f| f.message.starts_with("红色预警"));
        assert!(red_missed, "{}: only red misses its target", s.spec.stem);
    }
}
