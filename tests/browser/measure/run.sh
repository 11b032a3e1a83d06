#!/usr/bin/env bash
# ĐO (không phải kiểm thử): chương nặng nhất với KaTeX dựng sẵn so với tuỳ chọn MathJax 2.7.1 của mdBook.
# Cần mdbook 0.5.4 (như scripts/test.sh), Chromium của Debian, Node/npm. Cách dùng: tests/browser/measure/run.sh [số lần]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../.."
katex="$(mktemp -d)"; mathjax="$(mktemp -d)"
trap 'rm -rf "$katex" "$mathjax"' EXIT
mdbook build -d "$katex" >/dev/null 2>&1
MDBOOK_OUTPUT__HTML__MATHJAX_SUPPORT=true MDBOOK_PREPROCESSOR__EMBEDDING_BOOK__MATH=mathjax \
  mdbook build -d "$mathjax" >/dev/null 2>&1
(cd "$here/.." && npm ci --no-audit --no-fund --loglevel=error)
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
node "$here/measure.mjs" "$katex" "$mathjax" "${1:-7}"
