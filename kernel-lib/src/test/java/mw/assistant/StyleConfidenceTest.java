package mw.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

class StyleConfidenceTest {

    @Test
    void identityMapGivesBackTheTopProbabilityAndDistanceLowersIt() {
        // sigmoid(logit p) = p exactly; a negative distance coefficient d gives p / (p + (1 - p) r^-d) at distance r
        var identity = new StyleConfidence(StyleConfidence.FORMAT, StyleConfidence.VERSION, new double[] {0, 1, 0}, 0, "test");
        assertEquals(0.8, identity.confidence(0.8, 7, new double[0]), 1e-12);
        var withDistance = new StyleConfidence(StyleConfidence.FORMAT, StyleConfidence.VERSION, new double[] {0, 1, -2}, 0, "test");
        assertEquals(0.8 / (0.8 + 0.2 * 9), withDistance.confidence(0.8, 3, new double[0]), 1e-12);
    }

    @Test
    void bundledMapBelongsToTheBundledModelAndSetsTheTopProbability() {
        StyleConfidence map = StyleConfidence.bundled();
        assertNotNull(map);
        assertTrue(map.fits(AssistantModel.bundled()));
        Random r = new Random(3);
        int n = 8 * 44100;
        double[] l = new double[n];
        double[] rr = new double[n];
        double lp = 0;
        for (int i = 0; i < n; i++) {
            lp = 0.97 * lp + 0.1 * r.nextGaussian(); // brown-ish noise with a slow beat
            double env = (i % 22050) < 4000 ? 1 : 0.3;
            l[i] = env * lp;
            rr[i] = env * (0.8 * lp + 0.05 * r.nextGaussian());
        }
        AudioBuffer a = AudioBuffer.of(44100, l, rr);
        TrackFeatures f = TrackFeatures.of(a);
        AssistantModel m = AssistantModel.bundled();
        double[] p = m.probabilities(f.values());
        double top = java.util.Arrays.stream(p).max().orElseThrow();
        double expected = map.confidence(top, m.distance(f.values()), m.standardise(f.values()));
        Assistant.Proposal prop = Assistant.propose(a);
        double shown = prop.styles().values().iterator().next();
        // shrinking towards uniform: the shown top probability is the calibrated confidence (or 1/K below that)
        double u = 1.0 / p.length;
        assertEquals(expected < top ? Math.max(expected, u + 1e-3 * (top - u)) : top, shown, 1e-9);
        assertEquals(1, prop.styles().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        if (prop.oodScore() < Assistant.UNFAMILIAR_OOD) {
            assertEquals(expected, prop.confidence(), 1e-12);
        }
    }
}
