//! The one loader of the files in `report-templates/`: the copy built into the program, or the
//! edited copy a config key names (`forms.layouts_file`, `scorecard.criteria_file`,
//! `deadlines.rules_file`, …). A file that cannot be read or parsed is an error naming the file
//! and, for a TOML error, its line and column, in one sentence.

use std::borrow::Cow;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::config::toml_error_line;
use crate::error::{Error, Result};

/// What a template file is, for messages: Vietnamese, then English.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub vi: &'static str,
    pub en: &'static str,
}

/// The text of a template file and the name messages use for it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path given in the config, or `report-templates/<file>` for the shipped copy.
    pub name: String,
    pub text: Cow<'static, str>,
}

impl Source {
    /// The file `path` names, or the shipped copy (`shipped_name`, `shipped`) when it names none.
    pub fn read(
        path: Option<&Path>,
        shipped_name: &'static str,
        shipped: &'static str,
        kind: Kind,
    ) -> Result<Source> {
        match path {
            None => Ok(Source {
                name: shipped_name.to_string(),
                text: Cow::Borrowed(shipped),
            }),
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| {
                    Error::file(
                        p,
                        format!(
                            "không đọc được {} (cannot read the {}): {e}",
                            kind.vi, kind.en
                        ),
                    )
                })?;
                Ok(Source {
                    name: p.display().to_string(),
                    text: Cow::Owned(text),
                })
            }
        }
    }

    /// The file as TOML into `T`; an error names the file, line and column.
    pub fn parse<T: DeserializeOwned>(&self, kind: Kind) -> Result<T> {
        toml::from_str(&self.text).map_err(|e| self.error(kind, &toml_error_line(&self.text, &e)))
    }

    /// An error about this file's content, as one sentence.
    pub fn error(&self, kind: Kind, message: &str) -> Error {
        Error::Runtime(format!(
            "{}: {} không hợp lệ (invalid {}): {message}",
            self.name, kind.vi, kind.en
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const K: Kind = Kind {
        vi: "tệp thử",
        en: "test file",
    };

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: u32,
    }

    #[test]
    fn shipped_copy_and_errors_name_the_file_and_line() {
        let s = Source::read(None, "report-templates/x.toml", "a = 1\n", K).unwrap();
        assert_eq!(s.name, "report-templates/x.toml");
        assert_eq!(s.parse::<T>(K).unwrap().a, 1);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sua.toml");
        std::fs::write(&p, "# sửa\n\na = 1\nb = 2\n").unwrap();
        let s = Source::read(Some(&p), "report-templates/x.toml", "a = 1\n", K).unwrap();
        let e = s.parse::<T>(K).unwrap_err().to_string();
        assert!(e.contains("sua.toml") && e.contains("dòng 4"), "{e}");
        assert!(e.contains("tệp thử") && !e.contains('\n'), "{e}");
        let e = Source::read(Some(&dir.path().join("khong-co.toml")), "x", "", K)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("khong-co.toml") && e.contains("cannot read the test file"),
            "{e}"
        );
    }
}
