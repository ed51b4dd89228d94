#!/usr/bin/env bash
# Evaluates `mw match` on a folder of pairs and prints one row per pair and the means.
#
#   bench/match-eval.sh make DIR     make the pairs from sample-audio/ with sox (below)
#   bench/match-eval.sh DIR          evaluate every NAME.target.wav + NAME.ref.wav [+ NAME.ideal.wav] in DIR
#
# Figures are computed independently of the matcher: spectral distance = RMS of the per-band dB
# differences (mean removed) of the mid signal's 28 one-third-octave bands 31.5 Hz-16 kHz from a Welch
# estimate (Hann, 32768 points, 50 % overlap; numpy), width = 10 log10(sum S^2 / sum M^2), loudness and
# true peak by ffmpeg's ebur128 filter. With an ideal, distances and width are to the ideal ("doing
# nothing" = the target itself); without, to the reference. Each match is one whole command, timed with
# /usr/bin/time (wall, CPU = user + system, peak RSS), next to one ffmpeg ebur128 pass over the same
# target in the same run. The JVM gets a 256 MB heap (-Xmx256m): files are streamed, so that is enough
# for any length, and the peak RSS then shows the bound rather than how lazily the JVM collects.
# Needs sox, ffmpeg, python3 with numpy and scipy.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/cli/target/mw.jar"

if [ "${1:-}" = make ]; then
  DIR="$2"; mkdir -p "$DIR"
  MASTER=(gain -2 bass +3 90 equalizer 400 1q -1.5 treble +2.5 8000 remix 1v1.1,2v-0.1 1v-0.1,2v1.1 compand 0.005,0.2 6:-36,-36,-18,-14,0,-6 4)
  DEGRADE=(gain -6 bass -4 100 equalizer 2500 1q +3 treble -3 10000 remix 1v0.85,2v0.15 1v0.15,2v0.85)
  for f in "$ROOT"/sample-audio/*.flac; do
    b=$(basename "$f" .flac)
    # 24-bit outputs: 16-bit ones would get sox's dither noise, which a quiet, band-limited source shows at the top
    # harder test: reference = excerpt A mastered, target = excerpt B unmastered, ideal = B mastered
    sox "$f" "$DIR/tmp-a.wav" trim 0 10; sox "$f" "$DIR/tmp-b.wav" trim 10 10
    sox "$DIR/tmp-a.wav" -b 24 "$DIR/same-track-$b.ref.wav" "${MASTER[@]}"
    cp "$DIR/tmp-b.wav" "$DIR/same-track-$b.target.wav"
    sox "$DIR/tmp-b.wav" -b 24 "$DIR/same-track-$b.ideal.wav" "${MASTER[@]}"
    # degraded copy matched back to its original (the original is both reference and ideal)
    sox "$f" -b 24 "$DIR/degraded-$b.target.wav" "${DEGRADE[@]}"
    sox "$f" "$DIR/degraded-$b.ref.wav"; cp "$DIR/degraded-$b.ref.wav" "$DIR/degraded-$b.ideal.wav"
  done
  # a 3-minute pair for timing: the five excerpts, repeated
  k=0; for f in "$ROOT"/sample-audio/*.flac; do k=$((k + 1)); sox "$f" -r 44100 "$DIR/tmp-r$k.wav"; done
  sox "$DIR"/tmp-r*.wav "$DIR"/tmp-r*.wav "$DIR/tmp-long.wav" trim 0 180
  sox "$DIR/tmp-long.wav" -b 24 "$DIR/long-3min.target.wav" "${DEGRADE[@]}"
  cp "$DIR/tmp-long.wav" "$DIR/long-3min.ref.wav"; mv "$DIR/tmp-long.wav" "$DIR/long-3min.ideal.wav"
  rm -f "$DIR"/tmp-*.wav
  echo "pairs written to $DIR"
  exit 0
fi

DIR="${1:?usage: bench/match-eval.sh DIR  (or: bench/match-eval.sh make DIR)}"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl cli -am package)
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-38s %6s %6s %6s %6s %7s %7s %6s %7s %7s %7s %6s %6s\n' pair mid0 mid side0 side width0 width LUoff TP s/min cpu/min RSSMB ff/min
for t in "$DIR"/*.target.wav; do
  name=$(basename "$t" .target.wav); ref="$DIR/$name.ref.wav"; ideal="$DIR/$name.ideal.wav"
  [ -f "$ref" ] || continue
  [ -f "$ideal" ] || ideal="$ref"
  out="$OUT/$name.wav"
  /usr/bin/time -f '%e %U %S %M' -o "$OUT/time" java -Xmx256m -jar "$JAR" match "$t" --ref "$ref" -o "$out" --bits 32f >/dev/null 2>&1 || true
  read -r wall user sys rss < "$OUT/time"
  s=$(date +%s.%N); ffmpeg -nostdin -hide_banner -nostats -i "$t" -af ebur128=peak=true -f null - 2>/dev/null; e=$(date +%s.%N)
  ref_i=$(ffmpeg -nostdin -hide_banner -nostats -i "$ref" -af ebur128=peak=true -f null - 2>&1 | awk '/Summary/{s=1} s&&/I:/{print $2}')
  out_m=$(ffmpeg -nostdin -hide_banner -nostats -i "$out" -af ebur128=peak=true -f null - 2>&1 | awk '/Summary/{s=1} s&&/I:/{i=$2} s&&/Peak:/{p=$2} END{print i, p}')
  python3 - "$t" "$out" "$ideal" "$wall" "$user" "$sys" "$rss" "$(echo "$e - $s" | bc)" "$ref_i" $out_m "$name" <<'PY'
import sys, numpy as np
from scipy.io import wavfile
def load(p):
    sr, x = wavfile.read(p)
    x = x.astype(np.float64)
    if x.ndim == 1: x = np.stack([x, x], 1)
    return sr, x
def bands(sr, x, mid):
    s = 0.5 * (x[:, 0] + x[:, 1]) if mid else 0.5 * (x[:, 0] - x[:, 1])
    n = 32768; w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n); p = np.zeros(n // 2 + 1)
    for st in range(0, len(s) - n + 1, n // 2):
        p += np.abs(np.fft.rfft(s[st:st + n] * w)) ** 2
    f = np.arange(n // 2 + 1) * sr / n
    out = []
    for b in range(28):
        fm = 1000 * 10 ** (0.1 * (b - 15)); lo, hi = fm * 10 ** -0.05, fm * 10 ** 0.05
        out.append(10 * np.log10(max(p[(f >= lo) & (f < hi)].sum(), 1e-30)))
    return np.array(out)
def dist(a, b):
    d = a - b; return float(np.sqrt(np.mean((d - d.mean()) ** 2)))
def width(x):
    m = x[:, 0] + x[:, 1]; s = x[:, 0] - x[:, 1]; return 10 * np.log10((s * s).sum() / (m * m).sum())
t, o, i = (load(p) for p in sys.argv[1:4])
wall, user, sysc, rss, ff, ref_i, out_i, out_tp, name = sys.argv[4:13]
minutes = len(t[1]) / t[0] / 60
print('%-38s %6.2f %6.2f %6.2f %6.2f %+7.2f %+7.2f %+6.2f %7.2f %7.2f %7.2f %6.0f %6.3f' % (name,
      dist(bands(*t, True), bands(*i, True)), dist(bands(*o, True), bands(*i, True)),
      dist(bands(*t, False), bands(*i, False)), dist(bands(*o, False), bands(*i, False)),
      width(t[1]) - width(i[1]), width(o[1]) - width(i[1]), float(out_i) - float(ref_i), float(out_tp),
      float(wall) / minutes, (float(user) + float(sysc)) / minutes, int(rss) / 1024, float(ff) / minutes))
PY
done
