//! The consolidated figures as typed data: what each source gives, and the figures of each unit,
//! group and the total that every renderer of a consolidation reads (SPEC §11).

use std::path::PathBuf;

use crate::figures::{Figures, Group};

/// Received and the counts behind the on-time rate of a comparison period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompareCounts {
    pub received: u64,
    pub resolved: u64,
    pub resolved_on_time: u64,
}

impl CompareCounts {
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.resolved > 0).then(|| self.resolved_on_time as f64 / self.resolved as f64)
    }
}

/// The figures one unit (or a sum of units) gives: totals and the mergeable breakdowns.
#[derive(Debug, Clone, Default)]
pub struct UnitData {
    pub totals: Figures,
    pub by_kind: Vec<Group>,
    pub by_channel: Vec<Group>,
    pub by_category: Vec<Group>,
    /// None when a source lacks the counts behind its comparison rate.
    pub previous: Option<CompareCounts>,
    pub last_year: Option<CompareCounts>,
}

/// The values of the six forms: per form code (in the layouts' order), one value per column
/// (None: the column is empty).
pub type FormsValues = Vec<(String, Vec<Option<u64>>)>;

/// A unit's scorecard result.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub points: f64,
    pub max_points: f64,
    pub rating: String,
    pub criteria_sha256: Option<String>,
}

/// What kind of source a unit sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A folder written by `report`.
    Report,
    /// A folder written by `consolidate` (a lower level's consolidation).
    Consolidated,
    /// A TT 01/2024 forms workbook made by other software: forms only.
    FormsWorkbook,
}

/// One source, read and checked.
#[derive(Debug, Clone)]
pub struct Source {
    /// The folder or workbook given.
    pub path: PathBuf,
    /// The file the figures came from (summary.json or the workbook).
    pub file: PathBuf,
    pub sha256: String,
    pub unit: String,
    pub kind: SourceKind,
    pub period_label: String,
    pub tool_version: Option<String>,
    pub as_of: Option<String>,
    pub data: Option<UnitData>,
    pub forms: Option<FormsValues>,
    pub score: Option<Score>,
}

/// Where a listed unit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Its summary was consolidated.
    Reported,
    /// Only its forms workbook was consolidated ("chỉ có biểu mẫu").
    FormsOnly,
    /// No source ("Chưa báo cáo").
    Missing,
}

/// One unit of the units file and what it sent.
#[derive(Debug, Clone)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    pub group: String,
    pub status: Status,
    /// Index into [`Consolidation::sources`].
    pub source: Option<usize>,
    pub data: Option<UnitData>,
    pub forms: Option<FormsValues>,
    pub score: Option<Score>,
    /// Rank by points (share of the maximum) among the units scored on the same criteria file;
    /// None when the units' criteria files differ or the unit has no score.
    pub rank: Option<u32>,
}

/// A group of the units file: the sum of its units.
#[derive(Debug, Clone)]
pub struct GroupRow {
    pub code: String,
    pub name: String,
    pub data: UnitData,
    pub forms: Option<FormsValues>,
    pub units: Vec<UnitRow>,
}

/// The whole consolidation.
#[derive(Debug, Clone)]
pub struct Consolidation {
    pub total: UnitData,
    pub total_forms: Option<FormsValues>,
    pub groups: Vec<GroupRow>,
    pub sources: Vec<Source>,
    /// Whether the scorecard points are ranked (every scored unit used the same criteria file).
    pub ranked: bool,
}

impl Consolidation {
    pub fn units(&self) -> impl Iterator<Item = &UnitRow> {
        self.groups.iter().flat_map(|g| g.units.iter())
    }
    pub fn expected(&self) -> usize {
        self.units().count()
    }
    pub fn reported(&self) -> usize {
        self.units().filter(|u| u.status != Status::Missing).count()
    }
    pub fn missing(&self) -> Vec<&UnitRow> {
        self.units()
            .filter(|u| u.status == Status::Missing)
            .collect()
    }
}
