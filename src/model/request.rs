//! What the county says when its list cannot reach a level's target: Jiyuan grants a lower
//! ratio only "在提供详细的测算说明和清单的基础上", so the note carries the county's own reasons
//! and the ratio it asks for beside the figures that support them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The county's statement for one warning level.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NoteRequest {
    /// Why the target cannot be reached, in the county's words.
    pub reason: String,
    /// The reduction ratio the county asks to be held to, as a fraction (0.25 for 25 %);
    /// `None` when it states reasons only.
    pub requested: Option<f64>,
}
