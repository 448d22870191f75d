//! One verdict per row read (SPEC §3.5–3.7): skipped, rejected (the first failing rule, with a
//! stable code), duplicate or accepted; accepted rows go to the table builder.

use super::*;

/// The quoting fault a CSV record's shape shows, if any (docs/INPUT.md, "Dấu ngoặc kép"). Cells
/// of personal-data columns are never looked at.
pub(super) fn quote_fault(shape: &input::Shape, row: &dyn Row, map: &ColumnMap) -> Option<String> {
    use input::QuoteFault;
    match shape.fault {
        Some(QuoteFault::Unterminated) => {
            return Some(
                "dấu ngoặc kép mở một ô nhưng không được đóng đến hết tệp (a quote is never closed)"
                    .to_string(),
            );
        }
        Some(QuoteFault::TextAfterQuote) => {
            return Some(
                "có chữ ngay sau dấu ngoặc kép đóng ô (text follows a closing quote)".to_string(),
            );
        }
        None => {}
    }
    let (n, w) = (row.len(), map.width);
    let personal = |i: usize| map.personal.get(i).copied().unwrap_or(false);
    let text = |i: usize| match row.cell(i) {
        Cell::Text(t) => t,
        _ => "",
    };
    if n > w && (w..n).any(|i| !row.cell(i).is_blank()) {
        return Some(format!(
            "bản ghi có {n} ô, dòng tiêu đề có {w} (more fields than the header)"
        ));
    }
    let d = shape.delimiter as char;
    if n < w && n > 0 && !personal(n - 1) {
        let last = text(n - 1);
        if last.contains(d) || last.contains('\n') || last.contains('\r') {
            return Some(format!(
                "bản ghi có {n} ô, dòng tiêu đề có {w}, ô cuối chứa dấu phân cách hoặc xuống dòng (fewer fields than the header)"
            ));
        }
    }
    if shape.last_line > shape.first_line {
        // A line break inside a field, followed by a line holding two or more delimiters: the
        // text of following records swallowed by a quote left open.
        for i in (0..n).filter(|&i| !personal(i)) {
            let t = text(i);
            if t.contains('\n')
                && t.split('\n')
                    .skip(1)
                    .any(|line| line.matches(d).count() >= 2)
            {
                let name = map.headers.get(i).map(String::as_str).unwrap_or("");
                return Some(format!(
                    "ô '{name}' chứa xuống dòng và dữ liệu giống các dòng sau (a field holds a line break followed by what looks like further records)"
                ));
            }
        }
    }
    None
}

/// Reasons, in Vietnamese as the Office reads them.
pub(super) mod reason {
    pub const BLANK_ID: &str = "Thiếu mã số vụ việc";
    pub const BLANK_RECEIVED: &str = "Thiếu ngày tiếp nhận";
    pub const BAD_DATE: &str = "Ngày không đọc được";
    pub const BLANK_KIND: &str = "Thiếu loại đơn";
    pub const UNKNOWN_KIND: &str = "Loại đơn không xác định";
    pub const RESOLVED_BEFORE: &str = "Ngày hoàn thành trước ngày tiếp nhận";
    pub const RESPONDED_BEFORE: &str = "Ngày phản hồi trước ngày tiếp nhận";
    pub const CLOSED_NO_DATE: &str = "Trạng thái đã kết thúc nhưng thiếu ngày hoàn thành";
    pub const UNKNOWN_CHANNEL: &str = "Kênh tiếp nhận không xác định, tính vào \"Khác\"";
    pub const BLANK_CHANNEL: &str = "Thiếu kênh tiếp nhận, tính vào \"Khác\"";
    pub const UNKNOWN_STATUS: &str = "Trạng thái không xác định, coi như để trống";
    pub const UNKNOWN_COMPLEXITY: &str = "Mức độ phức tạp không xác định, coi như không phức tạp";
    pub const UNKNOWN_FORM_VALUE: &str = "Giá trị không xác định, coi như để trống";
    pub const UNKNOWN_SATISFACTION: &str = "Mức độ hài lòng không xác định, coi như chưa đánh giá";
    pub const FORMULA_WITHOUT_VALUE: &str =
        "Ô công thức chưa có giá trị đã tính — mở tệp bằng Excel, để Excel tính lại rồi lưu";
    pub const QUOTE_FAULT: &str = "Lỗi dấu ngoặc kép trong CSV — kiểm tra dấu ngoặc kép";

    /// The fixed reason of a code (a duplicate's and a quoting fault's say more, see below).
    pub fn of(code: super::Code) -> &'static str {
        use super::Code;
        match code {
            Code::BlankId => BLANK_ID,
            Code::BlankReceived => BLANK_RECEIVED,
            Code::BadDate => BAD_DATE,
            Code::BlankKind => BLANK_KIND,
            Code::UnknownKind => UNKNOWN_KIND,
            Code::ResolvedBeforeReceived => RESOLVED_BEFORE,
            Code::RespondedBeforeReceived => RESPONDED_BEFORE,
            Code::ClosedWithoutDate => CLOSED_NO_DATE,
            Code::QuoteFault => QUOTE_FAULT,
            Code::FormulaWithoutValue => FORMULA_WITHOUT_VALUE,
            Code::Duplicate => "Trùng mã",
        }
    }

    /// A CSV record rejected for its shape: which physical lines it covers, and what is wrong.
    pub fn quote_fault(first_line: u64, last_line: u64, what: &str) -> String {
        let lines = if first_line == last_line {
            format!("dòng {first_line} của tệp")
        } else {
            format!("các dòng {first_line}–{last_line} của tệp")
        };
        format!(
            "Lỗi dấu ngoặc kép trong CSV ({lines}): {what} — kiểm tra dấu ngoặc kép (check the quotes)"
        )
    }

    pub fn duplicate(first_file: &str, first_row: u32) -> String {
        format!("Trùng mã với dòng {first_row} tệp {first_file} (đã giữ bản ghi đó)")
    }
}

pub(super) struct State<'a> {
    pub(super) vocab: &'a Vocabulary,
    pub(super) cfg: &'a Config,
    pub(super) builder: Builder,
    /// Accepted ids (lower case) → (file index, row).
    pub(super) seen: Seen,
    pub(super) accounts: Vec<FileAccount>,
    pub(super) rejects: Vec<Issue>,
    pub(super) duplicates: Vec<Issue>,
    pub(super) warnings: HashMap<(String, String, String), Warning>,
    pub(super) warning_order: Vec<(String, String, String)>,
    /// Canonical names → index into `name_list`.
    pub(super) interned: PlHashMap<String, u32>,
    /// The distinct canonical names of categories and departments.
    pub(super) name_list: Vec<String>,
    /// Optional form fields (`FORM_FIELDS`) found in the header of at least one file.
    pub(super) present: Vec<&'static str>,
}

/// The vocabularies a value is looked up in (the lookups are memoised per distinct value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Field {
    Kind,
    Status,
    Channel,
    Complexity,
    Satisfaction,
    Category,
    Department,
    Signers,
    Competence,
    Outcome,
    Attempt,
}

pub(super) enum Verdict {
    Skipped,
    Rejected(Issue),
    Duplicate(Issue),
    Accepted,
}

/// What a value of a coded field reads as, once cleaned.
#[derive(Debug, Clone, Copy)]
pub(super) enum Looked {
    /// Blank once cleaned.
    Blank,
    /// The code, as one of the field's static codes (`code_static`).
    Code(&'static str),
    /// Not in the vocabulary.
    Unknown,
}

/// A warning raised while judging a row, counted by `State::warn` when the row is taken.
#[derive(Debug)]
pub(super) struct Warn {
    field: &'static str,
    value: String,
    reason: &'static str,
}

/// A category or department name as one worker read it: its index in the worker's own list,
/// with the name itself the first time the worker meets it (`State::take` maps it to the
/// file-wide list in file order).
#[derive(Debug, Default)]
pub(super) struct NameRef {
    worker: usize,
    local: u32,
    new: Option<String>,
}

/// A row that passed every rule that does not depend on the rows before it: the duplicate
/// check (SPEC §3.7) is left to `State::take`, which sees the rows in file order.
#[derive(Debug)]
pub(super) struct Candidate {
    id: String,
    /// The id folded to lower case, and its hash (`Seen`).
    key: String,
    hash: u64,
    /// Raised before the duplicate check (counted even when the row is a duplicate).
    before: Option<Warn>,
    /// Raised after it (counted only when the row is accepted).
    after: Vec<Warn>,
    received: Stamp,
    due: Option<Stamp>,
    responded: Option<Stamp>,
    resolved: Option<Stamp>,
    assigned: Option<Stamp>,
    accepted: Option<Stamp>,
    kind: &'static str,
    channel: &'static str,
    status: Option<&'static str>,
    complexity: &'static str,
    category: NameRef,
    department: NameRef,
    satisfied: Option<bool>,
    signatories: Option<&'static str>,
    competence: Option<&'static str>,
    outcome: Option<&'static str>,
    attempt: Option<&'static str>,
    matter: Option<String>,
}

/// The verdict on one row as far as the row alone decides it.
#[derive(Debug)]
pub(super) enum Assessed {
    Skipped,
    Rejected(Issue),
    Candidate(Box<Candidate>),
}

/// What judging a row of one file needs: nothing that changes from row to row, so that the rows
/// can be judged on every core (`input::Body`).
pub(super) struct Judge<'a> {
    pub(super) vocab: &'a Vocabulary,
    pub(super) cfg: &'a Config,
    pub(super) map: &'a ColumnMap,
    pub(super) file: &'a str,
    pub(super) hasher: &'a PlRandomState,
}

/// One worker's memos: the lookups of each coded field and the names it has met.
#[derive(Default)]
pub(super) struct Scratch {
    worker: usize,
    /// Value as read (or cleaned) → what it reads as, per coded field.
    memo: [PlHashMap<String, Looked>; 11],
    /// Category (0) and department (1) value as read → index into `names`.
    values: [PlHashMap<String, u32>; 2],
    /// The canonical names met, → their index.
    names: PlHashMap<String, u32>,
}

impl Scratch {
    pub(super) fn new(worker: usize) -> Self {
        Scratch {
            worker,
            ..Default::default()
        }
    }
}

impl input::Body for Judge<'_> {
    type Out = Assessed;
    type Scratch = Scratch;
    fn scratch(&self, worker: usize) -> Scratch {
        Scratch::new(worker)
    }
    fn assess(&self, scratch: &mut Scratch, row_no: u32, row: &dyn Row) -> Assessed {
        Judge::assess(self, scratch, row_no, row)
    }
}

impl<'a> Judge<'a> {
    /// The code of a cleaned value in a coded vocabulary (memoised).
    pub(super) fn code(
        &self,
        scratch: &mut Scratch,
        field: Field,
        value: &str,
    ) -> Option<&'static str> {
        match self.lookup(scratch, field, value) {
            Looked::Code(c) => Some(c),
            _ => None,
        }
    }

    /// What a value (as read, or cleaned) of a coded field reads as: it is cleaned and looked up
    /// in the vocabulary, once per distinct value.
    pub(super) fn lookup(&self, scratch: &mut Scratch, field: Field, value: &str) -> Looked {
        if let Some(hit) = scratch.memo[field as usize].get(value) {
            return *hit;
        }
        let vocab: &'a Vocabulary = self.vocab;
        let (v, all) = match field {
            Field::Kind => (&vocab.kind, vocab::KIND_CODES),
            Field::Status => (&vocab.status, vocab::STATUS_CODES),
            Field::Channel => (&vocab.channel, vocab::CHANNEL_CODES),
            Field::Complexity => (&vocab.complexity, vocab::COMPLEXITY_CODES),
            Field::Signers => (&vocab.signatories, vocab::SIGNATORIES_CODES),
            Field::Competence => (&vocab.competence, vocab::COMPETENCE_CODES),
            Field::Outcome => (&vocab.outcome, vocab::OUTCOME_CODES),
            Field::Attempt => (&vocab.attempt, vocab::ATTEMPT_CODES),
            _ => (&vocab.satisfaction, vocab::SATISFACTION_CODES),
        };
        let cleaned = clean(value);
        let looked = if cleaned.is_empty() {
            Looked::Blank
        } else {
            match v.code(&cleaned) {
                Some(c) => Looked::Code(code_static(c, all)),
                None => Looked::Unknown,
            }
        };
        scratch.memo[field as usize].insert(value.to_string(), looked);
        looked
    }

    /// The canonical name of a department or category value as read (memoised): the value
    /// cleaned and mapped, or the blank name when it cleans to blank.
    pub(super) fn mapped(&self, scratch: &mut Scratch, field: Field, value: &str) -> NameRef {
        let which = usize::from(field != Field::Category);
        let worker = scratch.worker;
        if let Some(&local) = scratch.values[which].get(value) {
            return NameRef {
                worker,
                local,
                new: None,
            };
        }
        let vocab = self.vocab;
        let (map, blank) = if field == Field::Category {
            (&vocab.category, &vocab.blank_category)
        } else {
            (&vocab.department, &vocab.blank_department)
        };
        let cleaned = clean(value);
        let name = if cleaned.is_empty() {
            blank.clone()
        } else {
            map.map(cleaned)
        };
        let (local, new) = match scratch.names.get(&name) {
            Some(&i) => (i, None),
            None => {
                let i = scratch.names.len() as u32;
                scratch.names.insert(name.clone(), i);
                (i, Some(name))
            }
        };
        scratch.values[which].insert(value.to_string(), local);
        NameRef { worker, local, new }
    }

    /// The code of an optional form field (signatories, competence, outcome, attempt): a word of
    /// its vocabulary, or a count for signatories and attempt. Unknown values are warned about
    /// and read as blank.
    pub(super) fn form_code(
        &self,
        scratch: &mut Scratch,
        warnings: &mut Vec<Warn>,
        field: Field,
        name: &'static str,
        cell: Cell,
        raw: &str,
    ) -> Option<&'static str> {
        if raw.is_empty() {
            return None;
        }
        let number = match cell {
            Cell::Number(n) => Some(n),
            _ => raw.replace(',', ".").parse::<f64>().ok(),
        };
        let by_number =
            number
                .filter(|n| n.fract() == 0.0 && *n >= 0.0)
                .and_then(|n| match field {
                    Field::Signers if n == 0.0 => Some("other"),
                    Field::Signers if n == 1.0 => Some("one"),
                    Field::Signers => Some("many"),
                    Field::Attempt if n == 1.0 => Some("first"),
                    Field::Attempt if n == 2.0 => Some("second"),
                    Field::Attempt if n >= 3.0 => Some("more"),
                    _ => None,
                });
        if by_number.is_some() {
            return by_number;
        }
        let all = match field {
            Field::Signers => vocab::SIGNATORIES_CODES,
            Field::Competence => vocab::COMPETENCE_CODES,
            Field::Outcome => vocab::OUTCOME_CODES,
            _ => vocab::ATTEMPT_CODES,
        };
        match self.code(scratch, field, raw) {
            Some(c) => all.iter().copied().find(|x| *x == c),
            None => {
                warnings.push(Warn {
                    field: name,
                    value: raw.to_string(),
                    reason: reason::UNKNOWN_FORM_VALUE,
                });
                None
            }
        }
    }
}

impl<'a> State<'a> {
    /// The index in `name_list` of a canonical name.
    pub(super) fn intern(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.interned.get(name) {
            return i;
        }
        let i = self.name_list.len() as u32;
        self.name_list.push(name.to_string());
        self.interned.insert(name.to_string(), i);
        i
    }

    pub(super) fn read_file(&mut self, path: &Path) -> Result<()> {
        let file_index = self.accounts.len();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        // The file's hash is computed on another core while its rows are read.
        let path_owned = path.to_path_buf();
        let hasher = std::thread::spawn(move || input::sha256_file(&path_owned));
        let mut account = FileAccount {
            name: name.clone(),
            path: path.to_path_buf(),
            ..Default::default()
        };
        let vocab = self.vocab;
        let mut columns: Option<ColumnMap> = None;
        let mut error: Option<Error> = None;
        let mut legacy_text = false;
        let score = |row: &dyn Row| header_score(vocab, row);
        // A CSV file's body is read apart from its header, its rows judged on every core; other
        // formats are read row by row, here.
        let parallel = input::format_of(path) == Some(input::Format::Csv);
        let cfg = self.cfg;
        let id_hasher = self.seen.hasher.clone();
        let mut scratch = Scratch::new(0);
        // Each worker's name indices → `name_list`.
        let mut names: Vec<Vec<u32>> = Vec::new();
        input::for_each_row(path, &self.cfg.input, &score, &mut |row_no, row| {
            match &columns {
                None => {
                    legacy_text |= (0..row.len().min(200)).any(|i| match row.cell(i) {
                        Cell::Text(t) => looks_like_legacy_encoding(t),
                        _ => false,
                    });
                    if header_score(vocab, row) >= HEADER_MIN_MATCHES {
                        // A header record that swallowed lines or has a stray quote: its cells
                        // may hold data, personal data too, so none is shown.
                        if let Some(shape) = row.shape()
                            && (shape.fault.is_some()
                                || shape.last_line > shape.first_line
                                || (0..row.len()).any(|i| {
                                    matches!(row.cell(i), Cell::Text(t) if t.contains(['\n', '\r']))
                                }))
                        {
                            error = Some(Error::file(
                                path,
                                reason::quote_fault(
                                    shape.first_line,
                                    shape.last_line,
                                    "dòng tiêu đề có lỗi dấu ngoặc kép (the header row has a quoting fault)",
                                ),
                            ));
                            return Ok(Flow::Stop);
                        }
                        let map = match map_columns(vocab, row) {
                            Ok(map) => map,
                            Err(m) => {
                                error = Some(Error::file(path, format!("dòng {row_no}: {m}")));
                                return Ok(Flow::Stop);
                            }
                        };
                        if let Some(e) = self.check_required(path, &map) {
                            error = Some(e);
                            return Ok(Flow::Stop);
                        }
                        account.header_row = row_no;
                        for f in FORM_FIELDS {
                            if map.pos.contains_key(f) && !self.present.contains(f) {
                                self.present.push(f);
                            }
                        }
                        columns = Some(map);
                        if parallel {
                            return Ok(Flow::Stop);
                        }
                    } else if row_no >= HEADER_SEARCH_ROWS {
                        return Ok(Flow::Stop);
                    }
                }
                Some(map) => {
                    let judge = Judge {
                        vocab,
                        cfg,
                        map,
                        file: &name,
                        hasher: &id_hasher,
                    };
                    let assessed = judge.assess(&mut scratch, row_no, row);
                    let verdict = self.take(file_index, &name, row_no, assessed, &mut names);
                    self.count(&mut account, verdict);
                }
            }
            Ok(Flow::Continue)
        })?;
        if let (true, None, Some(map)) = (parallel, &error, &columns) {
            let judge = Judge {
                vocab,
                cfg,
                map,
                file: &name,
                hasher: &id_hasher,
            };
            let body = input::for_each_body(
                path,
                &score,
                account.header_row,
                &judge,
                &mut |row_no, assessed| {
                    let verdict = self.take(file_index, &name, row_no, assessed, &mut names);
                    self.count(&mut account, verdict);
                },
            );
            body.expect("a CSV file")?;
        }
        account.sha256 = hasher
            .join()
            .map_err(|_| Error::file(path, "lỗi khi tính SHA-256 (hash failed)"))??;
        if let Some(e) = error {
            return Err(e);
        }
        if columns.is_none() {
            let hint = if legacy_text {
                "; chữ trong tệp có vẻ gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI — hãy chuyển sang Unicode (text looks like legacy TCVN3/VNI encoding: convert it to Unicode)"
            } else {
                "; tệp trống hoặc không phải sổ theo dõi (empty, or not a register export)"
            };
            return Err(Error::file(
                path,
                format!(
                    "không tìm thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu (no header row with at least {HEADER_MIN_MATCHES} known column names in the first {HEADER_SEARCH_ROWS} rows){hint}"
                ),
            ));
        }
        self.accounts.push(account);
        Ok(())
    }

    pub(super) fn check_required(&self, path: &Path, map: &ColumnMap) -> Option<Error> {
        let mut required = vec!["id", "received_at", "channel"];
        if self.vocab.default_kind.is_none() {
            required.push("kind");
        }
        let missing = required.into_iter().find(|f| !map.pos.contains_key(f))?;
        let found: Vec<&str> = map
            .headers
            .iter()
            .map(String::as_str)
            .filter(|h| !h.is_empty())
            .collect();
        Some(Error::MissingColumn {
            path: path.to_path_buf(),
            field: missing.to_string(),
            found: found.join(", "),
        })
    }

    /// The index in `name_list` of a name a worker read (`NameRef`).
    fn global_name(&mut self, r: NameRef, names: &mut Vec<Vec<u32>>) -> u32 {
        if names.len() <= r.worker {
            names.resize_with(r.worker + 1, Vec::new);
        }
        if let Some(name) = r.new {
            let i = self.intern(&name);
            names[r.worker].push(i);
        }
        names[r.worker][r.local as usize]
    }

    /// Counts a row's verdict in its file's accounting (SPEC §3.6) and keeps its issue.
    pub(super) fn count(&mut self, account: &mut FileAccount, verdict: Verdict) {
        account.rows_read += 1;
        match verdict {
            Verdict::Skipped => account.skipped += 1,
            Verdict::Rejected(issue) => {
                account.rejected += 1;
                self.rejects.push(issue);
            }
            Verdict::Duplicate(issue) => {
                account.duplicates += 1;
                self.duplicates.push(issue);
            }
            Verdict::Accepted => account.accepted += 1,
        }
    }

    pub(super) fn warn(&mut self, file: &str, row: u32, field: &str, value: &str, reason: &str) {
        let key = (field.to_string(), value.to_string(), reason.to_string());
        if let Some(w) = self.warnings.get_mut(&key) {
            w.count += 1;
            return;
        }
        self.warning_order.push(key.clone());
        self.warnings.insert(
            key,
            Warning {
                file: file.to_string(),
                row,
                field: field.to_string(),
                value: value.to_string(),
                reason: reason.to_string(),
                count: 1,
            },
        );
    }

    /// Takes the verdict on one row, in file order: counts the warnings, makes the duplicate check
    /// (SPEC §3.7) and adds an accepted row to the table. `names` maps each worker's name
    /// indices to `name_list`.
    pub(super) fn take(
        &mut self,
        file_index: usize,
        file: &str,
        row_no: u32,
        assessed: Assessed,
        names: &mut Vec<Vec<u32>>,
    ) -> Verdict {
        let c = match assessed {
            Assessed::Skipped => return Verdict::Skipped,
            Assessed::Rejected(issue) => return Verdict::Rejected(issue),
            Assessed::Candidate(c) => c,
        };
        if let Some(w) = &c.before {
            self.warn(file, row_no, w.field, &w.value, w.reason);
        }
        // A worker's names are mapped even on a duplicate row: the first row that names one may
        // be a duplicate, and the worker refers to it by its index from then on.
        let mut c = c;
        let category = self.global_name(std::mem::take(&mut c.category), names);
        let department = self.global_name(std::mem::take(&mut c.department), names);
        if let Some((first_file, first_row)) = self.seen.get(c.hash, &c.key) {
            let first_name = self
                .accounts
                .get(first_file)
                .map(|a| a.name.as_str())
                .unwrap_or(file);
            return Verdict::Duplicate(Issue {
                file: file.to_string(),
                row: row_no,
                field: "id".to_string(),
                reason: reason::duplicate(first_name, first_row),
                value: c.id,
                code: Code::Duplicate,
            });
        }
        for w in &c.after {
            self.warn(file, row_no, w.field, &w.value, w.reason);
        }
        let Candidate {
            id,
            key,
            hash,
            received,
            due,
            responded,
            resolved,
            assigned,
            accepted,
            kind,
            channel,
            status,
            complexity,
            satisfied,
            signatories,
            competence,
            outcome,
            attempt,
            matter,
            ..
        } = *c;
        self.seen.insert(hash, key, (file_index, row_no));
        let b = &mut self.builder;
        b.id.0.append_value(&id);
        b.file_no.push(file_index as u32);
        b.row_no.push(row_no);
        b.received_at.push(received.millis());
        b.received_has_time.push(received.time.is_some());
        let (v, t) = stamp_cols(due);
        b.due_at.push(v);
        b.due_has_time.push(t);
        let (v, t) = stamp_cols(responded);
        b.responded_at.push(v);
        b.responded_has_time.push(t);
        let (v, t) = stamp_cols(resolved);
        b.resolved_at.push(v);
        b.resolved_has_time.push(t);
        b.assigned_date.push(assigned.map(|s| epoch_days(s.date)));
        b.accepted_date.push(accepted.map(|s| epoch_days(s.date)));
        b.kind.push(kind);
        b.channel.push(channel);
        b.status.push(status);
        b.complexity.push(complexity);
        b.category.push(category);
        b.department.push(department);
        b.satisfied.push(satisfied);
        b.signatories.push(signatories);
        b.competence.push(competence);
        b.outcome.push(outcome);
        b.attempt.push(attempt);
        b.matter.push(matter);
        Verdict::Accepted
    }
}

impl<'a> Judge<'a> {
    /// The verdict on one row as far as the row alone decides it (SPEC §3.5): skipped, rejected
    /// (the first failing rule), or a candidate for the duplicate check that `State::take` makes.
    pub(super) fn assess(&self, scratch: &mut Scratch, row_no: u32, row: &dyn Row) -> Assessed {
        let (vocab, file, map): (&'a Vocabulary, &str, &ColumnMap) =
            (self.vocab, self.file, self.map);
        // Each field's cell, read once (a cell of a CSV record is checked to be UTF-8 as it is
        // read).
        let cells: [Cell; SLOTS.len()] =
            std::array::from_fn(|k| map.at[k].map(|i| row.cell(i)).unwrap_or(Cell::Empty));
        let cell = |field: usize| cells[field];
        let text = |field: usize| match cell(field) {
            Cell::Text(t) => clean_cow(t),
            Cell::Empty => Cow::Borrowed(""),
            c => Cow::Owned(clean(&c.to_text())),
        };
        // The text before cleaning: vocabulary lookups are memoised on it, so a value seen
        // before is not cleaned again.
        let raw = |field: usize| match cell(field) {
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Empty => Cow::Borrowed(""),
            c => Cow::Owned(c.to_text()),
        };
        let issue_with = |field: &str, value: String, code: Code, reason: &str| Issue {
            file: file.to_string(),
            row: row_no,
            field: field.to_string(),
            value,
            code,
            reason: reason.to_string(),
        };
        let issue = |field: &str, value: String, code: Code| {
            issue_with(field, value, code, reason::of(code))
        };

        // 0. A CSV record whose shape shows a quoting fault: rejected whole, never merged or
        // shifted (its cells may be personal data in the wrong column, so none is shown).
        if let Some(shape) = row.shape()
            && let Some(what) = quote_fault(&shape, row, map)
        {
            return Assessed::Rejected(issue_with(
                "",
                String::new(),
                Code::QuoteFault,
                &reason::quote_fault(shape.first_line, shape.last_line, &what),
            ));
        }
        // A formula saved without its value: the value is unknown, so the row cannot be judged.
        if let Some(k) = cells.iter().position(|c| *c == Cell::Uncalculated) {
            return Assessed::Rejected(issue(SLOTS[k], String::new(), Code::FormulaWithoutValue));
        }
        // 1. Skipped: blank rows and total rows.
        if (0..row.len()).all(|i| row.cell(i).is_blank()) {
            return Assessed::Skipped;
        }
        let id = text(S_ID);
        // A total row: blank id and a cell reading "Tổng cộng…" or "Cộng" (SPEC §5); registers
        // also write it in the id column itself, with no receipt date.
        if cell(S_RECEIVED_AT).is_blank() {
            let id_folded = fold(&id);
            if id_folded.starts_with("tongcong") || id_folded == "cong" {
                return Assessed::Skipped;
            }
        }
        if id.is_empty() {
            let is_total = (0..row.len()).any(|i| match row.cell(i) {
                Cell::Text(t) => {
                    let f = fold(t);
                    f.starts_with("tongcong") || f == "cong"
                }
                _ => false,
            });
            if is_total {
                return Assessed::Skipped;
            }
            // 2. Rejected, first failing rule.
            return Assessed::Rejected(issue("id", String::new(), Code::BlankId));
        }

        let format = self.cfg.input.date_format.as_deref();
        let received = match dates::parse_cell(cell(S_RECEIVED_AT), format) {
            Ok(Some(s)) => s,
            Ok(None) => {
                return Assessed::Rejected(issue(
                    "received_at",
                    String::new(),
                    Code::BlankReceived,
                ));
            }
            Err(_) => {
                return Assessed::Rejected(issue(
                    "received_at",
                    cell(S_RECEIVED_AT).to_text(),
                    Code::BadDate,
                ));
            }
        };

        let kind: &'static str = match self.lookup(scratch, Field::Kind, &raw(S_KIND)) {
            Looked::Code(k) => k,
            Looked::Blank if vocab.default_kind.is_some() => code_static(
                vocab.default_kind.as_deref().unwrap_or_default(),
                vocab::KIND_CODES,
            ),
            Looked::Blank => {
                return Assessed::Rejected(issue(
                    "kind",
                    text(S_KIND).into_owned(),
                    Code::BlankKind,
                ));
            }
            Looked::Unknown => {
                return Assessed::Rejected(issue(
                    "kind",
                    text(S_KIND).into_owned(),
                    Code::UnknownKind,
                ));
            }
        };

        let mut other = [None; 5];
        // assigned_at, accepted_at, due_at, responded_at, resolved_at
        for (k, field) in SLOTS[S_ASSIGNED_AT..=S_RESOLVED_AT].iter().enumerate() {
            let c = cell(S_ASSIGNED_AT + k);
            match dates::parse_cell(c, format) {
                Ok(s) => other[k] = s,
                Err(_) => {
                    return Assessed::Rejected(issue(field, c.to_text(), Code::BadDate));
                }
            }
        }
        let [assigned, accepted, due, responded, resolved] = other;
        if let Some(r) = resolved
            && r.is_before(&received)
        {
            return Assessed::Rejected(issue(
                "resolved_at",
                cell(S_RESOLVED_AT).to_text(),
                Code::ResolvedBeforeReceived,
            ));
        }
        if let Some(r) = responded
            && r.is_before(&received)
        {
            return Assessed::Rejected(issue(
                "responded_at",
                cell(S_RESPONDED_AT).to_text(),
                Code::RespondedBeforeReceived,
            ));
        }

        let mut before = None;
        let status = match self.lookup(scratch, Field::Status, &raw(S_STATUS)) {
            Looked::Blank => None,
            Looked::Code(c) => Some(c),
            Looked::Unknown => {
                before = Some(Warn {
                    field: "status",
                    value: text(S_STATUS).into_owned(),
                    reason: reason::UNKNOWN_STATUS,
                });
                None
            }
        };
        if status.is_some_and(|s| s != "open") && resolved.is_none() {
            return Assessed::Rejected(issue(
                "status",
                text(S_STATUS).into_owned(),
                Code::ClosedWithoutDate,
            ));
        }

        // 3. The duplicate check is made in file order by `State::take`, on this key.
        let (key, hash) = Seen::key_of(self.hasher, &id);

        // 4. Candidate. Warnings for values that are read with a fallback.
        let mut after = Vec::new();
        let channel = match self.lookup(scratch, Field::Channel, &raw(S_CHANNEL)) {
            Looked::Blank => {
                after.push(Warn {
                    field: "channel",
                    value: String::new(),
                    reason: reason::BLANK_CHANNEL,
                });
                "other"
            }
            Looked::Code(c) => c,
            Looked::Unknown => {
                after.push(Warn {
                    field: "channel",
                    value: text(S_CHANNEL).into_owned(),
                    reason: reason::UNKNOWN_CHANNEL,
                });
                "other"
            }
        };
        let complexity = match self.lookup(scratch, Field::Complexity, &raw(S_COMPLEXITY)) {
            Looked::Blank => "none",
            Looked::Code(c) => c,
            Looked::Unknown => {
                after.push(Warn {
                    field: "complexity",
                    value: text(S_COMPLEXITY).into_owned(),
                    reason: reason::UNKNOWN_COMPLEXITY,
                });
                "none"
            }
        };
        let satisfied = match cell(S_SATISFACTION) {
            Cell::Number(n) => vocab.rating.judge(n),
            _ => match self.lookup(scratch, Field::Satisfaction, &raw(S_SATISFACTION)) {
                Looked::Blank => Ok(None),
                Looked::Code(c) => Ok(Some(c == "satisfied")),
                Looked::Unknown => {
                    let t = text(S_SATISFACTION);
                    let n = if t.contains(',') {
                        t.replace(',', ".").parse::<f64>()
                    } else {
                        t.parse::<f64>()
                    };
                    match n {
                        Ok(n) => vocab.rating.judge(n),
                        Err(_) => Err(()),
                    }
                }
            },
        };
        let satisfied = satisfied.unwrap_or_else(|_| {
            after.push(Warn {
                field: "satisfaction",
                value: text(S_SATISFACTION).into_owned(),
                reason: reason::UNKNOWN_SATISFACTION,
            });
            None
        });
        let category = self.mapped(scratch, Field::Category, &raw(S_CATEGORY));
        let department = self.mapped(scratch, Field::Department, &raw(S_DEPARTMENT));

        let signatories = self.form_code(
            scratch,
            &mut after,
            Field::Signers,
            "signatories",
            cell(S_SIGNATORIES),
            &text(S_SIGNATORIES),
        );
        let competence = self.form_code(
            scratch,
            &mut after,
            Field::Competence,
            "competence",
            Cell::Empty,
            &text(S_COMPETENCE),
        );
        let outcome = self.form_code(
            scratch,
            &mut after,
            Field::Outcome,
            "outcome",
            Cell::Empty,
            &text(S_OUTCOME),
        );
        let attempt = self.form_code(
            scratch,
            &mut after,
            Field::Attempt,
            "attempt",
            cell(S_ATTEMPT),
            &text(S_ATTEMPT),
        );
        let matter = Some(text(S_MATTER))
            .filter(|m| !m.is_empty())
            .map(Cow::into_owned);
        Assessed::Candidate(Box::new(Candidate {
            id: id.into_owned(),
            key,
            hash,
            before,
            after,
            received,
            due,
            responded,
            resolved,
            assigned,
            accepted,
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
        }))
    }
}

/// Text typed in the legacy TCVN3 (ABC) or VNI fonts and read as Latin-1 looks like
/// "Ngµy tiÕp nhËn": Latin-1 letters and symbols, and none of the letters only Vietnamese
/// Unicode has (ă, â, đ, ơ, ư and the U+1EA0–U+1EF9 block).
pub(super) fn looks_like_legacy_encoding(t: &str) -> bool {
    let t = match t.char_indices().nth(1000) {
        Some((i, _)) => &t[..i],
        None => t,
    };
    let latin1 = t
        .chars()
        .filter(|c| {
            ('\u{a1}'..='\u{ff}').contains(c) && !"àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ".contains(*c)
        })
        .count();
    let vietnamese = t
        .chars()
        .any(|c| "ăâđơưĂÂĐƠƯ".contains(c) || ('\u{1ea0}'..='\u{1ef9}').contains(&c));
    latin1 >= 2 && !vietnamese
}
