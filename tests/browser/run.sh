#!/usr/bin/env bash
# Kiểm thử sách trong Chromium thật: ./tests/browser/run.sh <thư mục bản dựng> [thư mục ảnh chụp]
# Cần Chromium của Debian (/usr/bin/chromium) và Node ≥ 18 với npm. Chạy bằng root trên Debian thì tự cài
# những gì thiếu bằng apt-get; nếu không, thất bại và chỉ cách cài — không bao giờ bỏ qua im lặng.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
book="${1:?cần thư mục bản dựng}"

need_apt() { # need_apt <gói> <lệnh kiểm>
  if ! command -v "$2" >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "cài $1 bằng apt-get…"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null || {
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null; }
    else
      echo "LỖI: kiểm thử trình duyệt cần «$2» mà máy chưa có. Cài bằng: sudo apt-get install -y $1" >&2
      exit 1
    fi
  fi
}
need_apt chromium chromium
need_apt nodejs node
need_apt npm npm
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || {
  echo "LỖI: không thấy ${CHROMIUM:-/usr/bin/chromium}. Cài bằng: sudo apt-get install -y chromium" >&2; exit 1; }

cd "$here"
npm ci --no-audit --no-fund --loglevel=error
node run.mjs "$book" "${2:-}"
