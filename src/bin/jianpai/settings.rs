//! `jianpai settings`: list, change and reset the store's preferences (the plausible-emission
//! bound of an import, how many backups are kept).

use std::path::PathBuf;

use clap::Subcommand;
use jianpai::app::{self, AppError};

/// What `settings` does; without an action it lists the preferences.
#[derive(Subcommand)]
pub enum SettingsAction {
    /// 修改一项设置：max-emission（吨/年）或 keep-backups（个）
    Set {
        /// 设置项，如 max-emission
        key: String,
        /// 新值
        value: String,
    },
    /// 恢复默认值（给出设置项时只恢复该项）
    Reset {
        /// 设置项（可选）
        key: Option<String>,
    },
}

/// Runs `settings [--json]`, `settings set KEY VALUE` or `settings reset [KEY]`. Listing
/// before the first import shows the defaults without creating a data file; `set` creates it
/// (a county may lower the bound before its first import), `reset` needs an existing one.
pub fn run(
    db: Option<PathBuf>,
    action: Option<SettingsAction>,
    as_json: bool,
) -> Result<i32, AppError> {
    match action {
        None => {
            let views = app::preference_views(&app::preferences_at(db)?);
            if as_json {
                super::json(&views)?;
            } else {
                super::out(&app::render_preferences(&views))?;
            }
        }
        Some(SettingsAction::Set { key, value }) => {
            let mut store = app::open_store(db)?;
            let view = app::set_preference(&mut store, &key, &value)?;
            if as_json {
                super::json(&view)?;
            } else {
                super::out(&format!(
                    "已修改设置：\n{}",
                    app::render_preferences(&[view])
                ))?;
            }
        }
        Some(SettingsAction::Reset { key }) => {
            let mut store = app::open_existing_store(db)?;
            let n = app::reset_preferences(&mut store, key.as_deref())?;
            let what = key.map_or("全部设置".to_string(), |k| format!("设置项 {k}"));
            super::out(&format!("已将{what}恢复为默认值（清除 {n} 项修改）\n"))?;
        }
    }
    Ok(app::EXIT_OK)
}
