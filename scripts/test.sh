#!/usr/bin/env bash
# Chạy MỌI kiểm thử của sách trên một máy mới (chỉ cần bộ công cụ Rust và mạng tới các kho gói):
#   1. cargo test: công thức (code/), bài tập trên lời giải + khung chưa giải bị bác bỏ (code/exercises),
#      kiểm thử cấp sách (tests/: truy vết công thức ↔ kiểm thử, dựng sách và kiểm HTML, hình tất định).
#   2. cargo fmt --check và cargo clippy -D warnings.
#   3. Con đường `mdbook build` (mdbook 0.5.4 cài bằng cargo install --locked nếu chưa có) cho cùng bản dựng.
#   4. Kiểm thử trong Chromium thật (tests/browser: Chromium của Debian + playwright-core) trên bản dựng đó:
#      mọi trang, ngoại tuyến, tìm kiếm tiếng Việt, widget so với vector vàng của Rust.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s ==\n' "$*"; }

step "cargo test (toàn bộ workspace)"
cargo test --workspace --locked

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "mdbook build (dòng lệnh mdBook 0.5.4 gọi bộ tiền xử lý của sách)"
if ! mdbook --version 2>/dev/null | grep -q 'v0.5.4'; then
  cargo install --locked mdbook@0.5.4
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mdbook build -d "$out"
cargo run --quiet --release --bin book -- check "$out"

step "kiểm thử trình duyệt (Chromium của Debian, playwright-core)"
./tests/browser/run.sh "$out"

echo
echo "Tất cả kiểm thử đều đạt."
