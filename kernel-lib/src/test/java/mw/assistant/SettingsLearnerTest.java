package mw.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

/** Learning the settings from undamaged recordings: the spectral shortcut, the pipeline, and the interval-end move. */
class SettingsLearnerTest {

    /** Stereo noise with a spectral tilt (one-pole low-pass mixed with white) and partly correlated channels. */
    static AudioBuffer tiltedNoise(double seconds, long seed, double lowpass, double sideAmount) {
        int rate = 44_100;
        int n = (int) (seconds * rate);
        Random r = new Random(seed);
        double[] l = new double[n];
        double[] rr = new double[n];
        double y = 0;
        for (int i = 0; i < n; i++) {
            y = lowpass * y + (1 - lowpass) * r.nextGaussian();
            double m = 0.3 * (y + 0.05 * r.nextGaussian());
            double s = sideAmount * 0.3 * r.nextGaussian() * 0.1;
            l[i] = m + s;
            rr[i] = m - s;
        }
        return AudioBuffer.of(rate, l, rr);
    }

    @Test
    void damagedInputsFromTheSpectrumMatchRenderingAndMeasuring() {
        AudioBuffer x = tiltedNoise(8, 3, 0.9, 1);
        var rec = SettingsLearner.Recording.of(x, "g", "noise");
        Degradation d = new Degradation(5, -3, -4.5, 0.6, -4);
        double[] fromSpectrum = rec.inputs(d);
        TrackFeatures rendered = TrackFeatures.of(d.apply(x));
        for (int i = 0; i < SettingsLearner.INPUTS.size(); i++) {
            String name = SettingsLearner.INPUTS.get(i);
            assertEquals(rendered.get(name), fromSpectrum[i], 0.1, name);
        }
        // undamaged: the same as the features themselves
        double[] plain = rec.inputs(null);
        TrackFeatures f = TrackFeatures.of(x);
        for (int i = 0; i < SettingsLearner.INPUTS.size(); i++) {
            assertEquals(f.get(SettingsLearner.INPUTS.get(i)), plain[i], 1e-9);
        }
    }

    /** Recordings made as densities: a power law whose exponent varies by recording around its group's. */
    static SettingsLearner.Recording synthetic(String group, double slope, Random r) {
        int bins = 4097;
        double binHz = 44_100.0 / 8192;
        double[] m = new double[bins];
        double[] s = new double[bins];
        double wiggle = r.nextGaussian();
        for (int k = 0; k < bins; k++) {
            double f = Math.max(k * binHz, 10);
            m[k] = 1e-6 * Math.pow(f / 1000, slope) * Math.pow(10, 0.1 * wiggle * Math.sin(Math.log(f)));
            s[k] = 0.1 * m[k];
        }
        return new SettingsLearner.Recording(group, group + r.nextInt(), binHz, 44_100, m, s);
    }

    @Test
    void learnsToUndoDamageWithIntervalsThatCoverNewGroupsAndNeverOvershoot() {
        Random r = new Random(5);
        List<SettingsLearner.Example> train = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < 8; i++) {
                train.addAll(SettingsLearner.examples(synthetic("g" + g, -1 - 0.1 * g + 0.15 * r.nextGaussian(), r), r, 20));
            }
        }
        AssistantModel base = AssistantModel.bundled();
        var result = SettingsLearner.train(base, train, AssistantModel.SettingModel.MOVE_INTERVAL_END);
        AssistantModel model = base.withSettings(result.settings(), Map.of("test", "yes"));
        assertEquals("yes", model.training().get("test"));
        // a new group, never trained on
        List<SettingsLearner.Example> fresh = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fresh.addAll(SettingsLearner.examples(synthetic("new", -1.1 + 0.15 * r.nextGaussian(), r), r, 20));
        }
        int[] idx = SettingsLearner.inputIndex();
        for (int s = 0; s < 3; s++) {
            AssistantModel.SettingModel sm = model.settings().get(s);
            assertEquals(AssistantModel.SettingModel.MOVE_INTERVAL_END, sm.move());
            double covered = 0;
            double errModel = 0;
            double errFixed = 0;
            int overshoot = 0;
            for (SettingsLearner.Example e : fresh) {
                double[] x = base.mean().clone();
                for (int i = 0; i < idx.length; i++) {
                    x[idx[i]] = e.inputs()[i];
                }
                double pred = model.predict(sm, x);
                double truth = e.truth()[s];
                covered += Math.abs(pred - truth) <= sm.halfWidth90() ? 1 : 0;
                errModel += Math.abs(pred - truth);
                errFixed += Math.abs(truth);
                double move = sm.move(pred, 0);
                // the interval-end move is never farther from the truth than no change, whenever the truth is inside
                if (Math.abs(pred - truth) <= sm.halfWidth90() && Math.abs(move - truth) > Math.abs(truth) + 1e-9) {
                    overshoot++;
                }
            }
            double coverage = covered / fresh.size();
            assertTrue(coverage >= 0.8 && coverage <= 0.99, sm.name() + " coverage " + coverage);
            assertTrue(errModel < 0.7 * errFixed, sm.name() + " error " + errModel + " vs fixed " + errFixed);
            assertEquals(0, overshoot, sm.name());
        }
    }

    @Test
    void intervalEndMoveCorrectsOnlyWhatLiesOutsideTheInterval() {
        var sm = new AssistantModel.SettingModel("eq_low_db", "dB", new double[51], 2.0, -12, 12, "low",
                AssistantModel.SettingModel.MOVE_INTERVAL_END, "test");
        assertEquals(0, sm.move(1.5, 0), 0);
        assertEquals(0, sm.move(-2.0, 0), 0);
        assertEquals(3, sm.move(5, 0), 1e-12);
        assertEquals(-1, sm.move(-3, 0), 1e-12);
        var point = new AssistantModel.SettingModel("eq_low_db", "dB", new double[51], 2.0, -12, 12, "low");
        assertEquals(1.5, point.move(1.5, 0), 0);
    }

    @Test
    void oneGroupIsRefused() {
        Random r = new Random(1);
        var ex = SettingsLearner.examples(synthetic("only", -1, r), r, 5);
        var e = assertThrows(WorkbenchException.class, () -> SettingsLearner.train(AssistantModel.bundled(), ex));
        assertTrue(e.getMessage().contains("two groups"), e.getMessage());
    }
}
