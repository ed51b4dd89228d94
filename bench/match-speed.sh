#!/usr/bin/env bash
# Times the whole `mw match TARGET --ref REF -o OUT` command (JVM start-up, reading both files, the plan,
# the render, writing and measuring the output) against ffmpeg's `-af ebur128=peak=true` on the same
# target as a yardstick. The two run alternately RUNS times; every run prints CPU (user+sys) seconds,
# CPU seconds per minute of target audio, wall seconds, peak RSS and the 1-minute load average at its
# start, and the medians follow. The machine may be shared: read the load column with the figures.
# Usage: bench/match-speed.sh [TARGET REF [RUNS [extra mw match options...]]]
#   without TARGET and REF: a 3-minute programme from the bundled excerpts, and a copy of it
#   degraded with sox (level, shelving and peaking EQ, narrower stereo) as the target.
# Needs sox, ffmpeg, GNU time (/usr/bin/time).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
if [ $# -ge 2 ]; then
  TARGET="$1"; REF="$2"; shift 2
else
  for f in "$ROOT"/sample-audio/*.flac; do sox "$f" -r 44100 -c 2 -b 24 "$W/$(basename "$f" .flac).wav"; done
  sox $(ls "$W"/*.wav) -b 24 "$W/all.wav"
  sox "$W/all.wav" "$W/ref.wav" repeat 2 trim 0 180
  sox "$W/ref.wav" "$W/target.wav" gain -4 bass -2 150 treble -3 6000 equalizer 1000 1q +1.5 remix 1v0.8,2v0.2 2v0.8,1v0.2
  TARGET="$W/target.wav"; REF="$W/ref.wav"
fi
RUNS="${1:-5}"
[ $# -ge 1 ] && shift
"$ROOT/mw" --version >/dev/null   # builds the jar and the start-up archive outside the timings
SECONDS_AUDIO=$(soxi -D "$TARGET")
MIN=$(awk -v s="$SECONDS_AUDIO" 'BEGIN {print s / 60}')

run() { # label, then the command; prints one row
  local label="$1"; shift
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$W/t" "$@" >/dev/null 2>&1 || true
  awk -v l="$label" -v m="$MIN" -v load="$load" '{cpu = $2 + $3;
    printf "%-8s %8.2f %10.3f %8.2f %8.0f %6s\n", l, cpu, cpu / m, $1, $4 / 1024, load}' "$W/t" | tee -a "$W/rows"
}

printf "target %s (%.1f s), reference %s\n" "$TARGET" "$SECONDS_AUDIO" "$REF"
printf "%-8s %8s %10s %8s %8s %6s\n" "run" "CPU s" "CPU s/min" "wall s" "RSS MB" "load"
for _ in $(seq "$RUNS"); do
  run "mw" "$ROOT/mw" match "$TARGET" --ref "$REF" -o "$W/out.wav" "$@"
  rm -f "$W/out.wav"
  run "ffmpeg" ffmpeg -nostdin -nostats -i "$TARGET" -af ebur128=peak=true -f null -
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for l in mw ffmpeg; do
  printf "%-8s %8s %10s %8s %8s %6s  (median of %s)\n" "$l" \
    "$(awk -v l="$l" '$1 == l {print $2}' "$W/rows" | median)" "$(awk -v l="$l" '$1 == l {print $3}' "$W/rows" | median)" \
    "$(awk -v l="$l" '$1 == l {print $4}' "$W/rows" | median)" "$(awk -v l="$l" '$1 == l {print $5}' "$W/rows" | median)" \
    "$(awk -v l="$l" '$1 == l {print $6}' "$W/rows" | median)" "$RUNS"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
