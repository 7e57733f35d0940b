//! A fuzz test of the importer that runs on stable Rust in CI (issue 14).
//!
//! The committed sample workbooks are mutated — bytes inside the sheet XML, the shared
//! strings, the merged regions, cell references, and the zip container itself — and each
//! mutant is imported by the real `jianpai` binary (`import --dry-run`) in a child process
//! under a memory limit (`prlimit --as`) and a wall-clock limit. The only acceptable outcomes
//! are exit 0 (read), 3 or 65 (refused with a message): a panic (101), an abort or a kill by a
//! signal, or a time-out is a finding. Every finding is written to `tests/fuzz/crashers/` and,
//! once committed, replayed by every later run before any new mutant.
//!
//! `JIANPAI_FUZZ_SECS` sets how long to mutate (default 20 s; `scripts/test.sh` gives 150 s);
//! `JIANPAI_FUZZ_SEED` replays one run.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Address-space limit of one import: far above what a sample needs (~100 MB), far below the
/// machine (a runaway allocation is a finding, not a swap storm).
const MEMORY_LIMIT: u64 = 2 << 30;
/// Wall-clock limit of one import of a ~100 KB workbook (debug build, busy machine).
const TIME_LIMIT: Duration = Duration::from_secs(30);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn crashers_dir() -> PathBuf {
    root().join("tests/fuzz/crashers")
}

/// The outcome of importing one file: `Ok` for an accepted exit code, else why not.
fn import(file: &Path) -> Result<(), String> {
    let bin = assert_cmd::cargo::cargo_bin("jianpai");
    let mut cmd = if Path::new("/usr/bin/prlimit").exists() {
        let mut c = Command::new("/usr/bin/prlimit");
        c.arg(format!("--as={MEMORY_LIMIT}")).arg("--").arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    let mut child = cmd
        .env_remove("JIANPAI_DB")
        .env("RUST_BACKTRACE", "0")
        .args(["import", "--dry-run"])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start: {e}"))?;
    let mut stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("no answer within {TIME_LIMIT:?}"));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let text = reader.join().unwrap_or_default();
    match status.code() {
        Some(0 | 3 | 65) if !text.contains("panicked") => Ok(()),
        Some(code) => Err(format!(
            "exit {code}: {}",
            text.chars().take(600).collect::<String>()
        )),
        None => Err(format!("killed by a signal (abort or memory): {status:?}")),
    }
}

/// The parts of a package, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a sample is a zip");
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            part.read_to_end(&mut data).unwrap();
            (part.name().unwrap().to_string(), data)
        })
        .collect()
}

fn zip_up(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        out.start_file(name.as_str(), opts).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Bytes that make XML and numbers interesting.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"\"",
    b"&",
    b"&amp;",
    b"]]>",
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"9999999999",
    b"1E+308",
    b"-1",
    b"NaN",
    b"inf",
    b"\xE4\xB8",
    b"\0",
    b"<mergeCell ref=\"A1:XFD1048576\"/>",
    b"<row r=\"4294967295\">",
    b"t=\"s\"",
    b"<v>99999999</v>",
    b"<si><t>",
    b"</t></si>",
    b"r=\"A0\"",
    b"r=\"ZZZZ1\"",
];

/// One mutation of a sample: inside a chosen part, or of the zip container.
fn mutate(rng: &mut ChaCha8Rng, sample: &[u8]) -> Vec<u8> {
    let mut parts = unzip(sample);
    if rng.random_bool(0.15) {
        // The container: flip bytes anywhere, most often in the headers at the ends.
        let mut bytes = sample.to_vec();
        for _ in 0..rng.random_range(1..8) {
            let at = if rng.random_bool(0.5) {
                bytes.len() - 1 - rng.random_range(0..bytes.len().min(200))
            } else {
                rng.random_range(0..bytes.len())
            };
            bytes[at] = rng.random();
        }
        return bytes;
    }
    let targets: Vec<usize> = parts
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| n.ends_with(".xml"))
        .map(|(i, _)| i)
        .collect();
    let weighted: Vec<usize> = targets
        .iter()
        .copied()
        .filter(|i| {
            let n = &parts[*i].0;
            n.contains("worksheets/") || n.contains("sharedStrings") || n.contains("workbook.xml")
        })
        .collect();
    let i = *weighted
        .choose(rng)
        .or(targets.choose(rng))
        .expect("xml parts");
    let data = &mut parts[i].1;
    for _ in 0..rng.random_range(1..6) {
        match rng.random_range(0..6) {
            0 => {
                let at = rng.random_range(0..data.len());
                data[at] = rng.random();
            }
            1 => {
                let at = rng.random_range(0..=data.len());
                let token = TOKENS.choose(rng).unwrap();
                data.splice(at..at, token.iter().copied());
            }
            2 => {
                // Cut a piece out (broken tags, truncated files).
                let at = rng.random_range(0..data.len());
                let len = rng.random_range(1..64).min(data.len() - at);
                data.drain(at..at + len);
            }
            3 => {
                // Grow a number in a cell reference or value: r="B12" → r="B12999999…".
                let digits: Vec<usize> = (0..data.len())
                    .filter(|&k| data[k].is_ascii_digit())
                    .collect();
                if let Some(&at) = digits.choose(rng) {
                    let extra: Vec<u8> = (0..rng.random_range(1..12))
                        .map(|_| b'0' + rng.random_range(0..10))
                        .collect();
                    data.splice(at..at, extra);
                }
            }
            4 => {
                // Repeat a merge or a row many times.
                let text = String::from_utf8_lossy(data).into_owned();
                let pick = ["<mergeCell ", "<row ", "<c ", "<si>"]
                    .choose(rng)
                    .copied()
                    .unwrap();
                if let Some(start) = text.find(pick) {
                    if let Some(len) = text[start..].find('>') {
                        let piece = text[start..start + len + 1].to_string();
                        if pick == "<mergeCell " || pick == "<c " {
                            let copies = piece.repeat(rng.random_range(2..3000));
                            data.splice(start..start, copies.into_bytes());
                        }
                    }
                }
            }
            _ => {
                // Truncate the part.
                let keep = rng.random_range(0..data.len());
                data.truncate(keep);
            }
        }
        if data.is_empty() {
            data.push(b'<');
        }
    }
    zip_up(&parts)
}

fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = root().join("sample-lists");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "the sample workbooks are committed");
    out
}

#[test]
fn past_crashers_are_refused_cleanly() {
    let mut failures = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(crashers_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xlsx") {
            seen += 1;
            if let Err(why) = import(&path) {
                failures.push(format!("{}: {why}", path.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {seen} crashers fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn mutated_samples_never_crash_hang_or_run_out_of_memory() {
    let secs: u64 = std::env::var("JIANPAI_FUZZ_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("JIANPAI_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let samples = samples();
    let work = tempfile::tempdir().unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let (mut runs, mut findings) = (0usize, Vec::new());
    while Instant::now() < deadline {
        let (name, sample) = samples.choose(&mut rng).unwrap();
        let mutant = mutate(&mut rng, sample);
        let file = work.path().join(format!("mutant-{runs}.xlsx"));
        std::fs::write(&file, &mutant).unwrap();
        runs += 1;
        if let Err(why) = import(&file) {
            let keep = crashers_dir().join(format!("seed{seed}-run{runs}.xlsx"));
            std::fs::write(&keep, &mutant).unwrap();
            findings.push(format!("{name} → {}: {why}", keep.display()));
        }
        let _ = std::fs::remove_file(&file);
    }
    eprintln!(
        "fuzz: seed {seed}, {runs} mutants in {secs} s, {} findings",
        findings.len()
    );
    assert!(runs > 0);
    assert!(
        findings.is_empty(),
        "seed {seed}: {} findings (kept as fixtures; commit them):\n{}",
        findings.len(),
        findings.join("\n")
    );
}
