#!/usr/bin/env bash
# Times a whole-file decode by `mw info` (which decodes every sample and takes the peak per channel)
# against `ffmpeg -i FILE -f null -` (decode only) on a stereo track of about 4 minutes in each format read.
# Usage: bench/decode-vs-ffmpeg.sh [runs]   (needs ffmpeg, flac, oggenc; builds the CLI jar first)
# With BASE_JAR=/path/to/other/mw.jar (for example a build of main), that jar is timed too, in the
# same loop, so a change is compared with its baseline under the same machine load.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$ROOT/mw" --version >/dev/null
JAR="$ROOT/cli/target/mw.jar"

# 4 minutes of real music: the sample excerpts, joined and repeated.
ls "$ROOT"/sample-audio/*.flac | while read -r f; do echo "file '$f'"; done > "$WORK/list.txt"
ffmpeg -nostdin -v error -stream_loop 2 -f concat -safe 0 -i "$WORK/list.txt" -t 240 -ar 44100 -ac 2 -c:a pcm_s16le "$WORK/t16.wav"
ffmpeg -nostdin -v error -i "$WORK/t16.wav" -c:a pcm_s24le "$WORK/t24.wav"
ffmpeg -nostdin -v error -i "$WORK/t16.wav" -c:a pcm_s16be "$WORK/t16.aiff"
flac -s -f -o "$WORK/t16.flac" "$WORK/t16.wav" 2>/dev/null
ffmpeg -nostdin -v error -i "$WORK/t16.wav" -af aresample=96000 -c:a pcm_s24le "$WORK/t24-96k.wav"
flac -s -f -o "$WORK/t24-96k.flac" "$WORK/t24-96k.wav" 2>/dev/null
ffmpeg -nostdin -v error -i "$WORK/t16.wav" -c:a libmp3lame -b:a 256k "$WORK/t.mp3"
oggenc -Q -q 6 -o "$WORK/t.ogg" "$WORK/t16.wav" 2>/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${BASE_JAR:-}" ]; then
  printf '| file (stereo) | baseline mw info (s) | mw info (s) | ffmpeg decode (s) | baseline/ffmpeg | mw/ffmpeg |\n|---|---|---|---|---|---|\n'
else
  printf '| file (stereo) | mw info (s) | ffmpeg decode (s) | ratio mw/ffmpeg |\n|---|---|---|---|\n'
fi
for f in t16.wav t24.wav t16.aiff t16.flac t24-96k.flac t.mp3 t.ogg; do
  mw=$(for i in $(seq "$RUNS"); do seconds java -Djava.awt.headless=true -jar "$JAR" info "$WORK/$f"; done | median)
  ff=$(for i in $(seq "$RUNS"); do seconds ffmpeg -nostdin -v error -i "$WORK/$f" -f null -; done | median)
  if [ -n "${BASE_JAR:-}" ]; then
    base=$(for i in $(seq "$RUNS"); do seconds java -Djava.awt.headless=true -jar "$BASE_JAR" info "$WORK/$f"; done | median)
    printf '| %s | %.2f | %.2f | %.2f | %.1f | %.1f |\n' "$f" "$base" "$mw" "$ff" "$(echo "$base / $ff" | bc -l)" "$(echo "$mw / $ff" | bc -l)"
  else
    printf '| %s | %.2f | %.2f | %.1f |\n' "$f" "$mw" "$ff" "$(echo "$mw / $ff" | bc -l)"
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
