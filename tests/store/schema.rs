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

/// Writes `list` into a new store file at `path` and returns it as the store loads it back.
fn stored(path: &std::path::Path, list: &jianpai::model::List) -> jianpai::model::List {
    let mut store = Store::open(path).unwrap();
    store
        .import(list, jianpai::store::ImportMode::Replace)
        .unwrap();
    store.load().unwrap()
}

/// A file written before the episode tables existed (version 6: migrations 001–006) opens,
/// gains them and keeps its list exactly.
#[test]
fn a_file_without_episode_tables_upgrades_and_keeps_its_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let list = jianpai_samples::big_list(40);
    let before = stored(&path, &list);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        undo_snapshot_encoding(&conn);
        undo_measure_columns(&conn);
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

/// The migrations of version 1 to 7, as a file of that version was made.
const UP_TO_7: [&str; 7] = [
    include_str!("../../src/store/migrations/001_init.sql"),
    include_str!("../../src/store/migrations/002_fields.sql"),
    include_str!("../../src/store/migrations/003_county_baselines.sql"),
    include_str!("../../src/store/migrations/004_rules.sql"),
    include_str!("../../src/store/migrations/005_note.sql"),
    include_str!("../../src/store/migrations/006_revision.sql"),
    include_str!("../../src/store/migrations/007_episode.sql"),
];

/// A version-7 file, whose settings columns carried SQL defaults, with `sql` run on it.
fn version_7_file(path: &std::path::Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    for m in UP_TO_7 {
        conn.execute_batch(m).unwrap();
    }
    conn.execute_batch(sql).unwrap();
    conn.pragma_update(None, "user_version", 7).unwrap();
}

fn settings_row(path: &std::path::Path) -> (Option<f64>, Option<f64>, Option<bool>, Option<f64>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT target_yellow, target_red, so2_nox_trade, emission_tolerance FROM settings",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .unwrap()
}

/// The defaults are defined once, in the program: a new file stores no target, trade or
/// tolerance (NULL = not chosen) and reads the program's defaults.
#[test]
fn a_new_file_keeps_no_copy_of_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    let store = Store::open(&path).unwrap();
    let list = store.load().unwrap();
    assert_eq!(list.targets, jianpai::model::default_targets());
    assert_eq!(list.so2_nox_trade, jianpai::model::DEFAULT_TRADE);
    assert_eq!(
        store.emission_tolerance().unwrap(),
        jianpai::revision::DEFAULT_EMISSION_TOLERANCE
    );
    assert_eq!(
        store.episode_settings().unwrap(),
        jianpai::episode::EpisodeSettings::default()
    );
    drop(store);
    assert_eq!(settings_row(&path), (None, None, None, None));
    assert!(!std::fs::read_to_string(SNAPSHOT)
        .unwrap()
        .contains("DEFAULT 0.10"));
}

/// A version-7 file keeps every value its county chose; values equal to the old SQL defaults
/// read the same as before and become "not chosen".
#[test]
fn a_version_7_file_keeps_chosen_settings_and_forgets_copied_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("chosen.sqlite");
    version_7_file(
        &chosen,
        "UPDATE settings SET area = '甲县', target_yellow = 0.12, target_red = 0.25, \
         so2_nox_trade = 0, emission_tolerance = 0.1; \
         UPDATE episode_settings SET daily_quota = 8, daily_report_due = '09:00';",
    );
    let store = Store::open(&chosen).unwrap();
    let list = store.load().unwrap();
    assert_eq!(list.area, "甲县");
    assert_eq!(
        (list.targets.yellow, list.targets.orange, list.targets.red),
        (0.12, 0.20, 0.25)
    );
    assert!(!list.so2_nox_trade);
    assert_eq!(store.emission_tolerance().unwrap(), 0.1);
    let episode = store.episode_settings().unwrap();
    assert_eq!(
        (episode.daily_quota, episode.daily_report_due.as_str()),
        (8, "09:00")
    );
    assert_eq!(episode.notify_window_hours, 3.0);
    drop(store);
    assert_eq!(
        settings_row(&chosen),
        (Some(0.12), Some(0.25), Some(false), Some(0.1))
    );

    let silent = dir.path().join("silent.sqlite");
    version_7_file(&silent, "UPDATE settings SET area = '乙县';");
    let store = Store::open(&silent).unwrap();
    assert_eq!(
        store.load().unwrap().targets,
        jianpai::model::default_targets()
    );
    assert_eq!(
        store.schema_sql().unwrap(),
        std::fs::read_to_string(SNAPSHOT).unwrap()
    );
    drop(store);
    assert_eq!(settings_row(&silent), (None, None, None, None));
}

/// A file written before preferences existed (version 7: migrations 001–007) opens, gains the
/// table, applies the defaults and keeps its list.
#[test]
fn a_file_without_preferences_upgrades_to_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let list = jianpai_samples::big_list(10);
    let before = stored(&path, &list);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        undo_snapshot_encoding(&conn);
        undo_measure_columns(&conn);
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

const LEVELS: [&str; 3] = ["yellow", "orange", "red"];

/// The measure columns of one level, and the version-10 `measures` columns they came from.
fn measure_columns(level: &str) -> (String, &'static str) {
    let ours = [
        "text",
        "share",
        "so2",
        "nox",
        "pm",
        "vocs",
        "key_indicator",
        "prep_time",
        "owner_name",
        "owner_phone",
        "concentration_limit",
    ]
    .map(|f| format!("{level}_{f}"))
    .join(", ");
    let theirs = "text, share, amount_so2, amount_nox, amount_pm, amount_vocs, key_indicator, \
                  prep_time, owner_name, owner_phone, concentration_limit";
    (ours, theirs)
}

/// Turns a current file's sources back into the version-10 layout (migration 011 undone):
/// a `measures` table as migrations 001 and 002 made it, one row per level that says
/// anything — what version 10 wrote — and no measure columns on `sources`.
fn undo_measure_columns(conn: &rusqlite::Connection) {
    conn.execute_batch(
        "CREATE TABLE measures (
            source_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
            level         TEXT    NOT NULL CHECK (level IN ('yellow', 'orange', 'red')),
            text          TEXT    NOT NULL,
            share         REAL,
            amount_so2    REAL,
            amount_nox    REAL,
            amount_pm     REAL,
            amount_vocs   REAL,
            key_indicator TEXT    NOT NULL,
            prep_time     TEXT    NOT NULL,
            owner_name    TEXT    NOT NULL,
            owner_phone   TEXT    NOT NULL,
            PRIMARY KEY (source_id, level)
        ) WITHOUT ROWID;
        ALTER TABLE measures ADD COLUMN concentration_limit REAL;",
    )
    .unwrap();
    for level in LEVELS {
        let (ours, theirs) = measure_columns(level);
        let says_anything = ours
            .split(", ")
            .map(|c| format!("({c} IS NOT NULL AND {c} != '')"))
            .collect::<Vec<_>>()
            .join(" OR ");
        conn.execute_batch(&format!(
            "INSERT INTO measures (source_id, level, {theirs}) \
             SELECT id, '{level}', {ours} FROM sources WHERE {says_anything};"
        ))
        .unwrap();
        for column in ours.split(", ") {
            conn.execute_batch(&format!("ALTER TABLE sources DROP COLUMN {column};"))
                .unwrap();
        }
    }
}

/// A version-10 file, whose measures were rows of their own table, opens with every level of
/// every line's measure in its source row, exactly as it loaded before; the table is gone.
#[test]
fn a_file_with_a_measures_table_upgrades_and_keeps_every_measure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v10.sqlite");
    let mut list = jianpai_samples::big_list(60);
    // Levels that say nothing had no row in version 10.
    for e in list.enterprises.iter_mut().skip(1).step_by(2) {
        for line in &mut e.sources {
            line.measures.red = jianpai::model::Measure::default();
        }
    }
    // A level that says nothing but its concentration limit still has a row in version 10.
    let line = &mut list.enterprises[0].sources[0];
    line.measures.red = jianpai::model::Measure {
        concentration_limit: Some(35.0),
        ..Default::default()
    };
    let before = stored(&path, &list);
    let rows = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        undo_snapshot_encoding(&conn);
        undo_measure_columns(&conn);
        conn.pragma_update(None, "user_version", 10).unwrap();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let all_levels = count("SELECT count(*) FROM sources") * 3;
        let rows = count("SELECT count(*) FROM measures");
        assert!(rows > 0 && rows < all_levels, "{rows} of {all_levels}");
        rows
    };
    let store = Store::open(&path).unwrap();
    let after = store.load().unwrap();
    assert_eq!(after, before, "{rows} measure rows moved");
    assert_eq!(
        after.enterprises[0].sources[0]
            .measures
            .red
            .concentration_limit,
        Some(35.0)
    );
    assert_eq!(
        store.schema_sql().unwrap(),
        std::fs::read_to_string(SNAPSHOT).unwrap()
    );
}

/// Turns a current file's snapshots back into the version-11 layout (migration 012 undone):
/// no `encoding` column, every snapshot deflated JSON — so the file must hold none of the
/// MessagePack snapshots this version writes.
fn undo_snapshot_encoding(conn: &rusqlite::Connection) {
    let newer: i64 = conn
        .query_row(
            "SELECT count(*) FROM snapshots WHERE encoding != 'json'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(newer, 0, "a version-11 file holds only JSON snapshots");
    conn.execute_batch("ALTER TABLE snapshots DROP COLUMN encoding;")
        .unwrap();
}

/// A version-11 file's snapshots are deflated JSON: after the upgrade they read exactly as
/// before, and a snapshot taken afterwards (MessagePack) reads back beside them.
#[test]
fn a_version_11_files_json_snapshots_still_read() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.sqlite");
    let list = jianpai_samples::big_list(30);
    let old = stored(&path, &list).without_ids();
    {
        // What version 11 wrote: the list as deflated JSON, no encoding column.
        let conn = rusqlite::Connection::open(&path).unwrap();
        undo_snapshot_encoding(&conn);
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder
            .write_all(&serde_json::to_vec(&old).unwrap())
            .unwrap();
        let blob = encoder.finish().unwrap();
        conn.execute(
            "INSERT INTO snapshots (taken_at, kind, note, enterprises, sites, fleets, list) \
             VALUES ('2026-09-01T10:00:00+08:00', 'import', '旧.xlsx', 30, 0, 0, ?1)",
            [blob],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 11).unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let json_id = store.snapshots().unwrap()[0].id;
    assert_eq!(store.snapshot_list(json_id).unwrap(), old);
    let new_id = store
        .snapshot(jianpai::store::SnapshotKind::Save, "升级后")
        .unwrap();
    assert_eq!(store.snapshot_list(new_id).unwrap(), old);
    assert_eq!(
        store.schema_sql().unwrap(),
        std::fs::read_to_string(SNAPSHOT).unwrap()
    );
}
