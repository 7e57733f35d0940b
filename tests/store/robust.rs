//! The store says what is wrong instead of being missed or misread (issue 14).

use std::sync::{Arc, Barrier};

use jianpai::store::{ImportMode, Store, StoreError};

use crate::api::full_list;

#[test]
fn concurrent_first_opens_of_a_new_file_all_succeed() {
    for round in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let path = Arc::new(dir.path().join("list.sqlite"));
        let barrier = Arc::new(Barrier::new(6));
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let (path, barrier) = (Arc::clone(&path), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&path).map(|s| s.load().map(|l| l.enterprises.len()))
                })
            })
            .collect();
        for h in handles {
            let result = h.join().unwrap();
            assert!(
                matches!(result, Ok(Ok(0))),
                "round {round}: a first open failed: {result:?}"
            );
        }
    }
}

#[test]
fn open_existing_refuses_a_missing_file_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo.sqlite");
    let err = Store::open_existing(&path).unwrap_err();
    assert!(matches!(err, StoreError::Missing { .. }), "{err:?}");
    assert!(err.to_string().contains("no list at"));
    assert!(!path.exists());
}

#[test]
fn open_existing_reads_what_open_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    store_full_list(&path);
    let list = Store::open_existing(&path).unwrap().load().unwrap();
    assert_eq!(list.enterprises.len(), full_list().enterprises.len());
}

#[test]
fn a_damaged_store_is_reported_as_damaged_before_a_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    store_full_list(&path);
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() >= 3 * page);
    for b in &mut bytes[page..2 * page] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let result = Store::open(&path).and_then(|mut s| s.set_trade(true));
    let err = result.unwrap_err();
    assert!(
        matches!(err, StoreError::Damaged { .. }),
        "expected Damaged, got {err:?}"
    );
    assert!(err.to_string().contains("backup restore"));
    // The app starts the check when it opens the file; the first write takes its answer.
    let mut store = Store::open(&path).unwrap();
    store.verify_in_background();
    let err = store.set_trade(true).unwrap_err();
    assert!(
        matches!(err, StoreError::Damaged { .. }),
        "expected Damaged from the background check, got {err:?}"
    );
}

#[test]
fn a_sound_store_checked_in_the_background_takes_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    store_full_list(&path);
    let mut store = Store::open(&path).unwrap();
    store.verify_in_background();
    store.set_trade(false).unwrap();
    store.set_trade(true).unwrap();
    assert!(store.load().unwrap().so2_nox_trade);
    // In memory there is no file to check apart: the write checks itself.
    let mut memory = Store::open_in_memory().unwrap();
    memory.verify_in_background();
    memory.set_trade(false).unwrap();
    assert!(!memory.load().unwrap().so2_nox_trade);
}

#[test]
fn a_store_in_a_read_only_folder_can_still_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("share");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("list.sqlite");
    store_full_list(&path);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = folder.join("probe");
    let enforced = std::fs::write(&probe, b"x").is_err();
    let _ = std::fs::remove_file(&probe);
    let list = Store::open_existing(&path).map(|s| s.load());
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    let list = list.unwrap().unwrap();
    assert_eq!(list.enterprises.len(), full_list().enterprises.len());
    if !enforced {
        eprintln!("running as root: folder permissions are not enforced, only the read is checked");
    }
}

/// Writes the full sample list into a new data file at `path`.
fn store_full_list(path: &std::path::Path) {
    Store::open(path)
        .unwrap()
        .import(&full_list(), ImportMode::Replace)
        .unwrap();
}

/// Bytes in the store's write-ahead log beside `path` (0 when there is none).
fn log_bytes(path: &std::path::Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map_or(0, |m| m.len())
}

fn journal_mode(path: &std::path::Path) -> String {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

/// The first import into a new file writes straight into it (not a second time through the
/// log), with the indexes built after the rows, and the file is back in write-ahead-log mode
/// afterwards with the whole list.
#[test]
fn a_first_import_writes_straight_into_the_file_and_returns_to_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    let list = jianpai_samples::big_list(3000);
    let mut store = Store::open(&path).unwrap();
    store
        .import_recorded(&list, Default::default(), ImportMode::Merge, "大.xlsx")
        .unwrap();
    assert!(
        log_bytes(&path) < 200_000,
        "the list went through the log: {} bytes",
        log_bytes(&path)
    );
    assert_eq!(journal_mode(&path), "wal");
    let stored = store.load().unwrap();
    assert_eq!(stored.without_ids(), list.clone().without_ids());
    // The indexes, built after the rows, are the schema's own.
    assert_eq!(
        store.schema_sql().unwrap(),
        std::fs::read_to_string("tests/store/schema.snapshot.sql").unwrap()
    );
    let rows_in_index: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM enterprises INDEXED BY enterprises_name WHERE name > ''",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows_in_index, list.enterprises.len() as i64);
    let integrity: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    // The next import into the now full store goes through the log, as every write does.
    store.import(&list, ImportMode::Replace).unwrap();
    assert!(log_bytes(&path) > 1_000_000, "{}", log_bytes(&path));
}

/// Another program holding the new file open keeps it in the log: the first import then
/// goes through the log, without waiting, and both see the list.
#[test]
fn a_first_import_beside_another_reader_goes_through_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    let reader = Store::open(&path).unwrap();
    assert_eq!(reader.load().unwrap().enterprises.len(), 0);
    let list = jianpai_samples::big_list(3000);
    let mut store = Store::open(&path).unwrap();
    let started = std::time::Instant::now();
    store
        .import_recorded(&list, Default::default(), ImportMode::Merge, "大.xlsx")
        .unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(4));
    assert!(log_bytes(&path) > 1_000_000, "{}", log_bytes(&path));
    assert_eq!(journal_mode(&path), "wal");
    assert_eq!(
        reader.load().unwrap().without_ids(),
        list.clone().without_ids()
    );
}
