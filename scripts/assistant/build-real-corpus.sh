#!/usr/bin/env bash
# Builds the assistant's corpus of real (recorded or tracker-produced, not General MIDI) music from Debian
# packages only. The tracks and their style labels are listed, each with the evidence for its label, in
# real-corpus-labels.csv beside this script; nothing is labelled by listening or by the audio's own
# measurements, and tracks whose style the evidence leaves ambiguous are not listed.
#   1. apt-get download fetches each listed package into SCRATCH (nothing is installed);
#   2. dpkg-deb extracts the listed files only;
#   3. ffmpeg decodes EXCERPTS excerpts of 20 s per track (evenly spaced through the track; one from the
#      start when the track is shorter than 40 s) to 44.1 kHz stereo 16-bit FLAC at the original level.
# Layout: OUT/<style>/<package>--<track>-<k>.flac and OUT/labels.tsv (file, label, group, package, source
# path, evidence, split). The group is the package: a package's tracks share composers and production, so
# grouped evaluation never puts one package on both sides. All excerpts get split "test-real".
# The music of wesnoth, warzone2100, lincity-ng, frozen-bubble and marsshooter is deliberately absent: it
# is kept for an outside evaluation and must not be trained or tuned on.
#
# Usage: scripts/assistant/build-real-corpus.sh [OUT] [SCRATCH] [EXCERPTS]
#   defaults: out/assistant-real-corpus /tmp/mw-real-corpus 2   (downloads about 1.4 GB of packages;
#   then about 3 minutes on two shared cores; the output is byte-identical from run to run)
# Needs: apt-get (Debian bookworm sources), dpkg-deb, ffmpeg built with libopenmpt (for the .mod/.it files)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-out/assistant-real-corpus}"
SCRATCH="${2:-/tmp/mw-real-corpus}"
EXCERPTS="${3:-2}"
LEN=20
for tool in apt-get dpkg-deb ffmpeg ffprobe python3; do
  command -v "$tool" >/dev/null || { echo "build-real-corpus: $tool is missing" >&2; exit 1; }
done
mkdir -p "$OUT" "$SCRATCH/deb" "$SCRATCH/x"
OUT="$(cd "$OUT" && pwd)"
LABELS="$HERE/real-corpus-labels.csv"
# package,path,label,evidence,reason (quoted CSV) -> tab-separated package, path, label, evidence
rows="$(python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1])): print("\t".join([r["package"], r["path"], r["label"], r["evidence"]]))' "$LABELS")"
packages="$(cut -f1 <<< "$rows" | sort -u)"
( cd "$SCRATCH/deb"
  for p in $packages; do
    ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download "$p" >/dev/null
  done )
# extract each package's listed files in one pass (a package is read once, however many tracks it gives)
for p in $packages; do
  mapfile -t wanted < <(awk -F'\t' -v p="$p" '$1 == p { print "./" $2 }' <<< "$rows")
  missing=()
  for w in "${wanted[@]}"; do [ -s "$SCRATCH/x/$p/$w" ] || missing+=("$w"); done
  if (( ${#missing[@]} )); then
    mkdir -p "$SCRATCH/x/$p"
    dpkg-deb --fsys-tarfile "$(ls "$SCRATCH/deb/${p}"_*.deb | head -1)" | tar -x -C "$SCRATCH/x/$p" "${missing[@]}"
  fi
done
printf 'file\tlabel\tgroup\tpackage\tsource\tevidence\tsplit\n' > "$OUT/labels.tsv"
while IFS=$'\t' read -r pkg path label evidence; do
  src="$SCRATCH/x/$pkg/$path"
  dur="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$src" | cut -d. -f1)"
  [ -n "$dur" ] && [ "$dur" != N/A ] || dur=0
  track="$(basename "${path%.*}")"
  mkdir -p "$OUT/$label"
  n="$EXCERPTS"
  (( dur < 2 * LEN )) && n=1
  for ((k = 0; k < n; k++)); do
    start=0
    (( n > 1 )) && start=$(( (dur - LEN) * (k + 1) / (n + 1) ))
    dest="$label/${pkg}--${track}-${k}.flac"
    if [ ! -s "$OUT/$dest" ]; then
      nice -n 5 ffmpeg -v error -nostdin -y -ss "$start" -t "$LEN" -i "$src" -ac 2 -ar 44100 -sample_fmt s16 \
        "$OUT/$dest.part.flac"
      mv "$OUT/$dest.part.flac" "$OUT/$dest"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$dest" "$label" "$pkg" "$pkg" "$path" "$evidence" test-real >> "$OUT/labels.tsv"
  done
done <<< "$rows"
echo "build-real-corpus: $(($(wc -l < "$OUT/labels.tsv") - 1)) excerpts of $(wc -l <<< "$rows") tracks in $OUT (labels: $OUT/labels.tsv)"
