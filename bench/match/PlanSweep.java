import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import mw.matching.*;

/**
 * The matcher's two evaluations on a folder of pairs (made by {@code bench/match/make-real-pairs.sh}), for several
 * settings at once, from the measured profiles (the predicted result: the plan's tonal curve and width changes on the
 * target's profile; on the bundled pairs this agrees with rendered results to a few hundredths of a dB).
 * <ul>
 *   <li>{@code same-*}: tonal error of the result to the ideal (mid and side, 1/3 octave, mean removed) and width
 *       error, against doing nothing;</li>
 *   <li>{@code diff-*}: mid spectral distance of the result to the reference, against doing nothing.</li>
 * </ul>
 * Means with a 95 % interval from resampling whole packages (the part of the name before the first {@code -} after
 * the kind). Run from the repository root: {@code java -cp cli/target/mw.jar bench/match/PlanSweep.java DIR}
 */
public class PlanSweep {
    record Pair(String kind, String pkg, MatchProfile target, MatchProfile ref, MatchProfile ideal) { }

    static final String[] NAMES = {"defaults", "6 dB limits", "smoothing 1.5 oct", "smoothing 2 oct",
            "guard off"};

    static MatchSettings settings(int k) {
        MatchSettings d = MatchSettings.defaults();
        return switch (k) {
            case 0 -> d;
            case 1 -> d.withLimits(6, 6);
            case 2 -> d.withSmoothingOctaves(1.5);
            case 3 -> d.withSmoothingOctaves(2);
            default -> d.withContentGuard(false);
        };
    }

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        List<Pair> pairs = new ArrayList<>();
        List<Path> targets;
        try (Stream<Path> s = Files.list(dir)) {
            targets = s.filter(p -> p.getFileName().toString().endsWith(".target.wav")).sorted().toList();
        }
        for (Path t : targets) {
            String name = t.getFileName().toString().replace(".target.wav", "");
            Path r = dir.resolve(name + ".ref.wav");
            Path i = dir.resolve(name + ".ideal.wav");
            String kind = name.substring(0, name.indexOf('-'));
            String rest = name.substring(name.indexOf('-') + 1);
            String pkg = rest.substring(0, rest.indexOf("-data") > 0 ? rest.indexOf("-data") : rest.indexOf('-'));
            try {
                pairs.add(new Pair(kind, pkg, MatchProfile.of(t), MatchProfile.of(r), Files.exists(i) ? MatchProfile.of(i) : null));
            } catch (RuntimeException e) {
                System.err.println(name + ": skipped, " + e.getMessage());
            }
            System.err.print(".");
        }
        System.err.println();
        List<double[]> features = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String kind : List.of("same", "diff")) {
            List<Pair> ps = pairs.stream().filter(p -> p.kind.equals(kind)).toList();
            if (ps.isEmpty()) continue;
            System.out.printf(Locale.ROOT, "%n%s-track pairs: %d, packages %s%n", kind, ps.size(),
                    ps.stream().map(Pair::pkg).distinct().sorted().toList());
            double[] before = new double[ps.size()];
            for (int j = 0; j < ps.size(); j++) {
                Pair p = ps.get(j);
                before[j] = Match.plan(p.target, p.ref, MatchSettings.defaults()).before().midDistanceDb();
            }
            System.out.printf(Locale.ROOT, "target vs reference, mid distance: quartiles %s%n", quartiles(before));
            double[] fine = new double[ps.size()];
            for (int j = 0; j < ps.size(); j++) fine[j] = MatchProfile.fineStructureCorrelation(ps.get(j).target, ps.get(j).ref);
            System.out.printf(Locale.ROOT, "fine-structure correlation: quartiles %s%n", quartiles(fine));
            for (int j = 0; j < ps.size(); j++) {
                features.add(new double[]{kind.equals("same") ? 1 : 0, before[j], fine[j]});
                groups.add(ps.get(j).pkg);
            }
            if (kind.equals("same")) {
                row(ps, "doing nothing", p -> Match.measure(p.target, p.ideal));
            } else {
                row(ps, "doing nothing", p -> Match.measure(p.target, p.ref));
            }
            for (int k = 0; k < NAMES.length; k++) {
                MatchSettings s = settings(k);
                if (kind.equals("same")) {
                    row(ps, NAMES[k], p -> Match.predictAgainst(Match.plan(p.target, p.ref, s), p.ideal));
                } else {
                    row(ps, NAMES[k], p -> Match.plan(p.target, p.ref, s).after());
                }
            }
        }
        fitSamePiece(features, groups);
    }

    /** The same-piece model refitted on all pairs, and its accuracy with one package held out at a time. */
    static void fitSamePiece(List<double[]> rows, List<String> groups) {
        System.out.printf(Locale.ROOT, "%nsame-piece model on all pairs: logit = %s%n", Arrays.toString(
                Arrays.stream(logistic(rows)).map(v -> Math.round(v * 1000) / 1000.0).toArray()));
        int right = 0;
        for (String g : new TreeSet<>(groups)) {
            List<double[]> train = new ArrayList<>();
            List<double[]> test = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) (groups.get(i).equals(g) ? test : train).add(rows.get(i));
            double[] w = logistic(train);
            int r = 0;
            for (double[] x : test) if ((w[0] + w[1] * x[1] + w[2] * x[2] > 0) == (x[0] == 1)) r++;
            right += r;
            System.out.printf(Locale.ROOT, "  %s held out: %d of %d right%n", g, r, test.size());
        }
        System.out.printf(Locale.ROOT, "  held-out accuracy %.3f%n", right / (double) rows.size());
    }

    /** Logistic regression of x[0] on x[1], x[2] by Newton's method (three parameters). */
    static double[] logistic(List<double[]> rows) {
        double[] w = new double[3];
        for (int it = 0; it < 50; it++) {
            double[] g = new double[3];
            double[][] h = new double[3][3];
            for (double[] x : rows) {
                double[] v = {1, x[1], x[2]};
                double p = 1 / (1 + Math.exp(-(w[0] + w[1] * v[1] + w[2] * v[2])));
                for (int i = 0; i < 3; i++) {
                    g[i] += (x[0] - p) * v[i];
                    for (int j = 0; j < 3; j++) h[i][j] += p * (1 - p) * v[i] * v[j] + (i == j ? 1e-6 : 0);
                }
            }
            double[] d = solve(h, g);
            for (int i = 0; i < 3; i++) w[i] += d[i];
        }
        return w;
    }

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) { System.arraycopy(a[i], 0, m[i], 0, n); m[i][n] = b[i]; }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            double[] t = m[c]; m[c] = m[p]; m[p] = t;
            for (int r = 0; r < n; r++) {
                if (r == c) continue;
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) m[r][k] -= f * m[c][k];
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = m[i][n] / m[i][i];
        return x;
    }

    interface Fig { MatchPlan.Figures of(Pair p); }

    static void row(List<Pair> ps, String name, Fig f) {
        int n = ps.size();
        double[] mid = new double[n], side = new double[n], width = new double[n];
        for (int j = 0; j < n; j++) {
            Pair p = ps.get(j);
            MatchPlan.Figures x = f.of(p);
            MatchProfile other = p.ideal != null ? p.ideal : p.ref;
            mid[j] = x.midDistanceDb();
            side[j] = x.sideDistanceDb();
            double we = Math.abs(x.widthDb() - Match.measure(other, other).widthDb());
            width[j] = Double.isFinite(we) ? we : Double.NaN;
        }
        System.out.printf(Locale.ROOT, "  %-26s mid %s  side %s  width error %s%n", name, ci(ps, mid), ci(ps, side), ci(ps, width));
    }

    static String quartiles(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f / %.2f", s[0], s[s.length / 4], s[s.length / 2], s[3 * s.length / 4], s[s.length - 1]);
    }

    /** Mean with a 95 % interval from resampling whole packages. */
    static String ci(List<Pair> ps, double[] v) {
        List<String> pk = ps.stream().map(Pair::pkg).distinct().toList();
        Random r = new Random(7);
        double[] boot = new double[2000];
        for (int b = 0; b < boot.length; b++) {
            double s = 0;
            int c = 0;
            for (int g = 0; g < pk.size(); g++) {
                String chosen = pk.get(r.nextInt(pk.size()));
                for (int j = 0; j < ps.size(); j++) {
                    if (ps.get(j).pkg.equals(chosen) && !Double.isNaN(v[j])) { s += v[j]; c++; }
                }
            }
            boot[b] = s / c;
        }
        Arrays.sort(boot);
        double m = Arrays.stream(v).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", m, boot[50], boot[1949]);
    }
}
