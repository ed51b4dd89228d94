#!/usr/bin/env bash
# Makes the matcher's two evaluations from real recorded music, in the layout bench/match-eval.sh and
# bench/match/PlanSweep.java read (NAME.target.wav, NAME.ref.wav, NAME.ideal.wav):
#   same-<pkg>-<track>   reference = excerpt A of a track mastered by a random chain, target = excerpt B of
#                        the same track untouched, ideal = excerpt B mastered by the same chain;
#   diff-<pkg>-<track>   target = excerpt B of a track, reference = excerpt A of a track from another package
#                        (no ideal: the result is compared with the reference).
# TRACKS holds one folder per package (the group: a package's tracks share composers and production), e.g.
# the game soundtracks of Debian's freedroidrpg-data, supertux-data, supertuxkart-data and widelands-data:
#   for p in freedroidrpg-data supertux-data supertuxkart-data widelands-data; do
#     apt-get download $p; mkdir -p x/$p TRACKS/$p
#     dpkg-deb --fsys-tarfile ${p}_*.deb | tar -x -C x/$p --wildcards '*music*.ogg'
#     find x/$p -name '*.ogg' -exec cp {} TRACKS/$p/ \;
#   done
# The music of wesnoth, warzone2100, lincity-ng, frozen-bubble and marsshooter is kept for an outside
# evaluation: do not use it here.
#
# Each mastering chain is drawn from a seeded generator (the same pairs on every run): a low shelf of
# -3..+4 dB at 70-150 Hz, a one-octave peak of -3..+3 dB at 200 Hz-4 kHz, a high shelf of -3..+4 dB at
# 5-10 kHz, side scaled by 0.85-1.25, and a gentle two-stage compander; the chain is printed per pair.
# Tracks shorter than 50 s are skipped. Excerpts are LEN seconds (default 15) starting at 20 % and 60 % of
# the track. Needs sox (with Ogg Vorbis) and python3.
#
# Usage: bench/match/make-real-pairs.sh TRACKS OUT [LEN] [SEED]
set -euo pipefail
TRACKS="${1:?usage: make-real-pairs.sh TRACKS OUT [LEN] [SEED]}"
OUT="${2:?usage: make-real-pairs.sh TRACKS OUT [LEN] [SEED]}"
LEN="${3:-15}"
SEED="${4:-1}"
mkdir -p "$OUT"
list="$(mktemp)"; trap 'rm -f "$list" "$OUT"/tmp-*.wav' EXIT
find "$TRACKS" -mindepth 2 -maxdepth 2 -type f \( -name '*.ogg' -o -name '*.flac' -o -name '*.wav' \) | sort > "$list"
# one line per track: package, file, start A, start B, chain parameters, partner file for the different-track pair
python3 - "$list" "$LEN" "$SEED" > "$OUT/pairs.tsv" <<'EOF'
import random, subprocess, sys, os
files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
length, seed = float(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
rows = []
for f in files:
    d = float(subprocess.run(["soxi", "-D", f], capture_output=True, text=True).stdout or 0)
    if d < 50:
        continue
    rows.append((os.path.basename(os.path.dirname(f)), f, d))
for pkg, f, d in rows:
    others = [r[1] for r in rows if r[0] != pkg]
    partner = rng.choice(others)
    pd = next(r[2] for r in rows if r[1] == partner)
    a, b = round(0.2 * d, 2), round(0.6 * d, 2)
    lo = (rng.uniform(-3, 4), rng.uniform(70, 150))
    pk = (rng.uniform(-3, 3), 200 * 20 ** rng.random())
    hi = (rng.uniform(-3, 4), rng.uniform(5000, 10000))
    w = rng.uniform(0.85, 1.25)
    print("\t".join(map(str, [pkg, f, a, b, "%.2f" % lo[0], "%.0f" % lo[1], "%.2f" % pk[0], "%.0f" % pk[1],
                              "%.2f" % hi[0], "%.0f" % hi[1], "%.3f" % w, partner, round(0.2 * pd, 2)])))
EOF
while IFS=$'\t' read -r pkg f a b lg lf pg pf hg hf w partner pa; do
  name="$pkg-$(basename "${f%.*}" | tr -c 'A-Za-z0-9_\n-' '_')"
  wl=$(python3 -c "print('%.4f' % ((1 + $w) / 2))"); wr=$(python3 -c "print('%.4f' % ((1 - $w) / 2))")
  MASTER=(bass "$lg" "$lf" equalizer "$pf" 1.0o "$pg" treble "$hg" "$hf" remix "1v$wl,2v$wr" "1v$wr,2v$wl"
          compand 0.005,0.3 6:-40,-40,-20,-16,0,-8 3 -12 0.05 gain -n -1)
  sox "$f" -r 44100 -c 2 "$OUT/tmp-a.wav" trim "$a" "$LEN"
  sox "$f" -r 44100 -c 2 "$OUT/tmp-b.wav" trim "$b" "$LEN"
  sox "$OUT/tmp-a.wav" -b 24 "$OUT/same-$name.ref.wav" "${MASTER[@]}"
  sox "$OUT/tmp-b.wav" -b 24 "$OUT/same-$name.target.wav"
  sox "$OUT/tmp-b.wav" -b 24 "$OUT/same-$name.ideal.wav" "${MASTER[@]}"
  sox "$OUT/tmp-b.wav" -b 24 "$OUT/diff-$name.target.wav"
  sox "$partner" -r 44100 -c 2 -b 24 "$OUT/diff-$name.ref.wav" trim "$pa" "$LEN"
  echo "$name: ${MASTER[*]}"
done < "$OUT/pairs.tsv"
echo "pairs written to $OUT"
