package mw.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

class CompareTest {
    static final int SR = 44100;

    /**
     * One sine at the exact centre of every one-third-octave band from 25 Hz to 16 kHz, equal amplitude,
     * with the bands 100, 125 and 160 Hz (the 125 Hz octave) scaled by {@code liftDb}.
     */
    static AudioBuffer comb(double liftDb, double levelDb) {
        int n = SR * 3;
        double[] x = new double[n];
        List<Band> thirds = Bands.thirdOctaves();
        for (int b = 1; b <= 29; b++) {
            double f = thirds.get(b).centreHz();
            double a = 0.02 * Math.pow(10, levelDb / 20) * (b >= 7 && b <= 9 ? Math.pow(10, liftDb / 20) : 1);
            for (int i = 0; i < n; i++) {
                x[i] += a * Math.sin(2 * Math.PI * f * i / SR + b);
            }
        }
        return AudioBuffer.of(SR, x);
    }

    @Test
    void identicalProgrammesNeedNoEq() {
        AudioBuffer a = AudioBuffer.of(SR, TestSignals.pink(SR, 4, 1));
        Comparison c = Compare.of(a, a);
        for (Comparison.BandComparison b : c.bands()) {
            assertEquals(0, b.differenceDb(), 1e-9);
        }
        for (Comparison.EqSuggestion e : c.eq()) {
            assertEquals(0, e.gainDb(), 0, e.reason());
        }
        assertEquals(10, c.eq().size());
        assertTrue(c.features().stream().anyMatch(f -> f.feature().startsWith("spectral centroid") && f.difference() == 0));
        assertThrows(WorkbenchException.class, () -> Compare.of(a));
    }

    @Test
    void aLiftedOctaveIsFoundAndOnlyThatOctaveIsCorrected() {
        AudioBuffer ref = comb(0, 0);
        // the mix: +6.02 dB in the 125 Hz octave, and 10 dB quieter overall (level must not matter)
        AudioBuffer mix = comb(20 * Math.log10(2), -10);
        Comparison c = Compare.of(mix, ref, ref);
        for (Comparison.EqSuggestion e : c.eq()) {
            if (e.band().equals("125")) {
                assertEquals(-6.02, e.gainDb(), 0.3, e.reason());
                assertTrue(e.reason().contains("above"), e.reason());
            } else {
                assertEquals(0, e.gainDb(), 0, e.band() + ": " + e.reason());
            }
        }
    }
}
