//! The Tauri commands: each a few lines that take the session, call the core (through
//! [`AppState`]) and shape the answer. Work runs on a blocking thread so that a long
//! import or export never freezes the window.

pub mod files;
pub mod records;
// 审核 and 一厂一策/公示牌 (appx helper).
pub mod documents;
pub mod review;
// 应急响应 (episode helper).
pub mod episode;

use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The session shared by all commands: the open data file, or why it could not be opened.
#[derive(Clone, Default)]
pub struct Session {
    inner: Arc<Mutex<Option<AppState>>>,
    /// Why opening the data file failed at start (shown in 设置), with the path tried.
    pub open_error: Arc<Mutex<Option<(PathBuf, AppError)>>>,
}

impl Session {
    /// A session over an open state.
    pub fn new(state: Option<AppState>) -> Session {
        Session {
            inner: Arc::new(Mutex::new(state)),
            open_error: Arc::default(),
        }
    }

    /// Runs `f` on the open state, on this thread.
    ///
    /// # Errors
    /// `store.closed` when no data file is open; whatever `f` returns.
    pub fn with_sync<T>(
        &self,
        f: impl FnOnce(&mut AppState) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let state = guard.as_mut().ok_or_else(|| {
            AppError::new(
                ErrorCode::StoreClosed,
                "数据文件未能打开：请在“设置”中打开或新建一个数据文件",
            )
        })?;
        f(state)
    }

    /// Replaces the open state (设置 → open another data file).
    pub fn replace(&self, state: AppState) {
        *self.inner.lock().unwrap_or_else(|p| p.into_inner()) = Some(state);
        *self.open_error.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Runs `f` on the open state on a blocking thread.
    ///
    /// # Errors
    /// As [`Session::with_sync`].
    pub async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut AppState) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let me = self.clone();
        tauri::async_runtime::spawn_blocking(move || me.with_sync(f))
            .await
            .map_err(|e| AppError::new(ErrorCode::StoreIo, format!("后台任务失败：{e}")))?
    }
}
