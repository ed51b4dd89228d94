#!/usr/bin/env bash
# Times `mw repair` against ffmpeg's adeclip, adeclick and afftdn (and sox noisered) on the same
# damaged 10 s stereo excerpt, in one run: CPU (user+sys) and wall seconds per tool, with the load.
# Usage: bench/repair-vs-ffmpeg.sh [RUNS]   (needs cli/target/mw.jar: ./mw --version builds it)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-3}"
JAR="$ROOT/cli/target/mw.jar"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
SRC="$ROOT/sample-audio/acoustic-traveling-minstrels.flac"
ffmpeg -v error -y -i "$SRC" -t 10 -af volume=4 -c:a pcm_s16le "$W/clipped.wav"
# clicks: 100 one-sample impulses per second, and white noise 30 dB down after a 1 s silent lead-in
ffmpeg -v error -y -i "$SRC" -t 10 -af "aeval='val(ch)+if(lt(random(0),0.0023),0.3,0)':c=same" -c:a pcm_s16le "$W/clicks.wav"
ffmpeg -v error -y -i "$SRC" -f lavfi -i "anoisesrc=c=white:a=0.01:d=11:r=44100" -filter_complex \
  "[0:a]atrim=0:10,adelay=1000|1000[m];[1:a]aformat=channel_layouts=stereo[n];[m][n]amix=inputs=2:normalize=0:duration=shortest" \
  -c:a pcm_s16le "$W/noisy.wav"
sox "$W/noisy.wav" -n trim 0 0.5 noiseprof "$W/noise.prof" 2>/dev/null

measure() { # label, command...
  local label="$1"; shift
  local best_wall=1e9 best_cpu=1e9
  for _ in $(seq "$RUNS"); do
    local t
    /usr/bin/time -o "$W/time" -f "%e %U %S" "$@" >/dev/null 2>&1 || true
    t=$(tail -1 "$W/time")
    read -r wall user sys <<<"$t"
    best_wall=$(awk -v a="$wall" -v b="$best_wall" 'BEGIN { print (a < b ? a : b) }')
    best_cpu=$(awk -v u="$user" -v s="$sys" -v b="$best_cpu" 'BEGIN { c = u + s; print (c < b ? c : b) }')
  done
  printf "| %s | %s | %s |\n" "$label" "$best_cpu" "$best_wall"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; best of $RUNS runs; 10 s stereo 44.1 kHz"
echo "| tool | CPU s | wall s |"
echo "|---|---|---|"
measure "mw repair --declip (A-SPADE)" java -jar "$JAR" repair "$W/clipped.wav" -o "$W/o1.wav" --declip
measure "mw repair --declip --declip-method ar" java -jar "$JAR" repair "$W/clipped.wav" -o "$W/o1a.wav" --declip --declip-method ar
measure "ffmpeg adeclip" ffmpeg -v error -y -i "$W/clipped.wav" -af adeclip "$W/f1.wav"
measure "mw repair --declick" java -jar "$JAR" repair "$W/clicks.wav" -o "$W/o2.wav" --declick
measure "ffmpeg adeclick" ffmpeg -v error -y -i "$W/clicks.wav" -af adeclick "$W/f2.wav"
measure "mw repair --denoise" java -jar "$JAR" repair "$W/noisy.wav" -o "$W/o3.wav" --denoise
measure "ffmpeg afftdn" ffmpeg -v error -y -i "$W/noisy.wav" -af afftdn "$W/f3.wav"
measure "sox noisered" sox "$W/noisy.wav" "$W/s3.wav" noisered "$W/noise.prof" 0.21
measure "java -jar mw.jar --version (JVM start)" java -jar "$JAR" --version
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
