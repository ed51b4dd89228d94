package mw.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

class SpectrumTest {
    static final int SR = 44100;

    @Test
    void iecThirdOctaveCentresMatchThePublishedExactValues() {
        // IEC 61260-1:2014 Annex E, base-10 exact mid-band frequencies (rounded to 5 significant digits)
        List<Band> thirds = Bands.thirdOctaves();
        assertEquals(31, thirds.size());
        double[][] published = {{25.119, 4}, {31.623, 5}, {100.0, 10}, {125.89, 11}, {1000.0, 20}, {1258.9, 21},
            {3981.1, 26}, {12589.0, 31}};
        for (double[] p : published) {
            Band b = thirds.get((int) p[1] - 3);
            assertEquals(p[0], b.centreHz(), p[0] * 1e-4, b.nominal());
        }
        assertEquals("20", thirds.get(0).nominal());
        assertEquals("1k", thirds.get(17).nominal());
        assertEquals("20k", thirds.get(30).nominal());
        List<Band> oct = Bands.octaves();
        assertEquals(10, oct.size());
        assertEquals("31.5", oct.get(0).nominal());
        assertEquals(31.623, oct.get(0).centreHz(), 1e-3);
        // octave edges: fm * G^(+-1/2); 1 kHz octave 707.9 .. 1412.5 Hz
        assertEquals(707.95, oct.get(5).lowHz(), 0.01);
        assertEquals(1412.5, oct.get(5).highHz(), 0.1);
    }

    @Test
    void fftPeakIsAtTheSineBin() {
        double f = 100 * (double) SR / 2048; // exactly bin 100
        double[] x = TestSignals.sine(f, 1, SR, 0.1);
        Stft s = new Stft(new StftSettings(2048, 512, Window.HANN, false));
        s.transform(x, 0);
        int best = 0;
        for (int k = 0; k < 1025; k++) {
            if (s.power(k) > s.power(best)) {
                best = k;
            }
        }
        assertEquals(100, best);
        // Hann, bin-centred sine of amplitude 1: |X| = sum(w) / 2 = nFft / 4
        assertEquals(2048 / 4.0, Math.sqrt(s.power(100)), 0.5);
    }

    @Test
    void sineBandLevelFollowsAes17() {
        // amplitude 0.5 = -6.02 dBFS (AES17: a full-scale sine reads 0 dBFS)
        AudioBuffer a = AudioBuffer.of(SR, TestSignals.sine(1000, 0.5, SR, 2));
        Ltas l = Spectrum.ltas(a);
        double[] thirds = l.bandLevelsDbfs("mix", Bands.thirdOctaves());
        assertEquals(-6.02, thirds[17], 0.1);
        assertTrue(thirds[14] < -60, "leakage two thirds away: " + thirds[14]);
    }

    @Test
    void pinkNoiseFallsThreeDbPerOctaveAndIsFlatInThirdOctaves() {
        AudioBuffer a = AudioBuffer.of(SR, TestSignals.pink(SR, 12, 7));
        Ltas l = Spectrum.ltas(a);
        assertEquals(-3.01, l.slopeDbPerOctave("mix", 50, 10_000), 0.15);
        double[] thirds = l.bandLevelsDbfs("mix", Bands.thirdOctaves());
        // bands 100 Hz .. 10 kHz (indices 7..27): equal power per band, within sampling noise
        double mean = 0;
        for (int i = 7; i <= 27; i++) {
            mean += thirds[i] / 21;
        }
        for (int i = 7; i <= 27; i++) {
            assertEquals(mean, thirds[i], 1.0, "band " + Bands.thirdOctaves().get(i).nominal());
        }
    }

    @Test
    void whiteNoiseIsFlatAndItsPowerIsKept() {
        double rms = 0.1;
        AudioBuffer a = AudioBuffer.of(SR, TestSignals.white(rms, SR, 6, 3));
        Ltas l = Spectrum.ltas(a);
        assertEquals(0, l.slopeDbPerOctave("mix", 50, 20_000), 0.1);
        assertTrue(l.flatness("mix", 20, 20_000) > 0.95, "Welch flatness " + l.flatness("mix", 20, 20_000));
        // Parseval: integrating the density gives the mean power
        assertEquals(rms * rms, l.power("mix", 0, SR / 2.0), rms * rms * 0.02);
    }

    @Test
    void stereoLtasHasMidAndSide() {
        double[] x = TestSignals.white(0.1, SR, 2, 5);
        AudioBuffer same = AudioBuffer.of(SR, x, x);
        Ltas l = Spectrum.ltas(same);
        assertEquals(List.of("L", "R", "M", "S"), l.signals());
        assertEquals(l.power("L", 20, 20000), l.power("M", 20, 20000), 1e-9);
        assertTrue(l.power("S", 20, 20000) < 1e-12);
        Spectrogram sg = Spectrum.spectrogram(same, "S");
        assertEquals(1025, sg.frequenciesHz().length);
        assertThrows(WorkbenchException.class, () -> Spectrum.spectrogram(same, "C"));
    }

    @Test
    void longProgrammesGetABoundedSpectrogram() {
        // 25 minutes at 8 kHz: the display hop grows beyond the frame length
        AudioBuffer a = AudioBuffer.silence(8000, mw.audio.ChannelLayout.MONO, 8000 * 60 * 25);
        Spectrogram sg = Spectrum.spectrogram(a, "mix");
        assertTrue(sg.timesSeconds().length <= Spectrum.SPECTROGRAM_MAX_FRAMES);
        assertTrue(sg.settings().hopLength() > 2048);
        assertEquals(25 * 60, sg.timesSeconds()[sg.timesSeconds().length - 1], 2);
    }

    @Test
    void spectrogramReadsZeroDbForAFullScaleSine() {
        double f = 200 * (double) SR / 2048;
        Spectrogram sg = Spectrum.spectrogram(AudioBuffer.of(SR, TestSignals.sine(f, 1, SR, 1)), "mix");
        float[] mid = sg.levelsDb()[sg.timesSeconds().length / 2];
        assertEquals(0, mid[200], 0.05);
        assertEquals(0.5, sg.timesSeconds()[sg.timesSeconds().length / 2], 0.05);
    }
}
