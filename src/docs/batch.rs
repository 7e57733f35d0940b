//! Writing one document per enterprise or site into a folder: the folder is created, and
//! file names are unique among themselves the way Windows compares them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{typeset, DocError};
use crate::files;

/// Creates `dir` and its parents when missing.
///
/// # Errors
/// [`DocError::Write`] naming the folder.
pub(crate) fn create_dir(dir: &Path) -> Result<(), DocError> {
    std::fs::create_dir_all(dir).map_err(|source| DocError::Write {
        path: dir.to_path_buf(),
        source,
    })
}

/// `<name>-<what>.docx`, made unique among `used` (case-insensitively, as Windows compares):
/// a second file of the same name gets the credit code, else a number, appended. The name is
/// cut, by bytes, so that the whole stays within [`files::MAX_NAME_BYTES`] (the suffix kept).
pub(crate) fn unique_name(
    used: &mut HashSet<String>,
    name: &str,
    code: &str,
    what: &str,
) -> String {
    let base = typeset::file_name(name);
    let fit = |suffix: String| {
        let room = files::MAX_NAME_BYTES.saturating_sub(suffix.len());
        format!("{}{suffix}", files::cut_to_bytes(&base, room))
    };
    let mut candidates = vec![fit(format!("-{what}.docx"))];
    if !code.is_empty() {
        candidates.push(fit(format!("-{}-{what}.docx", typeset::file_name(code))));
    }
    let chosen = candidates
        .into_iter()
        .chain((2..).map(|n| fit(format!("-{n}-{what}.docx"))))
        .find(|c| !used.contains(&c.to_lowercase()))
        .expect("an unused numbered name always exists");
    used.insert(chosen.to_lowercase());
    chosen
}

/// The result of a batch that attempted every file: the written ones, or
/// [`DocError::Batch`] naming every failure (the others are written all the same).
///
/// # Errors
/// [`DocError::Batch`] when any file could not be written.
pub(crate) fn finish<T>(
    written: Vec<(PathBuf, T)>,
    failures: Vec<DocError>,
) -> Result<Vec<(PathBuf, T)>, DocError> {
    if failures.is_empty() {
        Ok(written)
    } else {
        Err(DocError::Batch {
            written: written.into_iter().map(|(p, _)| p).collect(),
            failures,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut used = HashSet::new();
        assert_eq!(
            unique_name(&mut used, "甲厂", "X1", "公示牌"),
            "甲厂-公示牌.docx"
        );
        assert_eq!(
            unique_name(&mut used, "甲厂", "X1", "公示牌"),
            "甲厂-X1-公示牌.docx"
        );
        assert_eq!(
            unique_name(&mut used, "甲厂", "", "公示牌"),
            "甲厂-2-公示牌.docx"
        );
        assert_eq!(
            unique_name(&mut used, "甲厂", "", "一厂一策"),
            "甲厂-一厂一策.docx"
        );
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("f");
        std::fs::write(&file, "x").unwrap();
        let err = create_dir(&file.join("sub")).unwrap_err();
        assert!(err.to_string().contains("sub"), "{err}");
    }
}
