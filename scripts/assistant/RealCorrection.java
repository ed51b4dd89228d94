import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import mw.assistant.Assistant;
import mw.assistant.AssistantModel;
import mw.assistant.Degradation;
import mw.assistant.TrackFeatures;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.processing.Chain;
import mw.processing.Eq;
import mw.processing.LoudnessTarget;

/**
 * Does the assistant undo a known damage on real music? Every excerpt of a corpus built by build-real-corpus.sh
 * is damaged at random ({@link Degradation}, one generator seeded 42, drawn in file order), and four outputs are compared in spectrum
 * with the undamaged excerpt: the damaged input itself (which is also what the fixed default preset, no EQ and
 * width 1, leaves), the proposal's learned EQ alone, the full proposal as {@code mw assist -o} renders it, and
 * the sketch's rule (shelves from the difference between the track's spectral centroid and the recognised
 * styles' mean centroid in the held-out renders). Spectral distance: RMS over the octave bands 63 Hz to 8 kHz
 * of the difference in tonal balance (band levels relative to their mean), dB. Paired differences with 95 %
 * intervals from resampling whole packages.
 * Usage: java -cp cli/target/mw.jar scripts/assistant/RealCorrection.java CORPUS HELDOUT_FEATURES.tsv
 */
public class RealCorrection {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        AssistantModel model = AssistantModel.bundled();
        Map<String, double[]> centroid = styleCentroids(Path.of(args[1]));
        List<String> lines = Files.readAllLines(dir.resolve("labels.tsv"));
        List<String> groups = new ArrayList<>();
        Random rnd = new Random(42);
        List<double[]> d = new ArrayList<>(); // input, learned EQ, full render, rule
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split("\t");
            AudioBuffer orig = Audio.read(dir.resolve(c[0]));
            boolean stereo = orig.channels() == 2;
            Degradation dg = Degradation.random(rnd, stereo);
            AudioBuffer deg = dg.apply(orig);
            Assistant.Proposal p = Assistant.propose(deg);
            AudioBuffer eq = Chain.of(Eq.lowShelf(Assistant.LOW_SHELF_HZ, p.setting("eq_low_db").value()),
                    Eq.peak(Assistant.MID_PEAK_HZ, p.setting("eq_mid_db").value(), Assistant.MID_Q),
                    Eq.highShelf(Assistant.HIGH_SHELF_HZ, p.setting("eq_high_db").value())).process(deg);
            AudioBuffer full = Assistant.render(deg, p).audio();
            double[] fd = TrackFeatures.of(deg).values();
            int ci = TrackFeatures.NAMES.indexOf("centroid_oct");
            double target = 0;
            for (var e : p.styles().entrySet()) {
                target += e.getValue() * centroid.get(e.getKey())[0] / centroid.get(e.getKey())[1];
            }
            double diff = target - 1000 * Math.pow(2, fd[ci]);
            AudioBuffer rule = Chain.of(Eq.lowShelf(Assistant.LOW_SHELF_HZ, clip(-diff * 0.1, 6)),
                    Eq.peak(Assistant.MID_PEAK_HZ, clip(diff * 0.08, 5), Assistant.MID_Q),
                    Eq.highShelf(Assistant.HIGH_SHELF_HZ, clip(diff * 0.1, 6))).process(deg);
            double[] ref = tonal(orig);
            double[] row = {dist(ref, tonal(deg)), dist(ref, tonal(eq)), dist(ref, tonal(full)), dist(ref, tonal(rule))};
            d.add(row);
            groups.add(c[2]);
            System.err.printf(Locale.ROOT, "%s %s conf %.2f: input %.2f, EQ %.2f, full %.2f, rule %.2f dB%n", c[0], dg,
                    p.confidence(), row[0], row[1], row[2], row[3]);
        }
        String[] names = {"damaged input (= fixed default preset)", "proposal, learned EQ only", "proposal, full render (mw assist -o)",
                "sketch rule (centroid EQ)"};
        System.out.printf(Locale.ROOT, "%d excerpts, %d packages%n", d.size(), new TreeSet<>(groups).size());
        System.out.println("| output | spectral distance to the original, dB [95 % CI] | closer than the input | minus input, paired [95 % CI] |");
        System.out.println("|---|---|---|---|");
        for (int k = 0; k < 4; k++) {
            final int kk = k;
            double[] v = d.stream().mapToDouble(r -> r[kk]).toArray();
            double[] closer = d.stream().mapToDouble(r -> r[kk] < r[0] ? 1 : 0).toArray();
            double[] minus = d.stream().mapToDouble(r -> r[kk] - r[0]).toArray();
            double[] a = ci(v, groups), b = ci(closer, groups), m = ci(minus, groups);
            System.out.printf(Locale.ROOT, "| %s | %.2f [%.2f, %.2f] | %s | %s |%n", names[k], a[0], a[1], a[2],
                    k == 0 ? "" : String.format(Locale.ROOT, "%.0f %% [%.0f, %.0f]", 100 * b[0], 100 * b[1], 100 * b[2]),
                    k == 0 ? "" : String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]", m[0], m[1], m[2]));
        }
        double[] eqMinusRule = d.stream().mapToDouble(r -> r[1] - r[3]).toArray();
        double[] e = ci(eqMinusRule, groups);
        System.out.printf(Locale.ROOT, "learned EQ minus sketch rule, paired: %+.2f [%+.2f, %+.2f] dB%n", e[0], e[1], e[2]);
    }

    static double clip(double v, double lim) {
        return Math.max(-lim, Math.min(lim, v));
    }

    /** Octave bands 63 Hz to 8 kHz of the tonal balance, relative to their mean. */
    static double[] tonal(AudioBuffer a) {
        double[] x = TrackFeatures.of(a).values();
        int b0 = TrackFeatures.NAMES.indexOf("band_63");
        double[] t = Arrays.copyOfRange(x, b0, b0 + 8);
        double m = Arrays.stream(t).average().orElse(0);
        for (int i = 0; i < t.length; i++) {
            t[i] -= m;
        }
        return t;
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    static Map<String, double[]> styleCentroids(Path tsv) throws Exception {
        List<String> lines = Files.readAllLines(tsv);
        List<String> head = Arrays.asList(lines.get(0).split("\t"));
        int fi = head.indexOf("features"), li = head.indexOf("label"), vi = head.indexOf("variant");
        int ci = TrackFeatures.NAMES.indexOf("centroid_oct");
        Map<String, double[]> m = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t");
            if (!c[vi].equals("0")) {
                continue;
            }
            double v = Double.parseDouble(c[fi].split(",")[ci]);
            double[] a = m.computeIfAbsent(c[li], k -> new double[2]);
            a[0] += 1000 * Math.pow(2, v);
            a[1]++;
        }
        return m;
    }

    static double[] ci(double[] v, List<String> groups) {
        List<String> gs = new ArrayList<>(new TreeSet<>(groups));
        Random r = new Random(1);
        double[] bs = new double[2000];
        for (int b = 0; b < bs.length; b++) {
            double s = 0;
            int n = 0;
            for (int j = 0; j < gs.size(); j++) {
                String g = gs.get(r.nextInt(gs.size()));
                for (int i = 0; i < v.length; i++) {
                    if (groups.get(i).equals(g)) {
                        s += v[i];
                        n++;
                    }
                }
            }
            bs[b] = s / n;
        }
        Arrays.sort(bs);
        return new double[] {Arrays.stream(v).average().orElse(Double.NaN), bs[49], bs[1949]};
    }
}
