//! The county's statements for the calculation note ([`NoteRequest`]), one per level.

use rusqlite::{params, OptionalExtension};

use crate::model::{Level, NoteRequest, PerLevel};

use super::{Store, StoreError};

impl Store {
    /// The stated reasons and requested ratios, per level (`None` where nothing is stated).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read.
    pub fn note_requests(&self) -> Result<PerLevel<Option<NoteRequest>>, StoreError> {
        let mut out = PerLevel::from_fn(|_| None);
        for level in Level::ALL {
            *out.get_mut(level) = self
                .conn
                .query_row(
                    "SELECT reason, requested FROM note_requests WHERE level = ?1",
                    params![level.key()],
                    |r| {
                        Ok(NoteRequest {
                            reason: r.get(0)?,
                            requested: r.get(1)?,
                        })
                    },
                )
                .optional()?;
        }
        Ok(out)
    }

    /// Stores the statement for `level`, replacing any earlier one; `None` removes it.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write (a requested ratio outside (0, 1] is refused by the
    /// schema); the store is then unchanged.
    pub fn set_note_request(
        &mut self,
        level: Level,
        request: Option<&NoteRequest>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            match request {
                Some(r) => tx.execute(
                    "INSERT INTO note_requests (level, reason, requested) VALUES (?1, ?2, ?3)
                     ON CONFLICT (level) DO UPDATE SET reason = excluded.reason,
                                                       requested = excluded.requested",
                    params![level.key(), r.reason, r.requested],
                )?,
                None => tx.execute(
                    "DELETE FROM note_requests WHERE level = ?1",
                    params![level.key()],
                )?,
            };
            Ok(())
        })
    }
}
