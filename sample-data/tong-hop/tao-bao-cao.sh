#!/bin/sh
# Làm lại các thư mục báo cáo mẫu trong bao-cao/: mỗi đơn vị một sổ theo dõi sinh ngẫu nhiên
# (`pakn-report sample`, mỗi đơn vị một seed và một tiền tố mã số), một tệp cấu hình với
# `[agency] code`, rồi `pakn-report report --format json` (chỉ summary.json và manifest.json: chỉ
# bản tóm tắt được gửi lên). Đặc khu Bạch Long Vĩ cố ý không có báo cáo ("Chưa báo cáo").
#
# Remakes the shipped report folders of bao-cao/: one generated register per unit, its config
# with `[agency] code`, and its summary (json only: only summaries travel). Run from the
# repository root: sh sample-data/tong-hop/tao-bao-cao.sh
set -eu
BIN="${PAKN_REPORT:-cargo run -q --}"
HERE=sample-data/tong-hop
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
rm -rf "$HERE/bao-cao"
i=0
while read -r code cases name; do
  i=$((i + 1))
  $BIN sample --cases "$cases" --seed $((700 + i)) --id-prefix "HP$i-" \
    --from 2025-03-01 --to 2026-05-14 --out "$WORK/$code.csv" >/dev/null 2>&1
  printf '[agency]\ncode = "%s"\nname = "%s"\n' "$code" "$name" > "$WORK/$code.toml"
  $BIN report "$WORK/$code.csv" --config "$WORK/$code.toml" --period 2026-05 \
    --as-of 2026-11-28 --format json --out "$HERE/bao-cao/$code" -q
done <<'UNITS'
bqlkkt 420 Ban Quản lý Khu kinh tế Hải Phòng
so-xay-dung 360 Sở Xây dựng
so-nn-mt 300 Sở Nông nghiệp và Môi trường
so-tai-chinh 180 Sở Tài chính
so-y-te 240 Sở Y tế
p-hong-bang 200 UBND phường Hồng Bàng
p-le-chan 260 UBND phường Lê Chân
p-ngo-quyen 220 UBND phường Ngô Quyền
p-hai-an 160 UBND phường Hải An
x-an-lao 120 UBND xã An Lão
dk-cat-hai 100 UBND đặc khu Cát Hải
UNITS
