//! The criteria file of the "Công sở thân thiện" scorecard (`report-templates/cong-so-than-thien.toml`
//! or `scorecard.criteria_file`): reading and checking it. Every key is documented in the shipped
//! file and in `docs/SCORECARD.md`. A bad file is rejected with one message naming the file, the
//! line and, where there is one, the criterion id.

use serde::Deserialize;

use crate::figures::registry;
use toml::Spanned;

/// Tolerance used when a value is compared with a threshold and when point sums are checked, so that
/// a value that is "exactly" on a threshold (19/20 against 0.95) is never lost to rounding.
pub const EPS: f64 = 1e-9;

/// True for the figures that are fractions between 0 and 1 (their band thresholds must be too).
pub fn is_rate(figure: &str) -> bool {
    registry::find(figure).is_some_and(|f| f.unit == registry::Unit::Rate)
}

/// The names a criterion may read: every figure of the registry.
fn figure_names() -> impl Iterator<Item = &'static str> {
    registry::ALL.iter().map(|f| f.name)
}

/// How a value is compared with the band thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// Higher is better: a band is met when value ≥ at.
    AtLeast,
    /// Lower is better: a band is met when value ≤ at.
    AtMost,
}

impl Compare {
    pub fn symbol(self) -> &'static str {
        match self {
            Compare::AtLeast => "≥",
            Compare::AtMost => "≤",
        }
    }
    pub fn meets(self, value: f64, at: f64) -> bool {
        match self {
            Compare::AtLeast => value >= at - EPS,
            Compare::AtMost => value <= at + EPS,
        }
    }
}

/// One band: the value meets `at` → `points`.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub at: f64,
    pub points: f64,
}

/// What a criterion reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A figure of SPEC §5 by its summary.json name.
    Figure(String),
    /// numerator / denominator, two figure names; undefined when the denominator is 0.
    Ratio(String, String),
    /// A value declared in the config `[scorecard.manual]` under this key.
    Manual(String),
}

/// How the value gives points.
#[derive(Debug, Clone, PartialEq)]
pub enum Scoring {
    /// The first band whose threshold the value meets gives its points; none met → 0.
    Bands { compare: Compare, bands: Vec<Band> },
    /// A manual yes/no: yes → `yes`, no → `no`.
    YesNo { yes: f64, no: f64 },
}

/// Points given when the value is undefined (no case in the period, manual value not declared).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Undefined {
    Full,
    Zero,
    Points(f64),
}

/// Which case numbers explain lost points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LostCases {
    None,
    /// Cases still pending past their deadline at the period end ("pending_overdue").
    Overdue,
    /// Cases resolved after their deadline ("resolved_late").
    Late,
    OverdueAndLate,
}

impl LostCases {
    pub fn includes(self, reason: &str) -> bool {
        match self {
            LostCases::None => false,
            LostCases::Overdue => reason == "pending_overdue",
            LostCases::Late => reason == "resolved_late",
            LostCases::OverdueAndLate => reason == "pending_overdue" || reason == "resolved_late",
        }
    }
}

/// One checked criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub max_points: f64,
    pub source: Source,
    pub scoring: Scoring,
    pub when_undefined: Undefined,
    pub applies_to_departments: bool,
    pub lost_cases: LostCases,
    /// Where the criterion comes from (free text, shown in docs and reports).
    pub basis: Option<String>,
    /// Line of the criterion's `id` in the file.
    pub line: usize,
}

/// What the rating bands are compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingBasis {
    /// points / max_points × 100 (so that a department, whose maximum is lower, is rated fairly).
    Percent,
    /// The points themselves.
    Points,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RatingBand {
    pub at: f64,
    pub label: String,
}

/// A parsed and checked criteria file.
#[derive(Debug, Clone, PartialEq)]
pub struct Criteria {
    /// The file name used in messages ("cong-so-than-thien.toml" or the configured path).
    pub name: String,
    /// Title of the scoring table.
    pub title: String,
    /// Notice shown with every scorecard (e.g. "MẪU — …"); empty when none.
    pub notice: String,
    pub total_points: Option<f64>,
    pub rating_basis: RatingBasis,
    pub ratings: Vec<RatingBand>,
    pub criteria: Vec<Criterion>,
}

impl Criteria {
    /// Sum of the criteria's maximum points.
    pub fn max_points(&self) -> f64 {
        round3(self.criteria.iter().map(|c| c.max_points).sum())
    }

    /// The rating label of a number of points out of a maximum.
    pub fn rating(&self, points: f64, max_points: f64) -> String {
        let v = match self.rating_basis {
            RatingBasis::Points => points,
            RatingBasis::Percent if max_points > 0.0 => points / max_points * 100.0,
            RatingBasis::Percent => return "Không xếp loại".into(),
        };
        self.ratings
            .iter()
            .find(|r| v >= r.at - EPS)
            .map(|r| r.label.clone())
            .unwrap_or_else(|| "Không xếp loại".into())
    }
}

pub fn round3(x: f64) -> f64 {
    let r = (x * 1000.0).round() / 1000.0;
    if r == 0.0 { 0.0 } else { r }
}

// ---------------------------------------------------------------------------------------------
// The file as written.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    title: Option<String>,
    notice: Option<String>,
    total_points: Option<Spanned<f64>>,
    rating_basis: Option<Spanned<String>>,
    #[serde(default)]
    rating: Vec<Spanned<RawRating>>,
    #[serde(default)]
    criterion: Vec<Spanned<RawCriterion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRating {
    at: Spanned<f64>,
    label: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    at: Spanned<f64>,
    points: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    title: Spanned<String>,
    max_points: Spanned<f64>,
    figure: Option<Spanned<String>>,
    ratio: Option<Spanned<Vec<Spanned<String>>>>,
    manual: Option<Spanned<String>>,
    compare: Option<Spanned<String>>,
    bands: Option<Spanned<Vec<Spanned<RawBand>>>>,
    yes_points: Option<Spanned<f64>>,
    no_points: Option<Spanned<f64>>,
    when_undefined: Option<Spanned<toml::Value>>,
    applies_to_departments: Option<Spanned<bool>>,
    lost_cases: Option<Spanned<String>>,
    basis: Option<String>,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The id of the `[[criterion]]` table that encloses a byte offset, read from the text (used for
/// errors that the TOML reader reports before any criterion is known).
fn enclosing_criterion(text: &str, offset: usize) -> Option<String> {
    let mut start_of_block: Option<usize> = None;
    let mut pos = 0usize;
    for line in text.split_inclusive('\n') {
        if pos > offset {
            break;
        }
        let t = line.trim();
        if t.starts_with('[') {
            start_of_block = if t.replace(' ', "") == "[[criterion]]" {
                Some(pos)
            } else {
                None
            };
        }
        pos += line.len();
    }
    let start = start_of_block?;
    for line in text[start..].split_inclusive('\n').skip(1) {
        let t = line.trim();
        if t.starts_with('[') {
            break;
        }
        if let Some(rest) = t.strip_prefix("id") {
            let rest = rest.trim_start();
            if let Some(v) = rest.strip_prefix('=') {
                let v = v.trim();
                let v = v.split('#').next().unwrap_or("").trim();
                let v = v.trim_matches(|c| c == '"' || c == '\'');
                if !v.is_empty() {
                    return Some(v.to_string());
                }
            }
        }
    }
    None
}

struct Ctx<'a> {
    text: &'a str,
    name: &'a str,
}

impl Ctx<'_> {
    fn err(&self, span: std::ops::Range<usize>, id: Option<&str>, msg: impl AsRef<str>) -> String {
        let line = line_of(self.text, span.start);
        match id {
            Some(id) => format!(
                "{}, dòng {line}, tiêu chí '{id}': {}",
                self.name,
                msg.as_ref()
            ),
            None => format!("{}, dòng {line}: {}", self.name, msg.as_ref()),
        }
    }
}

/// Edit distance, for "did you mean" hints.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != b[j]))
                .min(row[j] + 1)
                .min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn fmt_num(x: f64) -> String {
    let r = round3(x);
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

fn check_figure(cx: &Ctx, name: &Spanned<String>, id: &str) -> Result<String, String> {
    let n = name.get_ref().trim();
    if registry::find(n).is_some() {
        return Ok(n.to_string());
    }
    let hint = match n {
        "satisfaction" | "assigned_within_1wd" => format!(" — có phải '{n}.rate'?"),
        "response_days" | "resolution_days" | "resolution_working_days" => {
            format!(" — hãy chọn một thống kê, ví dụ '{n}.mean'")
        }
        _ => figure_names()
            .map(|f| (distance(n, f), f))
            .filter(|(d, _)| *d <= 3)
            .min()
            .map(|(_, f)| format!(" — có phải '{f}'?"))
            .unwrap_or_default(),
    };
    Err(cx.err(
        name.span(),
        Some(id),
        format!(
            "số liệu '{n}' không tồn tại (unknown figure){hint}; các tên hợp lệ: {}",
            figure_names().collect::<Vec<_>>().join(", ")
        ),
    ))
}

fn check_points(cx: &Ctx, p: &Spanned<f64>, max: f64, what: &str, id: &str) -> Result<f64, String> {
    let v = *p.get_ref();
    if !v.is_finite() || v < 0.0 {
        return Err(cx.err(
            p.span(),
            Some(id),
            format!("{what} = {v} phải là số không âm (points must be ≥ 0)"),
        ));
    }
    if v > max + EPS {
        return Err(cx.err(
            p.span(),
            Some(id),
            format!(
                "{what} = {} vượt điểm tối đa max_points = {} (points above max_points)",
                fmt_num(v),
                fmt_num(max)
            ),
        ));
    }
    Ok(v)
}

impl Criteria {
    /// Parses and checks a criteria file; `name` is used in the messages.
    pub fn parse(text: &str, name: &str) -> Result<Criteria, String> {
        let cx = Ctx { text, name };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let id = enclosing_criterion(text, span.start);
            cx.err(
                span,
                id.as_deref(),
                format!(
                    "tệp tiêu chí không hợp lệ (invalid criteria file): {}",
                    e.message().trim()
                ),
            )
        })?;

        let rating_basis = match &raw.rating_basis {
            None => RatingBasis::Percent,
            Some(s) => match s.get_ref().trim() {
                "percent" => RatingBasis::Percent,
                "points" => RatingBasis::Points,
                other => {
                    return Err(cx.err(
                        s.span(),
                        None,
                        format!(
                            "rating_basis = \"{other}\" không hợp lệ; dùng \"percent\" hoặc \"points\""
                        ),
                    ));
                }
            },
        };

        // Criteria.
        if raw.criterion.is_empty() {
            return Err(cx.err(
                0..0,
                None,
                "không có tiêu chí nào — cần ít nhất một bảng [[criterion]] (no criterion)",
            ));
        }
        let mut criteria: Vec<Criterion> = Vec::with_capacity(raw.criterion.len());
        for rc in &raw.criterion {
            let c = check_criterion(&cx, rc.get_ref())?;
            if let Some(prev) = criteria.iter().find(|p| p.id == c.id) {
                return Err(cx.err(
                    rc.get_ref().id.span(),
                    Some(&c.id),
                    format!(
                        "mã tiêu chí bị trùng với tiêu chí ở dòng {} (duplicate id)",
                        prev.line
                    ),
                ));
            }
            criteria.push(c);
        }
        let sum = round3(criteria.iter().map(|c| c.max_points).sum());
        let total_points = match &raw.total_points {
            None => None,
            Some(t) => {
                let tv = *t.get_ref();
                if (tv - sum).abs() > 1e-6 {
                    let parts: Vec<String> = criteria
                        .iter()
                        .map(|c| format!("{} {}", c.id, fmt_num(c.max_points)))
                        .collect();
                    return Err(cx.err(
                        t.span(),
                        None,
                        format!(
                            "total_points = {} nhưng tổng max_points của các tiêu chí là {} ({}) (total of max_points does not match total_points)",
                            fmt_num(tv),
                            fmt_num(sum),
                            parts.join(" + ")
                        ),
                    ));
                }
                Some(tv)
            }
        };

        // Rating bands.
        if raw.rating.is_empty() {
            return Err(cx.err(
                0..0,
                None,
                "thiếu bảng xếp loại [[rating]] (at least one rating band is required)",
            ));
        }
        let scale_max = match rating_basis {
            RatingBasis::Percent => 100.0,
            RatingBasis::Points => sum,
        };
        let mut ratings: Vec<RatingBand> = Vec::new();
        for r in &raw.rating {
            let r = r.get_ref();
            let at = *r.at.get_ref();
            let label = r.label.get_ref().trim().to_string();
            if label.is_empty() {
                return Err(cx.err(
                    r.label.span(),
                    None,
                    "xếp loại có label rỗng (empty rating label)",
                ));
            }
            if !at.is_finite() || at < 0.0 || at > scale_max + EPS {
                return Err(cx.err(
                    r.at.span(),
                    None,
                    format!(
                        "ngưỡng xếp loại at = {} phải trong khoảng 0–{} (rating threshold out of range)",
                        fmt_num(at),
                        fmt_num(scale_max)
                    ),
                ));
            }
            if let Some(prev) = ratings.last() {
                if at >= prev.at - EPS {
                    return Err(cx.err(
                        r.at.span(),
                        None,
                        format!(
                            "các bậc xếp loại phải ghi từ cao xuống thấp, ngưỡng giảm dần: '{label}' (at = {}) đứng sau '{}' (at = {}) (rating bands unordered or overlapping)",
                            fmt_num(at),
                            prev.label,
                            fmt_num(prev.at)
                        ),
                    ));
                }
            }
            ratings.push(RatingBand { at, label });
        }
        let last = raw.rating.last().expect("non-empty");
        if ratings.last().map(|r| r.at).unwrap_or(0.0) > EPS {
            return Err(cx.err(
                last.get_ref().at.span(),
                None,
                "bậc xếp loại cuối cùng phải có at = 0 để mọi số điểm đều được xếp loại (the last rating band must have at = 0)",
            ));
        }

        Ok(Criteria {
            name: name.to_string(),
            title: raw
                .title
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "Bảng điểm Công sở thân thiện".into()),
            notice: raw.notice.map(|t| t.trim().to_string()).unwrap_or_default(),
            total_points,
            rating_basis,
            ratings,
            criteria,
        })
    }
}

fn check_criterion(cx: &Ctx, rc: &RawCriterion) -> Result<Criterion, String> {
    let id = rc.id.get_ref().trim().to_string();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
    {
        return Err(cx.err(
            rc.id.span(),
            None,
            format!(
                "mã tiêu chí id = \"{id}\" chỉ được gồm chữ không dấu, số, '_', '-', '.' (invalid id)"
            ),
        ));
    }
    let idr = id.as_str();
    let line = line_of(cx.text, rc.id.span().start);
    let title = rc.title.get_ref().trim().to_string();
    if title.is_empty() {
        return Err(cx.err(rc.title.span(), Some(idr), "title rỗng (empty title)"));
    }
    let max_points = *rc.max_points.get_ref();
    if !max_points.is_finite() || max_points <= 0.0 {
        return Err(cx.err(
            rc.max_points.span(),
            Some(idr),
            format!("max_points = {max_points} phải là số dương (must be > 0)"),
        ));
    }

    // Source: exactly one of figure, ratio, manual.
    let given = [rc.figure.is_some(), rc.ratio.is_some(), rc.manual.is_some()]
        .iter()
        .filter(|b| **b)
        .count();
    if given != 1 {
        return Err(cx.err(
            rc.id.span(),
            Some(idr),
            if given == 0 {
                "thiếu nguồn số liệu: cần đúng một trong figure, ratio, manual (no source)"
            } else {
                "chỉ được ghi một trong figure, ratio, manual (more than one source)"
            },
        ));
    }
    let source = if let Some(f) = &rc.figure {
        Source::Figure(check_figure(cx, f, idr)?)
    } else if let Some(r) = &rc.ratio {
        let parts = r.get_ref();
        if parts.len() != 2 {
            return Err(cx.err(
                r.span(),
                Some(idr),
                format!(
                    "ratio cần đúng hai tên số liệu [tử số, mẫu số], ví dụ [\"response_on_time\", \"received\"]; đang có {} (ratio needs [numerator, denominator])",
                    parts.len()
                ),
            ));
        }
        Source::Ratio(
            check_figure(cx, &parts[0], idr)?,
            check_figure(cx, &parts[1], idr)?,
        )
    } else {
        let m = rc.manual.as_ref().expect("one source");
        let key = m.get_ref().trim().to_string();
        if key.is_empty()
            || key
                .chars()
                .any(|c| c.is_whitespace() || c == '.' || c == '"')
        {
            return Err(cx.err(
                m.span(),
                Some(idr),
                format!("manual = \"{key}\": tên khóa không hợp lệ (invalid manual key)"),
            ));
        }
        Source::Manual(key)
    };
    let is_manual = matches!(source, Source::Manual(_));

    // Scoring.
    let scoring = match (&rc.bands, &rc.yes_points) {
        (Some(_), Some(y)) => {
            return Err(cx.err(
                y.span(),
                Some(idr),
                "chỉ dùng bands hoặc yes_points/no_points, không dùng cả hai (bands and yes_points both given)",
            ));
        }
        (None, Some(y)) => {
            if !is_manual {
                return Err(cx.err(
                    y.span(),
                    Some(idr),
                    "yes_points/no_points chỉ dùng cho tiêu chí manual (yes_points needs a manual source)",
                ));
            }
            if let Some(c) = &rc.compare {
                return Err(cx.err(
                    c.span(),
                    Some(idr),
                    "compare chỉ dùng cùng bands (compare is only used with bands)",
                ));
            }
            let yes = check_points(cx, y, max_points, "yes_points", idr)?;
            let no = match &rc.no_points {
                Some(n) => check_points(cx, n, max_points, "no_points", idr)?,
                None => 0.0,
            };
            if (yes.max(no) - max_points).abs() > EPS {
                return Err(cx.err(
                    y.span(),
                    Some(idr),
                    format!(
                        "yes_points = {} và no_points = {} đều nhỏ hơn max_points = {}: tiêu chí không bao giờ đạt điểm tối đa (neither gives max_points)",
                        fmt_num(yes),
                        fmt_num(no),
                        fmt_num(max_points)
                    ),
                ));
            }
            Scoring::YesNo { yes, no }
        }
        (None, None) => {
            if let Some(n) = &rc.no_points {
                return Err(cx.err(
                    n.span(),
                    Some(idr),
                    "no_points cần đi cùng yes_points (no_points without yes_points)",
                ));
            }
            return Err(cx.err(
                rc.id.span(),
                Some(idr),
                if is_manual {
                    "thiếu cách cho điểm: cần yes_points (và no_points) hoặc bands (no scoring)"
                } else {
                    "thiếu bands — các mức cho điểm (no bands)"
                },
            ));
        }
        (Some(bands), None) => {
            if let Some(n) = &rc.no_points {
                return Err(cx.err(
                    n.span(),
                    Some(idr),
                    "no_points chỉ dùng cùng yes_points, không dùng với bands",
                ));
            }
            let compare = match &rc.compare {
                None => {
                    return Err(cx.err(
                        bands.span(),
                        Some(idr),
                        "thiếu compare = \">=\" (càng cao càng tốt) hoặc \"<=\" (càng thấp càng tốt) (compare is required with bands)",
                    ));
                }
                Some(c) => match c.get_ref().trim() {
                    ">=" | "≥" => Compare::AtLeast,
                    "<=" | "≤" => Compare::AtMost,
                    other => {
                        return Err(cx.err(
                            c.span(),
                            Some(idr),
                            format!(
                                "compare = \"{other}\" không hợp lệ; dùng \">=\" hoặc \"<=\" (invalid compare)"
                            ),
                        ));
                    }
                },
            };
            let list = bands.get_ref();
            if list.is_empty() {
                return Err(cx.err(
                    bands.span(),
                    Some(idr),
                    "bands rỗng — cần ít nhất một mức (empty bands)",
                ));
            }
            let rate = match &source {
                Source::Figure(f) => is_rate(f),
                _ => false,
            };
            let mut out: Vec<Band> = Vec::with_capacity(list.len());
            for b in list {
                let b = b.get_ref();
                let at = *b.at.get_ref();
                if !at.is_finite() {
                    return Err(cx.err(b.at.span(), Some(idr), "ngưỡng at không hợp lệ"));
                }
                if rate && !(0.0..=1.0 + EPS).contains(&at) {
                    return Err(cx.err(
                        b.at.span(),
                        Some(idr),
                        format!(
                            "ngưỡng at = {} nằm ngoài 0–1: tỷ lệ ghi dạng số thập phân, ví dụ 95 % → 0.95 (rates are fractions)",
                            fmt_num(at)
                        ),
                    ));
                }
                let points = check_points(cx, &b.points, max_points, "points", idr)?;
                if let Some(prev) = out.last() {
                    let ordered = match compare {
                        Compare::AtLeast => at < prev.at - EPS,
                        Compare::AtMost => at > prev.at + EPS,
                    };
                    if (at - prev.at).abs() <= EPS {
                        return Err(cx.err(
                            b.at.span(),
                            Some(idr),
                            format!(
                                "hai mức có cùng ngưỡng at = {} (overlapping bands)",
                                fmt_num(at)
                            ),
                        ));
                    }
                    if !ordered {
                        let (dir, hint) = match compare {
                            Compare::AtLeast => (
                                "giảm dần",
                                " — nếu tiêu chí là 'càng thấp càng tốt' hãy ghi compare = \"<=\"",
                            ),
                            Compare::AtMost => (
                                "tăng dần",
                                " — nếu tiêu chí là 'càng cao càng tốt' hãy ghi compare = \">=\"",
                            ),
                        };
                        return Err(cx.err(
                            b.at.span(),
                            Some(idr),
                            format!(
                                "các mức phải ghi từ tốt nhất đến kém nhất, ngưỡng {dir} với compare = \"{}\": at = {} đứng sau at = {} (unordered bands){hint}",
                                if compare == Compare::AtLeast { ">=" } else { "<=" },
                                fmt_num(at),
                                fmt_num(prev.at)
                            ),
                        ));
                    }
                    if points > prev.points + EPS {
                        return Err(cx.err(
                            b.points.span(),
                            Some(idr),
                            format!(
                                "mức at = {} cho {} điểm, nhiều hơn mức tốt hơn trước nó (at = {}, {} điểm) (overlapping bands: a weaker band gives more points)",
                                fmt_num(at),
                                fmt_num(points),
                                fmt_num(prev.at),
                                fmt_num(prev.points)
                            ),
                        ));
                    }
                }
                out.push(Band { at, points });
            }
            if (out[0].points - max_points).abs() > EPS {
                return Err(cx.err(
                    list[0].get_ref().points.span(),
                    Some(idr),
                    format!(
                        "mức cao nhất chỉ cho {} điểm, khác max_points = {}: sửa max_points hoặc điểm của mức đầu (the best band must give max_points)",
                        fmt_num(out[0].points),
                        fmt_num(max_points)
                    ),
                ));
            }
            Scoring::Bands {
                compare,
                bands: out,
            }
        }
    };

    // When the value is undefined.
    let when_undefined = match &rc.when_undefined {
        None => {
            return Err(cx.err(
                rc.id.span(),
                Some(idr),
                "thiếu when_undefined = \"full\" | \"zero\" | <số điểm> — điểm khi không có số liệu (when_undefined is required)",
            ));
        }
        Some(w) => match w.get_ref() {
            toml::Value::String(s) => match s.trim() {
                "full" => Undefined::Full,
                "zero" => Undefined::Zero,
                other => {
                    return Err(cx.err(
                        w.span(),
                        Some(idr),
                        format!(
                            "when_undefined = \"{other}\" không hợp lệ; dùng \"full\", \"zero\" hoặc một số điểm (invalid when_undefined)"
                        ),
                    ));
                }
            },
            toml::Value::Integer(_) | toml::Value::Float(_) => {
                let v = match w.get_ref() {
                    toml::Value::Integer(i) => *i as f64,
                    toml::Value::Float(f) => *f,
                    _ => unreachable!(),
                };
                let sp = Spanned::new(w.span(), v);
                Undefined::Points(check_points(cx, &sp, max_points, "when_undefined", idr)?)
            }
            _ => {
                return Err(cx.err(
                    w.span(),
                    Some(idr),
                    "when_undefined phải là \"full\", \"zero\" hoặc một số điểm (invalid when_undefined)",
                ));
            }
        },
    };

    let applies_to_departments = match &rc.applies_to_departments {
        None => !is_manual,
        Some(a) => {
            if *a.get_ref() && is_manual {
                return Err(cx.err(
                    a.span(),
                    Some(idr),
                    "tiêu chí manual là tiêu chí chung của cơ quan, không áp dụng cho từng đơn vị: ghi applies_to_departments = false (manual criteria are agency-wide)",
                ));
            }
            *a.get_ref()
        }
    };

    let lost_cases = match &rc.lost_cases {
        None => LostCases::None,
        Some(l) => {
            let v = match l.get_ref().trim() {
                "none" => LostCases::None,
                "overdue" => LostCases::Overdue,
                "late" => LostCases::Late,
                "overdue_and_late" => LostCases::OverdueAndLate,
                other => {
                    return Err(cx.err(
                        l.span(),
                        Some(idr),
                        format!(
                            "lost_cases = \"{other}\" không hợp lệ; dùng \"overdue\", \"late\", \"overdue_and_late\" hoặc \"none\""
                        ),
                    ));
                }
            };
            if is_manual && v != LostCases::None {
                return Err(cx.err(
                    l.span(),
                    Some(idr),
                    "tiêu chí manual không có danh sách vụ việc: ghi lost_cases = \"none\"",
                ));
            }
            v
        }
    };

    Ok(Criterion {
        id,
        title,
        max_points,
        source,
        scoring,
        when_undefined,
        applies_to_departments,
        lost_cases,
        basis: rc
            .basis
            .clone()
            .map(|b| b.trim().to_string())
            .filter(|b| !b.is_empty()),
        line,
    })
}
