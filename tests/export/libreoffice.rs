//! The exported workbooks open cleanly in a second, independent reader: LibreOffice
//! (`soffice --headless`) converts every sheet of the annual submission of each committed
//! sample list, and one enterprise's workbook, to CSV. The test then reads the CSV cells and
//! checks that the conversion said nothing about errors or repairs, that the list sheets show
//! every enterprise (site, fleet, heating company) by name, and that the 总表 shows the
//! totals, ratios, shortfalls and verdicts of `reduce::check` per level and pollutant.
//!
//! The CSV holds the cells *as shown* (filter token 9 = true), so the numbers are checked the
//! way a reader sees them: the decimals the sheet's number format asks for (6 for t/d, 4 for
//! t/a, 2 for percent numbers) and a value within half a unit of the last shown decimal of
//! what the engine computed.
//!
//! Without `soffice` on PATH the tests print a note and pass, unless
//! `JIANPAI_REQUIRE_SOFFICE=1` (set by `scripts/test.sh`, so CI fails instead).

use std::collections::BTreeMap;
use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use jianpai::export::note::mark;
use jianpai::export::{write_enterprise_workbook, write_submission};
use jianpai::import::read_workbook;
use jianpai::model::{Amounts, BaselineUnit, Level, List, Pollutant};
use jianpai::reduce::{check, Category, Report};

/// Export every sheet (token 12 = -1, LibreOffice ≥ 7.2) as UTF-8 (76) comma-separated CSV
/// with `"` quotes, cells as shown (token 9 = true), no formulas.
const FILTER: &str = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

/// Generous: two shared cores, and the first start of a fresh profile takes a few seconds.
const TIMEOUT: Duration = Duration::from_secs(300);

/// The sheets of the annual submission, in order.
const SUBMISSION_SHEETS: [&str; 7] = [
    "总表",
    "工业源清单",
    "扬尘源清单",
    "移动源清单",
    "协同供暖企业清单",
    "非道路移动机械清单",
    "测算说明",
];

/// One LibreOffice at a time: the tests of this file share two cores with the rest of the
/// suite, and serial runs keep a slow start from eating another test's timeout.
static SERIAL: Mutex<()> = Mutex::new(());

/// Numbers the private LibreOffice profiles of this process.
static PROFILES: AtomicUsize = AtomicUsize::new(0);

/// Every sheet of one workbook as CSV rows of cells.
type Sheets = BTreeMap<String, Vec<Vec<String>>>;

fn required() -> bool {
    std::env::var("JIANPAI_REQUIRE_SOFFICE").is_ok_and(|v| v == "1")
}

fn soffice_on_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("soffice"))
        .find(|p| p.is_file())
}

/// `soffice` when it is there and can export every sheet; `None` (with a printed note) to
/// skip. Panics instead of skipping when `JIANPAI_REQUIRE_SOFFICE=1`.
fn soffice(what: &str) -> Option<PathBuf> {
    let skip = |why: String| {
        assert!(!required(), "JIANPAI_REQUIRE_SOFFICE=1 but {why}");
        println!("{why}: skipping {what} (set JIANPAI_REQUIRE_SOFFICE=1 to fail instead)");
        None
    };
    let Some(bin) = soffice_on_path() else {
        return skip("soffice is not on PATH (Debian: apt-get install libreoffice-calc)".into());
    };
    let out = Command::new(&bin)
        .arg("--version")
        .output()
        .expect("soffice --version runs");
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    println!("{version}");
    match parse_version(&version) {
        Some(v) if v >= (7, 2) => Some(bin),
        _ => skip(format!(
            "{version:?} cannot export every sheet to CSV (needs LibreOffice ≥ 7.2)"
        )),
    }
}

/// `(major, minor)` of "LibreOffice 7.4.7.2 40(Build:2)".
fn parse_version(s: &str) -> Option<(u32, u32)> {
    let number = s.split_whitespace().nth(1)?;
    let mut parts = number.split('.').map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??))
}

/// What one conversion printed and wrote.
struct Conversion {
    status: ExitStatus,
    log: String,
    sheets: Sheets,
}

/// Converts `file` with LibreOffice into `out` (a fresh folder), with a private profile,
/// killing it after [`TIMEOUT`].
fn convert(bin: &Path, file: &Path, out: &Path) -> Conversion {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let n = PROFILES.fetch_add(1, Ordering::SeqCst);
    let profile = std::env::temp_dir().join(format!("lo-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(out).unwrap();
    let (stdout, stderr) = (out.join("soffice.stdout"), out.join("soffice.stderr"));
    let mut child = Command::new(bin)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            FILTER,
            "--outdir",
        ])
        .arg(out)
        .arg(file)
        // A fixed locale: '.' as the decimal separator whatever the machine's language.
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(File::create(&stdout).unwrap())
        .stderr(File::create(&stderr).unwrap())
        // Its own process group, so a timeout ends soffice.bin too, not only the launcher.
        .process_group(0)
        .spawn()
        .expect("soffice starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            panic!("soffice took more than {TIMEOUT:?} on {}", file.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = std::fs::remove_dir_all(&profile);
    let log = format!(
        "{}{}",
        std::fs::read_to_string(&stdout).unwrap(),
        std::fs::read_to_string(&stderr).unwrap()
    );
    let stem = file.file_stem().unwrap().to_str().unwrap();
    Conversion {
        status,
        log,
        sheets: read_csv_sheets(out, stem),
    }
}

/// The `<stem>-<sheet>.csv` files LibreOffice wrote, by sheet name.
fn read_csv_sheets(dir: &Path, stem: &str) -> Sheets {
    let prefix = format!("{stem}-");
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name()?.to_str()?;
            let sheet = name
                .strip_prefix(&prefix)?
                .strip_suffix(".csv")?
                .to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            Some((sheet, parse_csv(&text)))
        })
        .collect()
}

/// RFC 4180 CSV: `"` quotes, doubled inside quotes; quoted cells may hold line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Exit 0, no word of an error or a repair, and exactly the `expected` sheets written.
fn assert_clean(c: &Conversion, file: &Path, out: &Path, expected: &[&str]) {
    let what = file.display();
    assert!(
        c.status.success(),
        "soffice failed on {what}: {}\n{}",
        c.status,
        c.log
    );
    // The paths are ours (random temp names); only LibreOffice's own words count.
    let log = c
        .log
        .replace(&file.display().to_string(), "<file>")
        .replace(&out.display().to_string(), "<out>")
        .to_lowercase();
    for bad in [
        "error",
        "repair",
        "corrupt",
        "could not be loaded",
        "failed to load",
    ] {
        assert!(
            !log.contains(bad),
            "soffice said {bad:?} on {what}:\n{}",
            c.log
        );
    }
    let written: Vec<&str> = c.sheets.keys().map(String::as_str).collect();
    let mut wanted = expected.to_vec();
    wanted.sort_unstable();
    assert_eq!(
        written, wanted,
        "sheets LibreOffice read from {what}\n{}",
        c.log
    );
    for sheet in expected {
        assert!(
            c.log.contains(&format!("Writing sheet {sheet} ->")),
            "{what}: no 'Writing sheet {sheet}' in\n{}",
            c.log
        );
        assert!(
            !c.sheets[*sheet].is_empty(),
            "{what}: sheet {sheet} is empty"
        );
    }
}

/// Every non-empty name is one whole cell of the sheet.
fn assert_names<'a>(rows: &[Vec<String>], sheet: &str, names: impl IntoIterator<Item = &'a str>) {
    let mut checked = 0;
    for name in names.into_iter().filter(|n| !n.is_empty()) {
        assert!(
            rows.iter().flatten().any(|cell| cell == name),
            "{sheet}: no cell shows {name:?}"
        );
        checked += 1;
    }
    println!("{sheet}: {checked} names shown");
}

/// The one row whose first cells are `key`.
fn row<'a>(rows: &'a [Vec<String>], key: &[&str]) -> &'a [String] {
    let found: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.len() >= key.len() && r.iter().zip(key).all(|(c, k)| c == k))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "总表: rows starting with {key:?}: {found:?}"
    );
    found[0]
}

/// A number cell as the sheet shows it: `decimals` decimals and within half a unit of the
/// last one of `expected`; an empty cell where there is no value.
fn assert_shown(cell: &str, expected: Option<f64>, decimals: usize, what: &str) {
    let Some(expected) = expected else {
        assert_eq!(cell, "", "{what}: expected an empty cell");
        return;
    };
    let shown = cell.split_once('.').map_or(0, |(_, frac)| frac.len());
    assert_eq!(
        shown, decimals,
        "{what}: {cell:?} should show {decimals} decimals"
    );
    let value: f64 = cell
        .parse()
        .unwrap_or_else(|e| panic!("{what}: {cell:?} is no number: {e}"));
    let half_unit = 0.5 * 10f64.powi(-(decimals as i32));
    assert!(
        (value - expected).abs() <= half_unit * (1.0 + 1e-9) + expected.abs() * 1e-12,
        "{what}: shows {cell}, the check computed {expected}"
    );
}

fn percent(fraction: f64) -> f64 {
    fraction * 100.0
}

/// A city whose counties have their own baselines: per county (then 全市 for the area's own)
/// a 区县 row, the pollutant headings with the unit, and the values below.
fn assert_county_baselines(rows: &[Vec<String>], list: &List) {
    let tables = list
        .county_baselines
        .iter()
        .map(|c| (c.county.as_str(), &c.baseline))
        .chain(list.baseline.as_ref().map(|b| ("全市", b)));
    for (county, b) in tables {
        let at = rows
            .iter()
            .position(|r| r.len() >= 2 && r[0] == "区县" && r[1] == county)
            .unwrap_or_else(|| panic!("总表: no 区县 row for {county}"));
        let (kind, decimals) = match b.unit {
            BaselineUnit::PerYear => ("全社会排放量(t/a)", 4),
            BaselineUnit::PerDay => ("全社会日排放量(t/d)", 6),
        };
        for (c, p) in Pollutant::ALL.into_iter().enumerate() {
            assert_eq!(
                rows[at + 1][c],
                format!("{}{kind}", p.name_zh()),
                "{county}"
            );
            let what = format!("{county} {kind} {}", p.name_zh());
            assert_shown(&rows[at + 2][c], Some(*b.amounts.get(p)), decimals, &what);
        }
    }
}

/// The 总表 shows the area, the baseline, the counts and, per level and pollutant, what
/// `reduce::check` computed.
fn assert_summary(rows: &[Vec<String>], list: &List, report: &Report) {
    assert_eq!(row(rows, &["地区"])[1], list.area);
    let c = &report.counts;
    for (label, n) in [
        ("企业数", c.enterprises),
        ("工业源数(生产线/工序/设施)", c.industrial_sources),
        ("扬尘源数", c.dust_sources),
        ("移动源数", c.mobile_sources),
    ] {
        assert_shown(&row(rows, &[label])[1], Some(f64::from(n)), 0, label);
    }
    if !list.county_baselines.is_empty() {
        assert_county_baselines(rows, list);
    } else if let Some(b) = &list.baseline {
        let (header, decimals) = match b.unit {
            BaselineUnit::PerYear => ("全社会排放量(t/a)", 4),
            BaselineUnit::PerDay => ("全社会日排放量(t/d)", 6),
        };
        row(rows, &["污染物", header]);
        for p in Pollutant::ALL {
            let what = format!("{header} {}", p.name_zh());
            assert_shown(
                &row(rows, &[p.name_zh()])[1],
                Some(*b.amounts.get(p)),
                decimals,
                &what,
            );
        }
    }
    for lc in &report.levels {
        let level = lc.level.name_zh();
        for p in Pollutant::ALL {
            let r = row(rows, &[level, p.name_zh()]);
            let what = |col: &str| format!("总表 {level} {} {col}", p.name_zh());
            assert_shown(&r[2], Some(*lc.reduction.get(p)), 6, &what("日减排量"));
            let base = report.baseline.map(|b| *b.get(p));
            assert_shown(&r[3], base, 6, &what("日排放基数"));
            let ratio = lc.ratio.map(|r| percent(*r.get(p)));
            assert_shown(&r[4], ratio, 2, &what("减排比例"));
            assert_shown(&r[5], Some(percent(lc.target)), 2, &what("目标比例"));
            let gap = lc.shortfall.map(|s| s.get(p));
            assert_shown(&r[6], gap, 6, &what("缺口"));
            let pass = match p {
                Pollutant::So2 => lc.pass.so2,
                Pollutant::Nox => lc.pass.nox,
                Pollutant::Pm => lc.pass.pm,
                Pollutant::Vocs => lc.pass.vocs,
            };
            assert_eq!(
                r[7],
                verdict(lc.ratio.is_some(), pass),
                "{}",
                what("是否达标")
            );
        }
        let r = row(rows, &[level, "二氧化硫+氮氧化物(互补)"]);
        let what = format!("总表 {level} SO2+NOx");
        let sum = lc.reduction.so2 + lc.reduction.nox;
        assert_shown(&r[2], Some(sum), 6, &what);
        let ratio = lc.ratio.map(|r| percent(r.so2 + r.nox));
        assert_shown(&r[4], ratio, 2, &what);
        assert_shown(&r[5], Some(percent(2.0 * lc.target)), 2, &what);
        assert_eq!(r[7], verdict(lc.ratio.is_some(), lc.pass.so2_nox), "{what}");
        let r = row(rows, &[level, "整体"]);
        assert_eq!(
            r[7],
            verdict(lc.ratio.is_some(), lc.pass.level),
            "{level} 整体"
        );
    }
    for county in &report.by_county {
        let levels: Vec<(Level, Amounts)> = county
            .levels
            .iter()
            .map(|l| (l.level, l.reduction))
            .collect();
        let base = county.baseline.or(report.baseline);
        assert_breakdown(rows, base, &county.county, &levels);
    }
    for category in Category::ALL {
        if let Some(c) = report.by_category.iter().find(|c| c.category == category) {
            let levels: Vec<(Level, Amounts)> =
                c.levels.iter().map(|l| (l.level, l.reduction)).collect();
            assert_breakdown(rows, report.baseline, category.name_zh(), &levels);
        }
    }
}

fn verdict(known: bool, pass: bool) -> &'static str {
    if known {
        mark(pass)
    } else {
        "无基数"
    }
}

/// The 分区县 / 分类别 rows of `name`: t/d and share of the whole-society emissions (the
/// county's own where it has them).
fn assert_breakdown(
    rows: &[Vec<String>],
    baseline: Option<Amounts>,
    name: &str,
    levels: &[(Level, Amounts)],
) {
    for (level, reduction) in levels {
        for p in Pollutant::ALL {
            let r = row(rows, &[name, level.name_zh(), p.name_zh()]);
            let what = format!("总表 {name} {} {}", level.name_zh(), p.name_zh());
            let v = *reduction.get(p);
            assert_shown(&r[3], Some(v), 6, &what);
            let share = baseline.and_then(|b| (*b.get(p) > 0.0).then(|| percent(v / b.get(p))));
            assert_shown(&r[4], share, 2, &what);
        }
    }
}

fn sample_lists() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-lists");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no sample-lists/*.xlsx");
    files
}

fn import(path: &Path) -> List {
    read_workbook(path)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
        .list
}

#[test]
fn libreoffice_reads_the_submission_of_every_sample_list() {
    let Some(bin) = soffice("the LibreOffice check of the submission workbook") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    for (i, sample) in sample_lists().iter().enumerate() {
        let list = import(sample);
        assert!(
            !list.enterprises.is_empty(),
            "{}: no enterprises",
            sample.display()
        );
        let report = check(&list);
        let file = tmp.path().join(format!("submission{i}.xlsx"));
        write_submission(&list, &file).unwrap();
        let out = tmp.path().join(format!("csv{i}"));
        let c = convert(&bin, &file, &out);
        assert_clean(&c, &file, &out, &SUBMISSION_SHEETS);
        println!("{}: converted", sample.display());
        let sheets = &c.sheets;
        let names = list.enterprises.iter().map(|e| e.name.as_str());
        assert_names(&sheets["工业源清单"], "工业源清单", names);
        let codes = list.enterprises.iter().map(|e| e.code.as_str());
        assert_names(&sheets["工业源清单"], "工业源清单", codes);
        let sites = list.sites.iter().map(|s| s.name.as_str());
        assert_names(&sheets["扬尘源清单"], "扬尘源清单", sites);
        let fleets = list.fleets.iter().map(|f| f.name.as_str());
        assert_names(&sheets["移动源清单"], "移动源清单", fleets);
        let heating = list.heating.iter().map(|h| h.name.as_str());
        assert_names(&sheets["协同供暖企业清单"], "协同供暖企业清单", heating);
        assert_summary(&sheets["总表"], &list, &report);
    }
}

#[test]
fn libreoffice_reads_an_enterprise_workbook() {
    let Some(bin) = soffice("the LibreOffice check of the enterprise workbook") else {
        return;
    };
    let list = import(&sample_lists()[0]);
    // Prefer an enterprise with vehicles, so its workbook has a 移动源清单 sheet too.
    let with_code = || list.enterprises.iter().filter(|e| !e.code.is_empty());
    let e = with_code()
        .find(|e| list.fleets.iter().any(|f| f.code == e.code))
        .or_else(|| with_code().next())
        .expect("an enterprise with a credit code");
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("enterprise.xlsx");
    write_enterprise_workbook(&list, &e.code, &file).unwrap();
    let out = tmp.path().join("csv");
    let c = convert(&bin, &file, &out);
    let fleets: Vec<_> = list.fleets.iter().filter(|f| f.code == e.code).collect();
    let heating = list.heating.iter().any(|h| h.code == e.code);
    let mut expected = vec!["工业源清单", "填表说明"];
    if !fleets.is_empty() {
        expected.push("移动源清单");
    }
    if heating {
        expected.push("协同供暖企业清单");
    }
    assert_clean(&c, &file, &out, &expected);
    let rows = &c.sheets["工业源清单"];
    assert_names(rows, "工业源清单", [e.name.as_str(), e.code.as_str()]);
    assert_names(
        rows,
        "工业源清单",
        e.sources.iter().map(|s| s.name.as_str()),
    );
    for other in list.enterprises.iter().filter(|o| o.name != e.name) {
        assert!(
            !rows.iter().flatten().any(|cell| *cell == other.name),
            "the workbook of {} shows {}",
            e.name,
            other.name
        );
    }
    if !fleets.is_empty() {
        let names = fleets.iter().map(|f| f.name.as_str());
        assert_names(&c.sheets["移动源清单"], "移动源清单", names);
    }
    // Level names appear in the column groups: the header rows were read as text.
    for level in Level::ALL {
        assert!(
            rows.iter()
                .flatten()
                .any(|cell| cell.contains(level.name_zh())),
            "工业源清单: no {} column group",
            level.name_zh()
        );
    }
}

#[test]
fn csv_parser_reads_quotes_and_line_breaks() {
    let rows = parse_csv("a,\"b,\"\"c\"\"\",\"d\ne\"\r\n,x\n");
    assert_eq!(
        rows,
        vec![
            vec!["a".to_string(), "b,\"c\"".into(), "d\ne".into()],
            vec![String::new(), "x".into()],
        ]
    );
    assert_eq!(
        parse_version("LibreOffice 7.4.7.2 40(Build:2)"),
        Some((7, 4))
    );
    assert_eq!(parse_version("garbage"), None);
}
