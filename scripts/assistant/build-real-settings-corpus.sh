#!/usr/bin/env bash
# Builds the corpus of undamaged real music (recorded or tracker-produced, not General MIDI) on which the
# assistant's EQ and width settings are learned: every music file of the Debian packages listed in
# real-settings-packages.tsv beside this script. No style labels are needed (the settings are learned
# self-supervised: known damage is done to each excerpt and its undoing is learned), so every track of a
# package is taken, not only those whose style is documented. The package is the group: evaluation
# always holds whole packages out.
#   1. apt-get download fetches each package into SCRATCH/deb (nothing is installed);
#   2. dpkg-deb extracts the music files only (nexuiz-music keeps them in a zip archive, unpacked with unzip);
#   3. ffmpeg decodes EXCERPTS excerpts of 20 s per track of at least 15 s (evenly spaced through the
#      track; one from the start when it is shorter than 40 s) to 44.1 kHz stereo 16-bit FLAC at the
#      original level.
# Layout: OUT/<package>/<track>-<k>.flac and OUT/list.tsv (file, package, source path, licences as the
# package's debian/copyright names them).
# The music of wesnoth, warzone2100, lincity-ng, frozen-bubble and marsshooter is deliberately absent: it
# is kept for an outside evaluation and must not be trained or tuned on.
#
# Usage: scripts/assistant/build-real-settings-corpus.sh [OUT] [SCRATCH] [EXCERPTS]
#   defaults: out/assistant-real-settings /tmp/mw-real-settings 2 (downloads about 1.9 GB of packages)
# Needs: apt-get (Debian bookworm sources), dpkg-deb, unzip, ffmpeg built with libopenmpt (.mod/.xm/.it)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-out/assistant-real-settings}"
SCRATCH="${2:-/tmp/mw-real-settings}"
EXCERPTS="${3:-2}"
LEN=20
for tool in apt-get dpkg-deb unzip ffmpeg ffprobe; do
  command -v "$tool" >/dev/null || { echo "build-real-settings-corpus: $tool is missing" >&2; exit 1; }
done
mkdir -p "$OUT" "$SCRATCH/deb" "$SCRATCH/x"
OUT="$(cd "$OUT" && pwd)"
printf 'file\tpackage\tsource\tlicence\n' > "$OUT/list.tsv"
tail -n +2 "$HERE/real-settings-packages.tsv" | while IFS=$'\t' read -r pkg pattern note; do
  case "$pkg" in wesnoth*|warzone2100*|lincity-ng*|frozen-bubble*|marsshooter*)
    echo "build-real-settings-corpus: $pkg is reserved for the outside evaluation" >&2; exit 1;; esac
  ( cd "$SCRATCH/deb"; ls "${pkg}"_*.deb >/dev/null 2>&1 || apt-get download "$pkg" >/dev/null 2>&1 )
  deb="$(ls "$SCRATCH/deb/${pkg}"_*.deb | head -1)"
  x="$SCRATCH/x/$pkg"
  if [ ! -d "$x" ]; then
    mkdir -p "$x.part"
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$x.part" --wildcards "./$pattern" "./usr/share/doc/$pkg/copyright"
    if [[ "$pattern" == *.pk3 ]]; then
      unzip -q -o "$x.part/$pattern" 'sound/cdtracks/*.ogg' -d "$x.part/pk3"
    fi
    mv "$x.part" "$x"
  fi
  licence="$(grep -h '^License:' "$x/usr/share/doc/$pkg/copyright" 2>/dev/null | sed 's/^License: *//' | sort -u | paste -sd ";" - || true)"
  if [ -z "$licence" ]; then  # a free-form debian/copyright: name the licences it mentions
    licence="$(grep -ohE 'GNU General Public License|GNU Lesser General Public License|Creative Commons[A-Za-z -]*[0-9.]*|public domain|Artistic License' \
      "$x/usr/share/doc/$pkg/copyright" 2>/dev/null | sort -u | paste -sd ";" - || true) (free-form debian/copyright)"
  fi
  if [[ "$pattern" == *.pk3 ]]; then files="$(cd "$x" && find pk3 -type f -name '*.ogg' | sort)"
  else files="$(cd "$x" && compgen -G "$pattern" | sort)"; fi
  mkdir -p "$OUT/$pkg"
  while read -r path; do
    [ -n "$path" ] || continue
    src="$x/$path"
    dur="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$src" 2>/dev/null | cut -d. -f1)"
    [[ "$dur" =~ ^[0-9]+$ ]] || continue
    (( dur >= 15 )) || continue
    track="$(basename "${path%.*}" | tr -c 'A-Za-z0-9_.\n-' '_')"
    [ "$(dirname "$path")" != "$(dirname "$pattern")" ] && [[ "$pattern" == */*/* ]] && track="$(basename "$(dirname "$path")")_$track"
    n="$EXCERPTS"
    (( dur < 2 * LEN )) && n=1
    for ((k = 0; k < n; k++)); do
      start=0
      (( n > 1 )) && start=$(( (dur - LEN) * (k + 1) / (n + 1) ))
      dest="$pkg/${track}-${k}.flac"
      if [ ! -s "$OUT/$dest" ]; then
        nice -n 5 ffmpeg -v error -nostdin -y -ss "$start" -t "$LEN" -i "$src" -ac 2 -ar 44100 -sample_fmt s16 \
          "$OUT/$dest.part.flac"
        mv "$OUT/$dest.part.flac" "$OUT/$dest"
      fi
      printf '%s\t%s\t%s\t%s\n' "$dest" "$pkg" "$path" "$licence" >> "$OUT/list.tsv"
    done
  done <<< "$files"
done
echo "build-real-settings-corpus: $(($(wc -l < "$OUT/list.tsv") - 1)) excerpts in $OUT (list: $OUT/list.tsv)"
