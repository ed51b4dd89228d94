#!/usr/bin/env bash
# Times `mw platforms --json` (loudness, true peak and every bundled profile's outcome for each file,
# one JVM) against ffmpeg's ebur128 filter with true peak (loudness and true peak only, one process
# per file) on the sample excerpts. Prints the median of N runs (default 3) of each.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-3}"
JAR="$ROOT/cli/target/mw.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl cli -am package)
FILES=("$ROOT"/sample-audio/*.flac)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
mw_runs=(); ff_runs=()
for _ in $(seq "$N"); do
  mw_runs+=("$(t java -jar "$JAR" platforms --json "${FILES[@]}")")
  ff_runs+=("$(t bash -c 'for f in "$@"; do ffmpeg -nostdin -hide_banner -nostats -i "$f" -filter_complex ebur128=peak=true -f null - ; done' _ "${FILES[@]}")")
done
mw=$(printf '%s\n' "${mw_runs[@]}" | median)
ff=$(printf '%s\n' "${ff_runs[@]}" | median)
printf 'files: %d\nmw platforms --json: %.2f s\nffmpeg ebur128 (peak=true): %.2f s\nratio mw/ffmpeg: %.2f\n' \
  "${#FILES[@]}" "$mw" "$ff" "$(echo "$mw / $ff" | bc -l)"
