//! The stages up to the figures, in order: load what the run needs besides the inputs
//! (`Resources`: holiday tables, deadline rules, criteria, form layouts, fonts), read and validate
//! the inputs (stages 1–2), then add the calendar and deadline columns (stage 3). `report` and
//! `validate` load the resources through the same function, so a config that passes `validate`
//! cannot make the monthly run fail on one of them. Commands call this, then compute figures.

use std::path::PathBuf;

use crate::calendar::WorkCalendar;
use crate::calendar::deadlines::{self, Rules};
use crate::config::Config;
use crate::error::Result;
use crate::forms;
use crate::normalize::{self, Loaded};
use crate::render::pdf::FontFiles;
use crate::scorecard::Criteria;

/// The case table with its deadline columns, and what the stages learnt on the way.
pub struct Prepared {
    pub loaded: Loaded,
    pub calendar: WorkCalendar,
}

impl Prepared {
    /// Years whose holidays were computed from the law (no official table): warn about them.
    pub fn computed_years(&self) -> Vec<i32> {
        self.calendar.computed_years()
    }
}

/// Which of the optional resources a run needs.
#[derive(Debug, Clone, Copy)]
pub struct Needs {
    /// The PDF's fonts.
    pub pdf: bool,
    /// The form layouts (read only when `[forms] enabled`).
    pub forms: bool,
}

impl Needs {
    /// Everything `report` could load: what `validate` checks.
    pub const ALL: Needs = Needs {
        pdf: true,
        forms: true,
    };
}

/// Everything a run loads besides the inputs, each through its own loader. A broken file stops
/// the run here, before any input is read and any output rendered.
pub struct Resources {
    pub calendar: WorkCalendar,
    pub rules: Rules,
    pub criteria: Criteria,
    /// The Inspectorate's form layouts, when the forms are written.
    pub layouts: Option<forms::Layouts>,
    /// The PDF's font files (loaded once here to check them).
    pub fonts: FontFiles,
    /// The report's wording (`[templates] report_file`, else the shipped file); the workbook's is
    /// installed for `render::xlsx::words::w` here too.
    pub wording: crate::render::pdf::templates::Templates,
}

impl Resources {
    pub fn load(cfg: &Config, needs: Needs) -> Result<Resources> {
        let layouts = if needs.forms && cfg.forms.enabled {
            Some(forms::load(cfg)?)
        } else {
            None
        };
        let calendar = WorkCalendar::new(cfg)?;
        let rules = Rules::load(cfg)?;
        let criteria = Criteria::load(cfg)?;
        let fonts = FontFiles::from_config(cfg);
        if needs.pdf {
            crate::render::pdf::fonts::Fonts::load(&fonts)?;
        }
        let wording = crate::render::pdf::templates::Templates::load(cfg)?;
        crate::render::xlsx::words::install(cfg)?;
        Ok(Resources {
            calendar,
            rules,
            criteria,
            layouts,
            fonts,
            wording,
        })
    }
}

/// Reads the inputs and adds the deadline columns, with the calendar and rules of `res`.
pub fn prepare_with(
    inputs: &[PathBuf],
    cfg: &Config,
    mut calendar: WorkCalendar,
    rules: &Rules,
) -> Result<Prepared> {
    let mut loaded = normalize::load(inputs, cfg)?;
    let warnings = deadlines::annotate(&mut loaded, &mut calendar, rules, cfg)?;
    loaded.warnings.extend(warnings);
    check_contract(&loaded.cases.df)?;
    Ok(Prepared { loaded, calendar })
}

/// The table handed to the figures has the columns of the contract (`normalize::columns`), names
/// and types in order; anything else is a defect of the program, stopped here rather than met as
/// a wrong figure later.
fn check_contract(df: &polars::prelude::DataFrame) -> Result<()> {
    use crate::normalize::columns::{DEADLINES, NORMALISED};
    let want = NORMALISED.iter().chain(DEADLINES);
    let cols = df.columns();
    if cols.len() != NORMALISED.len() + DEADLINES.len() {
        return Err(crate::error::Error::Runtime(format!(
            "lỗi nội bộ: bảng vụ việc có {} cột, cần {} (internal: case table columns)",
            cols.len(),
            NORMALISED.len() + DEADLINES.len()
        )));
    }
    for (c, w) in cols.iter().zip(want) {
        if c.name().as_str() != w.name || *c.dtype() != w.dtype.polars() {
            return Err(crate::error::Error::Runtime(format!(
                "lỗi nội bộ: cột '{}' ({:?}) khác hợp đồng '{}' ({:?}) (internal: case table contract)",
                c.name(),
                c.dtype(),
                w.name,
                w.dtype.polars()
            )));
        }
    }
    Ok(())
}

/// Reads the inputs and adds the deadline columns, loading the calendar and rules of `cfg`.
pub fn prepare(inputs: &[PathBuf], cfg: &Config) -> Result<Prepared> {
    let calendar = WorkCalendar::new(cfg)?;
    let rules = Rules::load(cfg)?;
    prepare_with(inputs, cfg, calendar, &rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::columns::{Col, DEADLINES, NORMALISED};

    /// The table a real run builds has the columns of the contract, names and types in order:
    /// normalise's, then the deadline columns.
    #[test]
    fn the_case_table_is_the_contract() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        let cfg = Config::load(Some(&dir.join("pakn-report.toml"))).unwrap().0;
        let inputs = crate::input::expand_inputs(&[dir.clone()]).unwrap();
        let p = prepare(&inputs, &cfg).unwrap();
        assert!(p.loaded.cases.df.height() > 1000);
        let got: Vec<(String, String)> = p
            .loaded
            .cases
            .df
            .columns()
            .iter()
            .map(|c| (c.name().to_string(), format!("{:?}", c.dtype())))
            .collect();
        let want: Vec<(String, String)> = NORMALISED
            .iter()
            .chain(DEADLINES)
            .map(|c: &Col| (c.name.to_string(), format!("{:?}", c.dtype.polars())))
            .collect();
        assert_eq!(got, want);
    }
}
