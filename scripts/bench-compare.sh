#!/usr/bin/env bash
# Side-by-side throughput of `stance` and the tools researchers use today, on
# one corpus of real news text. See docs/performance.md for what each row
# means and the published figures.
#
#   scripts/bench-compare.sh                 # 50 MB corpus, 5 runs per tool
#   CORPUS_MB=20 RUNS=3 scripts/bench-compare.sh
#   BIG=0 scripts/bench-compare.sh           # skip the 10x corpus (peak RSS)
#
# Environment:
#   POLNEAR    PolNeAR checkout (*/text/*.txt)   [../shared/data/polnear]
#   CORPUS_MB  corpus size, MB of article text    [50]
#   RUNS       timed runs per tool, alternated    [5]
#   BIG        also run the 10x corpus for RSS    [1]
#   VADER      set to 0 to skip vaderSentiment    [1]
#   BENCH_DIR  work dir (git-ignored)             [.bench]
#
# Everything derived from the corpus stays in BENCH_DIR, which is
# git-ignored: the corpus is licensed data and is never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

POLNEAR=${POLNEAR:-$repo/../shared/data/polnear}
CORPUS_MB=${CORPUS_MB:-50}
RUNS=${RUNS:-5}
BIG=${BIG:-1}
VADER=${VADER:-1}
BENCH_DIR=${BENCH_DIR:-$repo/.bench}
mkdir -p "$BENCH_DIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() { printf '%s\n' "$*" >&2; }

# ---- machine -----------------------------------------------------------------
cores=$(nproc)
say "== machine: $(uname -srm), $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
say "== load at start: $(cut -d' ' -f1-3 /proc/loadavg)   ($(date -u '+%Y-%m-%d %H:%M UTC'))"

# ---- timing helper: wall, user, sys seconds and peak RSS KB -------------------
if [ -x /usr/bin/time ] && /usr/bin/time -f %e true 2>/dev/null; then
    have_time=1
else
    have_time=0
    say "note: /usr/bin/time not found (apt-get install time): timing with bash, no peak RSS"
fi

# measure NAME CMD...: runs CMD with stdout to /dev/null, appends
# "wall user sys rss_kb" to $tmp/NAME.times.
measure() {
    local name=$1
    shift
    if [ "$have_time" = 1 ]; then
        /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" ||
            { say "FAILED: $*"; cat "$tmp/err" >&2; return 1; }
        cat "$tmp/t" >>"$tmp/$name.times"
    else
        local TIMEFORMAT='%R %U %S'
        { time "$@" >/dev/null 2>"$tmp/err"; } 2>"$tmp/t" ||
            { say "FAILED: $*"; cat "$tmp/err" >&2; return 1; }
        echo "$(cat "$tmp/t") 0" >>"$tmp/$name.times"
    fi
}

# median COLUMN NAME: median of one column (1 wall, 2 user, 3 sys, 4 rss) of NAME's runs.
median() {
    awk -v c="$1" '{print $c}' "$tmp/$2.times" | sort -g |
        awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}
# median of user+sys (CPU seconds actually used: robust when the machine is shared)
median_cpu() {
    awk '{print $2+$3}' "$tmp/$1.times" | sort -g |
        awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

# Least CPU time (user + system) of the runs of tool $1: the run least
# disturbed by the host, whose speed drifts between runs.
min_cpu() {
    awk '{print $2+$3}' "$tmp/$1.times" | sort -g | head -n1
}

# ---- build ---------------------------------------------------------------------
say "== building stance (release) and the bare Rust baseline"
cargo build --release --quiet
stance=$repo/target/release/stance
rustc -O --edition 2021 -o "$tmp/bare" scripts/bare_baseline.rs

# ---- corpora ---------------------------------------------------------------------
corpus=$BENCH_DIR/corpus-${CORPUS_MB}.jsonl
if [ ! -s "$corpus" ] || [ ! -s "$corpus.textbytes" ]; then
    python3 scripts/make-corpus.py "$POLNEAR" "$corpus" "$CORPUS_MB"
fi
text_bytes=$(cat "$corpus.textbytes")
mb=$(awk -v b="$text_bytes" 'BEGIN {printf "%.2f", b / 1e6}')
articles=$(wc -l <"$corpus")
say "== corpus: $corpus: $mb MB of text, $articles articles, $(du -h "$corpus" | cut -f1) on disk"

# ---- vaderSentiment in a local venv ------------------------------------------------
venv=$BENCH_DIR/venv
have_vader=0
if [ "$VADER" = 1 ]; then
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import vaderSentiment' 2>/dev/null; then
        say "== installing vaderSentiment 3.3.2 into $venv"
        python3 -m venv "$venv" &&
            "$venv/bin/pip" install --quiet --disable-pip-version-check 'vaderSentiment==3.3.2' requests ||
            say "note: could not install vaderSentiment; its rows are skipped"
    fi
    "$venv/bin/python" -c 'import vaderSentiment' 2>/dev/null && have_vader=1
fi

# The lexicon for the bare "one hash lookup per word" pass: VADER's own, if
# installed (7,500 terms), else stance's sentiment lexicon.
lexicon=$(ls "$venv"/lib/python3*/site-packages/vaderSentiment/vader_lexicon.txt 2>/dev/null | head -n1 || true)
[ -n "$lexicon" ] || lexicon=$(ls lexicons/sentiment*.tsv 2>/dev/null | head -n1 || true)

# ---- sentiment-only mode: the same binary with --stages sentiment --------------------
sentiment_cmd=("$stance" analyze "$corpus" -f jsonl -j 1 -q --stages sentiment)

# ---- the fastest Rust VADER crate, run like vader_score.py -------------------------
have_vader_rs=0
vader_rs=$repo/target/vader-rs/release/stance-bench-vader-rs
if [ "$VADER" = 1 ]; then
    say "== building scripts/vader-rs (vader-sentimental 0.1.3 from crates.io)"
    if cargo build --release --quiet --manifest-path scripts/vader-rs/Cargo.toml \
        --target-dir "$repo/target/vader-rs"; then
        have_vader_rs=1
    else
        say "note: scripts/vader-rs did not build: its row is skipped"
    fi
fi

# ---- the runs, in alternation ------------------------------------------------------
tools=(stance_1 stance_all)
[ ${#sentiment_cmd[@]} -gt 0 ] && tools+=(stance_sentiment)
[ "$have_vader" = 1 ] && tools+=(vader)
[ "$have_vader_rs" = 1 ] && tools+=(vader_rs)
tools+=(bare_split)
[ -n "$lexicon" ] && tools+=(bare_lookup)

run_tool() {
    case $1 in
    stance_1) measure "$1" "$stance" analyze "$corpus" -f jsonl -j 1 -q ;;
    stance_all) measure "$1" "$stance" analyze "$corpus" -f jsonl -j "$cores" -q ;;
    stance_2) measure "$1" "$stance" analyze "$corpus" -f jsonl -j 2 -q ;;
    stance_sentiment) measure "$1" "${sentiment_cmd[@]}" ;;
    vader) measure "$1" "$venv/bin/python" scripts/vader_score.py "$corpus" ;;
    vader_rs) measure "$1" "$vader_rs" "$corpus" ;;
    bare_split) measure "$1" "$tmp/bare" "$corpus" ;;
    bare_lookup) measure "$1" "$tmp/bare" "$corpus" --lookup "$lexicon" ;;
    esac
}

say "== $RUNS runs of: ${tools[*]} (alternated)"
# VADER is ~100x slower than the rest: run it fewer times on big corpora.
vader_runs=$RUNS
if [ "$have_vader" = 1 ] && [ "$CORPUS_MB" -gt 20 ] && [ "$RUNS" -gt 3 ]; then vader_runs=3; fi
for ((i = 1; i <= RUNS; i++)); do
    for t in "${tools[@]}"; do
        if [ "$t" = vader ] && [ "$i" -gt "$vader_runs" ]; then continue; fi
        run_tool "$t"
    done
    say "   run $i/$RUNS done (load $(cut -d' ' -f1 /proc/loadavg))"
done

# ---- table -------------------------------------------------------------------------
wall() { median 1 "$1"; }
mbs() { awk -v b="$text_bytes" -v s="$1" 'BEGIN {printf "%.1f", (s > 0 ? b / 1e6 / s : 0)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }

label() {
    case $1 in
    stance_1) echo "stance analyze -f jsonl, 1 thread" ;;
    stance_all) echo "stance analyze -f jsonl, $cores threads" ;;
    stance_sentiment) echo "stance --stages sentiment, 1 thread" ;;
    vader) echo "Python vaderSentiment 3.3.2" ;;
    vader_rs) echo "Rust vader-sentimental 0.1.3" ;;
    bare_split) echo "bare Rust read+split+lowercase" ;;
    bare_lookup) echo "bare Rust + 1 hash lookup/word" ;;
    esac
}

printf '\n%s MB of text (%s articles), median of %s runs; load avg at end %s\n\n' \
    "$mb" "$articles" "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-38s | %8s | %8s | %8s | %8s | %8s | %10s |\n' tool "CPU s" "MB/CPU-s" "wall s" "MB/s" "CPU/wall" "peak RSS"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..40})" ---------- ---------- ---------- ---------- ---------- ------------
for t in "${tools[@]}"; do
    w=$(wall "$t")
    c=$(median_cpu "$t")
    rss=$(median 4 "$t")
    printf '| %-38s | %8.2f | %8s | %8.2f | %8s | %8s | %7d MB |\n' "$(label "$t")" "$c" "$(mbs "$c")" "$w" "$(mbs "$w")" \
        "$(ratio "$c" "$w")" $((${rss%.*} / 1024))
done
printf '\n(CPU/wall well under the thread count means the machine was shared: trust MB/CPU-s)\n'

# How much parallel speed-up the machine can show right now: the bare pass
# run $cores times at once against the same runs one after another. On a
# shared machine (Linux autogroup gives each session an equal share of the
# CPUs) this is near 1 and no program can scale; on an idle one, near $cores.
for ((i = 1; i <= RUNS; i++)); do
    start=$(date +%s.%N)
    for ((k = 1; k <= cores; k++)); do "$tmp/bare" "$corpus" >/dev/null; done
    mid=$(date +%s.%N)
    for ((k = 1; k <= cores; k++)); do "$tmp/bare" "$corpus" >/dev/null & done
    wait
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$mid" -v c="$end" 'BEGIN {print b - a, c - b, 0, 0}' >>"$tmp/headroom.times"
done
headroom=$(awk '{print $1 / $2}' "$tmp/headroom.times" | sort -g |
    awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}')

# Thread balance, which a shared machine does not distort: CPU time of each
# thread of one all-threads run (needs perf). With the serial threads
# (reader, writer) overlapped, an otherwise idle machine would take about as
# long as the busiest worker: total CPU / busiest thread models the speed-up.
balance=""
if command -v perf >/dev/null 2>&1; then
    (exec "$stance" analyze "$corpus" -f jsonl -j "$cores" -q >/dev/null) &
    bg=$!
    sleep 0.3
    if perf stat --per-thread -e task-clock -p "$bg" -o "$tmp/perthread" >/dev/null 2>&1; then
        # wall(1 thread) ~ its CPU time; wall(N threads) ~ the busiest thread's
        # share of the N-thread run's CPU time (the others overlap with it).
        balance=$(awk -v n="$cores" '/task-clock/ {gsub(",", "", $2); print $2}' "$tmp/perthread" | sort -gr |
            awk -v n="$cores" -v c1="$(median_cpu stance_1)" -v cn="$(median_cpu stance_all)" \
                '{t += $1; if (NR <= n) {w = w sprintf("%s%.1f%%", (NR > 1 ? " / " : ""), 0); v[NR] = $1; if ($1 > m) m = $1} else s += $1}
                END {w = ""; for (i = 1; i <= n; i++) w = w sprintf("%s%.1f%%", (i > 1 ? " / " : ""), 100 * v[i] / t);
                     printf "workers %s of all CPU, other threads %.1f%%; modeled speed-up on idle cores %.2fx", w, 100 * s / t, c1 / (m / t * cn)}')
    fi
    wait "$bg" || true
fi

s1=$(wall stance_1)
sa=$(wall stance_all)
printf '\nratios of throughput (by CPU time; by wall time in brackets):\n'
printf '  stance %s threads / 1 thread (wall only):    %sx  (CPU/wall %s and %s)\n' "$cores" "$(ratio "$s1" "$sa")" \
    "$(ratio "$(median_cpu stance_1)" "$s1")" "$(ratio "$(median_cpu stance_all)" "$sa")"
printf '  what the machine allowed: %s bare passes at once vs one after another: %.2fx\n' "$cores" "$headroom"
[ -n "$balance" ] && printf '  thread balance of one %s-thread run: %s\n' "$cores" "$balance"
if [ "$have_vader" = 1 ]; then
    printf '  stance 1 thread / vaderSentiment:           %sx  [%sx]\n' \
        "$(ratio "$(median_cpu vader)" "$(median_cpu stance_1)")" "$(ratio "$(wall vader)" "$s1")"
fi
if [ "$have_vader_rs" = 1 ]; then
    printf '  stance 1 thread / vader-sentimental (Rust):  %sx  [%sx]\n' \
        "$(ratio "$(median_cpu vader_rs)" "$(median_cpu stance_1)")" "$(ratio "$(wall vader_rs)" "$s1")"
    printf '  stance --stages sentiment / vader-sentimental: %sx  [%sx]\n' \
        "$(ratio "$(median_cpu vader_rs)" "$(median_cpu stance_sentiment)")" "$(ratio "$(wall vader_rs)" "$(wall stance_sentiment)")"
fi
if [ ${#sentiment_cmd[@]} -gt 0 ] && [ -n "$lexicon" ]; then
    printf '  sentiment only / bare lookup pass:          %sx  [%sx]\n' \
        "$(ratio "$(median_cpu bare_lookup)" "$(median_cpu stance_sentiment)")" \
        "$(ratio "$(wall bare_lookup)" "$(wall stance_sentiment)")"
fi
if [ -n "$lexicon" ]; then
    printf '  stance 1 thread / bare lookup pass:         %sx  [%sx]\n' \
        "$(ratio "$(median_cpu bare_lookup)" "$(median_cpu stance_1)")" "$(ratio "$(wall bare_lookup)" "$s1")"
fi

# ---- one long article vs many short ones ---------------------------------------------
# Eight 1 MB articles against 8 MB of ordinary ones, 1 thread: a stage that is
# quadratic in article length shows as a ratio well above 1.
long=$BENCH_DIR/long-8.jsonl
short=$BENCH_DIR/short-8.jsonl
if [ ! -s "$long" ]; then
    python3 scripts/make-corpus.py "$POLNEAR" "$tmp/one.jsonl" 1 --single 2>/dev/null
    # Eight copies with ids of their own (a repeated id is warned about).
    for i in 1 2 3 4 5 6 7 8; do sed "s/\"id\": \"single\"/\"id\": \"single-$i\"/" "$tmp/one.jsonl"; done >"$long"
    echo $((8 * $(cat "$tmp/one.jsonl.textbytes"))) >"$long.textbytes"
fi
[ -s "$short" ] || python3 scripts/make-corpus.py "$POLNEAR" "$short" 8 2>/dev/null
for ((i = 1; i <= RUNS; i++)); do
    measure long "$stance" analyze "$long" -f jsonl -j 1 -q
    measure short "$stance" analyze "$short" -f jsonl -j 1 -q
done
lw=$(median_cpu long)
sw=$(median_cpu short)
lb=$(cat "$long.textbytes")
sb=$(cat "$short.textbytes")
per_byte() { awk -v l="$1" -v s="$2" -v lb="$lb" -v sb="$sb" 'BEGIN {printf "%.2f", (l / lb) / (s / sb)}'; }
printf '\none long article (1 thread, CPU time):\n'
printf '  8 x 1 MB articles: %.1f MB/s;  8 MB of short articles: %.1f MB/s;  long/short time per byte: %sx (best runs: %sx)\n' \
    "$(awk -v b="$lb" -v s="$lw" 'BEGIN {print b / 1e6 / s}')" \
    "$(awk -v b="$sb" -v s="$sw" 'BEGIN {print b / 1e6 / s}')" \
    "$(per_byte "$lw" "$sw")" "$(per_byte "$(min_cpu long)" "$(min_cpu short)")"

# ---- start-up --------------------------------------------------------------------------
for ((i = 1; i <= RUNS; i++)); do measure startup "$stance" analyze seeds/000_53a223d58a8d3c17.txt -q; done
printf '\nstart-up (one 2.7 KB seed, wall): %s s\n' "$(wall startup)"

# ---- peak memory: the corpus and one 10x larger ------------------------------------------
if [ "$BIG" = 1 ] && [ "$have_time" = 1 ]; then
    # Built like the small one (every id unique: a duplicate id is warned about).
    big=$BENCH_DIR/corpus-$((CORPUS_MB * 10)).jsonl
    if [ ! -s "$big" ] || [ ! -s "$big.textbytes" ]; then
        python3 scripts/make-corpus.py "$POLNEAR" "$big" $((CORPUS_MB * 10))
    fi
    measure rss_small "$stance" analyze "$corpus" -f jsonl -j "$cores" -q
    measure rss_big "$stance" analyze "$big" -f jsonl -j "$cores" -q
    printf '\npeak RSS, %s threads, JSONL out:  %s MB corpus: %d MB;  %s MB corpus (10x): %d MB  (%.1f MB/s on the big one)\n' \
        "$cores" "$mb" $(($(median 4 rss_small) / 1024)) \
        "$(awk -v m="$mb" 'BEGIN {print m * 10}')" $(($(median 4 rss_big) / 1024)) \
        "$(awk -v b="$(cat "$big.textbytes")" -v s="$(median 1 rss_big)" 'BEGIN {print b / 1e6 / s}')"
fi
printf '\nload avg at end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
