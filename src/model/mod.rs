//! The domain model of the emission-reduction list (`docs/method.md`): plain data, no I/O.
//!
//! Every other module speaks these types: the importer builds a [`List`], the store keeps it,
//! the reduction engine, the reviewer and the document writers read it.

mod credit_code;
mod enterprise;
mod filing;
mod grade;
mod industry;
mod list;
mod machinery;
pub mod numbers;
mod pollutant;
mod request;
mod settings;
mod source;

pub use credit_code::{check_character, normalise_code, validate_code, CodeProblem};
pub use enterprise::{Enterprise, EnterpriseClass};
pub use filing::{parse_date, Filing, FilingState, Filings};
pub use grade::{parse_grade, Grade, GradeCell};
pub use industry::{
    is_key_industry, key_industry_of, parse_key_industry, KeyIndustry, KEY_INDUSTRIES,
};
pub use list::{Baseline, BaselineUnit, CountyBaseline, Fleet, Heating, List, Site, VehicleCounts};
pub use machinery::{Machinery, NonroadStage};
pub use pollutant::{Amounts, Level, PerLevel, PerPollutant, Pollutant};
pub use request::NoteRequest;
pub use settings::{default_targets, Settings, Stated, DEFAULT_TRADE};
pub use source::{Measure, Source};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A person to reach and their phone, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Contact {
    /// 姓名.
    pub name: String,
    /// 电话, kept as text (leading zeros, extensions).
    pub phone: String,
}

impl Contact {
    /// True when neither name nor phone is given.
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.phone.trim().is_empty()
    }
}

/// Where a record came from: the sheet and the spreadsheet's own 1-based row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Origin {
    /// Sheet name as in the workbook.
    pub sheet: String,
    /// 1-based row, as Excel shows it.
    pub row: u32,
}

/// An error or warning about the list, placed as `docs/cli.md` requires: sheet, 1-based row and
/// the column's header text (each `null` where the message is about something larger).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Diagnostic {
    /// Sheet name; `None` for the whole file or data not from a file.
    pub sheet: Option<String>,
    /// 1-based spreadsheet row; `None` for a whole sheet.
    pub row: Option<u32>,
    /// The column's header text as written; `None` for a whole row or sheet.
    pub column: Option<String>,
    /// What is wrong, where, and what to do, in Chinese.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic about one cell.
    pub fn cell(sheet: &str, row: u32, column: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            sheet: Some(sheet.to_string()),
            row: Some(row),
            column: Some(column.to_string()),
            message: message.into(),
        }
    }

    /// A diagnostic about a whole row.
    pub fn row(sheet: &str, row: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            sheet: Some(sheet.to_string()),
            row: Some(row),
            column: None,
            message: message.into(),
        }
    }

    /// A diagnostic about a whole sheet.
    pub fn sheet(sheet: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            sheet: Some(sheet.to_string()),
            row: None,
            column: None,
            message: message.into(),
        }
    }

    /// A diagnostic about the whole file or list.
    pub fn general(message: impl Into<String>) -> Self {
        Diagnostic {
            sheet: None,
            row: None,
            column: None,
            message: message.into(),
        }
    }

    /// A diagnostic placed at a record's origin (or unplaced when it has none).
    pub fn at(origin: Option<&Origin>, column: Option<&str>, message: impl Into<String>) -> Self {
        Diagnostic {
            sheet: origin.map(|o| o.sheet.clone()),
            row: origin.map(|o| o.row),
            column: column.map(str::to_string),
            message: message.into(),
        }
    }
}
