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

/// The `{name}` placeholders of a text.
fn placeholders(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') =>
            {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

impl Source {
    /// Checks an edited copy against the shipped file it replaces: every `{placeholder}` of a
    /// text must be one the shipped file uses at the same key (the renderer fills only those);
    /// an error names the file, the line, the key and the placeholders allowed there.
    pub fn check_placeholders(&self, kind: Kind, shipped: &str) -> Result<()> {
        let edited: toml::Value = toml::from_str(&self.text)
            .map_err(|e| self.error(kind, &toml_error_line(&self.text, &e)))?;
        let shipped: toml::Value = toml::from_str(shipped).expect("the shipped file parses");
        let mut all: Vec<&str> = Vec::new();
        collect_all(&shipped, &mut all);
        self.walk(kind, &edited, Some(&shipped), &all, &mut Vec::new())
    }

    fn walk(
        &self,
        kind: Kind,
        v: &toml::Value,
        shipped: Option<&toml::Value>,
        all: &[&str],
        path: &mut Vec<String>,
    ) -> Result<()> {
        match v {
            toml::Value::String(s) => {
                let allowed: Vec<&str> = match shipped {
                    Some(toml::Value::String(t)) => placeholders(t),
                    _ => all.to_vec(),
                };
                if let Some(bad) = placeholders(s).into_iter().find(|p| !allowed.contains(p)) {
                    let needle = format!("{{{bad}}}");
                    // The line: one holding the placeholder under this key's name, else the
                    // first holding it.
                    let key = path.iter().rev().find(|k| k.parse::<usize>().is_err());
                    let holds = |l: &&str| l.contains(&needle);
                    let lines: Vec<&str> = self.text.lines().collect();
                    let under_key = key.and_then(|k| {
                        lines.iter().position(|l| {
                            holds(l)
                                && l.split_once('=').is_some_and(|(left, _)| {
                                    left.trim().trim_matches('"') == k.as_str()
                                })
                        })
                    });
                    let line = under_key
                        .or_else(|| lines.iter().position(holds))
                        .map(|i| i + 1)
                        .unwrap_or(0);
                    let mut shown: Vec<String> =
                        allowed.iter().map(|a| format!("{{{a}}}")).collect();
                    shown.dedup();
                    let shown = if shown.is_empty() {
                        "không có / none".to_string()
                    } else {
                        shown.join(", ")
                    };
                    return Err(self.error(
                        kind,
                        &format!(
                            "dòng {line} (line {line}): khoá {} dùng '{needle}', chỗ điền không có ở đây (unknown placeholder); được dùng / allowed: {shown}",
                            path.join(".")
                        ),
                    ));
                }
                Ok(())
            }
            toml::Value::Table(t) => {
                for (k, x) in t {
                    path.push(k.clone());
                    let sub = shipped.and_then(|s| s.get(k.as_str()));
                    self.walk(kind, x, sub, all, path)?;
                    path.pop();
                }
                Ok(())
            }
            toml::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    path.push(i.to_string());
                    // Items of a list share the placeholders of the shipped list's first item.
                    let sub = shipped.and_then(|s| s.get(i).or_else(|| s.get(0)));
                    self.walk(kind, x, sub, all, path)?;
                    path.pop();
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

fn collect_all<'a>(v: &'a toml::Value, out: &mut Vec<&'a str>) {
    match v {
        toml::Value::String(s) => {
            for p in placeholders(s) {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        toml::Value::Table(t) => t.values().for_each(|x| collect_all(x, out)),
        toml::Value::Array(a) => a.iter().for_each(|x| collect_all(x, out)),
        _ => {}
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

    #[test]
    fn an_edited_copy_may_use_only_the_placeholders_of_its_key() {
        let shipped = "[a]\nx = \"Có {n} vụ, {pct}\"\ny = \"Không có chỗ điền\"\n";
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sua.toml");
        std::fs::write(&p, "[a]\nx = \"{pct}: {n} vụ\"\ny = \"Khác\"\n").unwrap();
        let ok = Source::read(Some(&p), "report-templates/x.toml", shipped, K).unwrap();
        ok.check_placeholders(K, shipped).unwrap();
        std::fs::write(&p, "[a]\nx = \"{n} vụ\"\n\ny = \"Có {n} vụ\"\n").unwrap();
        let bad = Source::read(Some(&p), "report-templates/x.toml", shipped, K).unwrap();
        let e = bad.check_placeholders(K, shipped).unwrap_err().to_string();
        assert!(
            e.contains("sua.toml")
                && e.contains("dòng 4")
                && e.contains("a.y")
                && e.contains("{n}"),
            "{e}"
        );
        std::fs::write(&p, "[a]\nx = \"{so_vu} vụ\"\n").unwrap();
        let typo = Source::read(Some(&p), "report-templates/x.toml", shipped, K).unwrap();
        let e = typo.check_placeholders(K, shipped).unwrap_err().to_string();
        assert!(
            e.contains("dòng 2") && e.contains("{so_vu}") && e.contains("{pct}"),
            "{e}"
        );
        assert_eq!(placeholders("{a} {B} {} {x_1}"), vec!["a", "x_1"]);
    }
}
