#!/usr/bin/env bash
# Benchmark of pakn-report against a Python peer (pandas + xlsxwriter + reportlab), SPEC §10.
#
#   bash benches/run.sh [SIZES...]        # default: 10000 100000 1000000
#
# For each size N it generates (once, cached) a register with `pakn-report sample --cases N --seed 1`,
# then, in the same run, times under /usr/bin/time -v
#   pakn-report -v report reg-N.csv --period 2026-05 --as-of 2026-11-28 --out …   (xlsx, pdf, docx, json)
#   python benches/peer.py reg-N.csv --period 2026-05 --out …
#   python benches/peer.py read reg-N.csv     (second peer: pyarrow's read of the file alone)
# and prints a Markdown table (wall time, peak RSS, ratio peer / pakn-report, per-phase times), also
# written to $PAKN_BENCH_DIR/results.md. Sizes ≤ 100000: best of 3 runs per tool; larger: one run.
#
# Environment:
#   PAKN_BENCH_DIR    work folder (default ~/.cache/pakn-bench): venv/, data/, out/, logs/, results.md
#   CARGO_TARGET_DIR  release build folder (default ~/.cache/pakn-release)
#   PAKN_BENCH_REGEN=1  regenerate the registers even when cached
#   PAKN_BENCH_SKIP_BUILD=1  use the binary already in $CARGO_TARGET_DIR/release
#   PAKN_BENCH_RUNS   runs per tool for sizes ≤ 100000 (default 3)
# Not part of the test suite (.ci/run does not call it). See benches/README.md, docs/PERFORMANCE.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
BENCH="${PAKN_BENCH_DIR:-$HOME/.cache/pakn-bench}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/pakn-release}"
RUNS="${PAKN_BENCH_RUNS:-3}"
PERIOD=2026-05
AS_OF=2026-11-28
if [ "$#" -gt 0 ]; then SIZES=("$@"); else SIZES=(10000 100000 1000000); fi

# The peer's packages, pinned (tested together on Python 3.11). pyarrow is pandas 3's string backend
# and gives read_csv its multi-threaded engine (benches/peer.py --engine pyarrow, the default).
PY_REQS=(pandas==3.1.1 numpy==2.4.6 pyarrow==26.0.1 xlsxwriter==3.3.1 reportlab==5.1.0)

T_START=$(date +%s)
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
mkdir -p "$BENCH"/{data,out,logs}

# --- tools -------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
if ! compgen -G "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf" >/dev/null \
   && ! compgen -G "/usr/share/fonts/truetype/liberation*/LiberationSerif-Regular.ttf" >/dev/null; then
  log "installing fonts-dejavu-core (the peer's PDF needs a TTF with Vietnamese)"
  apt-get update -qq && apt-get install -y -qq fonts-dejavu-core >/dev/null
fi

# --- the peer's venv ---------------------------------------------------------------------------
VENV="$BENCH/venv"
PY="$VENV/bin/python"
if [ ! -x "$PY" ] || [ "$(cat "$VENV/.reqs" 2>/dev/null)" != "${PY_REQS[*]}" ]; then
  log "creating $VENV: ${PY_REQS[*]}"
  python3 -m venv "$VENV"
  "$PY" -m pip install -q "${PY_REQS[@]}"
  echo "${PY_REQS[*]}" > "$VENV/.reqs"
fi

# --- pakn-report, release build ----------------------------------------------------------------
BIN="$CARGO_TARGET_DIR/release/pakn-report"
if [ "${PAKN_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "cargo build --release (CARGO_TARGET_DIR=$CARGO_TARGET_DIR; the first build takes 20+ min, cargo waits for another build's lock)"
  t0=$(date +%s)
  (cd "$REPO" && cargo build --release --locked 2>&1 | tail -3) >&2
  log "build done in $(( $(date +%s) - t0 )) s"
fi
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }

# --- helpers -----------------------------------------------------------------------------------
# timed OUT_PREFIX CMD…: runs CMD under /usr/bin/time -v; writes OUT_PREFIX.err (its stderr) and
# OUT_PREFIX.time; prints "wall_s rss_kb exit".
timed() {
  local pre="$1"; shift
  local rc=0
  /usr/bin/time -v -o "$pre.time" "$@" >"$pre.out" 2>"$pre.err" || rc=$?
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$pre.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$pre.time")
  echo "${wall:-0} ${rss:-0} $rc"
}
# phases FILE: "read 1.23 · figures 0.45 · …" from "phase NAME SECONDS" lines (total left out).
phases() {
  awk '$1=="phase" && $2!="total" {printf "%s%s %.2f", (n++ ? " · " : ""), $2, $3}' "$1"
}
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k/1024}'; }

# best_of RUNS LABEL OUT_PREFIX CMD…: the run with the least wall time; prints "wall rss rc prefix".
best_of() {
  local n="$1" label="$2" pre="$3"; shift 3
  local best="" i r wall rss rc
  for ((i = 1; i <= n; i++)); do
    r=$(timed "$pre.$i" "$@"); read -r wall rss rc <<<"$r"
    log "  $label run $i: ${wall} s, $(mb "$rss") MB, exit $rc"
    if [ "$rc" != 0 ]; then echo "$wall $rss $rc $pre.$i"; return; fi
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then
      best="$wall $rss $rc $pre.$i"
    fi
  done
  echo "$best"
}

# --- machine -----------------------------------------------------------------------------------
CPU=$(awk -F': ' '/model name/ {m=$2} /cpu family/ {f=$2} /^model\t/ {n=$2} m && f && n {print m " (family " f ", model " n ")"; exit}' /proc/cpuinfo)
MEM=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
COMMIT=$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo "?")
DIRTY=$(cd "$REPO" && git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null | grep -q . && echo " (+ uncommitted changes in src/)" || true)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
log "machine: $(nproc) cores, $CPU, $MEM; load average at start $LOAD"

ROWS=()
for N in "${SIZES[@]}"; do
  REG="$BENCH/data/reg-$N.csv"
  if [ ! -s "$REG" ] || [ "${PAKN_BENCH_REGEN:-0}" = 1 ]; then
    log "generating $REG"
    "$BIN" sample --cases "$N" --seed 1 --out "$REG" >/dev/null 2>&1
  fi
  n_runs=1; [ "$N" -le 100000 ] && n_runs=$RUNS
  ODIR="$BENCH/out/$N"; LDIR="$BENCH/logs/$N"
  rm -rf "$ODIR" "$LDIR"; mkdir -p "$ODIR" "$LDIR"

  log "N=$N: pakn-report ($n_runs run(s))"
  FORMATS="xlsx, forms, pdf, docx, json"
  read -r r_wall r_rss r_rc r_pre <<<"$(best_of "$n_runs" pakn-report "$LDIR/pakn" \
      "$BIN" -v report "$REG" --period "$PERIOD" --as-of "$AS_OF" --out "$ODIR/pakn")"
  if [ "$r_rc" != 0 ]; then
    log "  pakn-report failed with all formats (exit $r_rc; see $r_pre.err): falling back to --format json"
    tail -3 "$r_pre.err" >&2 || true
    FORMATS="json only (xlsx/pdf failed)"
    read -r r_wall r_rss r_rc r_pre <<<"$(best_of "$n_runs" pakn-report "$LDIR/pakn-json" \
        "$BIN" -v report "$REG" --period "$PERIOD" --as-of "$AS_OF" --out "$ODIR/pakn" --format json)"
  fi
  [ "$r_rc" = 0 ] || FORMATS="FAILED (exit $r_rc)"

  log "N=$N: peer ($n_runs run(s))"
  read -r p_wall p_rss p_rc p_pre <<<"$(best_of "$n_runs" peer "$LDIR/peer" \
      "$PY" "$HERE/peer.py" "$REG" --period "$PERIOD" --as-of "$AS_OF" --out "$ODIR/peer")"
  [ "$p_rc" = 0 ] || log "  peer failed (exit $p_rc; see $p_pre.err)"

  log "N=$N: pyarrow read ($n_runs run(s))"
  read -r a_wall a_rss a_rc a_pre <<<"$(best_of "$n_runs" pyarrow-read "$LDIR/arrow" \
      "$PY" "$HERE/peer.py" read "$REG")"
  [ "$a_rc" = 0 ] || log "  pyarrow read failed (exit $a_rc; see $a_pre.err)"

  RATIO=$(awk -v p="$p_wall" -v r="$r_wall" 'BEGIN {if (r > 0) printf "%.1f×", p/r; else print "–"}')
  RATIO_A=$(awk -v p="$a_wall" -v r="$r_wall" 'BEGIN {if (r > 0) printf "%.2f×", p/r; else print "–"}')
  R_PH=$(phases "$r_pre.err"); P_PH=$(phases "$p_pre.err")
  CHECK="–"
  if [ "$r_rc" = 0 ] && [ "$p_rc" = 0 ]; then
    CHECK=$("$PY" "$HERE/peer.py" check "$ODIR/pakn/summary.json" "$ODIR/peer/summary.json" 2>&1 | tail -1)
  fi
  log "  pakn-report ${r_wall} s $(mb "$r_rss") MB; peer ${p_wall} s $(mb "$p_rss") MB; ratio $RATIO; check: $CHECK"
  ROWS+=("| $(echo "$N" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') | $r_wall | $(mb "$r_rss") | $p_wall | $(mb "$p_rss") | $RATIO | $a_wall | $(mb "$a_rss") | $RATIO_A | $R_PH | $P_PH | $FORMATS | $CHECK |")
done

ELAPSED=$(( $(date +%s) - T_START ))
{
  echo "pakn-report $COMMIT$DIRTY · $(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores, $CPU, $MEM · load average at start $LOAD"
  echo
  echo "| cases | pakn-report wall (s) | pakn-report peak RSS (MB) | peer wall (s) | peer peak RSS (MB) | peer / pakn-report | pyarrow read wall (s) | pyarrow read peak RSS (MB) | pyarrow read / pakn-report | pakn-report phases (s) | peer phases (s) | pakn-report outputs | figures check |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Command: \`bash benches/run.sh ${SIZES[*]}\` · period $PERIOD, --as-of $AS_OF · best of $RUNS runs for ≤ 100,000 cases, one run above · harness time ${ELAPSED} s (build and data generation included)"
} | tee "$BENCH/results.md"
log "table written to $BENCH/results.md; logs in $BENCH/logs, outputs in $BENCH/out"
