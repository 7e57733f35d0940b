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
