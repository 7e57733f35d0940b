//! What happens when the app starts: which data file to open (the CLI's: `JIANPAI_DB`, else
//! the platform data directory), and on first run which sample list to import.

use crate::commands::Shared;
use jianpai::app::{AppError, Session};
use jianpai::store::ImportMode;
use std::path::{Path, PathBuf};

/// WebKitGTK's switch for accelerated compositing (read once, when the first webview starts).
const COMPOSITING_SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Chooses how the webview paints, before any webview exists: without accelerated
/// compositing unless the environment already says (`WEBKIT_DISABLE_COMPOSITING_MODE=0`
/// keeps WebKit's default).
///
/// Why: measured with 20,000 enterprises in the real window (README, performance), composited
/// painting took ~90 ms for the frame after an edit and ~300 MB more memory in the web
/// process, against ~12 ms without; the laptops of county offices, virtual machines and the
/// domestic GPUs of UOS/Kylin machines are where composited WebKitGTK is slowest or draws
/// blank. The app is forms and tables: nothing in it needs the GPU. Only Linux has WebKitGTK.
pub fn choose_webview_painting() {
    if let Some(value) = compositing_switch(
        cfg!(target_os = "linux"),
        std::env::var_os(COMPOSITING_SWITCH),
    ) {
        // Called first thing in `run`, before any other thread of this process exists.
        std::env::set_var(COMPOSITING_SWITCH, value);
    }
}

/// The value to give [`COMPOSITING_SWITCH`], or `None` to leave the environment as it is:
/// on Linux, "1" unless it is already set (to anything).
fn compositing_switch(linux: bool, set: Option<std::ffi::OsString>) -> Option<&'static str> {
    (linux && set.is_none()).then_some("1")
}

/// The data file: `--db PATH` on the command line, else `JIANPAI_DB` when set, else the
/// platform default; the CLI resolves it the same way, so both see one list.
pub fn db_path(args: &[String]) -> PathBuf {
    let flag = args.iter().enumerate().skip(1).find_map(|(i, a)| {
        if a == "--db" {
            args.get(i + 1).cloned()
        } else {
            a.strip_prefix("--db=").map(str::to_string)
        }
    });
    jianpai::store::resolve_db_path(flag.filter(|f| !f.is_empty()).map(PathBuf::from))
}

/// The sample workbook asked for on the command line (the first argument that names a
/// spreadsheet) or by `JIANPAI_SAMPLE`.
pub fn requested_sample(args: &[String]) -> Option<PathBuf> {
    let from_args = args.iter().skip(1).find(|a| is_workbook(Path::new(a)));
    from_args.map(PathBuf::from).or_else(|| {
        std::env::var_os("JIANPAI_SAMPLE")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

fn is_workbook(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "xlsx" | "xlsm" | "xls" | "ods"
        )
    })
}

/// Sample list workbooks the first-run screen can offer: `sample-lists/` in the working
/// directory, next to the program, where the .deb installs them
/// (`/usr/share/jianpai/sample-lists`, beside `/usr/bin`), or in the source tree it was
/// built from.
pub fn sample_lists() -> Vec<PathBuf> {
    let mut dirs = vec![PathBuf::from("sample-lists")];
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        dirs.push(exe_dir.join("sample-lists"));
        dirs.push(exe_dir.join("../share/jianpai/sample-lists"));
    }
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-lists"));
    let mut found: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut here: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_workbook(p))
            .filter_map(|p| p.canonicalize().ok())
            .collect();
        here.sort();
        for p in here {
            if !found.contains(&p) {
                found.push(p);
            }
        }
    }
    found
}

/// Opens the data file named by `args` (see [`db_path`]) into a session, on a thread of its
/// own while the window starts ([`Shared::opening`]); a failure is kept for 设置 instead of
/// stopping the app. When the list is empty and a sample was asked for, imports it
/// (replace). The store's integrity check then starts in the background, so that the first
/// edit does not wait for it.
pub fn open_session(args: &[String]) -> Shared {
    let path = db_path(args);
    let sample = requested_sample(args);
    Shared::opening(move || {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let mut session = Session::open(&path).map_err(|e| (path.clone(), e.into()))?;
        if let Some(sample) = sample.filter(|_| session.is_empty()) {
            if let Err(e) = import_sample(&mut session, &sample) {
                eprintln!("示例清单 {} 未能导入：{e}", sample.display());
            }
        }
        session.store_mut().verify_in_background();
        Ok(session)
    })
}

/// The first-run sample is imported as 导入 imports (a snapshot noted with its name).
fn import_sample(session: &mut Session, sample: &Path) -> Result<(), AppError> {
    session.import(sample, ImportMode::Replace).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_without_compositing_unless_told_otherwise() {
        assert_eq!(compositing_switch(true, None), Some("1"));
        assert_eq!(
            compositing_switch(true, Some("0".into())),
            None,
            "the user's choice stays"
        );
        assert_eq!(compositing_switch(true, Some("1".into())), None);
        assert_eq!(
            compositing_switch(false, None),
            None,
            "only WebKitGTK reads it"
        );
    }

    #[test]
    fn finds_the_sample_argument() {
        let args = ["jianpai-app", "--flag", "示例县.xlsx"].map(String::from);
        assert_eq!(requested_sample(&args), Some(PathBuf::from("示例县.xlsx")));
        let args = ["jianpai-app", "readme.txt"].map(String::from);
        assert!(requested_sample(&args).is_none() || std::env::var_os("JIANPAI_SAMPLE").is_some());
    }

    #[test]
    fn the_db_flag_wins() {
        let args = ["jianpai-app", "--db", "/tmp/a.sqlite"].map(String::from);
        assert_eq!(db_path(&args), PathBuf::from("/tmp/a.sqlite"));
        let args = ["jianpai-app", "--db=/tmp/b.sqlite"].map(String::from);
        assert_eq!(db_path(&args), PathBuf::from("/tmp/b.sqlite"));
    }

    #[test]
    fn commands_wait_for_the_data_file_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("list.sqlite");
        let args = ["jianpai-app".to_string(), format!("--db={}", db.display())];
        let shared = open_session(&args);
        // The session is there for the first command, however soon it comes.
        let path = shared
            .with_sync(|s| Ok(s.db_path().map(Path::to_path_buf)))
            .expect("the session is open");
        assert_eq!(path, Some(db));
        shared
            .with_sync(|s| s.set_settings(s.snapshot().settings).map(drop))
            .expect("the first write passes the background check");
    }

    #[test]
    fn a_data_file_that_cannot_be_opened_is_explained_not_missing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("not-a-store.sqlite");
        std::fs::write(&db, "这不是数据文件").unwrap();
        let args = ["jianpai-app".to_string(), format!("--db={}", db.display())];
        let shared = open_session(&args);
        let err = shared.with_sync(|_| Ok(())).unwrap_err();
        assert_eq!(err.code, jianpai::app::ErrorCode::StoreClosed);
        let kept = shared.open_error.lock().unwrap().clone();
        let (path, why) = kept.expect("the failure is kept for 设置");
        assert_eq!(path, db);
        assert!(!why.message.is_empty());
    }

    #[test]
    fn recognises_workbook_extensions() {
        assert!(is_workbook(Path::new("a.XLSX")));
        assert!(is_workbook(Path::new("b.ods")));
        assert!(!is_workbook(Path::new("c.csv")));
    }
}
