package mw.assistant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * The held-out evaluation behind a training report: everything here is computed on the test split only,
 * with 95 % cluster-bootstrap confidence intervals (whole groups resampled, {@link StyleTrainer#BOOTSTRAP}
 * times) and paired comparisons against baselines.
 */
final class Evaluation {
    final Map<String, Double> metrics = new LinkedHashMap<>();
    private final StringBuilder md = new StringBuilder();
    private final AssistantModel model;
    private final List<String> styles;

    Evaluation(AssistantModel model, List<String> styles, List<StyleTrainer.Row> trainOrig, List<StyleTrainer.Row> testOrig,
               List<StyleTrainer.Row> testDeg, List<StyleTrainer.Row> trainDeg, double cvAccuracy, double[][] oofLogits,
               int[] yTrain) {
        this.model = model;
        this.styles = styles;
        metrics.put("cv_accuracy", cvAccuracy);
        metrics.put("temperature", model.temperature());
        double[][] oofP = Arrays.stream(oofLogits).map(l -> AssistantModel.softmax(l, 1)).toArray(double[][]::new);
        double[][] oofPT = Arrays.stream(oofLogits).map(l -> AssistantModel.softmax(l, model.temperature())).toArray(double[][]::new);
        md.append("## Style recognition\n\n");
        md.append(String.format(Locale.ROOT, "Grouped %d-fold cross-validation inside the training split: accuracy %.3f; "
                        + "expected calibration error %.3f before and %.3f after temperature scaling (T = %.2f, fitted on these "
                        + "out-of-fold predictions).\n\n", StyleTrainer.FOLDS, cvAccuracy,
                StyleTrainer.ece(oofP, yTrain, StyleTrainer.ECE_BINS), StyleTrainer.ece(oofPT, yTrain, StyleTrainer.ECE_BINS),
                model.temperature()));
        // loudness-only baseline, trained on the same split
        int[] cols = StyleTrainer.LOUDNESS_FEATURES.stream().mapToInt(TrackFeatures.NAMES::indexOf).toArray();
        double[][] zTr = trainOrig.stream().map(r -> pick(model.standardise(r.x()), cols)).toArray(double[][]::new);
        double[][] wLoud = StyleTrainer.fitClassifier(zTr, yTrain, styles, null);
        int majority = majority(yTrain, styles.size());

        List<String> subsets = new ArrayList<>(testOrig.stream().map(r -> r.item().split()).distinct().sorted().toList());
        if (subsets.size() > 1) {
            subsets.add(0, "all test");
        }
        for (String subset : subsets) {
            List<StyleTrainer.Row> rows = testOrig.stream()
                    .filter(r -> subset.equals("all test") || r.item().split().equals(subset)).toList();
            classification(subset, rows, wLoud, cols, majority);
        }
        ood(testOrig);
        settings(testDeg, trainOrig);
    }

    private void classification(String subset, List<StyleTrainer.Row> rows, double[][] wLoud, int[] cols, int majority) {
        int n = rows.size();
        int[] y = rows.stream().mapToInt(r -> styles.indexOf(r.item().label())).toArray();
        String[] g = rows.stream().map(r -> r.item().group()).toArray(String[]::new);
        double[][] p = rows.stream().map(r -> model.probabilities(r.x())).toArray(double[][]::new);
        double[][] pRaw = rows.stream().map(r -> AssistantModel.softmax(model.logits(model.standardise(r.x())), 1))
                .toArray(double[][]::new);
        int[] pred = StyleTrainer.argmax(p);
        int[] predLoud = rows.stream().mapToInt(r -> StyleTrainer.argmax(new double[][]{
                AssistantModel.linear(wLoud, pick(model.standardise(r.x()), cols))})[0]).toArray();
        double[] ok = new double[n];
        double[] okLoud = new double[n];
        double[] okMaj = new double[n];
        for (int i = 0; i < n; i++) {
            ok[i] = pred[i] == y[i] ? 1 : 0;
            okLoud[i] = predLoud[i] == y[i] ? 1 : 0;
            okMaj[i] = majority == y[i] ? 1 : 0;
        }
        String key = subset.replace(' ', '_').replace('-', '_');
        double[] acc = ci(ok, g);
        double[] dLoud = ci(diff(ok, okLoud), g);
        double[] dMaj = ci(diff(ok, okMaj), g);
        double ece = StyleTrainer.ece(p, y, StyleTrainer.ECE_BINS);
        double[] eceCi = ciOf(g, idx -> StyleTrainer.ece(sub(p, idx), sub(y, idx), StyleTrainer.ECE_BINS));
        double eceRaw = StyleTrainer.ece(pRaw, y, StyleTrainer.ECE_BINS);
        metrics.put(key + "_accuracy", acc[0]);
        metrics.put(key + "_accuracy_low", acc[1]);
        metrics.put(key + "_accuracy_high", acc[2]);
        metrics.put(key + "_vs_loudness_low", dLoud[1]);
        metrics.put(key + "_vs_majority_low", dMaj[1]);
        metrics.put(key + "_ece", ece);
        metrics.put(key + "_ece_high", eceCi[2]);
        md.append(String.format(Locale.ROOT, "### Test split: %s (%d excerpts, %d groups)\n\n", subset, n,
                Arrays.stream(g).distinct().count()));
        md.append("| measure | value | 95 % CI |\n|---|---|---|\n");
        md.append(row("accuracy", acc));
        md.append(row("accuracy minus loudness-only baseline (" + String.join(", ", StyleTrainer.LOUDNESS_FEATURES) + ")", dLoud));
        md.append(row("accuracy minus majority-class baseline (" + styles.get(majority) + ")", dMaj));
        md.append(row("expected calibration error (calibrated)", eceCi));
        md.append(String.format(Locale.ROOT, "| expected calibration error (before temperature) | %.3f | |\n", eceRaw));
        md.append(String.format(Locale.ROOT, "| macro F1 | %.3f | |\n\n", macroF1(pred, y)));
        md.append("| style | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        for (int c = 0; c < styles.size(); c++) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < n; i++) {
                tp += pred[i] == c && y[i] == c ? 1 : 0;
                fp += pred[i] == c && y[i] != c ? 1 : 0;
                fn += pred[i] != c && y[i] == c ? 1 : 0;
            }
            double pr = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double rc = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = pr + rc == 0 ? 0 : 2 * pr * rc / (pr + rc);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %d |\n", styles.get(c), pr, rc, f1, tp + fn));
        }
        md.append("\nConfusion matrix (rows: true style, columns: predicted):\n\n| |");
        for (String s : styles) {
            md.append(' ').append(s).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(styles.size())).append('\n');
        for (int t = 0; t < styles.size(); t++) {
            md.append("| ").append(styles.get(t)).append(" |");
            for (int c = 0; c < styles.size(); c++) {
                int k = 0;
                for (int i = 0; i < n; i++) {
                    k += y[i] == t && pred[i] == c ? 1 : 0;
                }
                md.append(' ').append(k).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void ood(List<StyleTrainer.Row> testOrig) {
        double[] flagged = testOrig.stream().mapToDouble(r -> model.oodScore(r.x()) >= Assistant.UNFAMILIAR_OOD ? 1 : 0).toArray();
        String[] g = testOrig.stream().map(r -> r.item().group()).toArray(String[]::new);
        double[] rate = ci(flagged, g);
        metrics.put("test_flagged_unfamiliar", rate[0]);
        md.append("## Out-of-distribution score\n\n");
        md.append(String.format(Locale.ROOT, "Mahalanobis distance on standardised features (covariance shrunk %.0f %% toward the "
                        + "identity), turned into a score by the distances of held-out training excerpts (grouped cross-validation). "
                        + "Test excerpts called unfamiliar (score ≥ %.2f): %.3f [%.3f, %.3f] (in-distribution, so this is the "
                        + "false-alarm rate; about 0.01 is expected). The tests check that white noise and a sine are called "
                        + "unfamiliar.\n\n", StyleTrainer.OOD_SHRINKAGE * 100, Assistant.UNFAMILIAR_OOD, rate[0], rate[1], rate[2]));
    }

    private void settings(List<StyleTrainer.Row> testDeg, List<StyleTrainer.Row> trainOrig) {
        md.append("## Settings (self-supervised: undo a known damage)\n\n");
        md.append(String.format(Locale.ROOT, "Every excerpt was damaged at random (low shelf ±%.0f dB at %.0f Hz, peak ±%.0f dB at "
                        + "%.0f Hz, high shelf ±%.0f dB at %.0f Hz, width ×2^U(%.1f, %.1f), level −10 to 0 dB); the settings that "
                        + "undo the damage are known. The regressors were fitted on three quarters of the training groups and "
                        + "their 90 %% intervals calibrated on the other quarter (split conformal). Test: %d damaged excerpts "
                        + "of the test groups. Baselines: the fixed preset (no EQ, width 1) and the workflow sketch's rule (EQ "
                        + "from the difference between the track's spectral centroid and the style's mean centroid: shelves "
                        + "±0.1 dB/Hz clipped to ±6 dB, mid ±0.08 dB/Hz clipped to ±5 dB).\n\n",
                Degradation.LOW_RANGE_DB, Assistant.LOW_SHELF_HZ, Degradation.MID_RANGE_DB, Assistant.MID_PEAK_HZ,
                Degradation.HIGH_RANGE_DB, Assistant.HIGH_SHELF_HZ, Degradation.WIDTH_MIN_OCT, Degradation.WIDTH_MAX_OCT,
                testDeg.size()));
        String[] g = testDeg.stream().map(r -> r.item().group()).toArray(String[]::new);
        // per-style mean centroid of the undamaged training excerpts, for the sketch's rule
        int ci = TrackFeatures.NAMES.indexOf("centroid_oct");
        Map<String, double[]> centroid = new HashMap<>();
        for (StyleTrainer.Row r : trainOrig) {
            double[] a = centroid.computeIfAbsent(r.item().label(), k -> new double[2]);
            a[0] += 1000 * Math.pow(2, r.x()[ci]);
            a[1]++;
        }
        md.append("| setting | 90 % interval half-width | coverage on test [95 % CI] | mean abs. error | minus fixed preset [95 % CI] | minus sketch rule [95 % CI] |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (int s = 0; s < Assistant.LEARNED_SETTINGS.size(); s++) {
            Assistant.SettingSpec spec = Assistant.LEARNED_SETTINGS.get(s);
            AssistantModel.SettingModel sm = model.setting(spec.name());
            int n = testDeg.size();
            double[] cover = new double[n];
            double[] err = new double[n];
            double[] errFixed = new double[n];
            double[] errSketch = new double[n];
            for (int i = 0; i < n; i++) {
                StyleTrainer.Row r = testDeg.get(i);
                double truth = spec.toModel(r.truth()[s]);
                double pred = model.predict(sm, r.x());
                cover[i] = Math.abs(truth - pred) <= sm.halfWidth90() ? 1 : 0;
                err[i] = Math.abs(spec.fromModel(pred) - r.truth()[s]);
                double fixed = spec.log2() ? 1 : 0;
                errFixed[i] = Math.abs(fixed - r.truth()[s]);
                double sketch = fixed;
                if (!spec.log2()) {
                    double[] p = model.probabilities(r.x());
                    double target = 0;
                    for (int c = 0; c < styles.size(); c++) {
                        double[] a = centroid.get(styles.get(c));
                        target += p[c] * a[0] / a[1];
                    }
                    double d = target - 1000 * Math.pow(2, r.x()[ci]); // > 0: the track is duller than the target
                    sketch = switch (spec.name()) {
                        case "eq_low_db" -> clip(-d * 0.1, 6);
                        case "eq_mid_db" -> clip(d * 0.08, 5);
                        default -> clip(d * 0.1, 6);
                    };
                }
                errSketch[i] = Math.abs(sketch - r.truth()[s]);
            }
            double[] cov = ci(cover, g);
            double[] mae = ci(err, g);
            double[] dFixed = ci(diff(err, errFixed), g);
            double[] dSketch = ci(diff(err, errSketch), g);
            metrics.put(spec.name() + "_coverage", cov[0]);
            metrics.put(spec.name() + "_mae", mae[0]);
            metrics.put(spec.name() + "_vs_fixed_high", dFixed[2]);
            metrics.put(spec.name() + "_vs_sketch_high", dSketch[2]);
            String hw = spec.log2() ? String.format(Locale.ROOT, "×/÷ %.2f", Math.pow(2, sm.halfWidth90()))
                    : String.format(Locale.ROOT, "±%.2f %s", sm.halfWidth90(), spec.unit());
            md.append(String.format(Locale.ROOT, "| %s | %s | %.3f [%.3f, %.3f] | %.2f %s | %+.2f [%+.2f, %+.2f] | %+.2f [%+.2f, %+.2f] |\n",
                    spec.name(), hw, cov[0], cov[1], cov[2], mae[0], spec.unit(), dFixed[0], dFixed[1], dFixed[2],
                    dSketch[0], dSketch[1], dSketch[2]));
        }
        md.append("\nNegative differences mean the model's error is smaller than the baseline's.\n\n");
    }

    String markdown(List<String> skipped) {
        StringBuilder out = new StringBuilder();
        out.append("# Assistant training report\n\n");
        out.append("Written by `mw style train`; every figure below is measured on data the model was not trained or tuned on.\n\n");
        out.append("| fact | value |\n|---|---|\n");
        model.training().forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        out.append("| features | ").append(TrackFeatures.NAMES.size()).append(": ").append(String.join(", ", TrackFeatures.NAMES))
                .append(" |\n");
        out.append("| styles | ").append(String.join(", ", styles)).append(" |\n\n");
        out.append(md);
        if (!skipped.isEmpty()) {
            out.append("## Skipped files\n\n");
            skipped.forEach(s -> out.append("- ").append(s).append('\n'));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- helpers

    private static double clip(double v, double lim) {
        return Math.max(-lim, Math.min(lim, v));
    }

    private static String row(String what, double[] v) {
        return String.format(Locale.ROOT, "| %s | %.3f | [%.3f, %.3f] |\n", what, v[0], v[1], v[2]);
    }

    private static double[] pick(double[] z, int[] cols) {
        double[] out = new double[cols.length];
        for (int i = 0; i < cols.length; i++) {
            out[i] = z[cols[i]];
        }
        return out;
    }

    private static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static int majority(int[] y, int k) {
        int[] n = new int[k];
        for (int v : y) {
            n[v]++;
        }
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (n[c] > n[best]) {
                best = c;
            }
        }
        return best;
    }

    private static double macroF1(int[] pred, int[] y) {
        int k = Arrays.stream(y).max().orElse(0) + 1;
        k = Math.max(k, Arrays.stream(pred).max().orElse(0) + 1);
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < k; c++) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < y.length; i++) {
                tp += pred[i] == c && y[i] == c ? 1 : 0;
                fp += pred[i] == c && y[i] != c ? 1 : 0;
                fn += pred[i] != c && y[i] == c ? 1 : 0;
            }
            if (tp + fn == 0) {
                continue;
            }
            classes++;
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return classes == 0 ? 0 : sum / classes;
    }

    private static double[][] sub(double[][] a, int[] idx) {
        return Arrays.stream(idx).mapToObj(i -> a[i]).toArray(double[][]::new);
    }

    private static int[] sub(int[] a, int[] idx) {
        return Arrays.stream(idx).map(i -> a[i]).toArray();
    }

    /** Mean and 95 % cluster-bootstrap interval of per-row values. */
    static double[] ci(double[] v, String[] groups) {
        return ciOf(groups, idx -> {
            double s = 0;
            for (int i : idx) {
                s += v[i];
            }
            return s / idx.length;
        });
    }

    /** A statistic of all rows and its 95 % cluster-bootstrap interval (percentile method). */
    static double[] ciOf(String[] groups, ToDoubleFunction<int[]> stat) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i++) {
            byGroup.computeIfAbsent(groups[i], k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> clusters = new ArrayList<>(byGroup.values());
        int[] all = new int[groups.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double point = stat.applyAsDouble(all);
        Random r = new Random(StyleTrainer.SEED);
        double[] boot = new double[StyleTrainer.BOOTSTRAP];
        for (int b = 0; b < boot.length; b++) {
            List<Integer> idx = new ArrayList<>();
            for (int c = 0; c < clusters.size(); c++) {
                idx.addAll(clusters.get(r.nextInt(clusters.size())));
            }
            boot[b] = stat.applyAsDouble(idx.stream().mapToInt(Integer::intValue).toArray());
        }
        Arrays.sort(boot);
        return new double[]{point, boot[(int) (0.025 * boot.length)], boot[(int) (0.975 * boot.length) - 1]};
    }
}
