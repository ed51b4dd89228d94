#!/usr/bin/env bash
# Throughput of `mw catalog` (embedded Spark, local[*]) against a shell loop of `./mw loudness` per file
# and a shell loop of `ffmpeg -af ebur128=peak=true` per file, on the same folder in the same run.
# The folder holds COPIES copies (default 8) of each sample excerpt, so 5 x COPIES files of 20 s.
# Prints wall and CPU seconds of each, tracks/min and audio-hours/min, and the load average.
# `mw catalog` does much more per file than the other two (QC, dynamics, spectrum, 19 platforms).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COPIES="${1:-8}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/in"
for i in $(seq "$COPIES"); do
  for f in "$ROOT"/sample-audio/*.flac; do cp "$f" "$WORK/in/$i-$(basename "$f")"; done
done
FILES=("$WORK"/in/*.flac)
N=${#FILES[@]}
SECONDS_AUDIO=$(for f in "${FILES[@]}"; do soxi -D "$f"; done | awk '{s+=$1} END {printf "%.1f", s}')
# build both launchers' jars first, so no build is timed
"$ROOT/mw" --version >/dev/null
"$ROOT/mw" catalog --help >/dev/null 2>&1 || true

timed() { # prints "wall user+sys" of a command
  /usr/bin/time -f '%e %U %S' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
  awk '{printf "%.2f %.2f", $1, $2 + $3}' "$WORK/time"
}
row() { # name wall cpu
  awk -v n="$1" -v w="$2" -v c="$3" -v f="$N" -v a="$SECONDS_AUDIO" \
    'BEGIN {printf "| %s | %.1f | %.1f | %.1f | %.3f |\n", n, w, c, f / w * 60, a / 3600 / w * 60}'
}
echo "files: $N ($SECONDS_AUDIO s of audio), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r cw cc <<<"$(timed "$ROOT/mw" catalog "$WORK/in" --out "$WORK/out" --quiet)"
read -r rw rc <<<"$(timed "$ROOT/mw" catalog "$WORK/in" --out "$WORK/out" --quiet)"
read -r kw kc <<<"$(timed "$ROOT/mw" catalog "$WORK/in" --out "$WORK/out-clicks" --clicks --quiet)"
read -r lw lc <<<"$(timed bash -c 'for f in "$@"; do "'"$ROOT"'/mw" loudness "$f"; done' _ "${FILES[@]}")"
read -r ow oc <<<"$(timed "$ROOT/mw" loudness "${FILES[@]}")"
read -r fw fc <<<"$(timed bash -c 'for f in "$@"; do ffmpeg -nostdin -hide_banner -nostats -i "$f" -filter_complex ebur128=peak=true -f null - ; done' _ "${FILES[@]}")"
echo "| command | wall s | CPU s | tracks/min | audio-hours/min |"
echo "|---|---|---|---|---|"
row "mw catalog (first run: everything measured)" "$cw" "$cc"
row "mw catalog (second run: nothing to measure)" "$rw" "$rc"
row "mw catalog --clicks (first run, also counting clicks)" "$kw" "$kc"
row "mw loudness, one process per file" "$lw" "$lc"
row "mw loudness, all files in one process" "$ow" "$oc"
row "ffmpeg ebur128=peak=true, one process per file" "$fw" "$fc"
for o in out out-clicks; do
  awk -F, -v o="$o" 'NR > 1 {s += $NF; n++}
    END {printf "%s: mean audit_ms per track (decode + every measurement, one core): %.0f\n", o, s / n}' "$WORK/$o/tracks.csv"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
