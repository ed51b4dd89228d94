#!/usr/bin/env bash
# Builds the assistant's training corpus from Debian packages only, reproducibly (nothing is downloaded
# but the packages themselves):
#   1. make_midi.py writes PIECES General MIDI pieces per style (labels known by construction, seeded);
#   2. fluidsynth renders every piece with two General MIDI soundfonts (fluid-soundfont-gm,
#      timgm6mb-soundfont), and the first HELDOUT pieces per style also with a third one
#      (musescore-general-soundfont-small) that the model never trains on;
#   3. sox keeps the first 20 s, normalises the sample peak to -1 dBFS and writes 16-bit FLAC.
# Layout: OUT/<style>/<piece>__<soundfont>.flac (folder = label, text before "__" = group), and
# OUT/labels.tsv with file, label, group, soundfont, Debian package, licence and split of every excerpt:
# the first HELDOUT pieces of each style are the test split (never trained or tuned on), rendered with
# the two training soundfonts ("test") and with the third ("test-unseen-soundfont").
#
# Usage: scripts/assistant/build-corpus.sh [OUT] [PIECES] [HELDOUT]
#   defaults: out/assistant-corpus 16 4  (8 styles x 16 pieces x 2 soundfonts + 32 = 288 excerpts,
#   about 15 minutes on two cores)
# Needs: apt-get install -y fluidsynth fluid-soundfont-gm timgm6mb-soundfont musescore-general-soundfont-small sox
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-out/assistant-corpus}"
PIECES="${2:-16}"
HELDOUT="${3:-4}"
SECONDS_KEPT=20
for tool in fluidsynth sox python3; do
  command -v "$tool" >/dev/null || { echo "build-corpus: $tool is missing (apt-get install -y fluidsynth sox python3)" >&2; exit 1; }
done
declare -A SF=(
  [fluidr3]=/usr/share/sounds/sf2/FluidR3_GM.sf2
  [timgm6mb]=/usr/share/sounds/sf2/TimGM6mb.sf2
  [musescore]=/usr/share/sounds/sf3/MuseScore_General_Lite.sf3
)
declare -A PKG=([fluidr3]=fluid-soundfont-gm [timgm6mb]=timgm6mb-soundfont [musescore]=musescore-general-soundfont-small)
declare -A LIC=([fluidr3]=MIT [timgm6mb]=GPL-2 [musescore]=MIT)
for k in "${!SF[@]}"; do
  [ -f "${SF[$k]}" ] || { echo "build-corpus: ${SF[$k]} is missing (apt-get install -y ${PKG[$k]})" >&2; exit 1; }
done

mkdir -p "$OUT/midi"
python3 "$HERE/make_midi.py" "$OUT/midi" "$PIECES" > "$OUT/midi/pieces.tsv"

render() {  # midi soundfont-key style piece
  local midi="$1" key="$2" style="$3" piece="$4"
  local dest="$OUT/$style/${piece}__${key}.flac"
  [ -s "$dest" ] && return 0
  local tmp
  tmp="$(mktemp --suffix=.wav)"
  fluidsynth -ni -q -F "$tmp" -r 44100 -g 0.5 -O float "${SF[$key]}" "$midi" >/dev/null 2>&1
  sox -q -V1 "$tmp" -b 16 "$dest.part.flac" trim 0 "$SECONDS_KEPT" gain -n -1
  mv "$dest.part.flac" "$dest"
  rm -f "$tmp"
}
export -f render
export OUT SECONDS_KEPT
export SF_fluidr3="${SF[fluidr3]}" SF_timgm6mb="${SF[timgm6mb]}" SF_musescore="${SF[musescore]}"

jobs_file="$(mktemp)"
printf 'file\tlabel\tgroup\tsoundfont\tpackage\tlicence\tsplit\n' > "$OUT/labels.tsv"
while IFS=$'\t' read -r name style seed tempo programs; do
  piece="${name%.mid}"
  index="${piece##*-}"
  mkdir -p "$OUT/$style"
  keys=(fluidr3 timgm6mb)
  if (( 10#$index < HELDOUT )); then keys+=(musescore); fi
  for key in "${keys[@]}"; do
    echo "$OUT/midi/$name $key $style $piece" >> "$jobs_file"
    split=train
    if (( 10#$index < HELDOUT )); then split=test; fi
    [ "$key" = musescore ] && split=test-unseen-soundfont
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$style/${piece}__${key}.flac" "$style" "$piece" "$key" \
      "${PKG[$key]}" "${LIC[$key]}" "$split" >> "$OUT/labels.tsv"
  done
done < "$OUT/midi/pieces.tsv"

# xargs runs the renders two at a time; each job re-declares the soundfont table from the environment.
nice -n 5 xargs -P 2 -L 1 bash -c '
  declare -A SF=([fluidr3]="$SF_fluidr3" [timgm6mb]="$SF_timgm6mb" [musescore]="$SF_musescore")
  render "$@"' _ < "$jobs_file"
rm -f "$jobs_file"
echo "build-corpus: $(($(wc -l < "$OUT/labels.tsv") - 1)) excerpts in $OUT (labels: $OUT/labels.tsv)"
