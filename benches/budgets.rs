//! Performance budgets of the issues, each measured side by side with its baseline in one run:
//!
//! 1. import of a 60,000-source workbook (`jianpai::import::read_workbook`) ≤ 2 × calamine
//!    alone reading every cell of the same workbook (`open_workbook_auto` + `worksheet_range`
//!    for every sheet);
//! 2. `jianpai::reduce::check` over the 60,000-source list ≤ 50 ms;
//! 3. export (`jianpai::export::write_submission`) ≤ 2 × rust_xlsxwriter alone writing the
//!    same cells in `constant_memory` mode.
//!
//! Run with `cargo bench --bench budgets` (release build). Environment:
//! `JIANPAI_BUDGET_SOURCES` (default 60000), `JIANPAI_BUDGET_RUNS` (runs of the slow budgets,
//! default 3; `check` runs 7 times as many). Prints a table and exits non-zero when a budget
//! is exceeded. Medians, with the runs of ours and of the baseline interleaved so that a
//! busy machine slows both alike. Both wall time and process CPU time (user + system, from
//! `/proc/self/stat`) are shown; the verdict uses CPU time where the system reports it,
//! because these machines are shared and wall time then measures the neighbours' builds.

#[path = "../sample-lists/generator/mod.rs"]
mod generator;

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use calamine::{open_workbook_auto, Data, Reader};
use rust_xlsxwriter::{Format, FormatBorder, Workbook};

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

/// Every sheet of a workbook as (name, cells), to be written again by the baseline.
type Cells = Vec<(String, Vec<(u32, u32, Data)>)>;

fn read_cells(path: &Path) -> Cells {
    let mut wb = open_workbook_auto(path).expect("calamine opens the export");
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("sheet readable");
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells = range
                .used_cells()
                .map(|(r, c, d)| (r0 + r as u32, c0 + c as u32, d.clone()))
                .collect();
            (name, cells)
        })
        .collect()
}

/// rust_xlsxwriter alone, `constant_memory`: the same cells, no formats, no merges. With
/// `formatted`, every cell gets a bordered text or number format as a formatted export needs
/// (a reference figure, not a budget).
fn xlsxwriter_write_all(cells: &Cells, path: &Path, formatted: bool) {
    let text = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.000");
    let mut wb = Workbook::new();
    for (name, sheet) in cells {
        let ws = wb
            .add_worksheet_with_constant_memory()
            .expect("temp file for constant memory");
        ws.set_name(name).expect("sheet name");
        for (r, c, d) in sheet {
            let c = *c as u16;
            let result = match d {
                Data::String(s) if formatted => {
                    ws.write_string_with_format(*r, c, s, &text).map(|_| ())
                }
                Data::Float(v) if formatted => {
                    ws.write_number_with_format(*r, c, *v, &number).map(|_| ())
                }
                Data::String(s) => ws.write_string(*r, c, s).map(|_| ()),
                Data::Float(v) => ws.write_number(*r, c, *v).map(|_| ()),
                Data::Int(v) => ws.write_number(*r, c, *v as f64).map(|_| ()),
                Data::Bool(v) => ws.write_boolean(*r, c, *v).map(|_| ()),
                Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    ws.write_string(*r, c, s).map(|_| ())
                }
                Data::DateTime(v) => ws.write_number(*r, c, v.as_f64()).map(|_| ()),
                Data::Error(_) | Data::Empty => Ok(()),
            };
            result.expect("cell written");
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

fn main() -> ExitCode {
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
    let (t_gen, list) =
        time(|| generator::big_list_workbook(&input, n_sources).expect("big workbook written"));
    let size = std::fs::metadata(&input).map_or(0, |m| m.len());
    println!(
        "生成清单工作簿：{:.2} s，{:.1} MB",
        t_gen.wall.as_secs_f64(),
        size as f64 / 1e6
    );

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

    // 3. Export against rust_xlsxwriter alone writing the same cells.
    let out = dir.path().join("submission.xlsx");
    let plain = dir.path().join("plain.xlsx");
    jianpai::export::write_submission(&list, &out).expect("export written");
    let cells = read_cells(&out);
    let (mut ours, mut base, mut styled) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        base.push(time(|| xlsxwriter_write_all(&cells, &plain, false)).0);
        styled.push(time(|| xlsxwriter_write_all(&cells, &plain, true)).0);
        ours.push(
            time(|| jianpai::export::write_submission(&list, &out).expect("export written")).0,
        );
    }
    let ours = median(ours);
    rows.push(Row {
        name: "导出 export::write_submission",
        ours,
        baseline: Some(median(base)),
        limit: Limit::Ratio(2.0),
    });
    let styled = median(styled);
    println!(
        "参考：rust_xlsxwriter 逐格带格式写入同样的单元格 {:.2} s CPU，导出为其 {:.2} 倍",
        styled.judged().as_secs_f64(),
        ours.judged().as_secs_f64() / styled.judged().as_secs_f64()
    );

    print_table(&rows);
    if rows.iter().all(Row::ok) {
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
