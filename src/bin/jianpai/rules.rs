//! `jianpai rules`: list, change and reset the review rules' settings of the list's store.

use std::path::PathBuf;

use clap::Subcommand;
use jianpai::app::{self, AppError};

/// What `rules` does; without an action it lists the rules.
#[derive(Subcommand)]
pub enum RulesAction {
    /// 修改一条规则的一项设置：enabled（true/false）、severity（error/warning）或阈值
    Set {
        /// 规则编号，如 truck-ban
        rule: String,
        /// 设置项
        key: String,
        /// 新值
        value: String,
    },
    /// 恢复默认设置（给出规则编号时只恢复该规则）
    Reset {
        /// 规则编号（可选）
        rule: Option<String>,
    },
}

/// Runs `rules [--json]`, `rules set RULE KEY VALUE` or `rules reset [RULE]`.
pub fn run(
    db: Option<PathBuf>,
    action: Option<RulesAction>,
    as_json: bool,
) -> Result<i32, AppError> {
    let mut store = app::open_existing_store(db)?;
    match action {
        None => {
            let views = app::rule_views(&app::rules_of(&store)?);
            if as_json {
                super::json(&views)?;
            } else {
                super::out(&app::render_rules(&views))?;
            }
        }
        Some(RulesAction::Set { rule, key, value }) => {
            let view = app::set_rule(&mut store, &rule, &key, &value)?;
            if as_json {
                super::json(&view)?;
            } else {
                super::out(&format!(
                    "已修改审核规则设置：\n{}",
                    app::render_rules(&[view])
                ))?;
            }
        }
        Some(RulesAction::Reset { rule }) => {
            let n = app::reset_rules(&mut store, rule.as_deref())?;
            let what = rule.map_or("全部审核规则".to_string(), |r| {
                format!("审核规则“{r}”")
            });
            super::out(&format!("已将{what}恢复为默认设置（清除 {n} 项修改）\n"))?;
        }
    }
    Ok(app::EXIT_OK)
}
