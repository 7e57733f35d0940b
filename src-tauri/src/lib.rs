//! 减排清单 jianpai — the desktop app. A thin Tauri shell over the `jianpai` core's
//! use-case layer (`jianpai::app`): the commands ([`commands`]) take the shared session,
//! call the core and hand its typed answer over; errors cross as `{code, message}`
//! ([`error`]); [`startup`] picks the data file and the first-run sample.
#![deny(missing_docs)]

pub mod commands;
pub mod error;
pub mod startup;

use tauri::Manager;

/// Starts the app: one instance (a second launch focuses the first), the dialog plugin,
/// the session over the CLI's data file, and the commands.
///
/// # Panics
/// When the window system cannot be started at all (nothing to show an error in).
pub fn run() {
    startup::choose_webview_painting();
    let args: Vec<String> = std::env::args().collect();
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(startup::open_session(&args))
        .manage(commands::documents::ExportCancel::default())
        .invoke_handler(tauri::generate_handler![
            commands::records::snapshot,
            commands::records::set_settings,
            commands::records::undo,
            commands::records::enterprise_rows,
            commands::records::enterprise,
            commands::records::save_enterprise,
            commands::records::delete_enterprise,
            commands::records::sites,
            commands::records::save_site,
            commands::records::delete_site,
            commands::records::fleets,
            commands::records::save_fleet,
            commands::records::delete_fleet,
            commands::records::heating,
            commands::records::save_heating,
            commands::records::delete_heating,
            commands::records::check_code,
            commands::files::import_preview,
            commands::files::import_commit,
            commands::files::export_submission,
            commands::files::export_enterprise,
            commands::files::backup,
            commands::files::open_data_file,
            commands::files::app_info,
            commands::settings::backups,
            commands::settings::restore_backup,
            commands::settings::preferences,
            commands::settings::set_preference,
            commands::settings::reset_preferences,
            commands::settings::about,
            commands::review::review_findings,
            commands::review::review_error_count,
            commands::review::report_warnings,
            commands::review::review_rules,
            commands::review::rule_entries,
            commands::review::set_rule,
            commands::review::reset_rules,
            commands::revision::history,
            commands::revision::history_save,
            commands::revision::history_restore,
            commands::revision::compare,
            commands::revision::write_revision_note,
            commands::revision::coverage,
            commands::revision::set_filing,
            commands::documents::write_plan,
            commands::documents::write_enterprise_board,
            commands::documents::write_site_board,
            commands::documents::write_note,
            commands::documents::export_all,
            commands::documents::cancel_export,
            commands::documents::enterprise_board_preview,
            commands::documents::site_board_preview,
            // 应急响应
            commands::episode::episode_show,
            commands::episode::episode_start,
            commands::episode::episode_adjust,
            commands::episode::episode_end,
            commands::episode::notice_ack,
            commands::episode::notify_export,
            commands::episode::notify_docx,
            commands::episode::inspect_plan,
            commands::episode::inspect_record,
            commands::episode::power_import,
            commands::episode::report_daily,
            commands::episode::report_evaluation,
            commands::episode::episode_settings,
            commands::episode::set_episode_settings,
        ])
        .run(tauri::generate_context!())
        .expect("窗口系统无法启动");
}
