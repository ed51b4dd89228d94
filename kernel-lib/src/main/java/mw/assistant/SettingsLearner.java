package mw.assistant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import mw.WorkbenchException;
import mw.analysis.Band;
import mw.analysis.Bands;
import mw.analysis.Ltas;
import mw.analysis.Spectrum;
import mw.audio.AudioBuffer;
import mw.processing.Eq;

/**
 * Learns the assistant's EQ and width settings from undamaged real recordings, self-supervised: every
 * recording is damaged at random ({@link Degradation}) many times, and a linear regressor (Tribuo) learns
 * the settings that undo the damage from the damaged track's tonal balance (the {@code band_*} features) and
 * its side-to-mid ratio. Because the recordings are real, the regressor learns how far real music lies from
 * its typical balance by itself, and moves only as far as the damage can be told from that spread.
 *
 * <p>The damaged features are computed from the recording's long-term spectrum, not by rendering: the damage
 * is linear and time-invariant, so the damaged mid density is the original's times the filters' squared
 * magnitude, and the side density is also scaled by the squared width (a level change leaves the balance
 * alone). One spectrum per recording thus gives any number of examples; {@code SettingsLearnerTest} checks this
 * against rendering.
 *
 * <p>The 90 % interval of each setting is split-conformal with whole groups (packages) held out: each group's
 * residuals come from a regressor fitted without it. The proposal may correct only what is outside the
 * interval around no change, when trained with {@link AssistantModel.SettingModel#MOVE_INTERVAL_END}; by default
 * the move is the point prediction, which the regression has already shrunk towards no change as far as real
 * music's spread requires.
 */
public final class SettingsLearner {
    /** The features the regressors read (all other weights are zero). */
    public static final List<String> INPUTS = inputs();
    /** Coverage of the intervals. */
    public static final double COVERAGE = 0.90;

    private static List<String> inputs() {
        List<String> n = new ArrayList<>();
        for (String f : TrackFeatures.NAMES) {
            if (f.startsWith("band_")) {
                n.add(f);
            }
        }
        n.add("side_mid_db");
        return List.copyOf(n);
    }

    private SettingsLearner() {
    }

    /**
     * The spectra of one undamaged recording that examples are made from.
     *
     * @param group     its group (package): never on both sides of a split
     * @param name      a name for people (file)
     * @param binHz     bin spacing of the densities
     * @param sampleRate sample rate
     * @param mid       density of the mid (or mono) signal
     * @param side      density of the side signal (null for mono)
     */
    public record Recording(String group, String name, double binHz, int sampleRate, double[] mid, double[] side) {
        /** The spectra of a track, measured as {@link TrackFeatures} measures them (central 30 s). */
        public static Recording of(AudioBuffer audio, String group, String name) {
            AudioBuffer x = audio;
            if (audio.durationSeconds() > TrackFeatures.EXCERPT_SECONDS) {
                double mid = audio.durationSeconds() / 2;
                x = audio.sliceSeconds(mid - TrackFeatures.EXCERPT_SECONDS / 2, mid + TrackFeatures.EXCERPT_SECONDS / 2);
            }
            if (!(mw.loudness.Loudness.of(x).integratedLufs() > TrackFeatures.SILENT_LUFS)) {
                throw new WorkbenchException(name + ": the track is silent (integrated loudness below "
                        + TrackFeatures.SILENT_LUFS + " LUFS)");
            }
            Ltas l = Spectrum.ltas(x);
            boolean stereo = x.channels() == 2;
            return new Recording(group, name, l.binHz(), x.sampleRate(), l.psd(stereo ? "M" : "mix"),
                    stereo ? l.psd("S") : null);
        }

        /** The inputs ({@link #INPUTS} order) of this recording after a damage (null: undamaged). */
        public double[] inputs(Degradation d) {
            double[] m = mid.clone();
            double[] s = side == null ? null : side.clone();
            if (d != null) {
                double[] f = new double[m.length];
                for (int k = 0; k < f.length; k++) {
                    f[k] = Math.max(k * binHz, 1);
                }
                f[f.length - 1] = Math.min(f[f.length - 1], 0.4999 * sampleRate);
                double[] db = Eq.lowShelf(Assistant.LOW_SHELF_HZ, d.lowDb()).response(sampleRate, f).magnitudeDb();
                double[] dbMid = Eq.peak(Assistant.MID_PEAK_HZ, d.midDb(), Assistant.MID_Q).response(sampleRate, f).magnitudeDb();
                double[] dbHigh = Eq.highShelf(Assistant.HIGH_SHELF_HZ, d.highDb()).response(sampleRate, f).magnitudeDb();
                for (int k = 0; k < m.length; k++) {
                    double g = Math.pow(10, (db[k] + dbMid[k] + dbHigh[k]) / 10);
                    m[k] *= g;
                    if (s != null) {
                        s[k] *= g * d.width() * d.width();
                    }
                }
            }
            double[] out = new double[INPUTS.size()];
            double[] bal = TrackFeatures.tonalBalance(m, binHz, TrackFeatures.tonalBands(sampleRate));
            System.arraycopy(bal, 0, out, 0, bal.length);
            if (s != null) {
                Band all = new Band(Math.sqrt(20 * 20_000), 20, 20_000, "");
                double pm = Bands.power(m, binHz, all);
                double ps = Bands.power(s, binHz, all);
                out[bal.length] = Math.max(-60, 10 * Math.log10(Math.max(ps, 1e-30) / Math.max(pm, 1e-30)));
            } else {
                out[bal.length] = -60;
            }
            return out;
        }

        boolean stereo() {
            return side != null;
        }
    }

    /**
     * One training example.
     *
     * @param group  the recording's group
     * @param inputs the damaged recording's {@link #INPUTS}
     * @param truth  the settings that undo the damage, in model units ({@link Assistant#LEARNED_SETTINGS} order)
     */
    public record Example(String group, double[] inputs, double[] truth) {
    }

    /** {@code n} examples of a recording, each with a random damage drawn from {@code r}. */
    public static List<Example> examples(Recording rec, Random r, int n) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Degradation d = Degradation.random(r, rec.stereo());
            double[] c = d.correction();
            double[] t = new double[c.length];
            for (int s = 0; s < t.length; s++) {
                t[s] = Assistant.LEARNED_SETTINGS.get(s).toModel(c[s]);
            }
            out.add(new Example(rec.group(), rec.inputs(d), t));
        }
        return out;
    }

    /** Positions of the {@link #INPUTS} in the feature vector. */
    static int[] inputIndex() {
        return INPUTS.stream().mapToInt(TrackFeatures.NAMES::indexOf).toArray();
    }

    /**
     * The result of training.
     *
     * @param settings the setting regressors, ready for {@link AssistantModel#withSettings}
     * @param outOfFold every example's prediction from a regressor fitted without its group, per setting
     *                  ({@code [setting][example]}, model units)
     * @param heldOut   per group, the regressors fitted without it ({@code [setting][feature + 1]}, on the base
     *                  model's standardisation, like {@link AssistantModel.SettingModel#weights()})
     */
    public record Result(List<AssistantModel.SettingModel> settings, double[][] outOfFold, Map<String, double[][]> heldOut) {
    }

    /**
     * Trains the setting regressors on examples of at least two groups: each setting's weights on all examples,
     * its interval from the residuals of group-held-out fits (split conformal over groups). The base model
     * provides the feature standardisation, which the weights refer to.
     */
    public static Result train(AssistantModel base, List<Example> examples) {
        return train(base, examples, AssistantModel.SettingModel.MOVE_POINT);
    }

    /** As {@link #train(AssistantModel, List)}, with the settings' {@link AssistantModel.SettingModel#move move} rule. */
    public static Result train(AssistantModel base, List<Example> examples, String move) {
        List<String> groups = new ArrayList<>(new TreeSet<>(examples.stream().map(Example::group).toList()));
        if (groups.size() < 2) {
            throw new WorkbenchException("learning the settings needs recordings of at least two groups (packages); got "
                    + groups.size());
        }
        // the regressors are fitted on the inputs standardised by the examples' own statistics (well conditioned
        // for SGD), then the weights are re-expressed on the base model's standardisation
        int[] idx = inputIndex();
        int k = INPUTS.size();
        double[] mu = new double[k];
        double[] sd = new double[k];
        for (Example e : examples) {
            for (int i = 0; i < k; i++) {
                mu[i] += e.inputs()[i] / examples.size();
            }
        }
        for (Example e : examples) {
            for (int i = 0; i < k; i++) {
                sd[i] += (e.inputs()[i] - mu[i]) * (e.inputs()[i] - mu[i]) / examples.size();
            }
        }
        for (int i = 0; i < k; i++) {
            sd[i] = Math.max(Math.sqrt(sd[i]), 1e-6);
        }
        double[][] z = new double[examples.size()][k];
        for (int j = 0; j < z.length; j++) {
            for (int i = 0; i < k; i++) {
                z[j][i] = (examples.get(j).inputs()[i] - mu[i]) / sd[i];
            }
        }
        List<AssistantModel.SettingModel> out = new ArrayList<>();
        double[][] oof = new double[Assistant.LEARNED_SETTINGS.size()][examples.size()];
        Map<String, double[][]> heldOut = new LinkedHashMap<>();
        for (String g : groups) {
            heldOut.put(g, new double[Assistant.LEARNED_SETTINGS.size()][]);
        }
        for (int s = 0; s < Assistant.LEARNED_SETTINGS.size(); s++) {
            Assistant.SettingSpec spec = Assistant.LEARNED_SETTINGS.get(s);
            final int si = s;
            double[] y = examples.stream().mapToDouble(e -> e.truth()[si]).toArray();
            double[] res = new double[examples.size()];
            for (String g : groups) {
                List<Integer> in = new ArrayList<>();
                List<Integer> held = new ArrayList<>();
                for (int i = 0; i < examples.size(); i++) {
                    (examples.get(i).group().equals(g) ? held : in).add(i);
                }
                double[] w = StyleTrainer.fitRegressor(rows(z, in), values(y, in), spec.name());
                heldOut.get(g)[s] = onBase(base, w, mu, sd, idx);
                for (int i : held) {
                    oof[s][i] = AssistantModel.linear(new double[][] {w}, z[i])[0];
                    res[i] = Math.abs(y[i] - oof[s][i]);
                }
            }
            double[] sorted = res.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil((sorted.length + 1) * COVERAGE);
            double q = rank > sorted.length ? Double.POSITIVE_INFINITY : sorted[rank - 1];
            double[] w = StyleTrainer.fitRegressor(z, y, spec.name());
            double[] full = onBase(base, w, mu, sd, idx);
            out.add(new AssistantModel.SettingModel(spec.name(), spec.unit(), full, q, spec.min(), spec.max(), spec.description(),
                    move, "real recordings"));
        }
        return new Result(out, oof, heldOut);
    }

    /** Weights on inputs standardised by {@code mu, sd} re-expressed on the base model's standardised features. */
    private static double[] onBase(AssistantModel base, double[] w, double[] mu, double[] sd, int[] idx) {
        int k = idx.length;
        double[] full = new double[TrackFeatures.NAMES.size() + 1];
        double bias = w[k];
        for (int i = 0; i < k; i++) {
            full[idx[i]] = w[i] * base.scale()[idx[i]] / sd[i];
            bias += w[i] * (base.mean()[idx[i]] - mu[i]) / sd[i];
        }
        full[full.length - 1] = bias;
        return full;
    }

    /** Counts of examples per group, for reports. */
    public static Map<String, Integer> groupSizes(List<Example> examples) {
        Map<String, Integer> m = new LinkedHashMap<>();
        examples.forEach(e -> m.merge(e.group(), 1, Integer::sum));
        return m;
    }

    private static double[][] rows(double[][] z, List<Integer> idx) {
        return idx.stream().map(i -> z[i]).toArray(double[][]::new);
    }

    private static double[] values(double[] y, List<Integer> idx) {
        return idx.stream().mapToDouble(i -> y[i]).toArray();
    }
}
