//! The episode 台账 in the store (`migrations/002_episode.sql`): episodes and their level
//! timeline, notices with their copies, confirmations, inspections with photos, electricity
//! readings. Records are only added (an inspection is corrected by a new record naming the
//! old one); nothing here touches the list's tables.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{Store, StoreError};
use crate::episode::{
    parse_time, show_time, Addressee, Episode, EpisodeSettings, Inspection, InspectionResult,
    LevelChange, Notice, NoticeDraft, Reading, Time,
};
use crate::model::{Contact, Level};

/// The facts of a start (预警启动).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EpisodeStart {
    /// 发布机关.
    pub issuer: String,
    /// 文号.
    pub doc_no: String,
    /// 主要污染物.
    pub pollutant: String,
    /// 预计解除时间.
    pub expected_end: Option<Time>,
}

/// A new inspection record (its photos already copied into the data folder).
#[derive(Clone, Debug, PartialEq)]
pub struct NewInspection {
    /// The record, id ignored.
    pub record: Inspection,
    /// Original file names of the photos, in the order of `record.photos`.
    pub photo_names: Vec<String>,
}

fn corrupt(table: &'static str, column: &'static str, value: String) -> StoreError {
    StoreError::Corrupt {
        table,
        column,
        value,
    }
}

fn time_of(table: &'static str, column: &'static str, text: String) -> Result<Time, StoreError> {
    parse_time(&text).map_err(|_| corrupt(table, column, text))
}

fn level_of(text: String) -> Result<Level, StoreError> {
    Level::ALL
        .into_iter()
        .find(|l| l.key() == text)
        .ok_or_else(|| corrupt("episode_levels", "level", text))
}

fn addressee_of(table: &'static str, text: String) -> Result<Addressee, StoreError> {
    match text.as_str() {
        "enterprise" => Ok(Addressee::Enterprise),
        "site" => Ok(Addressee::Site),
        _ => Err(corrupt(table, "kind", text)),
    }
}

/// Inserts a level change and its round of notices; returns the level change's id.
fn insert_round(
    tx: &Transaction<'_>,
    episode: i64,
    level: Level,
    at: Time,
    doc_no: &str,
    drafts: &[NoticeDraft],
    window_hours: f64,
) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO episode_levels (episode_id, level, at, doc_no) VALUES (?1, ?2, ?3, ?4)",
        params![episode, level.key(), show_time(at), doc_no],
    )?;
    let level_id = tx.last_insert_rowid();
    let deadline = at + chrono::Duration::seconds((window_hours * 3600.0).round() as i64);
    let mut stmt = tx.prepare(
        "INSERT INTO notices (level_id, kind, key, name, code, county, town, responsible_name, \
         responsible_phone, measures, deadline) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
    )?;
    for d in drafts {
        let measures = serde_json::to_string(&d.measures).expect("strings serialise");
        stmt.execute(params![
            level_id,
            d.addressee().key(),
            d.key,
            d.name,
            d.code,
            d.county,
            d.town,
            d.responsible.name,
            d.responsible.phone,
            measures,
            show_time(deadline),
        ])?;
    }
    Ok(level_id)
}

impl Store {
    /// The episode settings (notification window, daily quota, standby load, tolerance …).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read.
    pub fn episode_settings(&self) -> Result<EpisodeSettings, StoreError> {
        Ok(self.conn.query_row(
            "SELECT notify_window_hours, daily_quota, standby_load, power_tolerance, \
             daily_report_due, evaluation_due_days FROM episode_settings",
            [],
            // NULL: not chosen for this list; the program's default applies.
            |r| {
                let d = EpisodeSettings::default();
                Ok(EpisodeSettings {
                    notify_window_hours: r
                        .get::<_, Option<f64>>(0)?
                        .unwrap_or(d.notify_window_hours),
                    daily_quota: r
                        .get::<_, Option<i64>>(1)?
                        .map_or(d.daily_quota, |n| n.max(0) as usize),
                    standby_load: r.get::<_, Option<f64>>(2)?.unwrap_or(d.standby_load),
                    power_tolerance: r.get::<_, Option<f64>>(3)?.unwrap_or(d.power_tolerance),
                    daily_report_due: r.get::<_, Option<String>>(4)?.unwrap_or(d.daily_report_due),
                    evaluation_due_days: r
                        .get::<_, Option<i64>>(5)?
                        .map_or(d.evaluation_due_days, |n| n.max(0) as u32),
                })
            },
        )?)
    }

    /// Replaces the episode settings (one row). They apply from the next round, plan or
    /// report on: a notice keeps the deadline it was issued with.
    ///
    /// # Errors
    /// Any write error; the store is then unchanged.
    pub fn set_episode_settings(&mut self, s: &EpisodeSettings) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE episode_settings SET notify_window_hours = ?1, daily_quota = ?2, \
                 standby_load = ?3, power_tolerance = ?4, daily_report_due = ?5, \
                 evaluation_due_days = ?6 WHERE id = 1",
                params![
                    s.notify_window_hours,
                    s.daily_quota as i64,
                    s.standby_load,
                    s.power_tolerance,
                    s.daily_report_due,
                    i64::from(s.evaluation_due_days)
                ],
            )?;
            Ok(())
        })
    }

    /// The open episode's id, if one is open.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read.
    pub fn open_episode_id(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM episodes WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Every episode's id, newest first.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read.
    pub fn episode_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM episodes ORDER BY id DESC")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    /// An episode with everything recorded under it; `None` for an unknown id.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read, [`StoreError::Corrupt`] for a value
    /// this program did not write.
    pub fn load_episode(&self, id: i64) -> Result<Option<Episode>, StoreError> {
        load_episode(&self.conn, id)
    }

    /// Opens an episode at `level` from `at` and issues its first round of notices. The caller
    /// has checked that none is open.
    ///
    /// # Errors
    /// Any write error; the store is then unchanged.
    pub fn start_episode(
        &mut self,
        start: &EpisodeStart,
        level: Level,
        at: Time,
        drafts: &[NoticeDraft],
        window_hours: f64,
    ) -> Result<i64, StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO episodes (issuer, doc_no, pollutant, expected_end) \
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    start.issuer,
                    start.doc_no,
                    start.pollutant,
                    start.expected_end.map(show_time)
                ],
            )?;
            let id = tx.last_insert_rowid();
            insert_round(tx, id, level, at, &start.doc_no, drafts, window_hours)?;
            Ok(id)
        })
    }

    /// Records an adjustment and issues its round of notices.
    ///
    /// # Errors
    /// Any write error; the store is then unchanged.
    pub fn adjust_episode(
        &mut self,
        episode: i64,
        level: Level,
        at: Time,
        doc_no: &str,
        drafts: &[NoticeDraft],
        window_hours: f64,
    ) -> Result<i64, StoreError> {
        self.write(|tx| insert_round(tx, episode, level, at, doc_no, drafts, window_hours))
    }

    /// Records the end (解除).
    ///
    /// # Errors
    /// Any write error; the store is then unchanged.
    pub fn end_episode(&mut self, episode: i64, at: Time) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE episodes SET ended_at = ?2 WHERE id = ?1",
                params![episode, show_time(at)],
            )?;
            Ok(())
        })
    }

    /// Marks the notices of a round 已通知 at `at` (those not yet marked).
    ///
    /// # Errors
    /// Any write error; the store is then unchanged.
    pub fn mark_notified(&mut self, level_id: i64, at: Time) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE notices SET notified_at = ?2 WHERE level_id = ?1 AND notified_at IS NULL",
                params![level_id, show_time(at)],
            )?;
            Ok(())
        })
    }

    /// Records confirmations `(notice id, time, by whom)`, all or none.
    ///
    /// # Errors
    /// Any write error; the store is then unchanged.
    pub fn confirm_notices(&mut self, acks: &[(i64, Time, String)]) -> Result<(), StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT INTO confirmations (notice_id, at, by_name) VALUES (?1, ?2, ?3)",
            )?;
            for (id, at, by) in acks {
                stmt.execute(params![id, show_time(*at), by])?;
            }
            Ok(())
        })
    }

    /// Appends an inspection record with its photos; returns its id.
    ///
    /// # Errors
    /// Any write error; the store is then unchanged.
    pub fn record_inspection(
        &mut self,
        episode: i64,
        new: &NewInspection,
    ) -> Result<i64, StoreError> {
        self.write(|tx| {
            let r = &new.record;
            tx.execute(
                "INSERT INTO inspections (episode_id, kind, key, name, at, inspectors, result, \
                 seen, reading_kwh, problem, rectification, corrects) \
                 VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
                params![
                    episode,
                    r.kind.key(),
                    r.key,
                    r.name,
                    show_time(r.at),
                    r.inspectors,
                    r.result.name_zh(),
                    r.seen,
                    r.reading_kwh,
                    r.problem,
                    r.rectification,
                    r.corrects
                ],
            )?;
            let id = tx.last_insert_rowid();
            for (i, (file, name)) in r.photos.iter().zip(&new.photo_names).enumerate() {
                tx.execute(
                    "INSERT INTO inspection_photos (inspection_id, position, file, original_name) \
                     VALUES (?1, ?2, ?3, ?4)",
                    params![id, i as i64, file, name],
                )?;
            }
            Ok(id)
        })
    }

    /// Writes electricity readings; a reading of the same enterprise and day replaces the
    /// earlier one (the power company corrects its data). Returns the number written.
    ///
    /// # Errors
    /// Any write error; the store is then unchanged.
    pub fn write_readings(
        &mut self,
        episode: i64,
        readings: &[Reading],
    ) -> Result<usize, StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT OR REPLACE INTO power_readings (episode_id, key, day, use_kwh, account) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for r in readings {
                stmt.execute(params![
                    episode,
                    r.key,
                    r.day.to_string(),
                    r.use_kwh,
                    r.account
                ])?;
            }
            Ok(readings.len())
        })
    }
}

fn load_episode(conn: &Connection, id: i64) -> Result<Option<Episode>, StoreError> {
    let head = conn
        .query_row(
            "SELECT issuer, doc_no, pollutant, expected_end, ended_at FROM episodes WHERE id = ?1",
            params![id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            },
        )
        .optional()?;
    let Some((issuer, doc_no, pollutant, expected_end, ended_at)) = head else {
        return Ok(None);
    };
    let opt_time =
        |column, t: Option<String>| t.map(|t| time_of("episodes", column, t)).transpose();
    let mut levels = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, level, at, doc_no FROM episode_levels WHERE episode_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    for row in rows {
        let (lid, level, at, doc): (i64, String, String, String) = row?;
        levels.push(LevelChange {
            id: lid,
            level: level_of(level)?,
            at: time_of("episode_levels", "at", at)?,
            doc_no: doc,
        });
    }
    if levels.is_empty() {
        return Err(corrupt("episode_levels", "episode_id", id.to_string()));
    }
    let mut notices = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT n.id, n.level_id, n.kind, n.key, n.name, n.code, n.county, n.town, \
         n.responsible_name, n.responsible_phone, n.measures, n.deadline, n.notified_at, \
         (SELECT at FROM confirmations c WHERE c.notice_id = n.id ORDER BY c.at, c.id LIMIT 1), \
         (SELECT by_name FROM confirmations c WHERE c.notice_id = n.id ORDER BY c.at, c.id LIMIT 1) \
         FROM notices n JOIN episode_levels l ON l.id = n.level_id \
         WHERE l.episode_id = ?1 ORDER BY n.id",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        let measures: String = r.get(10)?;
        let confirmed_at: Option<String> = r.get(13)?;
        notices.push(Notice {
            id: r.get(0)?,
            level_id: r.get(1)?,
            draft: NoticeDraft {
                kind: Some(addressee_of("notices", r.get(2)?)?),
                key: r.get(3)?,
                name: r.get(4)?,
                code: r.get(5)?,
                county: r.get(6)?,
                town: r.get(7)?,
                responsible: Contact {
                    name: r.get(8)?,
                    phone: r.get(9)?,
                },
                measures: serde_json::from_str(&measures)
                    .map_err(|_| corrupt("notices", "measures", measures.clone()))?,
            },
            deadline: time_of("notices", "deadline", r.get(11)?)?,
            notified_at: r
                .get::<_, Option<String>>(12)?
                .map(|t| time_of("notices", "notified_at", t))
                .transpose()?,
            confirmed: match confirmed_at {
                Some(t) => Some((
                    time_of("confirmations", "at", t)?,
                    r.get::<_, Option<String>>(14)?.unwrap_or_default(),
                )),
                None => None,
            },
        });
    }
    let mut photos: Vec<(i64, String)> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT p.inspection_id, p.file FROM inspection_photos p \
         JOIN inspections i ON i.id = p.inspection_id WHERE i.episode_id = ?1 \
         ORDER BY p.inspection_id, p.position",
    )?;
    for row in stmt.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))? {
        photos.push(row?);
    }
    let mut inspections = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, kind, key, name, at, inspectors, result, seen, reading_kwh, problem, \
         rectification, corrects FROM inspections WHERE episode_id = ?1 ORDER BY at, id",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        let iid: i64 = r.get(0)?;
        let result: String = r.get(6)?;
        inspections.push(Inspection {
            id: iid,
            kind: addressee_of("inspections", r.get(1)?)?,
            key: r.get(2)?,
            name: r.get(3)?,
            at: time_of("inspections", "at", r.get(4)?)?,
            inspectors: r.get(5)?,
            result: InspectionResult::parse(&result)
                .ok_or_else(|| corrupt("inspections", "result", result.clone()))?,
            seen: r.get(7)?,
            reading_kwh: r.get(8)?,
            photos: photos
                .iter()
                .filter(|(i, _)| *i == iid)
                .map(|(_, f)| f.clone())
                .collect(),
            problem: r.get(9)?,
            rectification: r.get(10)?,
            corrects: r.get(11)?,
        });
    }
    let mut readings = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT key, day, use_kwh, account FROM power_readings WHERE episode_id = ?1 \
         ORDER BY day, key",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        let day: String = r.get(1)?;
        readings.push(Reading {
            key: r.get(0)?,
            day: crate::episode::parse_day(&day)
                .map_err(|_| corrupt("power_readings", "day", day.clone()))?,
            use_kwh: r.get(2)?,
            account: r.get(3)?,
        });
    }
    Ok(Some(Episode {
        id,
        issuer,
        doc_no,
        pollutant,
        expected_end: opt_time("expected_end", expected_end)?,
        ended_at: opt_time("ended_at", ended_at)?,
        levels,
        notices,
        inspections,
        readings,
    }))
}
