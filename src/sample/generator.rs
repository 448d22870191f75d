//! The generator: yields the rows of the register in receipt order, drawing every value from
//! one seeded stream (`Rng`) and the form columns from their own (`forms`).

use super::case::*;
use super::dates::{is_weekend, receipt_time, season_weights, work_time, ymd};
use super::deadlines::{DeadlineModel, LATE_P, SLOW, STUCK_P};
use super::forms::{FormFields, form_fields};
use super::people::Person;
use super::rng::Rng;
use super::vocab::*;
use super::{SampleOptions, SampleStyle};
use crate::calendar::day_number;
use crate::error::{Error, Result};

pub(super) struct Generator {
    pub(super) style: SampleStyle,
    pub(super) prefix: String,
    rng: Rng,
    model: DeadlineModel,
    n: usize,
    n_bad: usize,
    pub(super) from_day: i32,
    pub(super) to_day: i32,
    pub(super) as_of_day: i32,
    /// Cases per day of [from, to].
    counts: Vec<u32>,
    /// Channel-group weights given a weekday / a weekend day.
    ch_weekday: Vec<u32>,
    ch_weekend: Vec<u32>,
    groups: Vec<(f64, f64, Variants)>,
    day_idx: usize,
    cur_day: i32,
    slots: Vec<(u32, u8)>,
    slot_pos: usize,
    last_slot: (i32, u32, u8),
    case_i: usize,
    bad_k: usize,
    blank_at: Vec<usize>,
    blank_done: usize,
    stt: usize,
    id_year: i32,
    id_n: u32,
    last_id: Option<Id>,
    pub(super) rows_written: usize,
    pub(super) cases_written: usize,
    pub(super) bad_written: usize,
    /// Seed of the form columns' own stream (`form_fields`).
    seed: u64,
}

impl Generator {
    pub(super) fn new(opts: &SampleOptions) -> Result<Self> {
        let from_day = day_number(opts.from);
        let as_of_day = day_number(opts.as_of);
        let to_day = day_number(opts.to).min(as_of_day);
        if to_day < from_day {
            return Err(Error::Usage(format!(
                "khoảng ngày mẫu rỗng: từ {} đến {} (ngày xuất {}) (empty sample date range: --from must not be after --to or the export date)",
                opts.from.format("%d/%m/%Y"),
                opts.to.format("%d/%m/%Y"),
                opts.as_of.format("%d/%m/%Y"),
            )));
        }
        let mut rng = Rng::new(opts.seed);
        let groups: Vec<(f64, f64, Variants)> = match opts.style {
            SampleStyle::Register => CHANNELS.to_vec(),
            SampleStyle::FacebookInbox => vec![FB_CHANNEL],
        };
        let ndays = (to_day - from_day + 1) as usize;
        let season_w = season_weights(from_day, ndays);
        let (mut w_wd, mut w_we) = (0.0, 0.0);
        for (i, w) in season_w.iter().enumerate() {
            if is_weekend(from_day + i as i32) {
                w_we += w;
            } else {
                w_wd += w;
            }
        }
        // Choose per-group weights p' so that the channel shares come out at their targets after
        // the weekend factor: share_g ∝ p'_g · (W_weekday + ω_g · W_weekend).
        let prime: Vec<f64> = groups
            .iter()
            .map(|&(p, omega, _)| p / (w_wd + omega * w_we))
            .collect();
        let sum_wd: f64 = prime.iter().sum();
        let sum_we: f64 = prime.iter().zip(&groups).map(|(p, g)| p * g.1).sum();
        let max_p = prime.iter().cloned().fold(0.0, f64::max);
        let ch_weekday = prime
            .iter()
            .map(|p| ((p / max_p) * 1e6) as u32 + 1)
            .collect();
        let ch_weekend = prime
            .iter()
            .zip(&groups)
            .map(|(p, g)| ((p * g.1 / max_p) * 1e6) as u32 + 1)
            .collect();
        let day_w: Vec<f64> = season_w
            .iter()
            .enumerate()
            .map(|(i, w)| {
                w * if is_weekend(from_day + i as i32) {
                    sum_we
                } else {
                    sum_wd
                }
            })
            .collect();
        let max_w = day_w.iter().cloned().fold(0.0, f64::max);
        let mut cumulative = Vec::with_capacity(ndays);
        let mut acc = 0u64;
        for w in &day_w {
            acc += ((w / max_w) * 1e6) as u64 + 1;
            cumulative.push(acc);
        }
        let mut counts = vec![0u32; ndays];
        for _ in 0..opts.cases {
            let x = rng.below(acc);
            let i = cumulative.partition_point(|&c| c <= x);
            counts[i] += 1;
        }
        let n = opts.cases;
        let blank_at = match opts.style {
            SampleStyle::FacebookInbox => vec![],
            SampleStyle::Register if n >= 6 => vec![n / 3, 2 * n / 3],
            SampleStyle::Register if n >= 2 => vec![n / 2],
            SampleStyle::Register => vec![],
        };
        let prefix = if opts.id_prefix.trim().is_empty() {
            match opts.style {
                SampleStyle::Register => "BQL".to_string(),
                SampleStyle::FacebookInbox => "FB".to_string(),
            }
        } else {
            opts.id_prefix.trim().to_string()
        };
        Ok(Generator {
            style: opts.style,
            prefix,
            rng,
            model: DeadlineModel::new(from_day, as_of_day),
            n,
            n_bad: opts.bad_rows,
            from_day,
            to_day,
            as_of_day,
            counts,
            ch_weekday,
            ch_weekend,
            groups,
            day_idx: 0,
            cur_day: from_day,
            slots: Vec::new(),
            slot_pos: 0,
            last_slot: (to_day, 9 * 3600, 0),
            case_i: 0,
            bad_k: 0,
            blank_at,
            blank_done: 0,
            stt: 0,
            id_year: i32::MIN,
            id_n: 0,
            last_id: None,
            rows_written: 0,
            cases_written: 0,
            bad_written: 0,
            seed: opts.seed,
        })
    }

    /// Rows the generator will produce below the header (including the Register total row).
    pub(super) fn rows_below_header(&self) -> usize {
        let total_row = usize::from(self.style == SampleStyle::Register);
        self.n + self.n_bad + self.blank_at.len() + total_row
    }

    /// 0-based row of the first data row (below title rows and header).
    pub(super) fn first_data_row(&self) -> u32 {
        match self.style {
            SampleStyle::Register => 5,
            SampleStyle::FacebookInbox => 1,
        }
    }

    fn bad_pos(&self, k: usize) -> usize {
        ((k as u64 + 1) * self.n as u64 / (self.n_bad as u64 + 1)) as usize
    }

    /// Makes sure a slot (receipt time and channel group) is available for the next case.
    fn ensure_slot(&mut self) -> Option<(i32, u32, u8)> {
        while self.slot_pos >= self.slots.len() {
            while self.day_idx < self.counts.len() && self.counts[self.day_idx] == 0 {
                self.day_idx += 1;
            }
            if self.day_idx >= self.counts.len() {
                return None;
            }
            let day = self.from_day + self.day_idx as i32;
            let k = self.counts[self.day_idx];
            self.day_idx += 1;
            self.cur_day = day;
            self.slots.clear();
            self.slot_pos = 0;
            let weekend = is_weekend(day);
            for _ in 0..k {
                let g = if weekend {
                    self.rng.weighted(&self.ch_weekend)
                } else {
                    self.rng.weighted(&self.ch_weekday)
                };
                let online = matches!(self.style, SampleStyle::FacebookInbox)
                    || matches!(g, G_FACEBOOK | G_EMAIL | G_PORTAL);
                let secs = receipt_time(&mut self.rng, online);
                self.slots.push((secs, g as u8));
            }
            self.slots.sort_unstable();
        }
        let (secs, g) = self.slots[self.slot_pos];
        Some((self.cur_day, secs, g))
    }

    fn next_id(&mut self, day: i32) -> Id {
        let year = ymd(day).0;
        if year != self.id_year {
            self.id_year = year;
            self.id_n = 0;
        }
        self.id_n += 1;
        Id::Seq { year, n: self.id_n }
    }

    pub(super) fn next_row(&mut self) -> Option<Row> {
        if self.blank_done < self.blank_at.len() && self.blank_at[self.blank_done] == self.case_i {
            self.blank_done += 1;
            self.rows_written += 1;
            return Some(Row::Blank);
        }
        if self.bad_k < self.n_bad && self.bad_pos(self.bad_k) == self.case_i {
            let bad = BAD_ROTATION[self.bad_k % BAD_ROTATION.len()];
            self.bad_k += 1;
            let slot = if self.case_i < self.n {
                self.ensure_slot().unwrap_or(self.last_slot)
            } else {
                self.last_slot
            };
            // A bad row draws its own channel group.
            let g = self.rng.weighted(&self.ch_weekday) as u8;
            let case = self.gen_case(slot.0, slot.1, g, Some(bad));
            self.rows_written += 1;
            self.bad_written += 1;
            return Some(Row::Case(case));
        }
        if self.case_i >= self.n {
            return None;
        }
        let slot = self.ensure_slot()?;
        self.slot_pos += 1;
        self.last_slot = slot;
        let case = self.gen_case(slot.0, slot.1, slot.2, None);
        self.case_i += 1;
        self.rows_written += 1;
        self.cases_written += 1;
        Some(Row::Case(case))
    }

    fn gen_case(&mut self, day: i32, secs: u32, group: u8, bad: Option<Bad>) -> Case {
        let fb = self.style == SampleStyle::FacebookInbox;
        let as_of = self.as_of_day;
        let rng = &mut self.rng;
        let model = &mut self.model;
        let group = group as usize;

        // Channel (a handful of unknown values in the Register style).
        let forced_unknown = !fb && bad.is_none() && self.n >= 20 && self.case_i == self.n / 2;
        let unknown = rng.chance(0.0006);
        let mut channel = rng.pick(self.groups[group].2);
        if !fb && bad.is_none() && (unknown || forced_unknown) {
            channel = rng.pick(&UNKNOWN_CHANNELS);
        }

        // Kind.
        let kind_g = rng.weighted(&KIND_WEIGHTS);
        let variant = rng.f64();
        let (rare_p, rare, usual) = KIND_SPELLINGS[kind_g];
        let kind = if variant < rare_p { rare } else { usual };

        // Category and department.
        let cat_weights: [u32; 10] = std::array::from_fn(|i| CATEGORIES[i].1);
        let cat = rng.weighted(&cat_weights);
        let (category, _, dept_choices, templates) = CATEGORIES[cat];
        let dept = rng.pick(dept_choices);
        let slow = SLOW[dept];
        let department_spelling = if rng.chance(0.04) {
            DEPARTMENT_VARIANTS[dept][rng.below(2) as usize]
        } else {
            DEPARTMENTS[dept]
        };

        // Complexity and resolution term (days from thụ lý; 0 for PAKN), and the thụ lý term.
        let complexity = match kind_g {
            K_KNAI => rng.pick(&KNAI_COMPLEXITY),
            K_TC => rng.pick(&TC_COMPLEXITY),
            _ => "",
        };
        let term = model.term(kind_g, day, complexity);
        let accept_limit = model.accept_limit(kind_g, day);

        // Timeline as planned, before cutting at `as_of`.
        let first_wd = model.roll(day);
        let assigned_day = match rng.weighted(&[55, 30, 15]) {
            0 => first_wd,
            1 => model.add_wd(day, 1),
            _ => model.add_wd(day, rng.range(2, 5)),
        };
        // 0 main line, 1 transferred out, 2 guided, 3 withdrawn, 4 archived.
        let closure = rng.weighted(&[87, 5, 4, 2, 2]);
        let late = rng.chance(LATE_P[dept]);
        let stuck = closure == 0 && rng.chance(STUCK_P[dept]);
        let mut accepted_day = None;
        let res_day = match closure {
            0 if kind_g == K_PA || kind_g == K_KN => {
                let u = if late {
                    12 + rng.range(0, 6) + rng.range(0, 12)
                } else {
                    rng.weighted(&[4, 8, 11, 12, 12, 11, 10, 9, 8, 8, 7]) as i32
                };
                model.add_wd(day, u)
            }
            0 => {
                let a = if rng.chance(0.04) {
                    accept_limit + rng.range(1, 5)
                } else {
                    rng.range(1, accept_limit)
                };
                let acc = model.add_wd(day, a);
                accepted_day = Some(acc);
                let legal = model.roll(acc + term);
                if late {
                    model.roll(legal + rng.range(1, 10) + rng.range(0, 25))
                } else {
                    model.roll(acc + rng.range(7, term))
                }
            }
            1 | 2 => model.add_wd(day, rng.range(0, 5)),
            3 => model.add_wd(day, rng.range(2, 20)),
            _ => model.add_wd(day, rng.range(0, 8)),
        };
        let response_wd = match rng.weighted(&[10, 80, 5, 5]) {
            0 => Some(0),
            1 => Some(rng.range(1, 6)),
            2 => Some(rng.range(11, 20)),
            _ => None,
        };
        let mut responded_day = response_wd.map(|r| model.add_wd(day, r));
        if closure != 0 {
            responded_day = Some(res_day);
        }

        let age = as_of - day;
        let recent_open = age <= 21 && rng.chance(0.92 - 0.02 * age as f64);
        let open = stuck || res_day > as_of || recent_open;
        let status_draw = rng.f64();
        let new_case = open && age <= 3 && rng.chance(0.6);
        let unassigned = new_case && rng.chance(0.7);

        let (status, resolved_day) = if open {
            (if new_case { OPEN_NEW } else { OPEN_ONGOING }, None)
        } else {
            let status = match closure {
                0 if kind_g == K_PA || kind_g == K_KN => {
                    if status_draw < 0.45 {
                        "Đã giải quyết"
                    } else if status_draw < 0.75 {
                        "Đã trả lời"
                    } else {
                        "Hoàn thành"
                    }
                }
                0 => {
                    if status_draw < 0.7 {
                        "Đã giải quyết"
                    } else {
                        "Hoàn thành"
                    }
                }
                1 => "Đã chuyển đơn",
                2 => "Hướng dẫn",
                3 => "Rút đơn",
                _ => "Lưu đơn",
            };
            // A clerk sometimes leaves the status blank; the completion date still tells.
            let status = if rng.chance(0.005) { "" } else { status };
            (status, Some(res_day))
        };

        // Cut every event at `as_of` and at the completion date.
        let cap = resolved_day.unwrap_or(as_of);
        let department = if unassigned { "" } else { department_spelling };
        let assigned = (!unassigned && assigned_day <= as_of).then(|| assigned_day.min(cap));
        let accepted = accepted_day.filter(|&d| d <= cap && !new_case);
        let responded = responded_day
            .map(|d| d.min(cap))
            .filter(|&d| d <= as_of && !new_case);

        // Recorded deadline in about 60 % of the rows (not yet for brand-new cases).
        let due = if rng.chance(0.6) && !new_case {
            // PAKN: 10 working days from receipt; others: the term from thụ lý.
            let legal = model.legal(kind_g, day, complexity, accepted_day);
            Some(if rng.chance(0.04) {
                legal + rng.range(3, 15)
            } else {
                legal
            })
        } else {
            None
        };

        // Satisfaction on about half of the main-line resolved cases.
        let (satisfaction, rating) = if resolved_day.is_some() && closure == 0 && rng.chance(0.5) {
            let weights: &[u32] = if slow || late {
                &[15, 35, 25, 25]
            } else {
                &[35, 45, 12, 8]
            };
            let s = rng.weighted(weights);
            let rating = match s {
                0 => 5,
                1 => 4,
                2 => 3,
                _ => 1 + rng.below(2) as u8,
            };
            (SATISFACTION[s], rating)
        } else {
            ("", 0)
        };

        // Personal data, clearly synthetic.
        let person = Person::draw(rng, kind_g, group);
        let content = templates[rng.below(templates.len() as u64) as usize];
        let greeting = fb && rng.chance(0.15);
        let mut modes = [0u8; 7];
        if fb {
            for m in &mut modes {
                let r = rng.f64();
                if r < 1.0 / 3.0 {
                    *m |= M_NFD;
                }
                let odd = rng.f64();
                if odd < 0.03 {
                    *m |= M_UPPER;
                } else if odd < 0.06 {
                    *m |= M_SPACED;
                }
            }
        }

        // Dates as written: time of day and text cells on a few (xlsx only).
        let other_time = |rng: &mut Rng, d: i32| -> DateV {
            let has_time = d > day && rng.chance(0.1);
            let secs = if has_time { work_time(rng) } else { 0 };
            let as_text = rng.chance(0.05);
            DateV {
                day: d,
                secs,
                has_time,
                as_text,
            }
        };
        let plain = |rng: &mut Rng, d: i32| -> DateV {
            let as_text = rng.chance(0.05);
            DateV {
                as_text,
                ..DateV::date(d)
            }
        };
        let received = DateV {
            day,
            secs,
            has_time: true,
            as_text: false,
        };
        let mut case = Case {
            stt: 0,
            id: Id::Blank,
            bad,
            received,
            channel,
            kind,
            category,
            department,
            assigned: assigned.map(|d| plain(rng, d)),
            accepted: accepted.map(|d| plain(rng, d)),
            due: due.map(|d| plain(rng, d)),
            responded: responded.map(|d| other_time(rng, d)),
            resolved: resolved_day.map(|d| other_time(rng, d)),
            status,
            complexity,
            satisfaction,
            rating,
            person,
            content,
            greeting,
            modes,
            forms: FormFields::default(),
        };

        // The defect of a bad row (exactly one each).
        match bad {
            None | Some(Bad::UnreadableReceipt | Bad::BlankId | Bad::DuplicateId) => {}
            Some(Bad::UnknownKind) => case.kind = UNKNOWN_KIND,
            Some(Bad::ResolvedBeforeReceipt) => {
                let k = (day - self.from_day).clamp(1, 10);
                let k = self.rng.range(1, k);
                case.status = "Đã giải quyết";
                case.resolved = Some(DateV::date(day - k));
                case.responded = None;
                case.assigned = None;
                case.accepted = None;
                case.satisfaction = "";
                case.rating = 0;
            }
            Some(Bad::ClosedWithoutResolved) => {
                case.status = "Đã giải quyết";
                case.resolved = None;
                case.satisfaction = "";
                case.rating = 0;
            }
        }
        case.id = match bad {
            Some(Bad::BlankId) => Id::Blank,
            Some(Bad::DuplicateId) => self.last_id.unwrap_or(Id::Blank),
            _ => self.next_id(day),
        };
        if case.id != Id::Blank {
            self.last_id = Some(case.id);
        }
        self.stt += 1;
        case.stt = self.stt;
        case.forms = form_fields(
            self.seed,
            self.stt,
            kind_g,
            case.status,
            case.resolved.is_some(),
        );
        case
    }
}

#[cfg(test)]
mod tests {
    use super::super::SampleStyle;
    use super::super::layout::REGISTER_HEADER;
    use super::super::test_support::*;
    use crate::calendar::{WorkCalendar, day_number};
    use std::collections::{HashMap, HashSet};

    #[test]
    fn same_seed_same_bytes_different_seed_differs() {
        for style in [SampleStyle::Register, SampleStyle::FacebookInbox] {
            let (a, ra) = generate(&opts(3000, 7, style, 6), "csv");
            let (b, _) = generate(&opts(3000, 7, style, 6), "csv");
            let (c, _) = generate(&opts(3000, 8, style, 6), "csv");
            assert_eq!(a, b, "{style:?}");
            assert_ne!(a, c, "{style:?}");
            assert_eq!(ra.cases, 3000);
            assert_eq!(ra.bad_rows, 6);
        }
    }

    #[test]
    fn shares_of_channels_and_kinds_near_targets() {
        let n = 20_000;
        let (bytes, report) = generate(&opts(n, 42, SampleStyle::Register, 0), "csv");
        let (header, rows) = register_rows(&bytes);
        assert_eq!(header, REGISTER_HEADER);
        assert_eq!(report.rows_written, rows.len());
        let v = vocabulary();
        let mut ch: HashMap<&str, usize> = HashMap::new();
        let mut kd: HashMap<&str, usize> = HashMap::new();
        let mut cases = 0;
        for r in rows.iter().filter(|r| !is_total_or_blank(r)) {
            cases += 1;
            *ch.entry(v.channel.code(&r[3]).unwrap_or("other"))
                .or_default() += 1;
            *kd.entry(v.kind.code(&r[4]).unwrap()).or_default() += 1;
        }
        assert_eq!(cases, n);
        let share =
            |m: &HashMap<&str, usize>, k: &str| 100.0 * *m.get(k).unwrap_or(&0) as f64 / n as f64;
        for (k, target) in [
            ("hotline", 35.0),
            ("facebook", 25.0),
            ("in_person", 12.0),
            ("letter", 10.0),
            ("email", 6.0),
            ("portal", 7.0),
            ("transferred", 5.0),
        ] {
            let s = share(&ch, k);
            assert!(
                (s - target).abs() < 2.0,
                "channel {k}: {s:.2} % vs {target} %"
            );
        }
        let other = *ch.get("other").unwrap_or(&0);
        assert!((1..=40).contains(&other), "unknown channel values: {other}");
        for (k, target) in [
            ("phan_anh", 50.0),
            ("kien_nghi", 32.0),
            ("khieu_nai", 12.0),
            ("to_cao", 6.0),
        ] {
            let s = share(&kd, k);
            assert!((s - target).abs() < 2.0, "kind {k}: {s:.2} % vs {target} %");
        }
    }

    #[test]
    fn dates_within_range_and_consistent_with_status() {
        let o = opts(20_000, 3, SampleStyle::Register, 0);
        let (bytes, _) = generate(&o, "csv");
        let (_, rows) = register_rows(&bytes);
        let v = vocabulary();
        let mut weekdays = WorkCalendar::weekends_only();
        let mut open_recent = 0;
        let mut recent = 0;
        let mut late = 0;
        let mut resolved_pakn = 0;
        let mut late_by_dept: HashMap<String, (usize, usize)> = HashMap::new();
        for r in rows.iter().filter(|r| !is_total_or_blank(r)) {
            let received = parse_day(&r[2]).expect("receipt date");
            assert!(received >= o.from && received <= o.to && received <= o.as_of);
            // Event dates: never before `from`, never after `as_of`, never before receipt.
            for col in [7, 8, 10, 11] {
                if r[col].is_empty() {
                    continue;
                }
                let d = parse_day(&r[col]).unwrap();
                assert!(
                    d >= received,
                    "{} before receipt in {:?}",
                    REGISTER_HEADER[col],
                    r
                );
                assert!(
                    d <= o.as_of,
                    "{} after as_of in {:?}",
                    REGISTER_HEADER[col],
                    r
                );
            }
            if !r[9].is_empty() {
                let due = parse_day(&r[9]).unwrap();
                assert!(due > received && (due - received).num_days() <= 150);
            }
            let status = r[12].as_str();
            let resolved = parse_day(&r[11]);
            match v.status.code(status) {
                Some("open") => assert!(resolved.is_none(), "open with completion: {r:?}"),
                Some(_) => {
                    let res =
                        resolved.unwrap_or_else(|| panic!("closed without completion: {r:?}"));
                    assert!(res >= received);
                }
                None => {
                    assert_eq!(status, "", "unknown status");
                    assert!(resolved.is_some());
                }
            }
            assert!(r[20].is_empty() || r[20].starts_with("0900"));
            let age = (o.as_of - received).num_days();
            if age <= 21 {
                recent += 1;
                open_recent += usize::from(resolved.is_none());
            }
            if let (Some(res), Some("phan_anh" | "kien_nghi")) = (resolved, v.kind.code(&r[4]))
                && ["Đã giải quyết", "Đã trả lời", "Hoàn thành", ""].contains(&status)
            {
                resolved_pakn += 1;
                let deadline = weekdays.add_working_days_n(day_number(received), 10);
                let is_late = day_number(res) > deadline;
                late += usize::from(is_late);
                let e = late_by_dept.entry(r[6].clone()).or_default();
                e.0 += 1;
                e.1 += usize::from(is_late);
            }
        }
        assert!(recent > 100);
        assert!(
            open_recent * 2 > recent,
            "recent open {open_recent}/{recent}"
        );
        let late_rate = late as f64 / resolved_pakn as f64;
        assert!((0.07..=0.16).contains(&late_rate), "late rate {late_rate}");
        let rate = |d: &str| {
            let (n, l) = late_by_dept[d];
            l as f64 / n as f64
        };
        assert!(
            rate("Phòng Quản lý Tài nguyên và Môi trường") > 2.0 * rate("Phòng Quản lý Đầu tư")
        );
    }

    #[derive(Default, Debug, PartialEq)]
    struct Defects {
        blank_id: usize,
        bad_date: usize,
        unknown_kind: usize,
        resolved_before: usize,
        closed_no_resolved: usize,
        duplicate: usize,
        rows: usize,
    }

    fn defects(rows: &[Vec<String>]) -> Defects {
        let v = vocabulary();
        let mut d = Defects::default();
        let mut seen = HashSet::new();
        for r in rows.iter().filter(|r| !is_total_or_blank(r)) {
            let mut any = false;
            let received = parse_day(&r[2]);
            if r[1].is_empty() {
                d.blank_id += 1;
                any = true;
            } else if !seen.insert(r[1].clone()) {
                d.duplicate += 1;
                any = true;
            }
            if received.is_none() {
                d.bad_date += 1;
                any = true;
            }
            if v.kind.code(&r[4]).is_none() {
                d.unknown_kind += 1;
                any = true;
            }
            if let (Some(rec), Some(res)) = (received, parse_day(&r[11]))
                && res < rec
            {
                d.resolved_before += 1;
                any = true;
            }
            let closed = v.status.code(&r[12]).is_some_and(|c| c != "open");
            if closed && r[11].is_empty() {
                d.closed_no_resolved += 1;
                any = true;
            }
            d.rows += usize::from(any);
        }
        d
    }

    #[test]
    fn bad_rows_are_exactly_the_requested_number() {
        let (bytes, report) = generate(&opts(5000, 11, SampleStyle::Register, 12), "csv");
        let (_, rows) = register_rows(&bytes);
        let d = defects(&rows);
        assert_eq!(
            d,
            Defects {
                blank_id: 2,
                bad_date: 2,
                unknown_kind: 2,
                resolved_before: 2,
                closed_no_resolved: 2,
                duplicate: 2,
                rows: 12
            }
        );
        assert_eq!(report.bad_rows, 12);
        assert_eq!(report.cases, 5000);
        // 5000 cases + 12 bad + 2 blank rows + total row.
        assert_eq!(report.rows_written, 5015);
        assert_eq!(rows.len(), 5015);
        let blank = rows
            .iter()
            .filter(|r| r.iter().all(|f| f.is_empty()))
            .count();
        assert_eq!(blank, 2);
        let total = rows.last().unwrap();
        assert_eq!(
            (total[0].as_str(), total[1].as_str(), total[2].as_str()),
            ("Tổng cộng", "", "5000")
        );

        let (bytes, report) = generate(&opts(5000, 11, SampleStyle::Register, 0), "csv");
        let (_, rows) = register_rows(&bytes);
        assert_eq!(defects(&rows).rows, 0);
        assert_eq!(report.bad_rows, 0);
    }

    #[test]
    fn tiny_and_empty_registers() {
        for (n, bad) in [(0, 0), (0, 6), (1, 0), (1, 7), (5, 1)] {
            let (bytes, report) = generate(&opts(n, 4, SampleStyle::Register, bad), "csv");
            let (_, rows) = register_rows(&bytes);
            assert_eq!(report.rows_written, rows.len());
            assert_eq!(report.cases, n);
            assert_eq!(report.bad_rows, bad);
            assert_eq!(defects(&rows).rows, bad, "n={n} bad={bad}");
        }
    }
}
