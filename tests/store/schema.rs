//! The migrations must produce exactly the schema recorded in `schema.snapshot.sql`.
//! A schema change is then a visible diff in review; set `UPDATE_SNAPSHOT=1` to rewrite the
//! snapshot after an intended change (and add a new migration, never edit an old one).

use jianpai::store::{schema_version, Store, APPLICATION_ID};

const SNAPSHOT: &str = "tests/store/schema.snapshot.sql";

#[test]
fn migrations_produce_the_recorded_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    let store = Store::open(&path).unwrap();
    let schema = store.schema_sql().unwrap();
    if std::env::var_os("UPDATE_SNAPSHOT").is_some() {
        std::fs::write(SNAPSHOT, &schema).unwrap();
    }
    let expected = std::fs::read_to_string(SNAPSHOT).expect("snapshot present");
    assert_eq!(schema, expected, "schema differs from {SNAPSHOT}");

    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version());
    assert_eq!(app_id, APPLICATION_ID);
}

#[test]
fn reopening_a_current_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    let first = Store::open(&path).unwrap().schema_sql().unwrap();
    let second = Store::open(&path).unwrap().schema_sql().unwrap();
    assert_eq!(first, second);
}

/// A file written before the episode tables existed (version 6: migrations 001–006) opens,
/// gains them and keeps its list exactly.
#[test]
fn a_file_without_episode_tables_upgrades_and_keeps_its_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let list = jianpai_samples::big_list(40);
    let before = {
        let mut store = Store::open(&path).unwrap();
        store
            .import(&list, jianpai::store::ImportMode::Replace)
            .unwrap();
        store.load().unwrap()
    };
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE power_readings; DROP TABLE inspection_photos; DROP TABLE inspections;
             DROP TABLE confirmations; DROP TABLE notices; DROP TABLE episode_levels;
             DROP TABLE episodes; DROP TABLE episode_settings; DROP TABLE preferences;",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 6).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.load().unwrap(), before);
    assert_eq!(store.open_episode_id().unwrap(), None);
    assert_eq!(store.episode_settings().unwrap().daily_quota, 5);
    let expected = std::fs::read_to_string(SNAPSHOT).unwrap();
    assert_eq!(store.schema_sql().unwrap(), expected);
}

/// A file written before preferences existed (version 7: migrations 001–007) opens, gains the
/// table, applies the defaults and keeps its list.
#[test]
fn a_file_without_preferences_upgrades_to_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let list = jianpai_samples::big_list(10);
    let before = {
        let mut store = Store::open(&path).unwrap();
        store
            .import(&list, jianpai::store::ImportMode::Replace)
            .unwrap();
        store.load().unwrap()
    };
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("DROP TABLE preferences;").unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.load().unwrap(), before);
    assert_eq!(
        store.preferences().unwrap(),
        jianpai::store::Preferences::default()
    );
    store
        .set_preference(jianpai::store::PreferenceKey::KeepBackups, 3.0)
        .unwrap();
    assert_eq!(store.preferences().unwrap().keep_backups, 3);
}
