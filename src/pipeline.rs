//! The stages up to the figures, in order: read and validate the inputs (stages 1–2), then add
//! the calendar and deadline columns (stage 3). Commands call this, then compute figures.

use std::path::PathBuf;

use crate::calendar::WorkCalendar;
use crate::calendar::deadlines::{self, Rules};
use crate::config::Config;
use crate::error::Result;
use crate::normalize::{self, Loaded};

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

pub fn prepare(inputs: &[PathBuf], cfg: &Config) -> Result<Prepared> {
    let mut loaded = normalize::load(inputs, cfg)?;
    let mut calendar = WorkCalendar::new(cfg)?;
    let rules = Rules::load(cfg)?;
    let warnings = deadlines::annotate(&mut loaded, &mut calendar, &rules, cfg)?;
    loaded.warnings.extend(warnings);
    Ok(Prepared { loaded, calendar })
}
