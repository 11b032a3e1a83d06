#!/usr/bin/env bash
# Tải hai bộ cặp từ tương đồng công khai — WordSim-353 và SimLex-999 — từ dữ liệu kiểm thử trong bánh xe (wheel)
# của gensim trên PyPI (phiên bản, tên tệp và tổng kiểm SHA-256 cố định), cho `sgns eval`.
# Sách KHÔNG cần các tệp này để dựng; chúng chỉ dùng cho phép đo chất lượng tuỳ chọn ở phụ lục về `sgns`.
#
# Cách dùng: scripts/fetch-similarity.sh [thư-mục-ra]   (mặc định: target/similarity, nằm trong .gitignore)
set -euo pipefail

VERSION=4.4.0
WHEEL=gensim-$VERSION-cp311-cp311-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl
SHA256=91a7fa5e814e7b1bad4b2dffa8d62c1e55410d5cbdf930714c1997ffb4404db8
OUT="${1:-target/similarity}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# luôn tải đúng một tệp bánh xe, bất kể máy chạy script (chỉ đọc tệp dữ liệu bên trong, không cài đặt)
python3 -m pip download --quiet --no-deps --only-binary=:all: --platform manylinux_2_28_x86_64 \
    --python-version 3.11 --implementation cp --abi cp311 "gensim==$VERSION" -d "$work"
echo "$SHA256  $work/$WHEEL" | sha256sum --check --quiet

mkdir -p "$OUT"
python3 - "$work/$WHEEL" "$OUT" <<'PY'
import sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name in ("wordsim353.tsv", "simlex999.txt"):
        data = z.read(f"gensim/test/test_data/{name}")
        with open(f"{out}/{name}", "wb") as f:
            f.write(data)
        pairs = sum(1 for l in data.decode("utf-8").splitlines() if l.strip() and not l.startswith("#"))
        print(f"đã ghi {out}/{name}: {pairs} cặp")
PY
