package mw.assistant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Trains and evaluates the assistant on a labelled {@link Corpus}, honestly: the test split is never used
 * for training or tuning, every split is grouped (all renders of one piece stay on one side; Sturm 2013,
 * "The GTZAN dataset: its contents, its faults, their effects on evaluation"), the temperature and the
 * out-of-distribution distances come from grouped cross-validation inside the training split, the setting
 * intervals from a grouped calibration part of it (split conformal), and every figure on the test split comes
 * with a cluster-bootstrap 95 % confidence interval and a baseline.
 *
 * <p>The classifier is Tribuo's multinomial logistic regression (linear SGD with AdaGrad); the setting
 * regressors are Tribuo's linear SGD regression with squared loss. Their weights are copied into an
 * {@link AssistantModel} (and checked against Tribuo's own predictions).
 */
public final class StyleTrainer {
    static final int FOLDS = 5;
    /** Files analysed at once. */
    static final int THREADS = 2;
    static final int CLASS_EPOCHS = 40;
    static final int REG_EPOCHS = 40;
    static final long SEED = 20261205L;
    static final int BOOTSTRAP = 2000;
    static final double OOD_SHRINKAGE = 0.2;
    static final double COVERAGE = 0.9;
    static final int ECE_BINS = 10;
    /** The features of the loudness-only baseline classifier. */
    static final List<String> LOUDNESS_FEATURES = List.of("lufs", "lra_lu", "plr_db", "crest_db");

    private StyleTrainer() {
    }

    /** One feature row: an excerpt as it is, or damaged by a known {@link Degradation}. */
    public record Row(Corpus.Item item, int variant, double[] truth, double[] x) {
        boolean original() {
            return variant == 0;
        }
    }

    /** What came of a training run. */
    public record Result(AssistantModel model, String reportMarkdown, Map<String, Double> metrics, List<String> skipped) {
    }

    // ---------------------------------------------------------------- features

    /**
     * Features of every corpus file and of {@code degradations} damaged copies of each, cached in
     * {@code cache} (a TSV keyed by file, size and modification time) so that a retrain does not re-analyse.
     * Unreadable or unusable files are skipped and listed in {@code skipped}.
     */
    public static List<Row> features(List<Corpus.Item> items, int degradations, Path cache, Consumer<String> log,
                                     List<String> skipped) {
        Map<String, List<String[]>> cached = new HashMap<>();
        if (cache != null && Files.isRegularFile(cache)) {
            try {
                for (String line : Files.readAllLines(cache, StandardCharsets.UTF_8)) {
                    String[] c = line.split("\t");
                    cached.computeIfAbsent(c[0], k -> new ArrayList<>()).add(c);
                }
            } catch (IOException e) {
                log.accept("ignoring unreadable feature cache " + cache + ": " + e.getMessage());
            }
        }
        // each file is analysed on its own (two at a time); results are gathered in corpus order
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(THREADS);
        List<Object> perItem;
        try {
            perItem = pool.submit(() -> items.parallelStream().map(item -> {
                Object r = analyse(item, degradations, cached);
                int k = done.incrementAndGet();
                if (k % 20 == 0) {
                    log.accept("features: " + k + " / " + items.size());
                }
                return r;
            }).toList()).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new WorkbenchException("feature analysis failed: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
        List<Row> rows = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (Object o : perItem) {
            if (o instanceof String msg) {
                skipped.add(msg);
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> mine = (List<Object[]>) o;
            for (Object[] pair : mine) {
                rows.add((Row) pair[0]);
                out.add((String) pair[1]);
            }
        }
        if (cache != null) {
            try {
                Files.createDirectories(cache.toAbsolutePath().getParent());
                Path tmp = Files.createTempFile(cache.toAbsolutePath().getParent(), ".features", ".part");
                Files.write(tmp, out, StandardCharsets.UTF_8);
                Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                log.accept("could not write the feature cache " + cache + ": " + e.getMessage());
            }
        }
        return rows;
    }

    /** The rows of one file with their cache lines, or a message saying why it was skipped. */
    private static Object analyse(Corpus.Item item, int degradations, Map<String, List<String[]>> cached) {
        try {
            String key = item.relative() + "|" + Files.size(item.file()) + "|" + Files.getLastModifiedTime(item.file()).toMillis();
            List<Object[]> mine = new ArrayList<>();
            List<String[]> hit = cached.get(key);
            if (hit != null && hit.size() == degradations + 1) {
                for (String[] c : hit) {
                    mine.add(new Object[]{new Row(item, Integer.parseInt(c[1]), parse(c[2]), parse(c[3])), String.join("\t", c)});
                }
                return mine;
            }
            AudioBuffer audio = Audio.read(item.file());
            boolean stereo = audio.channels() == 2;
            Random r = new Random(SEED ^ item.relative().hashCode());
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(item, 0, new double[]{0, 0, 0, 1}, TrackFeatures.of(audio).values()));
            for (int d = 1; d <= degradations; d++) {
                Degradation deg = Degradation.random(r, stereo);
                rows.add(new Row(item, d, deg.correction(), TrackFeatures.of(deg.apply(audio)).values()));
            }
            for (Row row : rows) {
                mine.add(new Object[]{row, key + "\t" + row.variant() + "\t" + join(row.truth()) + "\t" + join(row.x())});
            }
            return mine;
        } catch (IOException | RuntimeException e) {
            return item.relative() + ": " + e.getMessage();
        }
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.toString();
    }

    private static double[] parse(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    // ---------------------------------------------------------------- training

    /** Trains on the train split and evaluates on the test split (see the class comment). */
    public static Result train(List<Row> rows, String corpusName, List<String> skipped, Consumer<String> log) {
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        List<Row> trainOrig = rows.stream().filter(r -> r.original() && !r.item().isTest()).toList();
        List<Row> testOrig = rows.stream().filter(r -> r.original() && r.item().isTest()).toList();
        List<String> styles = new ArrayList<>(new TreeSet<>(trainOrig.stream().map(r -> r.item().label()).toList()));
        if (styles.size() < 2) {
            throw new WorkbenchException("the training split has " + styles.size() + " label(s); training needs at least two");
        }
        int f = TrackFeatures.NAMES.size();
        double[] mean = new double[f];
        double[] scale = new double[f];
        for (Row r : trainOrig) {
            for (int i = 0; i < f; i++) {
                mean[i] += r.x()[i] / trainOrig.size();
            }
        }
        for (Row r : trainOrig) {
            for (int i = 0; i < f; i++) {
                scale[i] += Math.pow(r.x()[i] - mean[i], 2) / Math.max(1, trainOrig.size() - 1);
            }
        }
        for (int i = 0; i < f; i++) {
            scale[i] = Math.sqrt(scale[i]) > 1e-9 ? Math.sqrt(scale[i]) : 1;
        }
        AssistantModel std = new AssistantModel(AssistantModel.FORMAT, AssistantModel.VERSION, TrackFeatures.NAMES, mean, scale,
                styles, new double[styles.size()][f + 1], 1, null, List.of(), Map.of(), Map.of());
        double[][] zTrain = trainOrig.stream().map(r -> std.standardise(r.x())).toArray(double[][]::new);
        int[] yTrain = trainOrig.stream().mapToInt(r -> styles.indexOf(r.item().label())).toArray();
        String[] gTrain = trainOrig.stream().map(r -> r.item().group()).toArray(String[]::new);
        int[] fold = folds(gTrain, FOLDS);

        // grouped cross-validation inside the training split: out-of-fold logits and distances
        log.accept("cross-validating the style classifier (" + FOLDS + " grouped folds, " + trainOrig.size() + " excerpts)");
        double[][] oofLogits = new double[zTrain.length][];
        double[] oofDistance = new double[zTrain.length];
        for (int k = 0; k < FOLDS; k++) {
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                (fold[i] == k ? te : tr).add(i);
            }
            double[][] w = fitClassifier(select(zTrain, tr, null), select(yTrain, tr), styles, null);
            double[][] precision = precision(select(zTrain, tr, null));
            for (int i : te) {
                oofLogits[i] = AssistantModel.linear(w, zTrain[i]);
                oofDistance[i] = AssistantModel.mahalanobis(precision, zTrain[i]);
            }
        }
        double temperature = fitTemperature(oofLogits, yTrain);
        int[] oofPred = argmax(oofLogits);
        double cvAccuracy = accuracy(oofPred, yTrain);
        log.accept(String.format(Locale.ROOT, "cross-validated accuracy %.3f, temperature %.2f", cvAccuracy, temperature));

        double[][] weights = fitClassifier(zTrain, yTrain, styles, trainOrig.get(0));
        double[] calibration = oofDistance.clone();
        Arrays.sort(calibration);
        AssistantModel.Ood ood = new AssistantModel.Ood(precision(zTrain), calibration, OOD_SHRINKAGE);

        // settings: split conformal on a grouped calibration part of the training split
        List<Row> trainDeg = rows.stream().filter(r -> !r.original() && !r.item().isTest()).toList();
        List<Row> testDeg = rows.stream().filter(r -> !r.original() && r.item().isTest()).toList();
        String[] gDeg = trainDeg.stream().map(r -> r.item().group()).toArray(String[]::new);
        int[] degFold = folds(gDeg, 4);
        List<Integer> proper = new ArrayList<>();
        List<Integer> cal = new ArrayList<>();
        for (int i = 0; i < degFold.length; i++) {
            (degFold[i] == 0 ? cal : proper).add(i);
        }
        List<AssistantModel.SettingModel> settings = new ArrayList<>();
        double[][] zDeg = trainDeg.stream().map(r -> std.standardise(r.x())).toArray(double[][]::new);
        for (int s = 0; s < Assistant.LEARNED_SETTINGS.size(); s++) {
            Assistant.SettingSpec spec = Assistant.LEARNED_SETTINGS.get(s);
            final int si = s;
            double[] y = trainDeg.stream().mapToDouble(r -> spec.toModel(r.truth()[si])).toArray();
            double[] w = fitRegressor(select(zDeg, proper, null), select(y, proper), spec.name());
            double[] res = new double[cal.size()];
            for (int j = 0; j < cal.size(); j++) {
                res[j] = Math.abs(y[cal.get(j)] - AssistantModel.linear(new double[][]{w}, zDeg[cal.get(j)])[0]);
            }
            Arrays.sort(res);
            int rank = (int) Math.ceil((res.length + 1) * COVERAGE);
            double q = rank > res.length ? Double.POSITIVE_INFINITY : res[rank - 1];
            settings.add(new AssistantModel.SettingModel(spec.name(), spec.unit(), w, q, spec.min(), spec.max(), spec.description()));
        }

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("corpus", corpusName);
        facts.put("trained", LocalDate.now(ZoneOffset.UTC).toString());
        facts.put("train_excerpts", String.valueOf(trainOrig.size()));
        facts.put("train_groups", String.valueOf(Arrays.stream(gTrain).distinct().count()));
        facts.put("test_excerpts", String.valueOf(testOrig.size()));
        facts.put("classifier", "Tribuo 4.3 multinomial logistic regression, linear SGD, AdaGrad(0.1), " + CLASS_EPOCHS + " epochs");
        facts.put("settings_regressor", "Tribuo 4.3 linear SGD regression, squared loss, AdaGrad(0.05), " + REG_EPOCHS + " epochs");
        Map<String, double[]> curves = new LinkedHashMap<>();
        int band0 = TrackFeatures.NAMES.indexOf("band_31.5");
        for (String s : styles) {
            double[] c = new double[AssistantModel.BANDS];
            List<Row> mine = trainOrig.stream().filter(r -> r.item().label().equals(s)).toList();
            for (Row r : mine) {
                for (int b = 0; b < c.length; b++) {
                    c[b] += r.x()[band0 + b] / mine.size();
                }
            }
            curves.put(s, c);
        }
        AssistantModel model = new AssistantModel(AssistantModel.FORMAT, AssistantModel.VERSION, TrackFeatures.NAMES, mean,
                scale, styles, weights, temperature, ood, settings, curves, facts);

        Evaluation ev = new Evaluation(model, styles, trainOrig, testOrig, testDeg, trainDeg, cvAccuracy, oofLogits, yTrain);
        return new Result(model, ev.markdown(skipped), ev.metrics, skipped);
    }

    static double[][] fitClassifier(double[][] z, int[] y, List<String> styles, Row check) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("assistant corpus", factory), factory);
        String[] names = featureIds(z[0].length);
        for (int i = 0; i < z.length; i++) {
            data.add(new ArrayExample<>(new Label(styles.get(y[i])), names, z[i]));
        }
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), CLASS_EPOCHS, 1000, 1, SEED);
        LinearSGDModel model = (LinearSGDModel) trainer.train(data);
        DenseMatrix w = model.getWeightsCopy();
        double[][] out = new double[styles.size()][z[0].length + 1];
        for (int c = 0; c < styles.size(); c++) {
            int row = model.getOutputIDInfo().getID(new Label(styles.get(c)));
            if (row < 0) {
                continue; // a class absent from this fold: logits stay 0 plus nothing
            }
            for (int i = 0; i < z[0].length; i++) {
                var info = model.getFeatureIDMap().get(names[i]);
                out[c][i] = info == null ? 0 : w.get(row, info.getID());
            }
            out[c][z[0].length] = w.get(row, w.getDimension2Size() - 1);
        }
        if (check != null) {
            // the copied weights must give Tribuo's own probabilities
            Example<Label> ex = new ArrayExample<>(new Label(styles.get(0)), names, z[0]);
            Prediction<Label> p = model.predict(ex);
            double[] mine = AssistantModel.softmax(AssistantModel.linear(out, z[0]), 1);
            for (int c = 0; c < styles.size(); c++) {
                double theirs = p.getOutputScores().get(styles.get(c)).getScore();
                if (Math.abs(theirs - mine[c]) > 1e-6) {
                    throw new IllegalStateException("copied classifier weights disagree with Tribuo: " + theirs + " vs " + mine[c]);
                }
            }
        }
        return out;
    }

    static double[] fitRegressor(double[][] z, double[] y, String name) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("assistant degradations", factory), factory);
        String[] names = featureIds(z[0].length);
        for (int i = 0; i < z.length; i++) {
            data.add(new ArrayExample<>(new Regressor(name, y[i]), names, z[i]));
        }
        var trainer = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.05, 0.1),
                REG_EPOCHS, 1000, 1, SEED);
        var model = (org.tribuo.regression.sgd.linear.LinearSGDModel) trainer.train(data);
        DenseMatrix w = model.getWeightsCopy();
        double[] out = new double[z[0].length + 1];
        for (int i = 0; i < z[0].length; i++) {
            var info = model.getFeatureIDMap().get(names[i]);
            out[i] = info == null ? 0 : w.get(0, info.getID());
        }
        out[z[0].length] = w.get(0, w.getDimension2Size() - 1);
        double theirs = model.predict(new ArrayExample<>(new Regressor(name, 0), names, z[0])).getOutput().getValues()[0];
        double mine = AssistantModel.linear(new double[][]{out}, z[0])[0];
        if (Math.abs(theirs - mine) > 1e-6 * (1 + Math.abs(theirs))) {
            throw new IllegalStateException("copied regression weights disagree with Tribuo: " + theirs + " vs " + mine);
        }
        return out;
    }

    /** Feature ids that sort in vector order (Tribuo orders features by name). */
    private static String[] featureIds(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = String.format(Locale.ROOT, "f%03d_%s", i, TrackFeatures.NAMES.get(i));
        }
        return names;
    }

    /** Inverse of the covariance of standardised rows, shrunk toward the identity. */
    static double[][] precision(double[][] z) {
        int f = z[0].length;
        double[] m = new double[f];
        for (double[] r : z) {
            for (int i = 0; i < f; i++) {
                m[i] += r[i] / z.length;
            }
        }
        double[][] c = new double[f][f];
        for (double[] r : z) {
            for (int i = 0; i < f; i++) {
                for (int j = 0; j < f; j++) {
                    c[i][j] += (r[i] - m[i]) * (r[j] - m[j]) / Math.max(1, z.length - 1);
                }
            }
        }
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < f; j++) {
                c[i][j] = (1 - OOD_SHRINKAGE) * c[i][j] + (i == j ? OOD_SHRINKAGE : 0);
            }
        }
        RealMatrix inv = new LUDecomposition(MatrixUtils.createRealMatrix(c)).getSolver().getInverse();
        return inv.getData();
    }

    /** Temperature minimising the negative log-likelihood (golden-section search on log T). */
    static double fitTemperature(double[][] logits, int[] y) {
        double a = Math.log(0.05);
        double b = Math.log(20);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 80; it++) {
            double c = b - g * (b - a);
            double d = a + g * (b - a);
            if (nll(logits, y, Math.exp(c)) < nll(logits, y, Math.exp(d))) {
                b = d;
            } else {
                a = c;
            }
        }
        return Math.exp((a + b) / 2);
    }

    static double nll(double[][] logits, int[] y, double t) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s -= Math.log(Math.max(1e-300, AssistantModel.softmax(logits[i], t)[y[i]]));
        }
        return s / y.length;
    }

    /** Fold of each row: groups shuffled with the seed, then dealt round-robin. */
    static int[] folds(String[] groups, int k) {
        List<String> distinct = new ArrayList<>(new TreeSet<>(Arrays.asList(groups)));
        java.util.Collections.shuffle(distinct, new Random(SEED));
        Map<String, Integer> f = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            f.put(distinct.get(i), i % k);
        }
        return Arrays.stream(groups).mapToInt(f::get).toArray();
    }

    static double[][] select(double[][] z, List<Integer> idx, int[] cols) {
        double[][] out = new double[idx.size()][];
        for (int i = 0; i < idx.size(); i++) {
            double[] row = z[idx.get(i)];
            if (cols == null) {
                out[i] = row;
            } else {
                out[i] = new double[cols.length];
                for (int j = 0; j < cols.length; j++) {
                    out[i][j] = row[cols[j]];
                }
            }
        }
        return out;
    }

    static int[] select(int[] y, List<Integer> idx) {
        return idx.stream().mapToInt(i -> y[i]).toArray();
    }

    static double[] select(double[] y, List<Integer> idx) {
        return idx.stream().mapToDouble(i -> y[i]).toArray();
    }

    static int[] argmax(double[][] s) {
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            for (int c = 1; c < s[i].length; c++) {
                if (s[i][c] > s[i][out[i]]) {
                    out[i] = c;
                }
            }
        }
        return out;
    }

    static double accuracy(int[] pred, int[] y) {
        int ok = 0;
        for (int i = 0; i < y.length; i++) {
            ok += pred[i] == y[i] ? 1 : 0;
        }
        return (double) ok / y.length;
    }

    /** Expected calibration error of the top-class probability, equal-width bins (Guo et al. 2017). */
    static double ece(double[][] p, int[] y, int bins) {
        double[] conf = new double[bins];
        double[] acc = new double[bins];
        int[] n = new int[bins];
        int[] pred = argmax(p);
        for (int i = 0; i < y.length; i++) {
            double c = p[i][pred[i]];
            int b = Math.min(bins - 1, (int) (c * bins));
            conf[b] += c;
            acc[b] += pred[i] == y[i] ? 1 : 0;
            n[b]++;
        }
        double e = 0;
        for (int b = 0; b < bins; b++) {
            if (n[b] > 0) {
                e += Math.abs(acc[b] - conf[b]) / y.length;
            }
        }
        return e;
    }

    /**
     * Writes the held-out (test split) rows as a TSV: file, label, group, split, variant, the true settings
     * and the features, so that a test can re-evaluate a committed model on them without the audio.
     */
    public static void writeHeldOut(List<Row> rows, Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("file\tlabel\tgroup\tsplit\tvariant\ttruth\tfeatures");
        for (Row r : rows) {
            if (r.item().isTest()) {
                lines.add(String.join("\t", r.item().relative(), r.item().label(), r.item().group(), r.item().split(),
                        String.valueOf(r.variant()), join(r.truth()), join(r.x())));
            }
        }
        writeReport(file, String.join("\n", lines) + "\n");
    }

    /** Writes a report next to a model. */
    public static void writeReport(Path file, String markdown) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".report", ".part");
            Files.writeString(tmp, markdown, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new WorkbenchException(file, "cannot write the training report: " + e.getMessage(), e);
        }
    }
}
