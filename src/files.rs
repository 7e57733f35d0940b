//! Output files that are either the old file or the complete new one (`docs/robustness.md`).
//!
//! Why: a workbook or document written straight to its final name is destroyed by a kill, a
//! crash or a full disk half-way through, and last week's good submission with it. Every file
//! the program writes goes through [`write_atomic`]: the content is written to a temporary
//! file in the same folder (so the final rename never crosses file systems), synced to disk,
//! then renamed over the target in one step. A failure at any point removes the temporary file
//! and leaves whatever was at the target untouched.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The longest file name (one path component) most file systems accept, in bytes: ext4,
/// btrfs, APFS and NTFS (255 UTF-16 units, more than 255 UTF-8 bytes of CJK) all allow it.
pub const MAX_NAME_BYTES: usize = 255;

/// Writes `bytes` to `path` atomically: see [`write_atomic_with`].
///
/// # Errors
/// The I/O error of creating, writing, syncing or renaming; the target is then unchanged.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes a file atomically: `fill` writes the content into a temporary file beside `path`,
/// which is then flushed, synced and renamed over `path`. On any error (of `fill` or of the
/// file system) the temporary file is removed and `path` keeps its old content, if it had one.
///
/// The error type is the writer's own (an [`io::Error`] converts into it), so that a workbook
/// writer's error reaches the user as that writer reports it.
///
/// # Errors
/// The first error of `fill` or of the file system; the target is then unchanged.
pub fn write_atomic_with<E: From<io::Error>>(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
) -> Result<(), E> {
    let (tmp_path, file) = create_temp_beside(path)?;
    let result = (|| {
        let mut w = BufWriter::new(file);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp_path, path)?;
        sync_parent(path);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp_path);
    }
    result
}

/// Creates a new, hidden temporary file in the target's folder. The name carries the process
/// id and a counter so that two writers never share one, and starts with `.` so that a file
/// left by a killed process is not mistaken for an output.
fn create_temp_beside(path: &Path) -> io::Result<(PathBuf, File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".jianpai-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Syncs the folder so that the rename itself survives a power cut (POSIX only; Windows has no
/// directory handles to sync and makes renames durable by itself). Best effort: the file is
/// already complete under its name.
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Cuts `name` to at most `max` bytes of UTF-8 without splitting a character.
pub fn cut_to_bytes(name: &str, max: usize) -> &str {
    if name.len() <= max {
        return name;
    }
    let mut end = max;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_fill_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.bin");
        std::fs::write(&target, b"old").unwrap();
        let err = write_atomic_with(&target, |w| -> io::Result<()> {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the temporary file is removed");
    }

    #[test]
    fn a_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.bin");
        std::fs::write(&target, b"old content").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no/such/out.bin");
        assert!(write_atomic(&target, b"x").is_err());
    }

    #[test]
    fn names_are_cut_on_character_boundaries() {
        assert_eq!(cut_to_bytes("甲乙丙", 7), "甲乙");
        assert_eq!(cut_to_bytes("abc", 7), "abc");
        assert_eq!(cut_to_bytes("甲乙丙", 2), "");
    }
}
