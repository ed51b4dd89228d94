package mw.assistant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import mw.WorkbenchException;

/**
 * How likely the style model's top style is right, learned on held-out data: a logistic map (Platt scaling,
 * Platt 1999) of the logit of the top probability and the log of the track's Mahalanobis distance from the
 * training data. Real recordings lie farther from the rendered training music than held-out renders do, and
 * the model is wrong on most of them; the distance term lets the confidence fall with them.
 * Fitted by {@code scripts/assistant/Calibrate.java} for one model (identified by {@link #fingerprint}); for
 * any other model the assistant falls back to the top probability scaled by familiarity.
 *
 * @param format      {@link #FORMAT}
 * @param version     {@link #VERSION}
 * @param coef        intercept, coefficient of logit(top p), of log(distance), then of each standardised feature (optional)
 * @param model       fingerprint of the model it was fitted for
 * @param fittedOn    what it was fitted on
 */
public record StyleConfidence(String format, int version, double[] coef, int model, String fittedOn) {
    public static final String FORMAT = "mw-assistant-confidence";
    public static final int VERSION = 1;
    public static final String RESOURCE = "/mw/assistant/style-confidence.json";
    /** Confidence at or above which a proposal may be applied without review. */
    public static final double APPLY = 0.7;
    /** Confidence below which the track is called unfamiliar: the top style is more likely wrong than right. */
    public static final double UNFAMILIAR = 0.5;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The inputs of the map: logit of the top probability (clamped to ±13.8), log of the distance, then the
     * standardised features when the map uses them (an empty array when not).
     */
    public static double[] inputs(double topP, double distance, double[] z) {
        double p = Math.max(1e-6, Math.min(1 - 1e-6, topP));
        double[] in = new double[2 + z.length];
        in[0] = Math.log(p / (1 - p));
        in[1] = Math.log(Math.max(1e-6, distance));
        System.arraycopy(z, 0, in, 2, z.length);
        return in;
    }

    /** Whether the map reads the standardised features besides the top probability and the distance. */
    public boolean usesFeatures() {
        return coef.length > 3;
    }

    /** Probability that the top style is right ({@code z}: standardised features, ignored unless {@link #usesFeatures}). */
    public double confidence(double topP, double distance, double[] z) {
        double[] x = inputs(topP, distance, usesFeatures() ? z : new double[0]);
        double s = coef[0];
        for (int j = 0; j < x.length; j++) {
            s += coef[j + 1] * x[j];
        }
        return 1 / (1 + Math.exp(-s));
    }

    /** Whether this map was fitted for that model. */
    public boolean fits(AssistantModel m) {
        return model == fingerprint(m);
    }

    /** A fingerprint of a model's classifier weights. */
    public static int fingerprint(AssistantModel m) {
        return Arrays.deepHashCode(m.weights());
    }

    /** The map bundled with the workbench, or null when it is absent. */
    public static StyleConfidence bundled() {
        try (InputStream in = StyleConfidence.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            StyleConfidence c = JSON.readValue(in.readAllBytes(), StyleConfidence.class);
            if (!FORMAT.equals(c.format()) || c.version() != VERSION || c.coef() == null
                    || (c.coef().length != 3 && c.coef().length != 3 + TrackFeatures.NAMES.size())) {
                throw new WorkbenchException("the bundled confidence map " + RESOURCE + " is corrupt or of another version");
            }
            return c;
        } catch (IOException e) {
            throw new WorkbenchException("cannot read the bundled confidence map " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new WorkbenchException("cannot serialise the confidence map: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "confidence = sigmoid(%.3f %+.3f logit(top p) %+.3f ln(distance)%s)", coef[0], coef[1], coef[2],
                usesFeatures() ? " + feature terms" : "");
    }
}
