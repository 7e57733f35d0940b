//! Performance budgets of the issues, each measured side by side with its baseline in one run:
//!
//! 1. import of a 60,000-source workbook (`jianpai::import::read_workbook`) ≤ 2 × calamine
//!    alone reading every cell of the same workbook (`open_workbook_auto` + `worksheet_range`
//!    for every sheet);
//! 2. `jianpai::reduce::check` over the 60,000-source list ≤ 50 ms;
//! 3. the whole `jianpai import` process on a fresh store ≤ 2 × a process that only reads
//!    every cell with calamine (this bench binary run as `--calamine-read FILE`), CPU time, and
//!    its peak resident memory ≤ 1.3 × the calamine process's; `jianpai check FILE` likewise.
//!    This is the import as a user waits for it: reading, validation, the reduction check,
//!    SQLite, the snapshot and the backup included;
//! 4. export (`jianpai::export::write_submission`) ≤ 2 × rust_xlsxwriter alone writing the
//!    same cells: the same values with the same formats and merges, list sheets in
//!    `constant_memory` mode, default zip level. The baseline is hand-written here from the
//!    exported workbook read back (values and merged ranges by calamine, formats chosen by
//!    row and column header as the export chooses them), planned outside the timed region,
//!    so it times the writer alone. The bare writer (same values, no formats, no merges) is
//!    printed for information only.
//!
//! Run with `cargo bench --bench budgets` (release build). Environment:
//! `JIANPAI_BUDGET_SOURCES` (default 60000), `JIANPAI_BUDGET_RUNS` (runs of the slow budgets,
//! default 3; `check` runs 7 times as many; the whole processes at least 5),
//! `JIANPAI_BUDGET_KEEP` (a path to keep the generated workbook at, for profiling). Prints a
//! table and exits non-zero when a budget is exceeded. Medians, with the runs of ours and of the baseline interleaved so that a
//! busy machine slows both alike. Both wall time and process CPU time (user + system, from
//! `/proc/self/stat`) are shown; the verdict uses CPU time where the system reports it,
//! because these machines are shared and wall time then measures the neighbours' builds.

use jianpai_samples as generator;

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use std::collections::HashMap;

use calamine::{open_workbook, open_workbook_auto, Data, Dimensions, Reader, Xlsx};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

/// Wall and CPU time of one measurement (CPU `None` where `/proc` is missing).
#[derive(Clone, Copy, Debug)]
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
}

impl Timing {
    /// The time budgets are judged on: CPU time where known, else wall time.
    fn judged(&self) -> Duration {
        self.cpu.unwrap_or(self.wall)
    }
}

/// One measured budget.
struct Row {
    name: &'static str,
    ours: Timing,
    baseline: Option<Timing>,
    /// The limit: a ratio to the baseline, or an absolute time.
    limit: Limit,
}

enum Limit {
    Ratio(f64),
    Time(Duration),
}

impl Row {
    fn ratio(&self) -> Option<f64> {
        self.baseline
            .map(|b| self.ours.judged().as_secs_f64() / b.judged().as_secs_f64())
    }

    fn wall_ratio(&self) -> Option<f64> {
        self.baseline
            .map(|b| self.ours.wall.as_secs_f64() / b.wall.as_secs_f64())
    }

    fn ok(&self) -> bool {
        match self.limit {
            Limit::Ratio(max) => self.ratio().is_some_and(|r| r <= max),
            Limit::Time(max) => self.ours.judged() <= max,
        }
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Medians of the wall and of the CPU times (taken separately).
fn median(v: Vec<Timing>) -> Timing {
    let mid = |mut d: Vec<Duration>| {
        d.sort();
        d[d.len() / 2]
    };
    let cpu: Option<Vec<Duration>> = v.iter().map(|t| t.cpu).collect();
    Timing {
        wall: mid(v.iter().map(|t| t.wall).collect()),
        cpu: cpu.map(mid),
    }
}

/// CPU time (user + system) of this process so far, from `/proc/self/stat` (fields 14 and 15,
/// in clock ticks of 1/100 s, the Linux default).
fn cpu_now() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn time<T>(f: impl FnOnce() -> T) -> (Timing, T) {
    let cpu0 = cpu_now();
    let start = Instant::now();
    let out = f();
    let wall = start.elapsed();
    let cpu = cpu0.zip(cpu_now()).map(|(a, b)| b.saturating_sub(a));
    (Timing { wall, cpu }, out)
}

/// Calamine alone: every sheet's cells into memory. Returns the number of non-empty cells.
fn calamine_read_all(path: &Path) -> usize {
    let mut wb = open_workbook_auto(path).expect("calamine opens the workbook");
    let mut cells = 0;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet readable");
        cells += range.used_cells().count();
    }
    cells
}

/// One sheet of the exported workbook as the baselines write it again.
struct SheetCells {
    name: String,
    /// Every stored cell (row, column, value), row by row.
    cells: Vec<(u32, u16, Data)>,
    /// What the formatted baseline writes, in row-major order of each operation's first cell.
    plan: Vec<Op>,
    /// A list sheet: constant-memory mode, frozen header, autofilter (as the export does).
    list_sheet: bool,
    /// Last row and column of the table (for the autofilter).
    last: (u32, u16),
}

/// One write of the formatted baseline. Precomputed outside the timed region: the export
/// too has its values ready in memory (the model), and the baseline is to time the writer.
enum Op {
    /// `merge_range` over the range with its format; a number is then written into the first
    /// cell, as a merged number cell must be.
    Merge {
        first: (u32, u16),
        last: (u32, u16),
        value: Data,
        format: Fmt,
    },
    /// One cell with its format (a formatted blank where the value is empty).
    Cell {
        at: (u32, u16),
        value: Data,
        format: Fmt,
    },
}

/// The formats of the export (`src/export/style.rs`), written out again here by hand.
#[derive(Clone, Copy)]
enum Fmt {
    Title,
    Header,
    Text,
    Merged,
    Wrapped,
    Fixed4,
    Fixed6,
    Percent,
    Whole,
}

fn formats() -> [Format; 9] {
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    [
        Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        cell.clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_background_color(Color::RGB(0xDDEBF7)),
        cell.clone(),
        cell.clone().set_align(FormatAlign::VerticalCenter),
        cell.clone().set_text_wrap(),
        cell.clone().set_num_format("0.0000"),
        cell.clone().set_num_format("0.000000"),
        cell.clone().set_num_format("0.00"),
        cell.set_num_format("0"),
    ]
}

const LIST_SHEETS: [&str; 4] = ["工业源清单", "扬尘源清单", "移动源清单", "协同供暖企业清单"];

/// Reads the exported workbook back: every sheet's cells and merged ranges, and plans the
/// formatted rewrite: title and header formats above row 3 of a list sheet, the number
/// format each column's header asks for, bordered blanks for the empty cells of the table
/// (the export borders every cell of it), merges as the export makes them.
fn read_cells(path: &Path) -> Vec<SheetCells> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("calamine opens the export");
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("sheet readable");
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells: Vec<(u32, u16, Data)> = range
                .used_cells()
                .map(|(r, c, d)| (r0 + r as u32, (c0 + c as u32) as u16, d.clone()))
                .collect();
            let merges: Vec<Dimensions> = wb
                .merge_cells_by_sheet_name(&name)
                .expect("merged ranges readable");
            let list_sheet = LIST_SHEETS.contains(&name.as_str());
            let (r1, c1) = range.end().unwrap_or((0, 0));
            let last = (r1, c1 as u16);
            let plan = plan_sheet(&cells, &merges, list_sheet, last);
            SheetCells {
                name,
                cells,
                plan,
                list_sheet,
                last,
            }
        })
        .collect()
}

fn plan_sheet(
    cells: &[(u32, u16, Data)],
    merges: &[Dimensions],
    list_sheet: bool,
    last: (u32, u16),
) -> Vec<Op> {
    let values: HashMap<(u32, u16), &Data> = cells.iter().map(|(r, c, d)| ((*r, *c), d)).collect();
    let text = |r: u32, c: u16| match values.get(&(r, c)) {
        Some(Data::String(s)) => s.as_str(),
        _ => "",
    };
    // A list sheet's column header: the sub-column name in row 2, else the merged name of rows 1–2.
    let column_format = |c: u16| {
        let h = if text(2, c).is_empty() {
            text(1, c)
        } else {
            text(2, c)
        };
        if h.contains("(t/d)") {
            Some(Fmt::Fixed6)
        } else if h.contains("(t/a)") || h.contains("面积") {
            Some(Fmt::Fixed4)
        } else if h.contains("比例") || h.contains("(%)") {
            Some(Fmt::Percent)
        } else if h.contains("天数") || h.contains("辆") {
            Some(Fmt::Whole)
        } else {
            None
        }
    };
    let format = |r: u32, c: u16, d: &Data, merged: bool| {
        let number = matches!(d, Data::Float(_) | Data::Int(_));
        match (list_sheet, r) {
            (_, 0) => Fmt::Title,
            (true, 1 | 2) => Fmt::Header,
            (true, _) => match column_format(c) {
                Some(f) => f,
                None if number => Fmt::Fixed4,
                None if merged => Fmt::Merged,
                None => Fmt::Text,
            },
            (false, _) if number => Fmt::Fixed4,
            (false, _) => Fmt::Wrapped,
        }
    };
    let mut covered: HashMap<(u32, u16), ()> = HashMap::new();
    let mut ops: Vec<((u32, u16), Op)> = Vec::new();
    for m in merges {
        let (first, end) = ((m.start.0, m.start.1 as u16), (m.end.0, m.end.1 as u16));
        for r in first.0..=end.0 {
            for c in first.1..=end.1 {
                covered.insert((r, c), ());
            }
        }
        let value = values.get(&first).map_or(Data::Empty, |d| (*d).clone());
        let format = format(first.0, first.1, &value, true);
        ops.push((
            first,
            Op::Merge {
                first,
                last: end,
                value,
                format,
            },
        ));
    }
    let rows = if list_sheet { 0..=last.0 } else { 0..=0 };
    for r in rows.filter(|r| *r >= 3) {
        for c in 0..=last.1 {
            if !covered.contains_key(&(r, c)) && !values.contains_key(&(r, c)) {
                let format = format(r, c, &Data::Empty, false);
                ops.push((
                    (r, c),
                    Op::Cell {
                        at: (r, c),
                        value: Data::Empty,
                        format,
                    },
                ));
            }
        }
    }
    for (r, c, d) in cells {
        if !covered.contains_key(&(*r, *c)) {
            let format = format(*r, *c, d, false);
            ops.push((
                (*r, *c),
                Op::Cell {
                    at: (*r, *c),
                    value: d.clone(),
                    format,
                },
            ));
        }
    }
    ops.sort_by_key(|(at, _)| *at);
    ops.into_iter().map(|(_, op)| op).collect()
}

/// Writes one value (strings as strings, numbers as numbers, empty as a formatted blank).
fn write_data(ws: &mut Worksheet, (r, c): (u32, u16), d: &Data, f: Option<&Format>) {
    let result = match (d, f) {
        (Data::String(s), Some(f)) => ws.write_string_with_format(r, c, s, f).map(|_| ()),
        (Data::String(s), None) => ws.write_string(r, c, s).map(|_| ()),
        (Data::Float(v), Some(f)) => ws.write_number_with_format(r, c, *v, f).map(|_| ()),
        (Data::Float(v), None) => ws.write_number(r, c, *v).map(|_| ()),
        (Data::Int(v), Some(f)) => ws.write_number_with_format(r, c, *v as f64, f).map(|_| ()),
        (Data::Int(v), None) => ws.write_number(r, c, *v as f64).map(|_| ()),
        (Data::Bool(v), _) => ws.write_boolean(r, c, *v).map(|_| ()),
        (Data::DateTimeIso(s) | Data::DurationIso(s), _) => ws.write_string(r, c, s).map(|_| ()),
        (Data::DateTime(v), _) => ws.write_number(r, c, v.as_f64()).map(|_| ()),
        (Data::Empty | Data::Error(_), Some(f)) => ws.write_blank(r, c, f).map(|_| ()),
        (Data::Empty | Data::Error(_), None) => Ok(()),
    };
    result.expect("cell written");
}

/// rust_xlsxwriter alone, every sheet in `constant_memory` mode, the same cells with no
/// formats and no merges: the bare writer (shown for information).
fn xlsxwriter_write_bare(sheets: &[SheetCells], path: &Path) {
    let mut wb = Workbook::new();
    for sheet in sheets {
        let ws = wb
            .add_worksheet_with_constant_memory()
            .expect("temp file for constant memory");
        ws.set_name(&sheet.name).expect("sheet name");
        for (r, c, d) in &sheet.cells {
            write_data(ws, (*r, *c), d, None);
        }
    }
    wb.save(path).expect("baseline workbook saved");
}

/// rust_xlsxwriter alone writing what the export writes: the same cells with the same
/// formats (one per cell, as the export passes them), the same merges, constant-memory list
/// sheets with frozen panes and an autofilter, the same default zip level. The budget's
/// baseline.
fn xlsxwriter_write_same(sheets: &[SheetCells], path: &Path) {
    let formats = formats();
    let mut wb = Workbook::new();
    for sheet in sheets {
        let ws = if sheet.list_sheet {
            wb.add_worksheet_with_constant_memory()
                .expect("temp file for constant memory")
        } else {
            wb.add_worksheet()
        };
        ws.set_name(&sheet.name).expect("sheet name");
        if sheet.list_sheet {
            ws.set_freeze_panes(3, 1).expect("freeze panes");
            ws.autofilter(2, 0, sheet.last.0.max(3), sheet.last.1)
                .expect("autofilter");
        }
        for op in &sheet.plan {
            match op {
                Op::Merge {
                    first,
                    last,
                    value,
                    format,
                } => {
                    let f = &formats[*format as usize];
                    let s = match value {
                        Data::String(s) => s.as_str(),
                        _ => "",
                    };
                    ws.merge_range(first.0, first.1, last.0, last.1, s, f)
                        .expect("merge written");
                    if matches!(value, Data::Float(_) | Data::Int(_)) {
                        write_data(ws, *first, value, Some(f));
                    }
                }
                Op::Cell { at, value, format } => {
                    write_data(ws, *at, value, Some(&formats[*format as usize]));
                }
            }
        }
    }
    wb.save(path).expect("baseline workbook saved");
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// One child process measured by `wait4`: wall time, CPU time (user + system) and peak
/// resident memory.
#[derive(Clone, Copy, Debug)]
struct Process {
    timing: Timing,
    max_rss_kib: u64,
}

/// Runs `cmd` to completion and measures it. Panics when it exits with a code outside
/// `codes`: a budget of a failing command means nothing.
// The child is reaped by wait4 (which also gives its resource use), not by Child::wait.
#[allow(clippy::zombie_processes)]
fn measure(cmd: &mut std::process::Command, codes: &[i32]) -> Process {
    let start = Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("child process starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; status and usage are valid pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && codes.contains(&libc::WEXITSTATUS(status)),
        "{cmd:?} failed ({status})"
    );
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Process {
        timing: Timing {
            wall,
            cpu: Some(tv(usage.ru_utime) + tv(usage.ru_stime)),
        },
        max_rss_kib: usage.ru_maxrss as u64,
    }
}

/// Medians of the timings and of the peak memory.
fn median_process(v: Vec<Process>) -> Process {
    let mut rss: Vec<u64> = v.iter().map(|p| p.max_rss_kib).collect();
    rss.sort_unstable();
    Process {
        max_rss_kib: rss[rss.len() / 2],
        timing: median(v.into_iter().map(|p| p.timing).collect()),
    }
}

/// The whole-process budgets: `jianpai import` (fresh store each run) and `jianpai check
/// FILE` against this binary reading every cell with calamine, interleaved. Returns the rows
/// and the memory ratios (ours ÷ calamine's peak).
fn process_budgets(input: &Path, dir: &Path, runs: usize) -> (Vec<Row>, Vec<(&'static str, f64)>) {
    let cli = env!("CARGO_BIN_EXE_jianpai");
    let me = std::env::current_exe().expect("own path");
    let (mut base, mut import, mut check) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..runs {
        base.push(measure(
            std::process::Command::new(&me)
                .arg("--calamine-read")
                .arg(input),
            &[0],
        ));
        let db = dir.join(format!("fresh-{i}.sqlite"));
        import.push(measure(
            std::process::Command::new(cli)
                .arg("--db")
                .arg(&db)
                .arg("import")
                .arg(input),
            &[0],
        ));
        check.push(measure(
            std::process::Command::new(cli)
                .arg("--db")
                .arg(dir.join("unused.sqlite"))
                .arg("check")
                .arg(input)
                .arg("--json"),
            // 3: a level falls short, a finished run all the same.
            &[0, 3],
        ));
    }
    let base = median_process(base);
    let import = median_process(import);
    let check = median_process(check);
    let mem = |p: &Process| p.max_rss_kib as f64 / base.max_rss_kib as f64;
    println!(
        "整个进程的峰值内存：calamine {} MiB，导入 {} MiB（{:.2} 倍），check {} MiB（{:.2} 倍）",
        base.max_rss_kib / 1024,
        import.max_rss_kib / 1024,
        mem(&import),
        check.max_rss_kib / 1024,
        mem(&check)
    );
    (
        vec![
            Row {
                name: "导入（整个进程）jianpai import",
                ours: import.timing,
                baseline: Some(base.timing),
                limit: Limit::Ratio(2.0),
            },
            Row {
                name: "测算文件（整个进程）jianpai check FILE",
                ours: check.timing,
                baseline: Some(base.timing),
                limit: Limit::Ratio(2.0),
            },
        ],
        vec![("导入", mem(&import)), ("check FILE", mem(&check))],
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--calamine-read") {
        let cells = calamine_read_all(Path::new(&args[i + 1]));
        println!("{cells}");
        return ExitCode::SUCCESS;
    }
    if let Some(i) = args.iter().position(|a| a == "--write-workbook") {
        let n = args[i + 2].parse().expect("number of sources");
        generator::big_list_workbook(Path::new(&args[i + 1]), n).expect("big workbook written");
        return ExitCode::SUCCESS;
    }
    let n_sources = env_usize("JIANPAI_BUDGET_SOURCES", 60_000);
    let runs = env_usize("JIANPAI_BUDGET_RUNS", 3).max(1);
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "机器：{}，{} 核；{} 个工业源，每项取 {} 次的中位数",
        cpu_model(),
        cores,
        n_sources,
        runs
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("big.xlsx");
    // The workbook is written by a child process, so that this process is still small when
    // it starts the measured ones: a child's peak memory (ru_maxrss) counts the parent's
    // pages it was forked with.
    let me = std::env::current_exe().expect("own path");
    let t_gen = measure(
        std::process::Command::new(&me)
            .arg("--write-workbook")
            .arg(&input)
            .arg(n_sources.to_string()),
        &[0],
    )
    .timing;
    if let Some(keep) = std::env::var_os("JIANPAI_BUDGET_KEEP") {
        // For profiling a single process by hand (e.g. `perf record jianpai import FILE`).
        std::fs::copy(&input, &keep).expect("workbook kept");
    }
    let size = std::fs::metadata(&input).map_or(0, |m| m.len());
    println!(
        "生成清单工作簿：{:.2} s，{:.1} MB",
        t_gen.wall.as_secs_f64(),
        size as f64 / 1e6
    );

    // 3. The whole processes, as a user runs them (first, while this process is small).
    let (process_rows, memory) = process_budgets(&input, dir.path(), runs.max(5));
    let list = generator::big_list(n_sources);
    let mut rows = Vec::new();

    // 1. Import against calamine alone.
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (t, cells) = time(|| calamine_read_all(&input));
        assert!(cells > n_sources * 20, "calamine read {cells} cells");
        base.push(t);
        let (t, imported) = time(|| jianpai::import::read_workbook(&input));
        let imported = imported.expect("the generated workbook imports");
        let sources: usize = imported
            .list
            .enterprises
            .iter()
            .map(|e| e.sources.len())
            .sum();
        assert_eq!(sources, n_sources, "every source imported");
        ours.push(t);
    }
    rows.push(Row {
        name: "导入 import::read_workbook",
        ours: median(ours),
        baseline: Some(median(base)),
        limit: Limit::Ratio(2.0),
    });

    rows.extend(process_rows);

    // 2. The reduction check: batches of 10 calls, so that CPU time (10 ms ticks) resolves.
    let checks: Vec<Timing> = (0..runs * 3)
        .map(|_| {
            let (t, counts) = time(|| {
                (0..10)
                    .map(|_| jianpai::reduce::check(&list).counts.industrial_sources as usize)
                    .sum::<usize>()
            });
            assert_eq!(counts, 10 * n_sources);
            Timing {
                wall: t.wall / 10,
                cpu: t.cpu.map(|c| c / 10),
            }
        })
        .collect();
    rows.push(Row {
        name: "测算 reduce::check",
        ours: median(checks),
        baseline: None,
        limit: Limit::Time(Duration::from_millis(50)),
    });

    // 4. Export against rust_xlsxwriter alone writing the same cells, formats and merges.
    let out = dir.path().join("submission.xlsx");
    let same = dir.path().join("same.xlsx");
    let bare = dir.path().join("bare.xlsx");
    jianpai::export::write_submission(&list, &out).expect("export written");
    let sheets = read_cells(&out);
    let (mut ours, mut base, mut plain) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        base.push(time(|| xlsxwriter_write_same(&sheets, &same)).0);
        plain.push(time(|| xlsxwriter_write_bare(&sheets, &bare)).0);
        ours.push(
            time(|| jianpai::export::write_submission(&list, &out).expect("export written")).0,
        );
    }
    let ours = median(ours);
    let plain = median(plain);
    let mb = |p: &Path| std::fs::metadata(p).map_or(0.0, |m| m.len() as f64 / 1e6);
    println!(
        "导出文件 {:.1} MB；基线（同样的单元格、格式与合并）{:.1} MB；\
         参考：不带格式与合并的裸写 {:.1} MB，{:.2} s CPU，导出为其 {:.2} 倍（仅供参考，不作判定）",
        mb(&out),
        mb(&same),
        mb(&bare),
        plain.judged().as_secs_f64(),
        ours.judged().as_secs_f64() / plain.judged().as_secs_f64()
    );
    rows.push(Row {
        name: "导出 export::write_submission",
        ours,
        baseline: Some(median(base)),
        limit: Limit::Ratio(2.0),
    });

    print_table(&rows);
    let memory_ok = memory.iter().all(|(name, ratio)| {
        let ok = *ratio <= 1.3;
        println!(
            "峰值内存 {name}：calamine 的 {ratio:.2} 倍（上限 1.3 倍）{}",
            if ok { "达标" } else { "超出" }
        );
        ok
    });
    if rows.iter().all(Row::ok) && memory_ok {
        ExitCode::SUCCESS
    } else {
        eprintln!("有性能预算未达到（见上表“超出”行）");
        ExitCode::FAILURE
    }
}

fn print_table(rows: &[Row]) {
    let secs = |d: Duration| {
        if d < Duration::from_secs(1) {
            format!("{:.1} ms", d.as_secs_f64() * 1e3)
        } else {
            format!("{:.2} s", d.as_secs_f64())
        }
    };
    let cpu = |t: Timing| t.cpu.map_or("—".to_string(), secs);
    let times = |t: Option<Timing>| {
        t.map_or("—".to_string(), |t| {
            format!("{} / {}", cpu(t), secs(t.wall))
        })
    };
    let ratio = |r: Option<f64>| r.map_or("—".to_string(), |x| format!("{x:.2}×"));
    println!();
    println!("时间为 CPU / 墙钟；判定按 CPU 时间");
    println!(
        "{:<30} {:>20} {:>20} {:>8} {:>8} {:>10}  结果",
        "预算", "本项目", "基线", "CPU倍数", "墙钟倍数", "上限"
    );
    for r in rows {
        let limit = match r.limit {
            Limit::Ratio(x) => format!("≤ {x:.1}×"),
            Limit::Time(d) => format!("≤ {}", secs(d)),
        };
        println!(
            "{:<30} {:>20} {:>20} {:>8} {:>8} {:>10}  {}",
            r.name,
            times(Some(r.ours)),
            times(r.baseline),
            ratio(r.ratio()),
            ratio(r.wall_ratio()),
            limit,
            if r.ok() { "达标" } else { "超出" }
        );
    }
}
