#!/usr/bin/env bash
# Times `mw loudness` against ffmpeg's ebur128 and `mw master` to -14 LUFS / -1 dBTP against ffmpeg's
# two-pass loudnorm, on a 4-minute stereo 44.1 kHz programme made from the bundled excerpts (24-bit
# WAV, 16-bit WAV, FLAC). Each pair runs alternately, RUNS times; medians of wall and CPU (user+sys)
# time are printed with their ratios, and the load average before and after.
# Usage: bench/loudness-master-vs-ffmpeg.sh [RUNS]   (needs sox, flac, ffmpeg, GNU time)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
for f in "$ROOT"/sample-audio/*.flac; do sox "$f" -r 44100 -c 2 -b 24 "$W/$(basename "$f" .flac).wav"; done
sox $(ls "$W"/*.wav) -b 24 "$W/all.wav"
sox "$W/all.wav" "$W/4min24.wav" repeat 2 trim 0 240
sox "$W/4min24.wav" -b 16 "$W/4min16.wav"
flac -s -f "$W/4min24.wav" -o "$W/4min24.flac"
"$ROOT/mw" --version >/dev/null   # builds the jar and the start-up archive outside the timings

cpu_wall() { # prints "wall cpu" of one run of the command
  /usr/bin/time -f "%e %U %S" -o "$W/t" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$W/t"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

loudnorm2() { # ffmpeg two-pass loudnorm: measure, then normalise linearly with the measured values
  local m; m=$(ffmpeg -nostdin -nostats -i "$1" -af loudnorm=I=-14:TP=-1:LRA=11:print_format=json -f null - 2>&1 | tail -12)
  v() { echo "$m" | sed -n "s/.*\"$1\" : \"\([^\"]*\)\".*/\1/p"; }
  ffmpeg -nostdin -nostats -y -i "$1" -af "loudnorm=I=-14:TP=-1:LRA=11:measured_I=$(v input_i):measured_TP=$(v input_tp):measured_LRA=$(v input_lra):measured_thresh=$(v input_thresh):offset=$(v target_offset):linear=true" -ar 44100 -c:a pcm_s24le "$2" 2>/dev/null
}
export -f loudnorm2

pair() { # label, command A (ours), command B (ffmpeg)
  local label="$1" a="$2" b="$3"
  : > "$W/a"; : > "$W/b"
  for _ in $(seq "$RUNS"); do cpu_wall bash -c "$a" >> "$W/a"; cpu_wall bash -c "$b" >> "$W/b"; done
  local aw ac bw bc
  aw=$(cut -d' ' -f1 "$W/a" | median); ac=$(cut -d' ' -f2 "$W/a" | median)
  bw=$(cut -d' ' -f1 "$W/b" | median); bc=$(cut -d' ' -f2 "$W/b" | median)
  awk -v l="$label" -v aw="$aw" -v ac="$ac" -v bw="$bw" -v bc="$bc" \
    'BEGIN {printf "| %s | %s s (CPU %s s) | %s s (CPU %s s) | %.2f | %.2f |\n", l, aw, ac, bw, bc, aw / bw, ac / bc}'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| job | mw | ffmpeg | wall mw/ffmpeg | CPU mw/ffmpeg |"
echo "|---|---|---|---|---|"
for f in 4min24.wav 4min16.wav 4min24.flac; do
  pair "loudness, $f" "'$ROOT/mw' loudness '$W/$f'" "ffmpeg -nostdin -nostats -i '$W/$f' -af ebur128=peak=true -f null -"
done
pair "master to -14 LUFS / -1 dBTP, 4min24.wav" \
  "'$ROOT/mw' master '$W/4min24.wav' -o '$W/m.wav' --target-lufs -14 --ceiling-dbtp -1" \
  "loudnorm2 '$W/4min24.wav' '$W/ln.wav'"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
