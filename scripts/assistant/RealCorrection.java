import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import mw.assistant.Assistant;
import mw.assistant.AssistantModel;
import mw.assistant.Degradation;
import mw.assistant.SettingsLearner;
import mw.assistant.TrackFeatures;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.processing.Chain;
import mw.processing.Eq;

/**
 * Does the assistant undo a known damage on real music it never saw? Every excerpt of a corpus built by
 * build-real-settings-corpus.sh is damaged at random ({@link Degradation}, seeded by its file name), and the
 * settings are learned with its whole package held out (leave one package out: the package is scored by
 * regressors fitted on the other packages only, as TrainRealSettings fits the bundled ones; its interval
 * half-width is the 90 % quantile of the other packages' held-out residuals, whose regressors did see it, a
 * mild optimism of the interval-end row only). The outputs compared in spectrum with the undamaged excerpt:
 *   the damaged input itself, which is also what the fixed default preset (no EQ, width 1) leaves;
 *   the EQ of the model before (learned on General MIDI renders; MODEL.json);
 *   the EQ learned on real music, as proposed (the point prediction);
 *   the same moved only by the part outside the 90 % interval around no change (interval end);
 *   the full proposal as mw assist -o renders it (EQ, width, compression, loudness, limiter);
 *   the sketch's rule (shelves from the difference between the track's spectral centroid and the
 *   recognised styles' mean centroid in the held-out renders).
 * Spectral distance: RMS over the octave bands 63 Hz to 8 kHz of the difference in tonal balance (band levels of
 * the mid signal relative to their mean), dB. 95 % intervals from resampling whole packages.
 * Excerpts that are silent are skipped and listed.
 * Usage: java -cp cli/target/mw.jar scripts/assistant/RealCorrection.java CORPUS HELDOUT_FEATURES.tsv MODEL.json [EXAMPLES [EVERY]]
 *   EXAMPLES random damages per excerpt for training (16); every EVERY-th excerpt is scored (1: all).
 */
public class RealCorrection {
    static final String[] NAMES = {"damaged input (= fixed default preset)", "EQ learned on renders (before)",
            "EQ learned on real music (the proposal)", "EQ learned on real music, moved to the interval end only",
            "proposal, full render (mw assist -o)", "sketch rule (centroid EQ)"};

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path dir = Path.of(args[0]);
        Map<String, double[]> centroid = styleCentroids(Path.of(args[1]));
        AssistantModel before = AssistantModel.load(Path.of(args[2]));
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int every = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        List<String[]> items = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("list.tsv"));
        List<SettingsLearner.Example> all = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            try {
                var rec = SettingsLearner.Recording.of(Audio.read(dir.resolve(c[0])), c[1], c[0]);
                all.addAll(SettingsLearner.examples(rec, new Random(c[0].hashCode()), n));
                items.add(c);
            } catch (mw.WorkbenchException e) {
                System.out.println("skipped: " + e.getMessage());
            }
        }
        // one pass of package-held-out fits: package P is scored by the regressors fitted without it, and its
        // interval half-width is the 90 % quantile of the other packages' held-out residuals
        var trained = SettingsLearner.train(before, all);
        List<String> packages = new ArrayList<>(new TreeSet<>(items.stream().map(c -> c[1]).toList()));
        List<double[]> d = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<Double> moveSize = new ArrayList<>();
        List<Double> proposeMs = new ArrayList<>();
        int seen = 0;
        for (String pkg : packages) {
            List<AssistantModel.SettingModel> point = new ArrayList<>();
            List<AssistantModel.SettingModel> edge = new ArrayList<>();
            for (int s = 0; s < Assistant.LEARNED_SETTINGS.size(); s++) {
                List<Double> res = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    if (!all.get(i).group().equals(pkg)) {
                        res.add(Math.abs(all.get(i).truth()[s] - trained.outOfFold()[s][i]));
                    }
                }
                double[] r = res.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double h = r[Math.min(r.length - 1, (int) Math.ceil((r.length + 1) * 0.9) - 1)];
                var g = trained.settings().get(s);
                double[] w = trained.heldOut().get(pkg)[s];
                point.add(new AssistantModel.SettingModel(g.name(), g.unit(), w, h, g.min(), g.max(), g.description(),
                        AssistantModel.SettingModel.MOVE_POINT, g.trainedOn()));
                edge.add(new AssistantModel.SettingModel(g.name(), g.unit(), w, h, g.min(), g.max(), g.description(),
                        AssistantModel.SettingModel.MOVE_INTERVAL_END, g.trainedOn()));
            }
            AssistantModel fold = before.withSettings(point, Map.of());
            AssistantModel foldEdge = before.withSettings(edge, Map.of());
            for (String[] c : items) {
                if (!c[1].equals(pkg) || seen++ % every != 0) {
                    continue;
                }
                AudioBuffer orig = Audio.read(dir.resolve(c[0]));
                boolean stereo = orig.channels() == 2;
                Degradation dg = Degradation.random(new Random(42L * 31 + c[0].hashCode()), stereo);
                AudioBuffer deg = dg.apply(orig);
                long tp = System.nanoTime();
                TrackFeatures f = TrackFeatures.of(deg);
                Assistant.Proposal p = Assistant.propose(f, stereo, Assistant.Options.defaults().withModel(fold));
                proposeMs.add((System.nanoTime() - tp) / 1e6);
                Assistant.Proposal pOld = Assistant.propose(f, stereo, Assistant.Options.defaults().withModel(before));
                Assistant.Proposal pEdge = Assistant.propose(f, stereo, Assistant.Options.defaults().withModel(foldEdge));
                AudioBuffer full = Assistant.render(deg, p).audio();
                double[] fd = f.values();
                int ci = TrackFeatures.NAMES.indexOf("centroid_oct");
                double target = 0;
                for (var e : pOld.styles().entrySet()) {
                    target += e.getValue() * centroid.get(e.getKey())[0] / centroid.get(e.getKey())[1];
                }
                double diff = target - 1000 * Math.pow(2, fd[ci]);
                AudioBuffer rule = eq(deg, clip(-diff * 0.1, 6), clip(diff * 0.08, 5), clip(diff * 0.1, 6));
                double[] ref = tonal(orig, c[1]);
                double[] row = {dist(ref, tonal(deg, c[1])), dist(ref, tonal(eqOf(deg, pOld), c[1])),
                        dist(ref, tonal(eqOf(deg, p), c[1])), dist(ref, tonal(eqOf(deg, pEdge), c[1])),
                        dist(ref, tonal(full, c[1])), dist(ref, tonal(rule, c[1]))};
                d.add(row);
                groups.add(c[1]);
                moveSize.add(Math.abs(p.setting("eq_low_db").value()) + Math.abs(p.setting("eq_mid_db").value())
                        + Math.abs(p.setting("eq_high_db").value()));
                System.err.printf(Locale.ROOT, "%s %s: input %.2f, before %.2f, proposal %.2f, interval end %.2f (low %+.1f mid %+.1f high %+.1f), full %.2f, rule %.2f dB%n",
                        c[0], dg, row[0], row[1], row[2], row[3], p.setting("eq_low_db").value(), p.setting("eq_mid_db").value(),
                        p.setting("eq_high_db").value(), row[4], row[5]);
            }
        }
        System.out.printf(Locale.ROOT, "%d excerpts, %d packages (each scored by settings learned without its package); %.0f s%n",
                d.size(), packages.size(), (System.nanoTime() - t0) / 1e9);
        String[] settingNames = {"eq_low_db", "eq_mid_db", "eq_high_db", "width"};
        for (int s = 0; s < settingNames.length; s++) {
            System.out.printf(Locale.ROOT, "%s: 90 %% half-width %.2f, held-out coverage %.3f%n", settingNames[s],
                    trained.settings().get(s).halfWidth90(), coverage(all, trained, s));
        }
        System.out.println("| output | spectral distance to the original, dB [95 % CI] | closer than the input [95 % CI] | farther | minus input, paired [95 % CI] |");
        System.out.println("|---|---|---|---|---|");
        for (int k = 0; k < NAMES.length; k++) {
            final int kk = k;
            double[] v = d.stream().mapToDouble(r -> r[kk]).toArray();
            double[] closer = d.stream().mapToDouble(r -> r[kk] < r[0] - 1e-6 ? 1 : 0).toArray();
            double farther = d.stream().mapToDouble(r -> r[kk] > r[0] + 1e-6 ? 1 : 0).average().orElse(Double.NaN);
            double[] minus = d.stream().mapToDouble(r -> r[kk] - r[0]).toArray();
            double[] a = ci(v, groups), b = ci(closer, groups), m = ci(minus, groups);
            System.out.printf(Locale.ROOT, "| %s | %.2f [%.2f, %.2f] | %s | %s | %s |%n", NAMES[k], a[0], a[1], a[2],
                    k == 0 ? "" : String.format(Locale.ROOT, "%.0f %% [%.0f, %.0f]", 100 * b[0], 100 * b[1], 100 * b[2]),
                    k == 0 ? "" : String.format(Locale.ROOT, "%.0f %%", 100 * farther),
                    k == 0 ? "" : String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]", m[0], m[1], m[2]));
        }
        for (int k : new int[] {0, 1, 3, 5}) {
            double[] e = ci(d.stream().mapToDouble(r -> r[2] - r[k]).toArray(), groups);
            System.out.printf(Locale.ROOT, "proposal minus %s, paired: %+.2f [%+.2f, %+.2f] dB%n", NAMES[k], e[0], e[1], e[2]);
        }
        // by how damaged the input is
        double[] in = d.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double median = in[in.length / 2];
        for (boolean big : new boolean[] {false, true}) {
            double c = 0, fa = 0, cnt = 0;
            for (double[] r : d) {
                if ((r[0] >= median) == big) {
                    cnt++;
                    c += r[2] < r[0] - 1e-6 ? 1 : 0;
                    fa += r[2] > r[0] + 1e-6 ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "input distance %s the median (%.2f dB): proposal closer %.0f %%, farther %.0f %% (%d excerpts)%n",
                    big ? "at or above" : "below", median, 100 * c / cnt, 100 * fa / cnt, (int) cnt);
        }
        long none = moveSize.stream().filter(x -> x == 0).count();
        double[] ms = proposeMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "proposal leaves the EQ flat on %d of %d excerpts; propose() median %.0f ms per 20 s excerpt%n",
                none, moveSize.size(), ms[ms.length / 2]);
    }

    static double coverage(List<SettingsLearner.Example> all, SettingsLearner.Result t, int s) {
        double h = t.settings().get(s).halfWidth90();
        double in = 0;
        for (int i = 0; i < all.size(); i++) {
            in += Math.abs(all.get(i).truth()[s] - t.outOfFold()[s][i]) <= h ? 1 : 0;
        }
        return in / all.size();
    }

    static AudioBuffer eq(AudioBuffer a, double low, double mid, double high) {
        return Chain.of(Eq.lowShelf(Assistant.LOW_SHELF_HZ, low), Eq.peak(Assistant.MID_PEAK_HZ, mid, Assistant.MID_Q),
                Eq.highShelf(Assistant.HIGH_SHELF_HZ, high)).process(a);
    }

    static AudioBuffer eqOf(AudioBuffer a, Assistant.Proposal p) {
        return eq(a, p.setting("eq_low_db").value(), p.setting("eq_mid_db").value(), p.setting("eq_high_db").value());
    }

    static double clip(double v, double lim) {
        return Math.max(-lim, Math.min(lim, v));
    }

    /** Octave bands 63 Hz to 8 kHz of the tonal balance (as TrackFeatures measures it), relative to their mean. */
    static double[] tonal(AudioBuffer a, String group) {
        double[] x = SettingsLearner.Recording.of(a, group, "").inputs(null);
        double[] t = Arrays.copyOfRange(x, 1, 9);
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
