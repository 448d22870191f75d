#!/usr/bin/env python3
"""The benchmark peer of pakn-report: the same monthly report, written as an analyst would in Python.

pandas reads the register that `pakn-report sample` writes (a CSV export of the sổ theo dõi), the
figures of docs/FIGURES.md are computed with vectorised pandas/numpy, and the outputs are an
xlsxwriter workbook (with a native column chart), a reportlab PDF of the tables and a summary.json.

    python benches/peer.py REGISTER.csv --out DIR [--period 2026-05] [--as-of 2026-11-28] [--engine c]
    python benches/peer.py check PAKN_SUMMARY.json PEER_SUMMARY.json
    python benches/peer.py read REGISTER.csv     # the second peer: pyarrow's read of every column

The second peer is the floor a Python analyst starts from: pandas' read_csv with the pyarrow
engine (multi-threaded) of all the register's columns as text after the header line, and nothing
else — no cleaning, no figures, no outputs.

Each phase's wall time goes to stderr as `phase NAME SECONDS` (read, figures, xlsx, pdf, json,
total), like `pakn-report -v`.

Where the peer is simpler than pakn-report (on purpose, as a typical analyst's script would be):
- deadline = "Hạn xử lý" when present, else receipt + 10 working days for every kind (pakn-report
  applies the per-kind legal terms of report-templates/deadlines.toml: khiếu nại 30/45 days from
  thụ lý, tố cáo 30/60/90 days…), so resolved_on_time / resolved_late / pending_overdue of khiếu
  nại and tố cáo without a "Hạn xử lý" differ from pakn-report's;
- working days skip Saturdays, Sundays and the 2025–2026 holidays of report-templates/holidays.toml
  (numpy business-day calendar: the two làm bù Saturdays are not counted as working days);
- durations are whole days between dates (the sample's receipt has a time, the other dates don't);
- the vocabularies are small dicts of the values clerks type; departments and categories are kept
  as typed (trimmed, spaces collapsed), as pakn-report does without a --config;
- rows are rejected only for a blank id, an unreadable receipt date or an unknown kind; no
  scorecard, no manifest, no monthly trend chart.
Counts that do not depend on the deadline (carried_over, received, to_handle, resolved, pending,
responded, satisfaction, assigned) are the same as pakn-report's on sample data; run.sh checks this.
"""

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import csv
import json
import os
import sys
import unicodedata
from datetime import date

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

_last = T0


def phase(name):
    global _last
    now = time.perf_counter()
    print(f"phase {name} {now - _last:.3f}", file=sys.stderr, flush=True)
    _last = now


# ---------------------------------------------------------------------------------------------
# Vocabularies (report-templates/vocabulary.toml, the common values only)

COLS = {
    "Mã hồ sơ": "id",
    "Ngày tiếp nhận": "received",
    "Kênh tiếp nhận": "channel",
    "Loại đơn": "kind",
    "Lĩnh vực": "category",
    "Đơn vị xử lý": "department",
    "Ngày giao": "assigned",
    "Hạn xử lý": "due",
    "Ngày phản hồi": "responded",
    "Ngày hoàn thành": "resolved",
    "Mức độ hài lòng": "satisfaction",
}
KINDS = [("phan_anh", "Phản ánh"), ("kien_nghi", "Kiến nghị"), ("khieu_nai", "Khiếu nại"), ("to_cao", "Tố cáo")]
KIND_MAP = {
    "Phản ánh": "phan_anh", "PA": "phan_anh", "PAKN": "phan_anh", "Phản ánh, kiến nghị": "phan_anh",
    "Kiến nghị": "kien_nghi", "KN": "kien_nghi",
    "Khiếu nại": "khieu_nai", "Đơn khiếu nại": "khieu_nai",
    "Tố cáo": "to_cao", "Đơn tố cáo": "to_cao",
}
CHANNELS = [
    ("hotline", "Đường dây nóng"), ("facebook", "Trang Facebook"), ("in_person", "Trực tiếp"),
    ("letter", "Đơn thư, văn bản"), ("email", "Thư điện tử"), ("portal", "Cổng thông tin điện tử"),
    ("transferred", "Cơ quan khác chuyển đến"), ("other", "Khác"),
]
CHANNEL_MAP = {
    "Đường dây nóng": "hotline", "Điện thoại": "hotline", "Hotline": "hotline",
    "Facebook": "facebook", "Fanpage": "facebook", "Messenger": "facebook",
    "Trực tiếp": "in_person", "Tiếp công dân": "in_person",
    "Văn bản": "letter", "Đơn thư": "letter", "Bưu điện": "letter", "Bưu chính": "letter",
    "Email": "email", "Thư điện tử": "email", "E-mail": "email",
    "Cổng thông tin điện tử": "portal", "Cổng dịch vụ công": "portal", "Website": "portal",
    "Cơ quan khác chuyển đến": "transferred", "UBND chuyển": "transferred", "Thanh tra chuyển": "transferred",
}
SATISFIED = {"Rất hài lòng": True, "Hài lòng": True, "Bình thường": False, "Không hài lòng": False,
             "Rất không hài lòng": False, "Chưa hài lòng": False}
BLANK_DEPARTMENT = "Chưa giao"
BLANK_CATEGORY = "Chưa phân loại"

# Weekdays off for civil servants, 2025–2026 (report-templates/holidays.toml).
HOLIDAYS = np.array([
    "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
    "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
    "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
    "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02",
], dtype="datetime64[D]")
BUSDAYCAL = np.busdaycalendar(weekmask="1111100", holidays=HOLIDAYS)
RESPONSE_WORKING_DAYS = 10
DEFAULT_WORKING_DAYS = 10

FIGURE_LABELS = [
    ("carried_over", "Kỳ trước chuyển sang"), ("received", "Tiếp nhận trong kỳ"),
    ("to_handle", "Tổng số phải xử lý"), ("resolved", "Đã giải quyết"),
    ("resolved_on_time", "Đúng hạn"), ("resolved_late", "Trễ hạn"), ("pending", "Chuyển kỳ sau"),
    ("pending_overdue", "Trong đó quá hạn"), ("on_time_rate", "Tỷ lệ đúng hạn"),
    ("responded", "Đã phản hồi"), ("response_on_time", "Phản hồi đúng hạn"),
]
TABLE_COLS = [  # the columns of the per-group sheets and PDF tables
    ("received", "Tiếp nhận"), ("to_handle", "Phải xử lý"), ("resolved", "Đã giải quyết"),
    ("resolved_on_time", "Đúng hạn"), ("resolved_late", "Trễ hạn"), ("pending", "Chuyển kỳ sau"),
    ("pending_overdue", "Quá hạn chưa giải quyết"), ("on_time_rate", "Tỷ lệ đúng hạn"),
    ("resolution_days_median", "Trung vị (ngày)"), ("resolution_days_p90", "P90 (ngày)"),
]


# ---------------------------------------------------------------------------------------------
# Periods (cut-off months: 15th of M−1 … 14th of M)

def month_period(year, month):
    py, pm = (year - 1, 12) if month == 1 else (year, month - 1)
    return date(py, pm, 15), date(year, month, 14), f"Tháng {month}/{year}"


def parse_period(text):
    y, m = (int(x) for x in text.split("-"))
    return month_period(y, m)


# ---------------------------------------------------------------------------------------------
# Read

def find_header(path):
    """Index of the header line: the first line naming the id and receipt columns."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            cells = {c.strip() for c in row}
            if "Mã hồ sơ" in cells and "Ngày tiếp nhận" in cells:
                return i
            if i > 50:
                break
    raise SystemExit(f"{path}: no header row with 'Mã hồ sơ' and 'Ngày tiếp nhận'")


def norm(v):
    """NFC, trimmed, spaces collapsed (docs/FIGURES.md, Groups)."""
    return " ".join(unicodedata.normalize("NFC", str(v)).split())


def recode(s, fn, blank=None):
    """A text column to a categorical through its distinct values: each distinct cell is looked up
    once (fn(text) -> label, None when unmapped), then the codes are mapped by an array lookup.
    Empty cells get `blank` (None: missing)."""
    cat = s.astype("category")
    finals = [fn(norm(c)) for c in cat.cat.categories]
    labels = sorted({f for f in finals if f is not None} | ({blank} if blank is not None else set()))
    pos = {l: i for i, l in enumerate(labels)}
    lut = np.array([pos.get(f, -1) for f in finals] + [pos.get(blank, -1)], dtype="int64")
    return pd.Categorical.from_codes(lut[cat.cat.codes.to_numpy()], categories=labels)


def parse_dates(s, fmt):
    """Parse a date column through its distinct values (a register has a few hundred distinct days)."""
    cat = s.astype("category")
    parsed = pd.to_datetime(pd.Series(cat.cat.categories, dtype=object), format=fmt, errors="coerce")
    lut = np.append(parsed.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    return lut[cat.cat.codes.to_numpy()]  # code -1 (empty cell) picks the trailing NaT


def parse_received(s):
    """'dd/mm/yyyy HH:MM': the day and the time of day are parsed separately, each through its
    distinct values (parsing a million distinct timestamps one by one takes pandas seconds)."""
    day = parse_dates(s.str.slice(0, 10), "%d/%m/%Y")
    tod = s.str.slice(11, 16).astype("category")
    mins = pd.to_timedelta(pd.Series(tod.cat.categories, dtype=object) + ":00", errors="coerce")
    lut = np.append(mins.to_numpy(dtype="timedelta64[ns]"), np.timedelta64(0, "ns"))
    out = day + lut[tod.cat.codes.to_numpy()]
    bad = s.str.len().to_numpy(dtype="float64", na_value=0) != 16  # not "dd/mm/yyyy HH:MM"
    out[bad] = np.datetime64("NaT", "ns")
    return out


def read_register(path, engine):
    hdr = find_header(path)
    raw = pd.read_csv(path, skiprows=hdr, header=0, usecols=list(COLS), dtype=str, encoding="utf-8",
                      engine=engine)
    raw = raw.rename(columns=COLS)
    rows_read = len(raw)

    # Typed columns first, on every row; the rows are filtered once at the end (filtering the text
    # columns costs more than converting them).
    df = pd.DataFrame({"id": raw["id"]})
    df["received"] = parse_received(raw["received"])  # dates: day first, explicit formats
    for c in ("assigned", "due", "responded", "resolved"):
        df[c] = parse_dates(raw[c], "%d/%m/%Y")
    df["kind"] = recode(raw["kind"], KIND_MAP.get)
    df["channel"] = recode(raw["channel"], lambda v: CHANNEL_MAP.get(v, "other"), blank="other")
    df["department"] = recode(raw["department"], lambda v: v or None, blank=BLANK_DEPARTMENT)
    df["category"] = recode(raw["category"], lambda v: v or None, blank=BLANK_CATEGORY)
    sat = recode(raw["satisfaction"], lambda v: {True: "y", False: "n"}.get(SATISFIED.get(v)))
    df["satisfied"] = pd.array(np.where(sat.codes < 0, None, np.asarray(sat) == "y"), dtype="boolean")
    del raw

    # Blank rows and the "Tổng cộng" row have no id: skipped. Then rejected: no readable receipt
    # date or an unknown kind. Then duplicates of an id already accepted (case-insensitive).
    skip = (df["id"].isna() | (df["id"].str.strip() == "")).to_numpy()
    bad = ~skip & (df["received"].isna() | df["kind"].isna()).to_numpy()
    valid = ~skip & ~bad
    dup = np.zeros(len(df), dtype=bool)
    dup[valid] = df["id"][valid].str.lower().duplicated().to_numpy()
    keep = valid & ~dup
    acct = {"rows_read": rows_read, "accepted": int(keep.sum()), "rejected": int(bad.sum()),
            "duplicates": int(dup.sum()), "skipped": int(skip.sum())}
    return df[keep].reset_index(drop=True), acct


# ---------------------------------------------------------------------------------------------
# Figures

def add_deadlines(df):
    rd = df["received"].to_numpy().astype("datetime64[D]")
    resp = np.busday_offset(rd, RESPONSE_WORKING_DAYS, roll="backward", busdaycal=BUSDAYCAL)
    legal = resp if DEFAULT_WORKING_DAYS == RESPONSE_WORKING_DAYS else \
        np.busday_offset(rd, DEFAULT_WORKING_DAYS, roll="backward", busdaycal=BUSDAYCAL)
    df["rdate"] = rd.astype("datetime64[ns]")
    df["response_deadline"] = resp.astype("datetime64[ns]")
    df["deadline"] = df["due"].fillna(pd.Series(legal.astype("datetime64[ns]"), index=df.index))
    df["assign_by"] = np.busday_offset(rd, 1, roll="backward", busdaycal=BUSDAYCAL).astype("datetime64[ns]")


def flags(df, start, end):
    """Boolean columns of SPEC §5 for the period [start, end] (dates compare as whole days)."""
    s, e = np.datetime64(start, "ns"), np.datetime64(end, "ns")
    rd, rs, resp = df["rdate"], df["resolved"], df["responded"]
    f = pd.DataFrame(index=df.index)
    f["carried_over"] = (rd < s) & (rs.isna() | (rs >= s))
    f["received"] = (rd >= s) & (rd <= e)
    f["to_handle"] = f["carried_over"] | f["received"]
    f["resolved"] = f["to_handle"] & (rs >= s) & (rs <= e)
    met = df["deadline"].isna() | (rs <= df["deadline"])
    f["resolved_on_time"] = f["resolved"] & met
    f["resolved_late"] = f["resolved"] & ~met
    f["pending"] = (rd <= e) & (rs.isna() | (rs > e))
    f["pending_overdue"] = f["pending"] & (df["deadline"] < e)
    f["responded"] = f["received"] & (resp >= s) & (resp <= e)
    f["response_on_time"] = f["responded"] & (resp <= df["response_deadline"])
    f["rated"] = f["resolved"] & df["satisfied"].notna().to_numpy()
    f["satisfied"] = f["resolved"] & df["satisfied"].fillna(False).to_numpy(dtype=bool)
    f["assigned_count"] = f["received"] & df["assigned"].notna()
    f["assigned_within"] = f["assigned_count"] & (df["assigned"] <= df["assign_by"])
    return f


COUNTS = ["carried_over", "received", "to_handle", "resolved", "resolved_on_time", "resolved_late",
          "pending", "pending_overdue", "responded", "response_on_time", "rated", "satisfied",
          "assigned_count", "assigned_within"]
STATS = ["count", "mean", "median", "p90", "max"]


def stats(values, keys):
    """count, mean, median, p90 (linear), max of `values` per key ('' = the whole agency)."""
    g = values.groupby(keys, observed=True)
    out = g.agg(["count", "mean", "median", "max"])
    out["p90"] = g.quantile(0.9)
    return out[STATS]


def figures(df, start, end):
    f = flags(df, start, end)
    # Only the rows that can count in this period: received by the end.
    live = f["to_handle"] | f["pending"]
    d, f = df[live], f[live].astype("int64")
    resolved = f["resolved"].to_numpy(dtype=bool)
    rr = d[resolved]
    res_days = (rr["resolved"] - rr["rdate"]).dt.days.astype("float64")
    rwd = pd.Series(np.busday_count(rr["rdate"].to_numpy().astype("datetime64[D]") + 1,
                                    rr["resolved"].to_numpy().astype("datetime64[D]") + 1,
                                    busdaycal=BUSDAYCAL).astype("float64"), index=rr.index)
    rp = d[f["responded"].to_numpy(dtype=bool)]
    resp_days = (rp["responded"] - rp["rdate"]).dt.days.astype("float64")

    out = {}
    for group in ("total", "kind", "channel", "department", "category"):
        if group == "total":
            kf, kres, kresp = np.zeros(len(d), "int8"), np.zeros(len(rr), "int8"), np.zeros(len(rp), "int8")
        else:
            kf, kres, kresp = d[group], rr[group], rp[group]
        t = f[COUNTS].groupby(kf, observed=True).sum()
        t = t.join(stats(res_days, kres).add_prefix("resolution_days_"))
        t = t.join(stats(rwd, kres).add_prefix("resolution_working_days_"))
        t = t.join(stats(resp_days, kresp).add_prefix("response_days_"))
        t["on_time_rate"] = t["resolved_on_time"] / t["resolved"].where(t["resolved"] > 0)
        t["satisfaction_rate"] = t["satisfied"] / t["rated"].where(t["rated"] > 0)
        t["assigned_rate"] = t["assigned_within"] / t["assigned_count"].where(t["assigned_count"] > 0)
        out[group] = t
    # Group order: kind and channel in the vocabulary's order with zeros; others alphabetical.
    for group, vocab in (("kind", KINDS), ("channel", CHANNELS)):
        out[group] = out[group].reindex([k for k, _ in vocab])
        out[group][COUNTS] = out[group][COUNTS].fillna(0).astype("int64")
    for group in ("department", "category"):
        t = out[group]
        t = t[(t["to_handle"] > 0) | (t["responded"] > 0)]
        out[group] = t.loc[sorted(t.index, key=vn_key)]
    return out


def vn_key(s):
    """Vietnamese alphabetical order, close enough: letters only, đ after d, then marks."""
    base = "".join(c for c in unicodedata.normalize("NFD", s.replace("Đ", "D\uffff").replace("đ", "d\uffff"))
                   if not unicodedata.combining(c) and (c.isalnum() or c == "\uffff"))
    return (base.casefold(), s)


def late_cases(df, start, end):
    """The cases behind resolved_late and pending_overdue (the workbook's Quá hạn sheet)."""
    f = flags(df, start, end)
    e = np.datetime64(end, "ns")
    sel = df[f["resolved_late"] | f["pending_overdue"]].copy()
    until = sel["resolved"].where(sel["resolved"].notna() & (sel["resolved"] <= e), e)
    sel["days_overdue"] = (until - sel["deadline"]).dt.days
    return sel.sort_values(["days_overdue", "id"], ascending=[False, True])


# ---------------------------------------------------------------------------------------------
# Outputs

def num(v):
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
        return None
    if isinstance(v, (np.integer, int)):
        return int(v)
    return round(float(v), 6)


def group_json(key, label, row):
    def st(prefix):
        if pd.isna(row[f"{prefix}_count"]) or row[f"{prefix}_count"] == 0:
            return {"count": 0, "mean": None, "median": None, "p90": None, "max": None}
        return {"count": int(row[f"{prefix}_count"]), **{s: num(row[f"{prefix}_{s}"]) for s in STATS[1:]}}
    j = {"key": key, "label": label} if key is not None else {}
    for k in ("carried_over", "received", "to_handle", "resolved", "resolved_on_time", "resolved_late",
              "pending", "pending_overdue"):
        j[k] = int(row[k])
    j["on_time_rate"] = None if pd.isna(row["on_time_rate"]) else float(row["on_time_rate"])
    j["responded"], j["response_on_time"] = int(row["responded"]), int(row["response_on_time"])
    j["response_days"] = st("response_days")
    j["resolution_days"] = st("resolution_days")
    j["resolution_working_days"] = st("resolution_working_days")
    j["satisfaction"] = {"rated": int(row["rated"]), "satisfied": int(row["satisfied"]),
                         "rate": None if pd.isna(row["satisfaction_rate"]) else float(row["satisfaction_rate"])}
    j["assigned_within_1wd"] = {"count": int(row["assigned_count"]), "within": int(row["assigned_within"]),
                                "rate": None if pd.isna(row["assigned_rate"]) else float(row["assigned_rate"])}
    return j


def labels(group, keys):
    vocab = dict(KINDS if group == "kind" else CHANNELS if group == "channel" else [])
    return [vocab.get(k, k) for k in keys]


def write_json(path, period, acct, figs, compare, input_name):
    start, end, label = period
    total = figs["total"].iloc[0]
    summary = {
        "schema": "pakn-report/summary/v1 (peer)",
        "period": {"label": label, "start": start.isoformat(), "end": end.isoformat(), "mode": "cutoff"},
        "input": {"files": [{"name": input_name, **acct}], **acct},
        "totals": group_json(None, None, total),
    }
    for group in ("kind", "channel", "department", "category"):
        t = figs[group]
        summary[f"by_{group}"] = [group_json(k, l, t.loc[k]) for k, l in zip(t.index, labels(group, t.index))]
    summary["compare"] = compare
    with open(path, "w", encoding="utf-8") as f:
        json.dump(summary, f, ensure_ascii=False, indent=2)


def write_xlsx(path, period, figs, late):
    import xlsxwriter
    start, end, label = period
    wb = xlsxwriter.Workbook(path)
    title = wb.add_format({"bold": True, "font_size": 13, "font_name": "Times New Roman"})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                          "valign": "vcenter", "align": "center", "font_name": "Times New Roman"})
    cell = wb.add_format({"border": 1, "font_name": "Times New Roman"})
    intf = wb.add_format({"border": 1, "num_format": "#,##0", "font_name": "Times New Roman"})
    pct = wb.add_format({"border": 1, "num_format": "0.0%", "font_name": "Times New Roman"})
    dec = wb.add_format({"border": 1, "num_format": "0.0", "font_name": "Times New Roman"})
    datef = wb.add_format({"border": 1, "num_format": "dd/mm/yyyy", "font_name": "Times New Roman"})
    bold = wb.add_format({"border": 1, "bold": True, "font_name": "Times New Roman"})
    sub = f"{label}: từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"

    def fmt_for(col):
        return pct if col == "on_time_rate" else dec if "days" in col else intf

    # Tổng hợp
    ws = wb.add_worksheet("Tổng hợp")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 14)
    ws.write(0, 0, "KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ, KHIẾU NẠI, TỐ CÁO", title)
    ws.write(1, 0, sub)
    ws.write_row(3, 0, ["Chỉ tiêu", "Số liệu"], head)
    total = figs["total"].iloc[0]
    r = 4
    for key, lab in FIGURE_LABELS:
        ws.write(r, 0, lab, cell)
        v = total[key]
        ws.write(r, 1, None if pd.isna(v) else float(v), pct if key == "on_time_rate" else intf)
        r += 1
    for prefix, lab in (("resolution_days", "Thời gian giải quyết (ngày)"),
                        ("resolution_working_days", "Thời gian giải quyết (ngày làm việc)"),
                        ("response_days", "Thời gian phản hồi (ngày)")):
        for s, sl in (("mean", "trung bình"), ("median", "trung vị"), ("p90", "P90"), ("max", "tối đa")):
            v = total[f"{prefix}_{s}"]
            ws.write(r, 0, f"{lab} — {sl}", cell)
            ws.write(r, 1, None if pd.isna(v) else float(v), dec)
            r += 1

    sheets = (("Theo kênh", "channel", "Kênh tiếp nhận"), ("Theo đơn vị", "department", "Đơn vị xử lý"),
              ("Theo lĩnh vực", "category", "Lĩnh vực"), ("Theo loại", "kind", "Loại vụ việc"))
    for name, group, first in sheets:
        t = figs[group]
        ws = wb.add_worksheet(name)
        ws.set_column(0, 0, 40)
        ws.set_column(1, len(TABLE_COLS), 12)
        ws.set_row(3, 45)
        ws.write(0, 0, f"KẾT QUẢ THEO {first.upper()}", title)
        ws.write(1, 0, sub)
        ws.write_row(3, 0, [first] + [l for _, l in TABLE_COLS], head)
        for i, (k, lab) in enumerate(zip(t.index, labels(group, t.index))):
            ws.write(4 + i, 0, lab, cell)
            for j, (col, _) in enumerate(TABLE_COLS):
                v = t.iloc[i][col]
                ws.write(4 + i, 1 + j, None if pd.isna(v) else float(v), fmt_for(col))
        n = len(t)
        ws.write(4 + n, 0, "Tổng cộng", bold)
        for j, (col, _) in enumerate(TABLE_COLS):
            v = total[col]
            ws.write(4 + n, 1 + j, None if pd.isna(v) else float(v), fmt_for(col))
        if n:
            chart = wb.add_chart({"type": "column"})
            chart.add_series({"name": "Tiếp nhận", "categories": [name, 4, 0, 3 + n, 0],
                              "values": [name, 4, 1, 3 + n, 1]})
            chart.add_series({"name": "Đã giải quyết", "categories": [name, 4, 0, 3 + n, 0],
                              "values": [name, 4, 3, 3 + n, 3]})
            chart.set_title({"name": f"Tiếp nhận và giải quyết theo {first.lower()}"})
            chart.set_size({"width": 820, "height": 360})
            ws.insert_chart(6 + n, 0, chart)

    # Quá hạn: the cases behind resolved_late and pending_overdue.
    ws = wb.add_worksheet("Quá hạn")
    cols = ["Mã hồ sơ", "Loại", "Kênh", "Đơn vị xử lý", "Lĩnh vực", "Ngày tiếp nhận", "Hạn xử lý",
            "Ngày hoàn thành", "Số ngày quá hạn"]
    ws.set_column(0, 0, 18)
    ws.set_column(1, 4, 26)
    ws.set_column(5, 8, 14)
    ws.write(0, 0, "DANH SÁCH VỤ VIỆC QUÁ HẠN", title)
    ws.write(1, 0, sub)
    ws.write_row(3, 0, cols, head)
    kind_l, chan_l = dict(KINDS), dict(CHANNELS)
    ids = late["id"].tolist()
    kinds = [kind_l[k] for k in late["kind"].tolist()]
    chans = [chan_l[k] for k in late["channel"].tolist()]
    deps, cats = late["department"].tolist(), late["category"].tolist()
    def pydt(col):  # datetime.datetime objects, None for NaT
        return late[col].to_numpy().astype("datetime64[us]").tolist()
    rds, dls, rss, over = pydt("rdate"), pydt("deadline"), pydt("resolved"), late["days_overdue"].tolist()
    for i in range(len(ids)):
        r = 4 + i
        ws.write_row(r, 0, (ids[i], kinds[i], chans[i], deps[i], cats[i]), cell)
        ws.write_datetime(r, 5, rds[i], datef)
        ws.write_datetime(r, 6, dls[i], datef)
        if rss[i] is not None:
            ws.write_datetime(r, 7, rss[i], datef)
        else:
            ws.write_blank(r, 7, None, cell)
        ws.write_number(r, 8, over[i], intf)
    ws.autofilter(3, 0, 3 + len(ids), len(cols) - 1)
    ws.freeze_panes(4, 0)
    wb.close()


def write_pdf(path, period, figs, compare):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font_dirs = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation",
                 "/usr/share/fonts/truetype/liberation2"]
    candidates = [("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
                  ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf")]
    for reg, bold in candidates:
        for d in font_dirs:
            if os.path.exists(os.path.join(d, reg)):
                pdfmetrics.registerFont(TTFont("VN", os.path.join(d, reg)))
                pdfmetrics.registerFont(TTFont("VN-Bold", os.path.join(d, bold)))
                break
        else:
            continue
        break
    else:
        raise SystemExit("no TTF font covering Vietnamese (install fonts-dejavu-core)")

    start, end, label = period
    body = ParagraphStyle("body", fontName="VN", fontSize=11, leading=15, firstLineIndent=10 * mm)
    h = ParagraphStyle("h", fontName="VN-Bold", fontSize=13, leading=17, alignment=1)
    cap = ParagraphStyle("cap", fontName="VN-Bold", fontSize=10, leading=13, alignment=1)
    cellst = ParagraphStyle("cell", fontName="VN", fontSize=8, leading=10)
    headst = ParagraphStyle("head", fontName="VN-Bold", fontSize=8, leading=10, alignment=1)
    total = figs["total"].iloc[0]

    def fmt(col, v):
        if pd.isna(v):
            return "–"
        if col == "on_time_rate":
            return f"{v * 100:.1f}%".replace(".", ",")
        if "days" in col:
            return f"{v:.1f}".replace(".", ",")
        return f"{int(v):,}".replace(",", ".")

    def table(group, first, caption):
        t = figs[group]
        rows = [[Paragraph(first, headst)] + [Paragraph(l, headst) for _, l in TABLE_COLS]]
        for k, lab in zip(t.index, labels(group, t.index)):
            rows.append([Paragraph(lab, cellst)] + [fmt(c, t.loc[k][c]) for c, _ in TABLE_COLS])
        rows.append([Paragraph("Tổng cộng", headst)] + [fmt(c, total[c]) for c, _ in TABLE_COLS])
        tb = Table(rows, colWidths=[62 * mm] + [19 * mm] * len(TABLE_COLS), repeatRows=1)
        tb.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), "VN", 8), ("FONT", (0, -1), (-1, -1), "VN-Bold", 8),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
        ]))
        return [Spacer(1, 4 * mm), Paragraph(caption, cap), Spacer(1, 2 * mm), tb]

    prev = compare["previous"]
    story = [
        Paragraph("BÁO CÁO", h),
        Paragraph(f"Kết quả tiếp nhận, xử lý phản ánh, kiến nghị, khiếu nại, tố cáo {label.lower()}", h),
        Spacer(1, 5 * mm),
        Paragraph(f"Số liệu từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}. Trong kỳ tiếp nhận "
                  f"{fmt('n', total['received'])} vụ việc (kỳ trước {fmt('n', prev['received'])}); kỳ trước "
                  f"chuyển sang {fmt('n', total['carried_over'])}; tổng số phải xử lý "
                  f"{fmt('n', total['to_handle'])}; đã giải quyết {fmt('n', total['resolved'])} (đúng hạn "
                  f"{fmt('n', total['resolved_on_time'])}, trễ hạn {fmt('n', total['resolved_late'])}); "
                  f"chuyển kỳ sau {fmt('n', total['pending'])}, trong đó quá hạn "
                  f"{fmt('n', total['pending_overdue'])}. Tỷ lệ đúng hạn "
                  f"{fmt('on_time_rate', total['on_time_rate'])}.", body),
    ]
    story += table("kind", "Loại vụ việc", "Bảng 1. Kết quả tiếp nhận, xử lý theo loại vụ việc")
    story += table("channel", "Kênh tiếp nhận", "Bảng 2. Kết quả tiếp nhận, xử lý theo kênh tiếp nhận")

    ch = figs["channel"]
    dr = Drawing(250 * mm, 70 * mm)
    bc = VerticalBarChart()
    bc.x, bc.y, bc.width, bc.height = 15 * mm, 12 * mm, 220 * mm, 52 * mm
    bc.data = [[int(v) for v in ch["received"]], [int(v) for v in ch["resolved"]]]
    bc.categoryAxis.categoryNames = labels("channel", ch.index)
    bc.categoryAxis.labels.fontName = "VN"
    bc.categoryAxis.labels.fontSize = 7
    bc.valueAxis.labels.fontName = "VN"
    bc.valueAxis.valueMin = 0
    bc.bars[0].fillColor = colors.HexColor("#4472C4")
    bc.bars[1].fillColor = colors.HexColor("#ED7D31")
    dr.add(bc)
    story += [Spacer(1, 4 * mm), KeepTogether([Paragraph("Biểu đồ 1. Tiếp nhận và giải quyết theo kênh", cap), dr])]
    story += table("department", "Đơn vị xử lý", "Bảng 3. Kết quả xử lý theo đơn vị")
    story += table("category", "Lĩnh vực", "Bảng 4. Kết quả xử lý theo lĩnh vực")

    doc = SimpleDocTemplate(path, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title=f"Báo cáo PAKN {label}")
    doc.build(story)


# ---------------------------------------------------------------------------------------------

def check(pakn_path, peer_path):
    """Compare the figures that do not depend on the deadline rule (and the on-time figures of
    phản ánh and kiến nghị, whose rule is the same 10 working days in both) with pakn-report's
    summary.json. Prints the differences, then "A/B agree"."""
    a, b = (json.load(open(p, encoding="utf-8")) for p in (pakn_path, peer_path))
    keys = ["carried_over", "received", "to_handle", "resolved", "pending", "responded", "response_on_time"]
    subs = [("satisfaction", "rated"), ("satisfaction", "satisfied"), ("assigned_within_1wd", "count"),
            ("assigned_within_1wd", "within"), ("resolution_days", "median"), ("resolution_days", "p90"),
            ("response_days", "median"), ("response_days", "p90")]
    same_rule = ["resolved_on_time", "resolved_late", "pending_overdue"]
    diffs, n = [], 0

    def cmp(where, x, y, extra=()):
        nonlocal n
        for k in keys + list(extra):
            n += 1
            if x.get(k) != y.get(k):
                diffs.append(f"{where} {k}: pakn-report {x.get(k)} peer {y.get(k)}")
        for k, s in subs:
            n += 1
            if x[k][s] != y[k][s]:
                diffs.append(f"{where} {k}.{s}: pakn-report {x[k][s]} peer {y[k][s]}")

    cmp("totals", a["totals"], b["totals"])
    for g in ("by_kind", "by_channel", "by_department", "by_category"):
        n += 1
        ka, kb = [r["key"] for r in a[g]], [r["key"] for r in b[g]]
        if ka != kb:
            diffs.append(f"{g} groups: pakn-report {ka} peer {kb}")
        mb = {r["key"]: r for r in b[g]}
        for r in a[g]:
            if r["key"] in mb:
                cmp(f"{g}[{r['key']}]", r, mb[r["key"]],
                    same_rule if g == "by_kind" and r["key"] in ("phan_anh", "kien_nghi") else ())
    for k in ("previous", "same_period_last_year"):
        n += 1
        if a["compare"][k]["received"] != b["compare"][k]["received"]:
            diffs.append(f"compare.{k}.received")
    for d in diffs[:20]:
        print("differs:", d, file=sys.stderr)
    print(f"{n - len(diffs)}/{n} agree")
    return 0 if not diffs else 1


def read_only(path):
    """The second peer: every column read as text by pyarrow's multi-threaded CSV reader."""
    phase("import")
    hdr = find_header(path)
    raw = pd.read_csv(path, skiprows=hdr, header=0, dtype=str, encoding="utf-8", engine="pyarrow")
    phase("read")
    print(f"rows {len(raw)} columns {raw.shape[1]}", file=sys.stderr)
    phase("total")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3]))
    if len(sys.argv) == 3 and sys.argv[1] == "read":
        read_only(sys.argv[2])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("--out", required=True)
    ap.add_argument("--period", default="2026-05", help="a cut-off month, YYYY-MM")
    ap.add_argument("--as-of", default=None, help="accepted for symmetry with pakn-report; unused")
    ap.add_argument("--engine", default="pyarrow", choices=["c", "pyarrow"],
                    help="pandas.read_csv engine (default pyarrow: multi-threaded; c: pandas' own parser)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    phase("import")

    df, acct = read_register(a.input, a.engine)
    phase("read")

    period = parse_period(a.period)
    start, end, label = period
    add_deadlines(df)
    figs = figures(df, start, end)
    compare = {}
    prev = (end.year, end.month - 1) if end.month > 1 else (end.year - 1, 12)
    for name, (s, e, lab) in (("previous", month_period(*prev)),
                              ("same_period_last_year", month_period(end.year - 1, end.month))):
        f = flags(df, s, e)
        resolved = int(f["resolved"].sum())
        on_time = int(f["resolved_on_time"].sum())
        compare[name] = {"period": {"label": lab, "start": s.isoformat(), "end": e.isoformat(), "mode": "cutoff"},
                         "received": int(f["received"].sum()),
                         "on_time_rate": on_time / resolved if resolved else None}
    late = late_cases(df, start, end)
    phase("figures")

    stem = f"bao-cao-pakn-{a.period}"
    write_xlsx(os.path.join(a.out, stem + ".xlsx"), period, figs, late)
    phase("xlsx")
    write_pdf(os.path.join(a.out, stem + ".pdf"), period, figs, compare)
    phase("pdf")
    write_json(os.path.join(a.out, "summary.json"), period, acct, figs, compare, os.path.basename(a.input))
    phase("json")
    t = figs["total"].iloc[0]
    print(f"phase total {time.perf_counter() - T0:.3f}", file=sys.stderr)
    print(f"{label}: {start:%d/%m/%Y} → {end:%d/%m/%Y}. Kỳ trước chuyển sang {int(t['carried_over'])}, "
          f"tiếp nhận {int(t['received'])}, đã giải quyết {int(t['resolved'])} (đúng hạn "
          f"{int(t['resolved_on_time'])}, quá hạn {int(t['resolved_late'])}), chuyển kỳ sau {int(t['pending'])} "
          f"(quá hạn {int(t['pending_overdue'])}).", file=sys.stderr)


if __name__ == "__main__":
    main()
