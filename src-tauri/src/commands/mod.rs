//! The Tauri commands: each a few lines that take the shared session, call the core's
//! use-case layer (`jianpai::app`) and hand its typed answer over. Work runs on a blocking
//! thread so that a long import or export never freezes the window.

pub mod documents;
pub mod files;
pub mod records;
pub mod review;
pub mod revision;
pub mod settings;
// 应急响应 (episode helper).
pub mod episode;

use crate::error::IpcError;
use jianpai::app::{AppError, Session};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The session shared by all commands: the open data file, or why it could not be opened.
#[derive(Clone, Default)]
pub struct Shared {
    inner: Arc<Mutex<Option<Session>>>,
    /// Why opening the data file failed at start (shown in 设置), with the path tried.
    pub open_error: Arc<Mutex<Option<(PathBuf, IpcError)>>>,
}

impl Shared {
    /// Shares the session that `open` makes on a thread of its own, so that the window and
    /// its webview start while the list loads (a 20,000-enterprise list takes about half a
    /// second to read and recompute). The thread holds the session's lock from before this
    /// returns until the session is there, so every command waits for it instead of finding
    /// no data file; a failure is kept in `open_error` before the lock is let go.
    pub fn opening(
        open: impl FnOnce() -> Result<Session, (PathBuf, IpcError)> + Send + 'static,
    ) -> Shared {
        let shared = Shared::default();
        let me = shared.clone();
        let (locked, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut session = me.inner.lock().unwrap_or_else(|p| p.into_inner());
            let _ = locked.send(());
            match open() {
                Ok(opened) => *session = Some(opened),
                Err(failed) => {
                    *me.open_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(failed);
                }
            }
        });
        // The thread ends only after taking the lock, so this answer always comes.
        let _ = wait.recv();
        shared
    }

    /// Runs `f` on the open session, on this thread.
    ///
    /// # Errors
    /// `store.closed` when no data file is open; whatever `f` returns.
    pub fn with_sync<T>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    ) -> Result<T, IpcError> {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let session = guard.as_mut().ok_or(AppError::Closed)?;
        Ok(f(session)?)
    }

    /// Replaces the open session (设置 → open another data file).
    pub fn replace(&self, session: Session) {
        *self.inner.lock().unwrap_or_else(|p| p.into_inner()) = Some(session);
        *self.open_error.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Runs `f` on the open session on a blocking thread.
    ///
    /// # Errors
    /// As [`Shared::with_sync`].
    pub async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, IpcError> {
        let me = self.clone();
        tauri::async_runtime::spawn_blocking(move || me.with_sync(f))
            .await
            .map_err(IpcError::task)?
    }
}
