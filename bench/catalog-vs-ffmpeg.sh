#!/usr/bin/env bash
# Throughput of `mw catalog` (embedded Spark, local[*]) against shell loops of `ffmpeg -af ebur128` and
# of `./mw loudness`, on one generated catalog, in the same run.
#
#   bench/catalog-vs-ffmpeg.sh [TRACKS] [WORKDIR]
#
# TRACKS (default 300) short tracks are cut from the sample excerpts with sox: each from its own
# offset, 6 to 14 s long, at its own gain (-14 to +4 dB, so some clip) and in one of four formats
# (FLAC 16-bit 44.1 kHz stereo, WAV 24-bit 48 kHz stereo, WAV 16-bit 44.1 kHz stereo, FLAC mono).
# Nothing generated is kept unless WORKDIR is given (then the catalog folders stay there too).
# BENCH_CLICKS=1 adds a run with --clicks (the damage scan of mw analyze; costs several times the rest).
#
# Prints one table row per command (wall and CPU seconds, tracks/s, audio-hours/min), the load average
# before and after each, the fixed cost of a run (the catalog job on one file) and the mean audit_ms
# (decode plus every measurement of one track, on one core) from tracks.csv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRACKS="${1:-300}"
if [ -n "${2:-}" ]; then
  WORK="$2"
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
fi
rm -rf "$WORK/in" "$WORK"/out-*
mkdir -p "$WORK/in"
SOURCES=("$ROOT"/sample-audio/*.flac)
for i in $(seq 0 $((TRACKS - 1))); do
  src="${SOURCES[$((i % ${#SOURCES[@]}))]}"
  len=$((6 + (i * 7) % 9))                       # 6..14 s
  start=$(awk -v i="$i" -v l="$len" 'BEGIN {printf "%.2f", (i * 1.37) % (20 - l)}')
  gain=$(( (i * 5) % 19 - 14 ))                  # -14..+4 dB
  case $((i % 4)) in
    0) out="$WORK/in/t$i.flac"; fmt=(-b 16 -r 44100 -c 2) ;;
    1) out="$WORK/in/t$i.wav"; fmt=(-b 24 -r 48000 -c 2) ;;
    2) out="$WORK/in/t$i.wav"; fmt=(-b 16 -r 44100 -c 2) ;;
    3) out="$WORK/in/t$i.flac"; fmt=(-b 16 -r 44100 -c 1) ;;
  esac
  sox -V1 "$src" "${fmt[@]}" "$out" trim "$start" "$len" gain "$gain"
done
FILES=("$WORK"/in/*)
N=${#FILES[@]}
SECONDS_AUDIO=$(for f in "${FILES[@]}"; do soxi -D "$f"; done | awk '{s+=$1} END {printf "%.1f", s}')
# build both launchers' jars first, so no build is timed
"$ROOT/mw" --version >/dev/null
"$ROOT/mw" catalog --help >/dev/null 2>&1 || true

load() { cut -d' ' -f1 /proc/loadavg; }
timed() { # prints "wall cpu load-before load-after" of a command (CPU: user + sys of it and its children)
  local before
  before=$(load)
  /usr/bin/time -f '%e %U %S' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
  awk -v b="$before" -v a="$(load)" '{printf "%.2f %.2f %s %s", $1, $2 + $3, b, a}' "$WORK/time"
}
row() { # name files wall cpu load-before load-after
  awk -v n="$1" -v f="$2" -v w="$3" -v c="$4" -v lb="$5" -v la="$6" -v a="$SECONDS_AUDIO" -v all="$N" \
    'BEGIN {printf "| %s | %.1f | %.1f | %.2f | %.2f | %s / %s |\n", n, w, c, f / w, (f == all ? a : a * f / all) / 3600 / w * 60, lb, la}'
}
echo "tracks: $N ($SECONDS_AUDIO s of audio), cores: $(nproc), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| command | wall s | CPU s | tracks/s | audio-hours/min | load before / after |"
echo "|---|---|---|---|---|---|"
read -r w c lb la <<<"$(timed "$ROOT/mw" catalog "${FILES[0]}" --out "$WORK/out-one" --quiet)"
row "mw catalog, one file (fixed cost of a run)" 1 "$w" "$c" "$lb" "$la"
read -r w c lb la <<<"$(timed "$ROOT/mw" catalog "$WORK/in" --out "$WORK/out-all" --quiet)"
row "mw catalog (local[*], everything measured)" "$N" "$w" "$c" "$lb" "$la"
read -r w c lb la <<<"$(timed "$ROOT/mw" catalog "$WORK/in" --out "$WORK/out-all" --quiet)"
row "mw catalog again (resumed: nothing to measure)" "$N" "$w" "$c" "$lb" "$la"
if [ "${BENCH_CLICKS:-0}" = 1 ]; then
  read -r w c lb la <<<"$(timed "$ROOT/mw" catalog "$WORK/in" --out "$WORK/out-clicks" --clicks --quiet)"
  row "mw catalog --clicks (also the damage scan)" "$N" "$w" "$c" "$lb" "$la"
fi
read -r w c lb la <<<"$(timed bash -c 'for f in "$@"; do ffmpeg -nostdin -hide_banner -nostats -i "$f" -af ebur128=peak=true -f null - 2>/dev/null; done' _ "${FILES[@]}")"
row "ffmpeg -af ebur128=peak=true, shell loop" "$N" "$w" "$c" "$lb" "$la"
read -r w c lb la <<<"$(timed bash -c 'printf "%s\0" "$@" | xargs -0 -P 2 -I{} ffmpeg -nostdin -hide_banner -nostats -i {} -af ebur128=peak=true -f null - 2>/dev/null' _ "${FILES[@]}")"
row "ffmpeg -af ebur128=peak=true, 2 at a time (xargs -P 2)" "$N" "$w" "$c" "$lb" "$la"
read -r w c lb la <<<"$(timed bash -c 'for f in "$@"; do "'"$ROOT"'/mw" loudness "$f"; done' _ "${FILES[@]}")"
row "mw loudness, shell loop" "$N" "$w" "$c" "$lb" "$la"
read -r w c lb la <<<"$(timed "$ROOT/mw" loudness "${FILES[@]}")"
row "mw loudness FILE... (all files, one process)" "$N" "$w" "$c" "$lb" "$la"
for o in out-all out-clicks; do
  [ -f "$WORK/$o/tracks.csv" ] || continue
  # audit_ms is the last column
  awk -F, -v o="$o" 'NR > 1 {s += $NF; n++}
    END {printf "%s: mean audit_ms per track (decode + every measurement, one core): %.0f ms\n", o, s / n}' "$WORK/$o/tracks.csv"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
