package mw.assistant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mw.WorkbenchException;

/**
 * A trained assistant model as plain numbers: feature standardisation, the multinomial logistic
 * regression of the styles (weights trained by Tribuo, applied here as a dot product and a softmax),
 * its temperature (Guo et al. 2017, "On calibration of modern neural networks"), the out-of-distribution
 * statistics (Mahalanobis distance with a shrunk covariance, calibrated against held-out distances) and
 * one linear regressor per setting with its split-conformal half-width (Lei et al. 2018, "Distribution-free
 * predictive inference for regression"). Stored as JSON, version-checked on load.
 *
 * @param format      always {@link #FORMAT}
 * @param version     file format version; only {@link #VERSION} is read
 * @param features    feature names, in the order of {@link TrackFeatures#NAMES}
 * @param mean        per-feature mean of the training data
 * @param scale       per-feature standard deviation of the training data
 * @param styles      style labels, in weight-row order
 * @param weights     {@code [style][feature + 1]}: logit weights on standardised features, bias last
 * @param temperature logits are divided by it before the softmax
 * @param ood         out-of-distribution statistics
 * @param settings    setting regressors
 * @param curves      per style, the mean octave-band balance of its training excerpts (the {@code band_*} features, dB)
 * @param training    a few facts about the training run (corpus, split, date)
 */
public record AssistantModel(String format, int version, List<String> features, double[] mean, double[] scale,
                             List<String> styles, double[][] weights, double temperature, Ood ood,
                             List<SettingModel> settings, Map<String, double[]> curves,
                             Map<String, String> training) {

    public static final String FORMAT = "mw-assistant-model";
    public static final int VERSION = 1;
    /** Octave bands of the tonal curves (31.5 Hz to 16 kHz). */
    public static final int BANDS = 10;
    /** Where the bundled model lives on the class path. */
    public static final String RESOURCE = "/mw/assistant/style-model.json";

    /**
     * Out-of-distribution statistics.
     *
     * @param precision            inverse of the shrunk covariance of standardised training features
     * @param calibrationDistances sorted Mahalanobis distances of held-out in-distribution tracks
     * @param shrinkage            weight of the identity in the shrunk covariance
     */
    public record Ood(double[][] precision, double[] calibrationDistances, double shrinkage) {
    }

    /**
     * A linear regressor for one setting, with its split-conformal interval.
     *
     * @param name     setting name ({@code eq_low_db}, ...)
     * @param unit     unit for people
     * @param weights  {@code [feature + 1]} on standardised features, bias last
     * @param halfWidth90 split-conformal half-width of the 90 % prediction interval
     * @param min      smallest value the chain accepts
     * @param max      largest value the chain accepts
     * @param description what the setting does
     * @param move     how the prediction becomes the proposed move: {@link #MOVE_POINT} (null in older files) or
     *                 {@link #MOVE_INTERVAL_END}
     * @param trainedOn what the regressor was trained on, for people
     */
    public record SettingModel(String name, String unit, double[] weights, @JsonProperty("half_width_90") double halfWidth90,
                               double min, double max, String description, String move,
                               @JsonProperty("trained_on") String trainedOn) {
        /** The move is the point prediction. */
        public static final String MOVE_POINT = "point";
        /**
         * The move is the end of the 90 % interval nearest to no change, and nothing when the interval contains no
         * change: only what the model is sure is off is corrected, and never by more than it is sure of.
         */
        public static final String MOVE_INTERVAL_END = "interval_end";

        public SettingModel(String name, String unit, double[] weights, double halfWidth90, double min, double max,
                            String description) {
            this(name, unit, weights, halfWidth90, min, max, description, MOVE_POINT, "renders");
        }

        /**
         * The proposed move, in model units, of a prediction {@code m} (model units) whose no-change value is
         * {@code none}.
         */
        public double move(double m, double none) {
            if (!MOVE_INTERVAL_END.equals(move)) {
                return m;
            }
            double d = m - none;
            return Math.abs(d) <= halfWidth90 ? none : m - Math.signum(d) * halfWidth90;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The model bundled with the workbench. */
    public static AssistantModel bundled() {
        try (InputStream in = AssistantModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new WorkbenchException("the bundled assistant model " + RESOURCE + " is missing from the class path");
            }
            return parse(in.readAllBytes(), "bundled model " + RESOURCE);
        } catch (IOException e) {
            throw new WorkbenchException("cannot read the bundled assistant model: " + e.getMessage(), e);
        }
    }

    /** Loads a model file written by {@link #save}. */
    public static AssistantModel load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new WorkbenchException(file, "the assistant model file does not exist");
        } catch (IOException e) {
            throw new WorkbenchException(file, "cannot read the assistant model: " + e.getMessage(), e);
        }
    }

    /** Parses and validates a model; {@code origin} names it in errors. */
    public static AssistantModel parse(byte[] json, String origin) {
        AssistantModel m;
        try {
            m = JSON.readValue(json, AssistantModel.class);
        } catch (IOException e) {
            throw new WorkbenchException(origin + " is not a readable assistant model (corrupt JSON: "
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (m == null || !FORMAT.equals(m.format())) {
            throw new WorkbenchException(origin + " is not an assistant model (format is not '" + FORMAT + "')");
        }
        if (m.version() != VERSION) {
            throw new WorkbenchException(origin + " is an assistant model of format version " + m.version()
                    + "; this workbench reads version " + VERSION + " (retrain it with 'mw style train')");
        }
        m.validate(origin);
        return m;
    }

    private void validate(String origin) {
        if (!TrackFeatures.NAMES.equals(features)) {
            throw new WorkbenchException(origin + " was trained on other features than this workbench computes; retrain it");
        }
        int f = features.size();
        boolean ok = mean != null && mean.length == f && scale != null && scale.length == f && styles != null
                && styles.size() >= 2 && weights != null && weights.length == styles.size()
                && Arrays.stream(weights).allMatch(w -> w != null && w.length == f + 1)
                && temperature > 0 && ood != null && ood.precision() != null && ood.precision().length == f
                && ood.calibrationDistances() != null && ood.calibrationDistances().length > 0 && settings != null
                && settings.stream().allMatch(s -> s.weights() != null && s.weights().length == f + 1)
                && curves != null && styles.stream().allMatch(s -> curves.get(s) != null && curves.get(s).length == BANDS);
        if (!ok) {
            throw new WorkbenchException(origin + " is a corrupt assistant model (arrays of the wrong size or missing)");
        }
        for (SettingModel s : settings) {
            if (s.move() != null && !s.move().equals(SettingModel.MOVE_POINT) && !s.move().equals(SettingModel.MOVE_INTERVAL_END)) {
                throw new WorkbenchException(origin + " is a corrupt assistant model (setting " + s.name() + " has move '"
                        + s.move() + "'; known: " + SettingModel.MOVE_POINT + ", " + SettingModel.MOVE_INTERVAL_END + ")");
            }
        }
    }

    /** Writes the model as JSON (to a temporary file, then moved into place). */
    public void save(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".model", ".part");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new WorkbenchException(file, "cannot write the assistant model: " + e.getMessage(), e);
        }
    }

    /** JSON text of the model. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new WorkbenchException("cannot serialise the assistant model: " + e.getMessage(), e);
        }
    }

    /** The same model with other setting regressors (and a note on them in the training facts). */
    public AssistantModel withSettings(List<SettingModel> newSettings, Map<String, String> moreFacts) {
        Map<String, String> t = new java.util.LinkedHashMap<>(training == null ? Map.of() : training);
        t.putAll(moreFacts);
        return new AssistantModel(format, version, features, mean, scale, styles, weights, temperature, ood,
                List.copyOf(newSettings), curves, t);
    }

    /** Standardised features. */
    public double[] standardise(double[] x) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = (x[i] - mean[i]) / scale[i];
        }
        return z;
    }

    /** Raw logits (before temperature) of standardised features. */
    public double[] logits(double[] z) {
        return linear(weights, z);
    }

    /** Calibrated style probabilities of raw features, in {@link #styles()} order. */
    public double[] probabilities(double[] x) {
        return softmax(logits(standardise(x)), temperature);
    }

    /** Mahalanobis distance of raw features from the training data. */
    public double distance(double[] x) {
        return mahalanobis(ood.precision(), standardise(x));
    }

    /**
     * Out-of-distribution score in [0, 1]: the share of held-out in-distribution tracks that lie nearer
     * to the training data than this one (0.5 is typical, above 0.99 is unfamiliar).
     */
    public double oodScore(double[] x) {
        double d = distance(x);
        double[] cal = ood.calibrationDistances();
        int below = 0;
        while (below < cal.length && cal[below] < d) {
            below++;
        }
        return (double) below / cal.length;
    }

    /** The setting regressor of a name. */
    public SettingModel setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new WorkbenchException("the assistant model has no setting '" + name + "'"));
    }

    /** A setting's point prediction for raw features. */
    public double predict(SettingModel s, double[] x) {
        double[] z = standardise(x);
        double y = s.weights()[z.length];
        for (int i = 0; i < z.length; i++) {
            y += s.weights()[i] * z[i];
        }
        return y;
    }

    static double[] linear(double[][] w, double[] z) {
        double[] out = new double[w.length];
        for (int c = 0; c < w.length; c++) {
            double s = w[c][z.length];
            for (int i = 0; i < z.length; i++) {
                s += w[c][i] * z[i];
            }
            out[c] = s;
        }
        return out;
    }

    static double[] softmax(double[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l / temperature);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] / temperature - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    static double mahalanobis(double[][] precision, double[] z) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double row = 0;
            for (int j = 0; j < z.length; j++) {
                row += precision[i][j] * z[j];
            }
            s += z[i] * row;
        }
        return Math.sqrt(Math.max(0, s));
    }
}
