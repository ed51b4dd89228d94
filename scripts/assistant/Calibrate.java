import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import mw.assistant.AssistantModel;
import mw.assistant.StyleConfidence;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits the style model's confidence map and measures it with grouped held-out evaluation.
 *
 * <p>The map turns two things the model knows about a track, the logit of its top style probability and the
 * log of its Mahalanobis distance from the training data, into the probability that the top style is right
 * (Platt scaling with a distance term; Tribuo's logistic regression). It is fitted on the renders' held-out
 * split and on real excerpts, the two weighted equally. Evaluation: every real package is scored by a map
 * fitted without it (leave one package out) and every fifth of the render groups by a map fitted without
 * them; ECE, Brier score and the share applied automatically are reported with 95 % intervals from
 * resampling whole packages (real) or render groups. The map fitted on everything is written to OUT.
 *
 * <p>Usage: java -cp cli/target/mw.jar scripts/assistant/Calibrate.java REAL_SCORES.tsv HELDOUT_FEATURES.tsv [OUT.json]
 * (REAL_SCORES.tsv from EvalReal.java, HELDOUT_FEATURES.tsv from the training run's report).
 */
public class Calibrate {
    record Row(String group, boolean real, double topP, double distance, double[] z, boolean correct, double oldConfidence, double ood) {
    }

    static int fp;
    static final boolean FEATURES = "1".equals(System.getenv("CAL_FEATURES"));

    public static void main(String[] args) throws Exception {
        AssistantModel model = AssistantModel.bundled();
        fp = StyleConfidence.fingerprint(model);
        List<Row> rows = new ArrayList<>();
        read(Path.of(args[0]), true, model, rows);
        read(Path.of(args[1]), false, model, rows);
        List<String> groups = new ArrayList<>(new TreeSet<>(rows.stream().map(Row::group).toList()));
        // folds: one per real package, five over the render groups
        Map<String, String> fold = new LinkedHashMap<>();
        int k = 0;
        for (String g : groups) {
            boolean real = rows.stream().anyMatch(r -> r.group.equals(g) && r.real);
            fold.put(g, real ? g : "renders-" + (k++ % 5));
        }
        double[] cal = new double[rows.size()];
        for (String f : new TreeSet<>(fold.values())) {
            List<Row> train = rows.stream().filter(r -> !fold.get(r.group).equals(f)).toList();
            StyleConfidence m = fit(train);
            for (int i = 0; i < rows.size(); i++) {
                if (fold.get(rows.get(i).group).equals(f)) {
                    // as the assistant does: past the out-of-distribution threshold the confidence is 0
                    cal[i] = rows.get(i).ood >= 0.99 ? 0 : m.confidence(rows.get(i).topP, rows.get(i).distance, rows.get(i).z);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d real excerpts (%d packages), %d held-out renders%n",
                rows.stream().filter(Row::real).count(), rows.stream().filter(Row::real).map(Row::group).distinct().count(),
                rows.stream().filter(r -> !r.real).count());
        System.out.println("| set | confidence | accuracy | mean confidence | ECE [95 % CI] | Brier | applied automatically | accuracy when applied | flagged unfamiliar |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (boolean real : new boolean[] {true, false}) {
            String set = real ? "real, package held out" : "renders, groups held out";
            report(rows, real, set, "top probability (temperature only)", i -> rows.get(i).topP);
            report(rows, real, set, "before: top p x familiarity", i -> rows.get(i).oldConfidence);
            report(rows, real, set, "calibrated map (grouped held out)", i -> cal[i]);
        }
        StyleConfidence all = fit(rows);
        System.out.printf(Locale.ROOT, "map on all data: %s%n", all);
        if (args.length > 2) {
            Files.writeString(Path.of(args[2]), all.toJson());
        }
    }

    interface Conf {
        double of(int i);
    }

    static void report(List<Row> rows, boolean real, String set, String name, Conf conf) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).real == real) {
                idx.add(i);
            }
        }
        List<String> gs = new ArrayList<>(new TreeSet<>(idx.stream().map(i -> rows.get(i).group).toList()));
        double[] stat = stats(rows, idx, conf);
        Random rnd = new Random(1);
        double[] ece = new double[2000];
        for (int b = 0; b < ece.length; b++) {
            List<Integer> boot = new ArrayList<>();
            for (int j = 0; j < gs.size(); j++) {
                String g = gs.get(rnd.nextInt(gs.size()));
                for (int i : idx) {
                    if (rows.get(i).group.equals(g)) {
                        boot.add(i);
                    }
                }
            }
            ece[b] = stats(rows, boot, conf)[2];
        }
        Arrays.sort(ece);
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.3f [%.3f, %.3f] | %.3f | %.0f %% | %s | %.0f %% |%n", set, name,
                stat[0], stat[1], stat[2], ece[49], ece[1949], stat[3], 100 * stat[4],
                Double.isNaN(stat[5]) ? "n/a" : String.format(Locale.ROOT, "%.2f", stat[5]), 100 * stat[6]);
    }

    /** accuracy, mean confidence, ECE (10 equal-width bins), Brier, share applied, accuracy when applied, share unfamiliar. */
    static double[] stats(List<Row> rows, List<Integer> idx, Conf conf) {
        double[] binN = new double[10], binC = new double[10], binA = new double[10];
        double acc = 0, mc = 0, brier = 0, applied = 0, appliedOk = 0, unfamiliar = 0;
        for (int i : idx) {
            double c = conf.of(i);
            double y = rows.get(i).correct ? 1 : 0;
            int b = Math.min(9, (int) (c * 10));
            binN[b]++;
            binC[b] += c;
            binA[b] += y;
            acc += y;
            mc += c;
            brier += (c - y) * (c - y);
            if (c >= StyleConfidence.APPLY) {
                applied++;
                appliedOk += y;
            }
            if (c < StyleConfidence.UNFAMILIAR) {
                unfamiliar++;
            }
        }
        double n = idx.size(), ece = 0;
        for (int b = 0; b < 10; b++) {
            ece += Math.abs(binC[b] - binA[b]) / n;
        }
        return new double[] {acc / n, mc / n, ece, brier / n, applied / n, applied > 0 ? appliedOk / applied : Double.NaN,
                unfamiliar / n};
    }

    static StyleConfidence fit(List<Row> train) {
        double nReal = train.stream().filter(Row::real).count();
        double nRend = train.size() - nReal;
        double[][] x = new double[train.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = StyleConfidence.inputs(train.get(i).topP, train.get(i).distance, train.get(i).z);
        }
        int d = x[0].length;
        double[] mean = new double[d], sd = new double[d];
        for (double[] v : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[j] / x.length;
            }
        }
        for (double[] v : x) {
            for (int j = 0; j < d; j++) {
                sd[j] += (v[j] - mean[j]) * (v[j] - mean[j]) / x.length;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j]) + 1e-9;
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("confidence", factory), factory);
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = String.format(Locale.ROOT, "in%03d", j);
        }
        for (int i = 0; i < x.length; i++) {
            Row r = train.get(i);
            float w = (float) (nReal > 0 && nRend > 0 ? (r.real ? REAL_SHARE / nReal : (1 - REAL_SHARE) / nRend) * train.size() : 1);
            double[] zz = new double[d];
            for (int j = 0; j < d; j++) {
                zz[j] = (x[i][j] - mean[j]) / sd[j];
            }
            var ex = new ArrayExample<>(new Label(r.correct ? "right" : "wrong"), names, zz);
            ex.setWeight(w);
            data.add(ex);
        }
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), EPOCHS, 1000, 1, 42L);
        LinearSGDModel m = (LinearSGDModel) trainer.train(data);
        var w = m.getWeightsCopy();
        int right = m.getOutputIDInfo().getID(new Label("right"));
        int wrong = m.getOutputIDInfo().getID(new Label("wrong"));
        double[] coef = new double[d + 1];
        for (int j = 0; j < d; j++) {
            var info = m.getFeatureIDMap().get(names[j]);
            if (info == null) {
                continue;
            }
            int id = info.getID();
            double dw = (right < 0 ? 0 : w.get(right, id)) - (wrong < 0 ? 0 : w.get(wrong, id));
            coef[j + 1] = dw / sd[j];
            coef[0] -= dw * mean[j] / sd[j];
        }
        int bias = w.getDimension2Size() - 1;
        coef[0] += (right < 0 ? 0 : w.get(right, bias)) - (wrong < 0 ? 0 : w.get(wrong, bias));
        return new StyleConfidence(StyleConfidence.FORMAT, StyleConfidence.VERSION, coef, fp,
                String.format(Locale.ROOT, "Tribuo logistic regression (%d epochs) on %d held-out renders and %d real excerpts, "
                        + "weighted equally; inputs: logit(top p), ln(distance)%s", EPOCHS, (int) nRend, (int) nReal,
                        d > 2 ? ", the standardised features" : ""));
    }

    static final double REAL_SHARE = Double.parseDouble(System.getenv().getOrDefault("CAL_REAL_SHARE", "0.5"));
    static final int EPOCHS = Integer.parseInt(System.getenv().getOrDefault("CAL_EPOCHS", "50"));

    static void read(Path tsv, boolean real, AssistantModel model, List<Row> rows) throws Exception {
        List<String> lines = Files.readAllLines(tsv);
        List<String> head = Arrays.asList(lines.get(0).split("\t"));
        int fi = head.indexOf("features"), li = head.indexOf("label"), gi = head.indexOf("group"), vi = head.indexOf("variant");
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t");
            if (vi >= 0 && !c[vi].equals("0")) {
                continue; // degraded copies of the same render: keep the originals only
            }
            double[] x = Arrays.stream(c[fi].split(",")).mapToDouble(Double::parseDouble).toArray();
            double[] p = model.probabilities(x);
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                best = p[i] > p[best] ? i : best;
            }
            double ood = model.oodScore(x);
            double fam = ood < 0.99 ? Math.max(0, Math.min(1, (0.99 - ood) / 0.09)) : 0;
            rows.add(new Row((real ? "" : "render:") + c[gi], real, p[best], model.distance(x), FEATURES ? model.standardise(x) : new double[0],
                    model.styles().get(best).equals(c[li]), p[best] * fam, ood));
        }
    }
}
