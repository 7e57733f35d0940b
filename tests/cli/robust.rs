//! Nothing lost, nothing hangs (issue 14) as the command line shows it: output files are the
//! old one or the complete new one even when the program is killed, a batch reports every
//! failure, and the store is never silently created, misread or written while damaged.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use assert_cmd::Command;
use jianpai::store::Store;
use rand::{Rng, SeedableRng};

const SAMPLE: &str = "sample-lists/洹水县-2026-模板甲.xlsx";

fn jianpai() -> Command {
    let mut cmd = Command::cargo_bin("jianpai").unwrap();
    cmd.env_remove("JIANPAI_DB");
    cmd
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)
}

/// A store holding the first sample list.
fn imported(dir: &Path) -> PathBuf {
    let db = dir.join("list.sqlite");
    jianpai()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(sample())
        .assert()
        .code(0);
    db
}

/// Whether `path` is a complete zip package (xlsx/docx) whose every part can be read back:
/// what a half-written file is not.
fn complete_package(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return false;
    };
    (0..zip.len()).all(|i| {
        let mut buf = Vec::new();
        zip.by_index(i)
            .map(|mut part| part.read_to_end(&mut buf).is_ok())
            .unwrap_or(false)
    })
}

/// Starts `args` and kills it (SIGKILL) after `delay`, or lets it finish if it is faster.
fn kill_after(db: &Path, args: &[&std::ffi::OsStr], delay: Duration) {
    let mut child = std::process::Command::new(cargo_bin("jianpai"))
        .env_remove("JIANPAI_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    child.wait().unwrap();
}

fn timed(db: &Path, args: &[&std::ffi::OsStr]) -> Duration {
    let start = Instant::now();
    jianpai().arg("--db").arg(db).args(args).assert().code(0);
    start.elapsed()
}

#[test]
fn killing_export_at_twenty_random_moments_never_leaves_a_broken_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let out = dir.path().join("报送清单.xlsx");
    let args = [std::ffi::OsStr::new("export"), out.as_os_str()];
    let took = timed(&db, &args);
    let good = std::fs::read(&out).unwrap();
    assert!(complete_package(&out));
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
    let span = took.as_micros() as u64 * 12 / 10;
    for round in 0..20 {
        let delay = Duration::from_micros(rng.random_range(0..=span));
        kill_after(&db, &args, delay);
        let now = std::fs::read(&out).unwrap();
        assert!(
            now == good || complete_package(&out),
            "round {round}: killed after {delay:?} (export takes {took:?}), the target is broken"
        );
    }
}

#[test]
fn killing_board_all_leaves_every_board_complete() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let boards = dir.path().join("公示牌");
    let args = [
        std::ffi::OsStr::new("board"),
        "--all".as_ref(),
        boards.as_os_str(),
    ];
    let took = timed(&db, &args);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(41);
    let span = took.as_micros() as u64;
    for round in 0..8 {
        let delay = Duration::from_micros(rng.random_range(0..=span));
        kill_after(&db, &args, delay);
        for entry in std::fs::read_dir(&boards).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "docx") {
                assert!(
                    complete_package(&path),
                    "round {round}: {} is broken after a kill at {delay:?}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn board_all_cuts_long_names_and_writes_every_board() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    {
        let mut store = Store::open(&db).unwrap();
        let list = store.load().unwrap();
        for e in list.enterprises.iter().take(2) {
            let mut long = e.clone();
            long.name = "很长的企业名称".repeat(20);
            store.save_enterprise(&long).unwrap();
        }
    }
    let total = {
        let list = Store::open(&db).unwrap().load().unwrap();
        jianpai::docs::board::all_boards(&list).len()
    };
    let boards = dir.path().join("boards");
    jianpai()
        .arg("--db")
        .arg(&db)
        .args(["board", "--all"])
        .arg(&boards)
        .assert()
        .code(0);
    let names: Vec<String> = std::fs::read_dir(&boards)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.len(),
        total,
        "one board per enterprise, transport-only fleet and site"
    );
    for name in &names {
        assert!(name.len() <= 255, "{name} is {} bytes", name.len());
        assert!(name.ends_with("-公示牌.docx"));
    }
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("很长的企业名称"))
            .count(),
        2,
        "the two long names stay distinct"
    );
}

#[test]
fn board_all_reports_every_failure_and_writes_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let list = Store::open(&db).unwrap().load().unwrap();
    let boards = dir.path().join("boards");
    std::fs::create_dir_all(&boards).unwrap();
    // A folder where two boards would go: those two cannot be written, the rest must be.
    let blocked: Vec<String> = list
        .enterprises
        .iter()
        .take(2)
        .map(|e| format!("{}-公示牌.docx", e.name))
        .collect();
    for name in &blocked {
        std::fs::create_dir(boards.join(name)).unwrap();
    }
    let output = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["board", "--all"])
        .arg(&boards)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("2 个文件未能写入"), "{err}");
    for name in &blocked {
        assert!(err.contains(name.as_str()), "{err} names {name}");
    }
    let docx = std::fs::read_dir(&boards)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_file())
        .count();
    assert_eq!(docx, jianpai::docs::board::all_boards(&list).len() - 2);
}

#[test]
fn a_failed_export_leaves_the_target_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    // A non-empty folder under the target name: the final rename fails, after the whole
    // workbook was written to the temporary file.
    let blocked = dir.path().join("blocked.xlsx");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("inside"), b"x").unwrap();
    jianpai()
        .arg("--db")
        .arg(&db)
        .arg("export")
        .arg(&blocked)
        .assert()
        .code(1);
    assert!(blocked.join("inside").exists());
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0, "the temporary file is removed");
}

#[test]
fn reading_commands_refuse_a_store_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.sqlite");
    let out = dir.path().join("out.xlsx");
    for args in [
        vec!["check".to_string()],
        vec!["review".to_string()],
        vec!["export".to_string(), out.to_string_lossy().into_owned()],
        vec![
            "note".to_string(),
            dir.path().join("n.docx").display().to_string(),
        ],
        vec![
            "board".to_string(),
            "--all".to_string(),
            dir.path().join("b").display().to_string(),
        ],
    ] {
        let output = jianpai().arg("--db").arg(&db).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(err.contains("no list at"), "{args:?}: {err}");
    }
    assert!(!db.exists(), "no empty store is created");
    assert!(!out.exists());
}

#[test]
fn a_uri_looking_path_is_a_plain_file() {
    let dir = tempfile::tempdir().unwrap();
    let name = "file:x?mode=memory";
    jianpai()
        .current_dir(dir.path())
        .args(["--db", name, "import"])
        .arg(sample())
        .assert()
        .code(0);
    assert!(
        dir.path().join(name).is_file(),
        "the list went into that file"
    );
    jianpai()
        .current_dir(dir.path())
        .args(["--db", name, "check", "--json"])
        .assert()
        .stdout(predicates::str::contains("\"levels\""));
}

#[test]
fn an_empty_jianpai_db_counts_as_unset() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let code = jianpai()
        .env("JIANPAI_DB", "")
        .arg("--db")
        .arg(&db)
        .arg("review")
        .output()
        .unwrap()
        .status
        .code();
    assert!(matches!(code, Some(0 | 3)), "{code:?}");
}

#[test]
fn importing_into_a_damaged_store_says_it_is_damaged_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    // Scribble over the middle of the file (not the header): b-tree pages become garbage.
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(
        bytes.len() > 3 * 4096,
        "the sample list spans several pages"
    );
    for b in &mut bytes[2 * 4096..3 * 4096] {
        *b = 0x5A;
    }
    std::fs::write(&db, &bytes).unwrap();
    let output = jianpai()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("已损坏") && err.contains("backup restore"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing written");
}

fn backups_schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/backups.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn an_import_over_a_list_is_backed_up_and_can_be_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let before = Store::open(&db).unwrap().load().unwrap();
    // A second, different list imported with --replace: the first is backed up before.
    let other = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-lists/淇河县-2026-模板乙.xlsx");
    jianpai()
        .arg("--db")
        .arg(&db)
        .args(["import", "--replace"])
        .arg(&other)
        .assert()
        .code(0);
    assert_ne!(Store::open(&db).unwrap().load().unwrap(), before);

    let output = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["backup", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors: Vec<String> = backups_schema()
        .iter_errors(&list)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let import_backup = list
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["reason"] == "import")
        .expect("a backup before the import");
    let file = import_backup["path"].as_str().unwrap();

    jianpai()
        .arg("--db")
        .arg(&db)
        .args(["backup", "restore", file])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("已从备份"));
    assert_eq!(Store::open(&db).unwrap().load().unwrap(), before);
    // The state before the restore was kept too.
    let text = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["backup", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("恢复前"));
}

#[test]
fn restoring_from_a_file_that_is_no_store_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let before = std::fs::read(&db).unwrap();
    let bogus = dir.path().join("bogus.sqlite");
    std::fs::write(&bogus, "不是数据库".repeat(500)).unwrap();
    let output = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["backup", "restore"])
        .arg(&bogus)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("不是 jianpai 数据文件"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let missing = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["backup", "restore", "没有这个备份.sqlite"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}
