#!/usr/bin/env bash
# Loudness benchmarks (not part of the test run):
#   1. JMH: full in-process analysis of a 4-minute stereo 44.1 kHz buffer (real-time factor).
#   2. The whole `./mw loudness` command against `ffmpeg -af ebur128=peak=true` on the same 4-minute
#      file (WAV and FLAC), in the same run, best of N runs each.
#   3. Memory: a 60-minute stereo 48 kHz WAV analysed by `./mw loudness` with -Xmx128m.
# Usage: scripts/bench-loudness.sh [runs]      (prints Markdown rows for docs/benchmarks.md)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
cd "$ROOT"
command -v ffmpeg >/dev/null || { echo "bench-loudness: ffmpeg is required" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "# building (quiet)..." >&2
./mvnw -q -B -pl bench,cli -am package -DskipTests >/dev/null

echo "## machine"
echo "- $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(java -version 2>&1 | head -1); $(ffmpeg -version | head -1 | cut -d' ' -f1-3)"
echo

echo "## 1. JMH, 4 min stereo 44.1 kHz buffer"
echo "| benchmark | time per 4 min | real-time factor |"
echo "|---|---|---|"
# JMH allows one instance per machine (/tmp/jmh.lock): wait for a colleague's run to finish
for attempt in $(seq 40); do
  if java -jar bench/target/benchmarks.jar LoudnessBench -rf json -rff "$WORK/jmh.json" >"$WORK/jmh.txt" 2>&1; then
    break
  fi
  if grep -q "Unable to acquire the JMH lock" "$WORK/jmh.txt"; then
    echo "# another JMH run holds the lock; waiting 30 s ($attempt)" >&2
    sleep 30
  else
    cat "$WORK/jmh.txt" >&2; exit 1
  fi
done
python3 - "$WORK/jmh.json" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1])):
    ms = b["primaryMetric"]["score"]; err = b["primaryMetric"]["scoreError"]
    name = b["benchmark"].rsplit(".", 1)[1]
    print(f"| {name} | {ms:.0f} ± {err:.0f} ms | {240000/ms:.0f}x real time |")
PY
echo

echo "## 2. whole command vs ffmpeg, same 4 min stereo 44.1 kHz file, best of $RUNS (wall time, CPU time of that run)"
echo "| file | ./mw loudness | ffmpeg -af ebur128=peak=true | ffmpeg / mw (wall) |"
echo "|---|---|---|---|"
ffmpeg -nostdin -loglevel error -f lavfi -i "anoisesrc=c=pink:r=44100:a=0.25:s=1" -f lavfi -i "anoisesrc=c=pink:r=44100:a=0.25:s=2" \
  -filter_complex "[0][1]amerge=inputs=2,volume='0.55+0.4*sin(2*PI*t/11)':eval=frame" -t 240 -c:a pcm_s16le "$WORK/prog.wav"
ffmpeg -nostdin -loglevel error -i "$WORK/prog.wav" -c:a flac "$WORK/prog.flac"
best() {  # best wall time and the CPU time (user + sys) of that run, in seconds, over RUNS runs
  local b=999999 cpu=0 t c
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@" >/dev/null 2>&1
    read -r t u s < <(tail -1 "$WORK/time")
    c=$(python3 -c "print(round($u + $s, 2))")
    if python3 -c "import sys; sys.exit(0 if $t < $b else 1)"; then b=$t; cpu=$c; fi
  done
  echo "$b $cpu"
}
for f in prog.wav prog.flac; do
  ./mw loudness "$WORK/$f" >/dev/null   # warm the file cache and the jar
  read -r mw mwc < <(best ./mw loudness "$WORK/$f")
  read -r ff ffc < <(best ffmpeg -nostdin -nostats -i "$WORK/$f" -af ebur128=peak=true -f null -)
  echo "| $f | $mw s (CPU $mwc s) | $ff s (CPU $ffc s) | $(python3 -c "print(f'{$ff/$mw:.2f}')") |"
done
echo "- ./mw result:  $(./mw loudness --json "$WORK/prog.wav")"
echo "- ffmpeg result: $(ffmpeg -nostdin -nostats -i "$WORK/prog.wav" -af ebur128=peak=true -f null - 2>&1 | grep -A20 Summary | grep -E 'I:|LRA:|Peak:' | xargs)"
echo

echo "## 3. memory: 60 min stereo 48 kHz WAV with -Xmx128m"
ffmpeg -nostdin -loglevel error -f lavfi -i "anoisesrc=c=pink:r=48000:a=0.2:s=3" -f lavfi -i "sine=f=440:r=48000" \
  -filter_complex "[0][1]amerge=inputs=2,volume='0.6+0.35*sin(2*PI*t/37)':eval=frame" -t 3600 -c:a pcm_s16le "$WORK/hour.wav"
echo "- file: $(du -h "$WORK/hour.wav" | cut -f1)"
res=$( { MW_JAVA_OPTS="-Xmx128m" /usr/bin/time -f "TIME %e s, max RSS %M KB" -o "$WORK/time" ./mw loudness --json "$WORK/hour.wav"; cat "$WORK/time"; } 2>&1 )
echo "- ./mw loudness with -Xmx128m: $(echo "$res" | grep -v '^TIME') ($(echo "$res" | grep '^TIME'))"
echo "- ffmpeg: $(ffmpeg -nostdin -nostats -i "$WORK/hour.wav" -af ebur128=peak=true -f null - 2>&1 | grep -A20 Summary | grep -E 'I:|LRA:|Peak:' | xargs)"
