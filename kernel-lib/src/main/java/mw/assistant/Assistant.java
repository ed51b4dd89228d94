package mw.assistant;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.platforms.Profile;
import mw.processing.Chain;
import mw.processing.Compressor;
import mw.processing.Eq;
import mw.processing.LoudnessTarget;
import mw.processing.Stereo;

/**
 * The mastering assistant: recognises a track's style with calibrated probabilities, says when the track is
 * unlike anything it was trained on, blends the style profiles into a target, and proposes a starting chain
 * whose settings carry 90 % prediction intervals and one overall confidence.
 *
 * <pre>{@code
 * var p = Assistant.propose(Audio.read("mix.flac"));
 * p.styles();        // {electronic=0.81, pop=0.09, ...}
 * p.settings();      // eq_low_db = -1.2 [-3.0, +0.6] dB, ...
 * p.chain();         // the Chain to render, then LoudnessTarget at p.setting("target_lufs")
 * Assistant.render(mix, p);
 * }</pre>
 *
 * <p>What is learned and what is a rule: the style probabilities, the out-of-distribution score and the
 * EQ and width settings are learned from data (see docs/assistant.md for how, and the training report
 * for how well); target loudness, ceiling and compression come from the style profiles (sourced JSON)
 * blended by the probabilities, or from a platform when one is given.
 */
public final class Assistant {
    /** Corner of the low shelf, Hz. */
    public static final double LOW_SHELF_HZ = 120;
    /** Centre of the mid peak, Hz. */
    public static final double MID_PEAK_HZ = 1000;
    /** Q of the mid peak. */
    public static final double MID_Q = 0.7;
    /** Corner of the high shelf, Hz. */
    public static final double HIGH_SHELF_HZ = 6000;
    /** Out-of-distribution score above which a track is called unfamiliar. */
    public static final double UNFAMILIAR_OOD = 0.99;
    /** Confidence at or above which a proposal may be applied without review. */
    public static final double APPLY_CONFIDENCE = StyleConfidence.APPLY;

    /**
     * A setting the model learns.
     *
     * @param log2 whether the model predicts it in octaves (log2) rather than linearly
     */
    public record SettingSpec(String name, String unit, double min, double max, boolean log2, String description) {
        double toModel(double v) {
            return log2 ? Math.log(v) / Math.log(2) : v;
        }

        double fromModel(double m) {
            double v = log2 ? Math.pow(2, m) : m;
            return Math.max(min, Math.min(max, v));
        }
    }

    /** The learned settings, in the order of {@link Degradation#correction()}. */
    public static final List<SettingSpec> LEARNED_SETTINGS = List.of(
            new SettingSpec("eq_low_db", "dB", -12, 12, false, "low shelf gain at " + (int) LOW_SHELF_HZ + " Hz"),
            new SettingSpec("eq_mid_db", "dB", -12, 12, false, "peak gain at " + (int) MID_PEAK_HZ + " Hz, Q " + MID_Q),
            new SettingSpec("eq_high_db", "dB", -12, 12, false, "high shelf gain at " + (int) HIGH_SHELF_HZ + " Hz"),
            new SettingSpec("width", "x", 0, 2, true, "side gain factor (1 leaves the stereo image alone)"));

    /**
     * One proposed setting.
     *
     * @param value the proposal
     * @param low   lower end of its 90 % interval
     * @param high  upper end
     * @param basis how it was found ("learned", "profile", "platform", "rule", "corrected")
     */
    public record Setting(String name, String unit, double value, double low, double high, String basis) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s = %.2f [%.2f, %.2f] %s (%s)", name, value, low, high, unit, basis);
        }
    }

    /**
     * Options of a proposal.
     *
     * @param model       the model (null: the bundled one)
     * @param platform    a platform or delivery profile whose loudness and ceiling to master to (null: the styles')
     * @param style       a style to use instead of the recognised ones (null: recognise)
     * @param corrections the engineer's recorded corrections to adapt to (null: none)
     */
    public record Options(AssistantModel model, Profile platform, String style, Corrections corrections) {
        public static Options defaults() {
            return new Options(null, null, null, null);
        }

        public Options withPlatform(Profile p) {
            return new Options(model, p, style, corrections);
        }

        public Options withStyle(String s) {
            return new Options(model, platform, s, corrections);
        }

        public Options withCorrections(Corrections c) {
            return new Options(model, platform, style, c);
        }

        public Options withModel(AssistantModel m) {
            return new Options(m, platform, style, corrections);
        }
    }

    private static volatile AssistantModel bundledModel;
    private static volatile StyleProfiles bundledProfiles;

    private Assistant() {
    }

    private static volatile StyleConfidence[] bundledConfidence;

    /** The bundled confidence map if it was fitted for this model, else null. */
    static StyleConfidence confidenceMap(AssistantModel model) {
        if (bundledConfidence == null) {
            bundledConfidence = new StyleConfidence[] {StyleConfidence.bundled()};
        }
        StyleConfidence c = bundledConfidence[0];
        return c != null && c.fits(model) ? c : null;
    }

    static AssistantModel defaultModel() {
        if (bundledModel == null) {
            bundledModel = AssistantModel.bundled();
        }
        return bundledModel;
    }

    static StyleProfiles profiles() {
        if (bundledProfiles == null) {
            bundledProfiles = StyleProfiles.bundled();
        }
        return bundledProfiles;
    }

    /** A proposal with the bundled model and no platform. */
    public static Proposal propose(AudioBuffer track) {
        return propose(track, Options.defaults());
    }

    /** A proposal. */
    public static Proposal propose(AudioBuffer track, Options options) {
        return propose(TrackFeatures.of(track), track.channels() == 2, options);
    }

    /** A proposal from features already computed. */
    public static Proposal propose(TrackFeatures features, boolean stereo, Options options) {
        AssistantModel model = options.model() != null ? options.model() : defaultModel();
        StyleProfiles profiles = profiles();
        double[] x = features.values();
        double[] p = model.probabilities(x);
        double ood = model.oodScore(x);
        double familiarity = ood < UNFAMILIAR_OOD ? Math.max(0, Math.min(1, (UNFAMILIAR_OOD - ood) / 0.09)) : 0;
        StyleConfidence map = confidenceMap(model);
        double styleConfidence;
        {
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                best = p[i] > p[best] ? i : best;
            }
            if (map != null) {
                // calibrated: the top probability becomes the measured chance of being right, the others shrink
                // with it towards uniform, keeping their order
                styleConfidence = map.confidence(p[best], model.distance(x), model.standardise(x));
                double u = 1.0 / p.length;
                // (a floor of 1e-3 keeps the ranking when the confidence is at or below chance)
                double lambda = p[best] - u > 1e-12 ? Math.max(1e-3, Math.min(1, (styleConfidence - u) / (p[best] - u))) : 1;
                for (int i = 0; i < p.length; i++) {
                    p[i] = lambda * p[i] + (1 - lambda) * u;
                }
            } else {
                styleConfidence = p[best] * familiarity;
            }
        }
        Map<String, Double> styles = new LinkedHashMap<>();
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> -p[i]));
        for (int i : order) {
            styles.put(model.styles().get(i), p[i]);
        }
        boolean familiar = ood < UNFAMILIAR_OOD && (map == null || styleConfidence >= StyleConfidence.UNFAMILIAR);
        String top = model.styles().get(order[0]);
        List<String> why = new ArrayList<>();
        Map<String, Double> blendWeights = styles;
        if (options.style() != null) {
            profiles.get(options.style());
            blendWeights = Map.of(options.style(), 1.0);
            why.add("style set by hand to " + options.style() + " (recognised: " + top + ")");
        } else {
            why.add(String.format(Locale.ROOT, "recognised as %s (p = %.2f); next: %s (p = %.2f)", top, p[order[0]],
                    model.styles().get(order[1]), p[order[1]]));
        }
        if (ood >= UNFAMILIAR_OOD) {
            why.add(String.format(Locale.ROOT, "unlike the training material (out-of-distribution score %.3f, above %.2f): "
                    + "the style and the learned settings are guesses, review by hand", ood, UNFAMILIAR_OOD));
        } else if (!familiar) {
            why.add(String.format(Locale.ROOT, "unfamiliar: the recognised style is more likely wrong than right "
                    + "(calibrated confidence %.2f, distance %.1f from the training data), review by hand",
                    styleConfidence, model.distance(x)));
        }
        StyleProfiles.Target target = profiles.blend(blendWeights);

        Map<String, Setting> settings = new LinkedHashMap<>();
        for (int s = 0; s < LEARNED_SETTINGS.size(); s++) {
            SettingSpec spec = LEARNED_SETTINGS.get(s);
            AssistantModel.SettingModel sm = model.setting(spec.name());
            double m = model.predict(sm, x);
            double offset = options.corrections() == null ? 0 : options.corrections().offset(spec.name());
            double value = spec.fromModel(sm.move(m, spec.toModel(spec.log2() ? 1 : 0))) + offset;
            double low = spec.fromModel(m - sm.halfWidth90()) + offset;
            double high = spec.fromModel(m + sm.halfWidth90()) + offset;
            if (spec.name().equals("width") && !stereo) {
                value = low = high = 1;
            }
            value = Math.max(spec.min(), Math.min(spec.max(), value));
            settings.put(spec.name(), new Setting(spec.name(), spec.unit(), value, Math.max(spec.min(), low),
                    Math.min(spec.max(), high), basis(sm, offset)));
        }
        double lufsNow = features.get("lufs");
        double plrNow = features.get("plr_db");
        if (options.platform() != null && Double.isFinite(options.platform().referenceLufs())) {
            Profile pf = options.platform();
            double tol = Double.isFinite(pf.toleranceLu()) ? pf.toleranceLu() : 1.0;
            settings.put("target_lufs", new Setting("target_lufs", "LUFS", pf.referenceLufs(), pf.referenceLufs() - tol,
                    pf.referenceLufs() + tol, "platform " + pf.id()));
            double tp = Double.isFinite(pf.truePeakMaxDbtp()) ? pf.truePeakMaxDbtp() : target.ceilingDbtp();
            settings.put("ceiling_dbtp", new Setting("ceiling_dbtp", "dBTP", tp, tp, tp, "platform " + pf.id()));
            why.add("loudness and ceiling from " + pf.name());
        } else {
            settings.put("target_lufs", new Setting("target_lufs", "LUFS", target.lufs()[1], target.lufs()[0], target.lufs()[2], "profile"));
            settings.put("ceiling_dbtp", new Setting("ceiling_dbtp", "dBTP", target.ceilingDbtp(), target.ceilingDbtp(),
                    target.ceilingDbtp(), "profile"));
        }
        // Compression: close part of the gap between the track's PLR and the target's, a rule (not learned):
        // ratio 1 + excess / 6 dB, capped at 4; the interval spans the target PLR range.
        double[] ratios = new double[3];
        double[] plrT = target.plrDb();
        for (int i = 0; i < 3; i++) {
            ratios[i] = Math.min(4, 1 + Math.max(0, plrNow - plrT[i]) / 6);
        }
        double thr = Math.max(-60, Math.min(0, lufsNow + 6));
        settings.put("comp_ratio", new Setting("comp_ratio", ":1", ratios[1], ratios[2], ratios[0], "rule"));
        settings.put("comp_threshold_db", new Setting("comp_threshold_db", "dBFS", thr, thr - 3, thr + 3, "rule"));
        why.add(String.format(Locale.ROOT, "PLR %.1f dB against a target of %.1f to %.1f dB: compression ratio %.2f",
                plrNow, plrT[0], plrT[2], ratios[1]));

        double confidence = ood < UNFAMILIAR_OOD && (map != null || familiar) ? styleConfidence : 0;
        if (options.style() != null) {
            confidence = Math.max(confidence, familiarity);
        }
        boolean apply = confidence >= APPLY_CONFIDENCE;
        why.add(String.format(Locale.ROOT, "confidence %.2f: %s", confidence, apply ? "apply automatically" : "review by hand"));
        double[] curve = new double[AssistantModel.BANDS];
        double tot = 0;
        for (var e : blendWeights.entrySet()) {
            double[] c = model.curves().get(e.getKey());
            if (c == null) {
                continue;
            }
            tot += e.getValue();
            for (int b = 0; b < curve.length; b++) {
                curve[b] += e.getValue() * c[b];
            }
        }
        for (int b = 0; b < curve.length; b++) {
            curve[b] /= tot > 0 ? tot : 1;
        }
        double[] trackCurve = new double[AssistantModel.BANDS];
        int band0 = TrackFeatures.NAMES.indexOf("band_31.5");
        System.arraycopy(x, band0, trackCurve, 0, trackCurve.length);
        return new Proposal(styles, ood, familiar, options.style() != null ? options.style() : top, target, curve, trackCurve,
                settings, confidence, apply, why, stereo);
    }

    /**
     * A proposal.
     *
     * @param styles      style probabilities, most likely first (calibrated)
     * @param oodScore    out-of-distribution score (share of in-distribution held-out tracks nearer to the training data)
     * @param familiar    whether the score is below {@link #UNFAMILIAR_OOD} and the calibrated confidence
     *                    reaches {@link StyleConfidence#UNFAMILIAR}
     * @param style       the style used (recognised or set by hand)
     * @param target      the blended profile target
     * @param targetCurve the blended tonal target, octave bands 31.5 Hz to 16 kHz, dB relative to their mean
     * @param trackCurve  the track's tonal balance on the same bands
     * @param settings    every setting by name, with its interval
     * @param confidence  0 to 1: the measured chance that the top style is right ({@link StyleConfidence});
     *                    with a model it was not fitted for, top probability times familiarity
     * @param applyAutomatically whether confidence reaches {@link #APPLY_CONFIDENCE}
     * @param explanations why, in sentences
     * @param stereo      whether the track is stereo
     */
    public record Proposal(Map<String, Double> styles, double oodScore, boolean familiar, String style,
                           StyleProfiles.Target target, double[] targetCurve, double[] trackCurve,
                           Map<String, Setting> settings, double confidence, boolean applyAutomatically,
                           List<String> explanations, boolean stereo) {

        /** A setting by name. */
        public Setting setting(String name) {
            Setting s = settings.get(name);
            if (s == null) {
                throw new WorkbenchException("no setting '" + name + "'; settings: " + settings.keySet());
            }
            return s;
        }

        /** The proposed chain (EQ, width, compression); loudness and ceiling are applied by {@link #render}. */
        public Chain chain() {
            return chainFor(settings);
        }

        /** The same proposal with some settings replaced (by name, in their units). */
        public Proposal with(Map<String, Double> values) {
            Map<String, Setting> s = new LinkedHashMap<>(settings);
            for (var e : values.entrySet()) {
                Setting old = setting(e.getKey());
                s.put(e.getKey(), new Setting(old.name(), old.unit(), e.getValue(), old.low(), old.high(), "chosen"));
            }
            return new Proposal(styles, oodScore, familiar, style, target, targetCurve, trackCurve, s, confidence,
                    applyAutomatically, explanations, stereo);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Proposal[");
            styles.entrySet().stream().limit(3).forEach(e ->
                    sb.append(String.format(Locale.ROOT, "%s %.2f, ", e.getKey(), e.getValue())));
            sb.append(String.format(Locale.ROOT, "OOD %.2f, confidence %.2f (%s)]", oodScore, confidence,
                    applyAutomatically ? "apply" : "review"));
            settings.values().forEach(v -> sb.append("\n  ").append(v));
            return sb.toString();
        }
    }

    private static String basis(AssistantModel.SettingModel sm, double offset) {
        String b = AssistantModel.SettingModel.MOVE_INTERVAL_END.equals(sm.move()) ? "learned, interval end" : "learned";
        return offset != 0 ? b + ", corrected" : b;
    }

    static Chain chainFor(Map<String, Setting> s) {
        Chain c = Chain.of(Eq.lowShelf(LOW_SHELF_HZ, s.get("eq_low_db").value()),
                Eq.peak(MID_PEAK_HZ, s.get("eq_mid_db").value(), MID_Q),
                Eq.highShelf(HIGH_SHELF_HZ, s.get("eq_high_db").value()));
        if (Math.abs(s.get("width").value() - 1) > 1e-9) {
            c.add(Stereo.width(s.get("width").value()));
        }
        double ratio = s.get("comp_ratio").value();
        if (ratio > 1.01) {
            c.add(Compressor.ratio(ratio).thresholdDb(s.get("comp_threshold_db").value()).attackMs(30).releaseMs(200));
        }
        return c;
    }

    /** Renders a proposal: its chain, then gain and a true-peak limiter to its target loudness and ceiling. */
    public static LoudnessTarget.Result render(AudioBuffer track, Proposal p) {
        return LoudnessTarget.render(track, p.chain(), p.setting("target_lufs").value(), p.setting("ceiling_dbtp").value());
    }

    /**
     * One of several masters to compare.
     *
     * @param name     short name ("A", "B", ...)
     * @param proposal the settings of this variation
     * @param differs  what differs from the proposal, in words
     */
    public record Variation(String name, Proposal proposal, String differs) {
    }

    /**
     * {@code n} variations spread across the prediction intervals of the learned settings (from their low ends
     * to their high ends) and, when the model is unsure (top probability below 0.6), alternating with the
     * second style's profile. The first variation is the proposal itself. Render each with the proposal's
     * loudness target so that they compare loudness-matched.
     */
    public static List<Variation> variations(Proposal p, int n) {
        if (n < 1 || n > 26) {
            throw new WorkbenchException("variations: " + n + " asked; accepted: 1 to 26");
        }
        List<Variation> out = new ArrayList<>();
        out.add(new Variation("A", p, "the proposal"));
        List<String> styles = new ArrayList<>(p.styles().keySet());
        boolean unsure = p.styles().get(styles.get(0)) < 0.6 && styles.size() > 1;
        for (int i = 1; i < n; i++) {
            double t = n == 2 ? 0.5 : (double) (i - 1) / (n - 2); // 0 = low ends, 1 = high ends
            Map<String, Double> values = new LinkedHashMap<>();
            StringBuilder what = new StringBuilder();
            for (SettingSpec spec : LEARNED_SETTINGS) {
                Setting s = p.setting(spec.name());
                double v = s.low() + t * (s.high() - s.low());
                values.put(spec.name(), v);
                what.append(String.format(Locale.ROOT, "%s %.2f; ", spec.name(), v));
            }
            if (unsure && i % 2 == 0) {
                StyleProfiles.Target alt = profiles().blend(Map.of(styles.get(1), 1.0));
                double ratio = p.setting("comp_ratio").value();
                values.put("comp_ratio", Math.max(1, ratio + (alt.plrDb()[1] < p.target().plrDb()[1] ? 0.5 : -0.5)));
                what.append("compression as for ").append(styles.get(1)).append("; ");
            }
            String name = String.valueOf((char) ('A' + i));
            out.add(new Variation(name, p.with(values), what.toString().trim()));
        }
        return out;
    }

    /** Loads a model file, or the bundled model when {@code file} is null. */
    public static AssistantModel model(Path file) {
        return file == null ? defaultModel() : AssistantModel.load(file);
    }
}
