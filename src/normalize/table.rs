//! The column builders of the case table and the DataFrame they make (`normalize::columns`).

use super::*;
use crate::normalize::columns as cols;

/// Column builders for the case table.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) id: Ids,
    pub(super) file_no: Vec<u32>,
    pub(super) row_no: Vec<u32>,
    pub(super) received_at: Vec<i64>,
    pub(super) received_has_time: Vec<bool>,
    pub(super) due_at: Vec<Option<i64>>,
    pub(super) due_has_time: Vec<bool>,
    pub(super) responded_at: Vec<Option<i64>>,
    pub(super) responded_has_time: Vec<bool>,
    pub(super) resolved_at: Vec<Option<i64>>,
    pub(super) resolved_has_time: Vec<bool>,
    pub(super) assigned_date: Vec<Option<i32>>,
    pub(super) accepted_date: Vec<Option<i32>>,
    pub(super) kind: Vec<&'static str>,
    pub(super) channel: Vec<&'static str>,
    pub(super) status: Vec<Option<&'static str>>,
    pub(super) complexity: Vec<&'static str>,
    /// Indices into `names`.
    pub(super) category: Vec<u32>,
    pub(super) department: Vec<u32>,
    pub(super) satisfied: Vec<Option<bool>>,
    pub(super) signatories: Vec<Option<&'static str>>,
    pub(super) competence: Vec<Option<&'static str>>,
    pub(super) outcome: Vec<Option<&'static str>>,
    pub(super) attempt: Vec<Option<&'static str>>,
    pub(super) matter: Vec<Option<String>>,
}

pub(super) fn epoch_days(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32
}

pub(super) fn stamp_cols(s: Option<Stamp>) -> (Option<i64>, bool) {
    match s {
        Some(s) => (Some(s.millis()), s.time.is_some()),
        None => (None, false),
    }
}

/// Interns a vocabulary code as a static string (codes are a small fixed set).
pub(super) fn code_static(code: &str, all: &'static [&'static str]) -> &'static str {
    all.iter().copied().find(|c| *c == code).unwrap_or("other")
}

/// The case numbers, written straight into the column's buffers (no string per row).
pub(super) struct Ids(pub(super) StringChunkedBuilder);

impl Default for Ids {
    fn default() -> Self {
        Ids(StringChunkedBuilder::new(cols::ID.into(), 0))
    }
}

impl Builder {
    /// The columns, built on two threads (half each; the order is that of `CaseTable`).
    pub(super) fn finish(self, names: &[String]) -> Result<DataFrame> {
        let Builder {
            id,
            file_no,
            row_no,
            received_at,
            received_has_time,
            due_at,
            due_has_time,
            responded_at,
            responded_has_time,
            resolved_at,
            resolved_has_time,
            assigned_date,
            accepted_date,
            kind,
            channel,
            status,
            complexity,
            category,
            department,
            satisfied,
            signatories,
            competence,
            outcome,
            attempt,
            matter,
        } = self;
        let n = row_no.len();
        let col = |s: Series| s.into_column();
        let text = move || -> Vec<Column> {
            let named = |name: &str, v: &[u32]| {
                StringChunked::from_iter_values(
                    name.into(),
                    v.iter().map(|&i| names[i as usize].as_str()),
                )
                .into_series()
            };
            vec![
                col(id.0.finish().into_series()),
                col(Series::new(cols::KIND.into(), kind)),
                col(Series::new(cols::CHANNEL.into(), channel)),
                col(Series::new(cols::STATUS.into(), status)),
                col(Series::new(cols::COMPLEXITY.into(), complexity)),
                col(named(cols::CATEGORY, &category)),
                col(named(cols::DEPARTMENT, &department)),
                col(Series::new(cols::SIGNATORIES.into(), signatories)),
                col(Series::new(cols::COMPETENCE.into(), competence)),
                col(Series::new(cols::OUTCOME.into(), outcome)),
                col(Series::new(cols::ATTEMPT.into(), attempt)),
                col(Series::new(cols::MATTER.into(), matter)),
            ]
        };
        let other = move || -> Result<Vec<Column>> {
            let dt = DataType::Datetime(TimeUnit::Milliseconds, None);
            let datetime = |name: &str, v: Vec<Option<i64>>| -> Result<Column> {
                Ok(col(Series::new(name.into(), v).cast(&dt)?))
            };
            let date = |name: &str, v: Vec<Option<i32>>| -> Result<Column> {
                Ok(col(Series::new(name.into(), v).cast(&DataType::Date)?))
            };
            Ok(vec![
                col(Series::new(cols::FILE_NO.into(), file_no)),
                col(Series::new(cols::ROW_NO.into(), row_no)),
                col(Series::new(cols::RECEIVED_AT.into(), received_at).cast(&dt)?),
                col(Series::new(
                    cols::RECEIVED_HAS_TIME.into(),
                    received_has_time,
                )),
                datetime(cols::DUE_AT, due_at)?,
                col(Series::new(cols::DUE_HAS_TIME.into(), due_has_time)),
                datetime(cols::RESPONDED_AT, responded_at)?,
                col(Series::new(
                    cols::RESPONDED_HAS_TIME.into(),
                    responded_has_time,
                )),
                datetime(cols::RESOLVED_AT, resolved_at)?,
                col(Series::new(
                    cols::RESOLVED_HAS_TIME.into(),
                    resolved_has_time,
                )),
                date(cols::ASSIGNED_DATE, assigned_date)?,
                date(cols::ACCEPTED_DATE, accepted_date)?,
                col(Series::new(cols::SATISFIED.into(), satisfied)),
            ])
        };
        let (text, other) = std::thread::scope(|scope| {
            let text = scope.spawn(text);
            let other = other();
            (text.join(), other)
        });
        let text =
            text.map_err(|_| Error::Runtime("lỗi khi dựng bảng (table build failed)".into()))?;
        let mut text = text.into_iter();
        let mut other = other?.into_iter();
        let mut next_text = || text.next().expect("text column");
        let mut next_other = || other.next().expect("column");
        let id = next_text();
        let mut columns = vec![id];
        for _ in 0..12 {
            columns.push(next_other());
        }
        for _ in 0..6 {
            columns.push(next_text());
        }
        columns.push(next_other());
        for _ in 0..5 {
            columns.push(next_text());
        }
        Ok(DataFrame::new(n, columns)?)
    }
}
