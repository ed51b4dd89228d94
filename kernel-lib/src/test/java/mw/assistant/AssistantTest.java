package mw.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import mw.platforms.ProfileSet;
import org.junit.jupiter.api.Test;

/** Proposals on signals whose right answer is known without the model: unfamiliar signals, bad input, overrides. */
class AssistantTest {
    static final int RATE = 44_100;

    static AudioBuffer whiteNoise(double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) (seconds * RATE);
        double[] l = new double[n];
        double[] rr = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = 0.25 * r.nextGaussian();
            rr[i] = 0.25 * r.nextGaussian();
        }
        return AudioBuffer.of(RATE, l, rr);
    }

    static AudioBuffer sine(double hz, double seconds) {
        int n = (int) (seconds * RATE);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 * Math.sin(2 * Math.PI * hz * i / RATE);
        }
        return AudioBuffer.of(RATE, x, x.clone());
    }

    @Test
    void whiteNoiseAndASineAreUnfamiliarAndNeverAppliedAutomatically() {
        for (AudioBuffer a : new AudioBuffer[]{whiteNoise(8, 1), sine(1000, 8)}) {
            Assistant.Proposal p = Assistant.propose(a);
            assertFalse(p.familiar(), "OOD score " + p.oodScore());
            assertTrue(p.oodScore() >= Assistant.UNFAMILIAR_OOD);
            assertEquals(0, p.confidence(), 1e-12);
            assertFalse(p.applyAutomatically());
            assertTrue(p.explanations().stream().anyMatch(e -> e.contains("unlike the training material")));
            assertEquals(1, p.styles().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        }
    }

    @Test
    void badInputIsOneClearError() {
        var silent = AudioBuffer.silence(RATE, ChannelLayout.STEREO, 8 * RATE);
        assertTrue(assertThrows(WorkbenchException.class, () -> Assistant.propose(silent)).getMessage().contains("silent"));
        var shortOne = whiteNoise(2, 2);
        assertTrue(assertThrows(WorkbenchException.class, () -> Assistant.propose(shortOne)).getMessage().contains("at least"));
        double[][] eight = new double[8][6 * RATE];
        var octo = AudioBuffer.wrap(RATE, ChannelLayout.defaultFor(8), eight);
        assertTrue(assertThrows(WorkbenchException.class, () -> Assistant.propose(octo)).getMessage().contains("8 channels"));
    }

    @Test
    void monoKeepsWidthAtOneAndPlatformAndStyleOverridesSetTheTarget() {
        AudioBuffer mono = AudioBuffer.of(RATE, whiteNoise(8, 3).channel(0));
        Assistant.Proposal p = Assistant.propose(mono);
        assertEquals(1, p.setting("width").value(), 0);

        AudioBuffer st = whiteNoise(8, 4);
        var spotify = ProfileSet.bundled().get("spotify_normal");
        Assistant.Proposal onSpotify = Assistant.propose(st, Assistant.Options.defaults().withPlatform(spotify));
        assertEquals(spotify.referenceLufs(), onSpotify.setting("target_lufs").value(), 0);
        assertEquals(spotify.truePeakMaxDbtp(), onSpotify.setting("ceiling_dbtp").value(), 0);

        // classical in the seed notes: -18 to -23 LUFS
        Assistant.Proposal classical = Assistant.propose(st, Assistant.Options.defaults().withStyle("classical"));
        assertEquals(-20.5, classical.setting("target_lufs").value(), 1e-9);
        assertEquals(-23, classical.setting("target_lufs").low(), 1e-9);
        assertEquals("classical", classical.style());
        assertThrows(WorkbenchException.class, () -> Assistant.propose(st, Assistant.Options.defaults().withStyle("polka")));
    }

    @Test
    void variationsSpanTheIntervals() {
        Assistant.Proposal p = Assistant.propose(whiteNoise(8, 5));
        var vs = Assistant.variations(p, 3);
        assertEquals(3, vs.size());
        assertEquals(p, vs.get(0).proposal());
        for (String s : new String[]{"eq_low_db", "eq_high_db"}) {
            assertEquals(p.setting(s).low(), vs.get(1).proposal().setting(s).value(), 1e-9);
            assertEquals(p.setting(s).high(), vs.get(2).proposal().setting(s).value(), 1e-9);
        }
        assertThrows(WorkbenchException.class, () -> Assistant.variations(p, 0));
    }
}
