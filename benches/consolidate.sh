#!/bin/bash
# Benchmark of `pakn-report consolidate` on N units' summaries (default 1,000; SPEC §10: under a
# second). The units' folders are synthesised from the shipped sample folders
# (sample-data/tong-hop/bao-cao/, 11 units made by `sample` + `report`): unit k is a copy of
# sample folder k mod 11 with its own `[agency] code` written into summary.json and the
# manifest's hash of summary.json recomputed, so every check of SPEC §11 runs on every source.
# The units are spread over 10 groups. Not part of the test suite.
#
#   bash benches/consolidate.sh [N]        # PAKN_REPORT=path/to/binary (default: debug build)
set -euo pipefail
N=${1:-1000}
BIN=${PAKN_REPORT:-${CARGO_TARGET_DIR:-target}/debug/pakn-report}
WORK=${PAKN_BENCH_DIR:-$HOME/.cache/pakn-bench}/consolidate-$N
SRC=sample-data/tong-hop/bao-cao
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
rm -rf "$WORK" && mkdir -p "$WORK/units"
mapfile -t samples < <(ls "$SRC")
units="$WORK/don-vi.toml"
printf '[agency]\nname = "THANH TRA (THỬ TẢI)"\ncode = "bench"\n' > "$units"
for g in $(seq 0 9); do printf '[[group]]\ncode = "g%s"\nname = "Nhóm %s"\n' "$g" "$g" >> "$units"; done
for k in $(seq 1 "$N"); do
  code=$(printf 'u%04d' "$k")
  s=${samples[$((k % ${#samples[@]}))]}
  d="$WORK/units/$code"
  mkdir -p "$d"
  sed "s/\"code\": \"$s\"/\"code\": \"$code\"/" "$SRC/$s/summary.json" > "$d/summary.json"
  sha=$(sha256sum "$d/summary.json" | cut -d' ' -f1)
  printf '{"schema": "pakn-report/manifest/v1", "tool": {"name": "pakn-report", "version": "bench"}, "as_of": "2026-11-28", "outputs": [{"name": "summary.json", "sha256": "%s"}]}\n' "$sha" > "$d/manifest.json"
  printf '[[unit]]\ncode = "%s"\nname = "Đơn vị %s"\ngroup = "g%s"\n' "$code" "$k" $((k % 10)) >> "$units"
done
echo "$N units: $(du -sh "$WORK/units" | cut -f1) of summaries"
/usr/bin/time -v "$BIN" consolidate "$WORK/units" --units "$units" --period 2026-05 \
  --as-of 2026-11-28 --out "$WORK/out" 2> "$WORK/time.txt" || { cat "$WORK/time.txt"; exit 1; }
grep -E 'đơn vị đã báo cáo|Elapsed|Maximum resident' "$WORK/time.txt"
