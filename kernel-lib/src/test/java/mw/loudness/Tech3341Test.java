package mw.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EBU Tech 3341 (V4) minimum-requirement test signals, synthesised from their published definitions
 * (1 kHz sine tones given by peak level in dBFS, identical on both stereo channels) at 44.1, 48 and
 * 96 kHz, each reading asserted inside the specification's tolerance (±0.1 LU for loudness,
 * +0.2/-0.4 dB for true peak). Cases 7 and 8 need the EBU's authentic programme and are not reproducible.
 */
class Tech3341Test {
    static final double TOL = 0.1;

    static void assertLu(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL, what);
    }

    /** Every reading of a series inside tolerance from a time on (end time of the window). */
    static void assertSeriesFrom(double[] t, double[] v, double fromSeconds, double toSeconds, double expected, String what) {
        int checked = 0;
        for (int k = 0; k < t.length; k++) {
            if (t[k] >= fromSeconds - 1e-9 && t[k] <= toSeconds + 1e-9) {
                assertEquals(expected, v[k], TOL, what + " at t = " + t[k] + " s");
                checked++;
            }
        }
        assertTrue(checked > 0, what + ": no reading checked");
    }

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void cases1and2SteadyTones(int fs) {
        for (double level : new double[] {-23, -33}) {
            AudioBuffer a = new Signals(fs, 2).tone(level, 20).build();
            LoudnessMeter m = Loudness.meter(a, 10);
            LoudnessSeries s = m.series();
            String c = (level == -23 ? "case 1" : "case 2") + " @" + fs;
            assertLu(level, m.integratedLufs(), c + " I");
            assertSeriesFrom(s.timesSeconds(), s.momentaryLufs(), 0.4, 20, level, c + " M");
            assertSeriesFrom(s.timesSeconds(), s.shortTermLufs(), 3.0, 20, level, c + " S");
            assertLu(level, m.momentaryMaxLufs(), c + " M max");
            assertLu(level, m.shortTermMaxLufs(), c + " S max");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void cases3to5Gating(int fs) {
        AudioBuffer c3 = new Signals(fs, 2).tone(-36, 10).tone(-23, 60).tone(-36, 10).build();
        assertLu(-23, Loudness.of(c3).integratedLufs(), "case 3 @" + fs);
        AudioBuffer c4 = new Signals(fs, 2).tone(-72, 10).tone(-36, 10).tone(-23, 60).tone(-36, 10).tone(-72, 10).build();
        assertLu(-23, Loudness.of(c4).integratedLufs(), "case 4 @" + fs);
        AudioBuffer c5 = new Signals(fs, 2).tone(-26, 20).tone(-20, 20.1).tone(-26, 20).build();
        assertLu(-23, Loudness.of(c5).integratedLufs(), "case 5 @" + fs);
    }

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void case6FivePointZero(int fs) {
        double[] l = new Signals(fs, 1).tone(-28, 20).mono();
        double[] c = new Signals(fs, 1).tone(-24, 20).mono();
        double[] s = new Signals(fs, 1).tone(-30, 20).mono();
        AudioBuffer five = AudioBuffer.of(fs, ChannelLayout.defaultFor(5), l, l, c, s, s);
        assertLu(-23, Loudness.of(five).integratedLufs(), "case 6 (5.0) @" + fs);
        // the same with a silent LFE channel in a 5.1 layout (the EBU set's WAVE_FORMAT_EXTENSIBLE variant)
        AudioBuffer sixCh = AudioBuffer.of(fs, ChannelLayout.SURROUND_5_1, l, l, c, new double[l.length], s, s);
        assertLu(-23, Loudness.of(sixCh).integratedLufs(), "case 6 (5.1) @" + fs);
    }

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void case9ShortTermConstant(int fs) {
        Signals sig = new Signals(fs, 2);
        for (int i = 0; i < 5; i++) {
            sig.tone(-20, 1.34).tone(-30, 1.66);
        }
        LoudnessSeries s = Loudness.series(sig.build(), 10);
        assertSeriesFrom(s.timesSeconds(), s.shortTermLufs(), 3.0, 15, -23, "case 9 S @" + fs);
    }

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void case10MaxShortTermWhateverTheStart(int fs) {
        for (int k = 0; k < 20; k++) {
            double offset = 0.2 + k * 0.0173;   // 20 starts spread over more than a 100 ms hop
            AudioBuffer a = new Signals(fs, 2).silence(offset).tone(-23, 3).silence(0.5).build();
            assertLu(-23, Loudness.of(a).shortTermMaxLufs(), "case 10-" + (k + 1) + " @" + fs);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void case11ShortTermMaxPerSegment(int fs) {
        Signals sig = new Signals(fs, 2);
        for (int k = 0; k < 20; k++) {
            double offset = 0.5 + k * 0.0271;
            sig.silence(offset).tone(-38 + k, 3).silence(3 - offset);
        }
        LoudnessSeries s = Loudness.series(sig.build(), 1);
        double[] t = s.timesSeconds();
        for (int k = 0; k < 20; k++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < t.length; i++) {
                if (t[i] > 6 * k && t[i] <= 6 * (k + 1) + 1e-9 && !Double.isNaN(s.shortTermLufs()[i])) {
                    max = Math.max(max, s.shortTermLufs()[i]);
                }
            }
            assertLu(-38 + k, max, "case 11 segment " + (k + 1) + " @" + fs);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void case12MomentaryConstant(int fs) {
        Signals sig = new Signals(fs, 2);
        for (int i = 0; i < 25; i++) {
            sig.tone(-20, 0.18).tone(-30, 0.22);
        }
        LoudnessSeries s = Loudness.series(sig.build(), 10);
        assertSeriesFrom(s.timesSeconds(), s.momentaryLufs(), 1.0, 10, -23, "case 12 M @" + fs);
    }

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void case13MaxMomentaryWhateverTheStart(int fs) {
        for (int k = 0; k < 20; k++) {
            double offset = 0.3 + k * 0.00537;   // 20 starts spread over a 100 ms hop
            AudioBuffer a = new Signals(fs, 2).silence(offset).tone(-23, 0.4).silence(0.3).build();
            assertLu(-23, Loudness.of(a).momentaryMaxLufs(), "case 13-" + (k + 1) + " @" + fs);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void case14MomentaryMaxPerSegment(int fs) {
        Signals sig = new Signals(fs, 2);
        for (int k = 0; k < 20; k++) {
            double offset = 0.05 + k * 0.0131;
            sig.silence(offset).tone(-38 + k, 0.4).silence(0.4 - offset);
        }
        LoudnessSeries s = Loudness.series(sig.build(), 1);
        double[] t = s.timesSeconds();
        for (int k = 0; k < 20; k++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < t.length; i++) {
                if (t[i] > 0.8 * k + 1e-9 && t[i] <= 0.8 * (k + 1) + 1e-9 && !Double.isNaN(s.momentaryLufs()[i])) {
                    max = Math.max(max, s.momentaryLufs()[i]);
                }
            }
            assertLu(-38 + k, max, "case 14 segment " + (k + 1) + " @" + fs);
        }
    }

    /** Cases 15-19: sines at fs/4, fs/6, fs/8 whose samples miss the crest by a known phase. */
    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void cases15to19TruePeak(int fs) {
        assertTruePeak(fs, 4, 0.5, 0, -6.02, "case 15");
        assertTruePeak(fs, 4, 0.5, 45, -6.02, "case 16");
        assertTruePeak(fs, 6, 0.5, 60, -6.02, "case 17");
        assertTruePeak(fs, 8, 0.5, 67.5, -6.02, "case 18");
        assertTruePeak(fs, 4, 1.41, 45, 20 * Math.log10(1.41), "case 19");
    }

    /**
     * The tone is 1 s long with 20 ms raised-cosine fades: an abrupt start from silence would make the
     * band-limited waveform overshoot (Gibbs), which the expected value of the specification does not
     * include. Asserted inside the specification's +0.2/-0.4 dB and, tighter, within 0.02 dB.
     */
    static void assertTruePeak(int fs, int divisor, double amplitude, double phaseDeg, double expectedDbtp, String what) {
        int n = fs;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * i / divisor + Math.toRadians(phaseDeg));
        }
        int fade = fs / 50;
        for (int i = 0; i < fade; i++) {
            double g = 0.5 - 0.5 * Math.cos(Math.PI * i / fade);
            x[i] *= g;
            x[n - 1 - i] *= g;
        }
        LoudnessReport r = Loudness.of(AudioBuffer.of(fs, x, x));
        double tp = r.truePeakDbtp();
        assertTrue(tp <= expectedDbtp + 0.2 && tp >= expectedDbtp - 0.4,
                what + " @" + fs + ": true peak " + tp + " dBTP, expected " + expectedDbtp + " +0.2/-0.4");
        assertEquals(expectedDbtp, tp, 0.02, what + " @" + fs + " (tight)");
        assertTrue(r.samplePeakDbfs() <= tp + 1e-9, "sample peak never above true peak");
    }

    /**
     * Cases 20-23 of the EBU set are supplied as files without a generating formula in Tech 3341, so they
     * are not reproducible; these substitutes exercise the same requirement (0 dBTP signals whose samples
     * lie below the waveform's peak) with an analytic expectation: the band-limited waveform is evaluated in
     * continuous time on a 64-times finer grid and scaled to a peak of exactly 1.0 (0 dBTP).
     */
    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 96000})
    void cases20to23SubstitutesAtZeroDbtp(int fs) {
        // 20': a single full-scale sample in silence (the reconstruction peaks on the sample itself)
        double[] impulse = new double[fs / 2];
        impulse[fs / 4] = 1.0;
        assertZeroDbtp(fs, impulse, "case 20' (impulse)");
        // 21': five tones from 0.12 to 0.41 fs with unrelated phases, 20 ms fades
        double[] f21 = {0.12 * fs, 0.23 * fs, 0.31 * fs, 0.37 * fs, 0.41 * fs};
        double[] p21 = {0.3, 1.9, 4.1, 2.7, 5.3};
        assertZeroDbtp(fs, synth(fs, 0.5, t -> {
            double v = 0;
            for (int k = 0; k < 5; k++) {
                v += Math.sin(2 * Math.PI * f21[k] * t + p21[k]);
            }
            return v * fade(t, 0.5, 0.02);
        }), "case 21' (multitone)");
        // 22': a 10 ms Hann-windowed burst at 19 kHz (at most 0.43 fs)
        double f22 = Math.min(19000, 0.43 * fs);
        assertZeroDbtp(fs, synth(fs, 0.1, t -> {
            double u = (t - 0.045) / 0.01;
            return u < 0 || u > 1 ? 0 : Math.sin(2 * Math.PI * f22 * t + 0.7) * (0.5 - 0.5 * Math.cos(2 * Math.PI * u));
        }), "case 22' (19 kHz burst)");
        // 23': 17 and 19.5 kHz together (their beat puts the crests between samples), 20 ms fades
        assertZeroDbtp(fs, synth(fs, 0.3, t -> (Math.sin(2 * Math.PI * 17000 * t) + Math.sin(2 * Math.PI * 19500 * t + 1.1))
                * fade(t, 0.3, 0.02)), "case 23' (two high tones)");
    }

    static double fade(double t, double length, double fadeSeconds) {
        double u = Math.min(t, length - t) / fadeSeconds;
        return u >= 1 ? 1 : u <= 0 ? 0 : 0.5 - 0.5 * Math.cos(Math.PI * u);
    }

    /** Samples a waveform at fs, scaled so its continuous-time peak (on a 64x grid) is exactly 1.0. */
    static double[] synth(int fs, double seconds, java.util.function.DoubleUnaryOperator x) {
        int n = (int) Math.round(seconds * fs);
        double peak = 0;
        for (long i = 0; i < 64L * n; i++) {
            peak = Math.max(peak, Math.abs(x.applyAsDouble(i / (64.0 * fs))));
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = x.applyAsDouble((double) i / fs) / peak;
        }
        return out;
    }

    static void assertZeroDbtp(int fs, double[] x, String what) {
        LoudnessReport r = Loudness.of(AudioBuffer.of(fs, x, x));
        double tp = r.truePeakDbtp();
        assertTrue(tp <= 0.2 && tp >= -0.4, what + " @" + fs + ": true peak " + tp + " dBTP, expected 0.0 +0.2/-0.4");
        assertEquals(0.0, tp, 0.1, what + " @" + fs + " (tight)");
    }

    /** Any rate the meter accepts: case 1 (I, M, S) and case 16 (true peak) at unusual sample rates. */
    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 22050, 32000, 88200, 176400, 192000})
    void otherSampleRates(int fs) {
        LoudnessMeter m = Loudness.meter(new Signals(fs, 2).tone(-23, 5).build(), 0);
        assertLu(-23, m.integratedLufs(), "case 1 I @" + fs);
        assertLu(-23, m.momentaryMaxLufs(), "case 1 M max @" + fs);
        assertLu(-23, m.shortTermMaxLufs(), "case 1 S max @" + fs);
        assertTruePeak(fs, 4, 0.5, 45, -6.02, "case 16");
    }
}
