package mw.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming meter: histogram gating against the full computation, block-size independence, edge cases. */
class LoudnessMeterTest {
    @TempDir
    Path tmp;

    /** A programme with real dynamics: 2 s noise bursts at seeded random levels from -60 to -10 dBFS. */
    static AudioBuffer dynamicProgramme(int fs, double seconds, long seed) {
        Random rnd = new Random(seed);
        int n = (int) (seconds * fs);
        double[] l = new double[n];
        double[] r = new double[n];
        double level = 0.1;
        double lp = 0;
        for (int i = 0; i < n; i++) {
            if (i % (2 * fs) == 0) {
                level = Math.pow(10, (-60 + 50 * rnd.nextDouble()) / 20);
            }
            lp = 0.9 * lp + 0.1 * rnd.nextGaussian();
            l[i] = level * lp * 3;
            r[i] = level * (0.7 * lp * 3 + 0.3 * rnd.nextGaussian() * 0.3);
        }
        return AudioBuffer.of(fs, l, r);
    }

    /**
     * The constant-memory histogram gives the integrated loudness and the loudness range of the full
     * computation to 0.01 LU. The full computation here is done from the meter's own 100 ms series: the
     * momentary values at 100 ms steps are exactly the BS.1770-4 gating blocks and the short-term values
     * the Tech 3342 inputs; the test sorts and gates them as the documents describe.
     */
    @Test
    void histogramGatingMatchesFullComputation() {
        for (long seed = 1; seed <= 3; seed++) {
            LoudnessMeter m = Loudness.meter(dynamicProgramme(44100, 120, seed), 100);
            LoudnessSeries s = m.series();
            assertEquals(0.1, s.hopSeconds(), 1e-12);
            List<Double> blocks = new ArrayList<>();
            List<Double> shortTerm = new ArrayList<>();
            for (int k = 0; k < s.size(); k++) {
                if (!Double.isNaN(s.momentaryLufs()[k])) {
                    blocks.add(s.momentaryLufs()[k]);
                }
                if (!Double.isNaN(s.shortTermLufs()[k])) {
                    shortTerm.add(s.shortTermLufs()[k]);
                }
            }
            assertEquals(fullIntegrated(blocks), m.integratedLufs(), 0.01, "integrated, seed " + seed);
            assertEquals(fullRange(shortTerm), m.loudnessRangeLu(), 0.01, "LRA, seed " + seed);
            assertTrue(m.loudnessRangeLu() > 5, "the programme is dynamic");
        }
    }

    static double power(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    static double lufs(double power) {
        return -0.691 + 10 * Math.log10(power);
    }

    static double fullIntegrated(List<Double> blocks) {
        double[] abs = blocks.stream().mapToDouble(Double::doubleValue).filter(v -> v > -70).toArray();
        double gate = lufs(Arrays.stream(abs).map(LoudnessMeterTest::power).average().orElseThrow()) - 10;
        return lufs(Arrays.stream(abs).filter(v -> v > gate).map(LoudnessMeterTest::power).average().orElseThrow());
    }

    static double fullRange(List<Double> st) {
        double[] abs = st.stream().mapToDouble(Double::doubleValue).filter(v -> v > -70).toArray();
        double gate = lufs(Arrays.stream(abs).map(LoudnessMeterTest::power).average().orElseThrow()) - 20;
        double[] v = Arrays.stream(abs).filter(x -> x > gate).sorted().toArray();
        int n = v.length;
        return v[(int) Math.round((n - 1) * 0.95)] - v[(int) Math.round((n - 1) * 0.10)];
    }

    /** Readings do not depend on how the stream is cut into blocks. */
    @Test
    void blockSizeDoesNotMatter() {
        AudioBuffer a = dynamicProgramme(48000, 12, 7);
        LoudnessReport whole = Loudness.of(a);
        double[][] x = a.toArrays();
        for (int block : new int[] {1, 7, 441, 4800, 100_000}) {
            LoudnessMeter m = new LoudnessMeter(48000, ChannelLayout.STEREO);
            for (int p = 0; p < a.frames(); p += block) {
                m.add(x, p, Math.min(block, a.frames() - p));
            }
            LoudnessReport r = m.report();
            assertEquals(whole.integratedLufs(), r.integratedLufs(), 1e-9, "block " + block);
            assertEquals(whole.loudnessRangeLu(), r.loudnessRangeLu(), 1e-9, "block " + block);
            assertEquals(whole.momentaryMaxLufs(), r.momentaryMaxLufs(), 1e-9, "block " + block);
            assertEquals(whole.shortTermMaxLufs(), r.shortTermMaxLufs(), 1e-9, "block " + block);
            assertEquals(whole.truePeakDbtp(), r.truePeakDbtp(), 1e-6, "block " + block);
        }
    }

    /** Live readings while streaming: the momentary reading follows a level step within one window. */
    @Test
    void liveReadings() {
        LoudnessMeter m = new LoudnessMeter(48000, ChannelLayout.STEREO);
        assertTrue(Double.isNaN(m.momentaryLufs()), "no reading before 400 ms");
        double[][] quiet = new Signals(48000, 2).tone(-33, 5).build().toArrays();
        double[][] loud = new Signals(48000, 2).tone(-23, 1).build().toArrays();
        m.add(quiet, quiet[0].length);
        assertEquals(-33, m.momentaryLufs(), 0.05);
        assertEquals(-33, m.shortTermLufs(), 0.05);
        m.add(loud, loud[0].length);
        assertEquals(-23, m.momentaryLufs(), 0.05);
        assertEquals(-23, m.momentaryMaxLufs(), 0.05);
        assertTrue(m.integratedLufs() > -33 && m.integratedLufs() < -23);
    }

    /** Series readings are at the END time of their window, NaN before a window is complete. */
    @Test
    void seriesTimesAreWindowEnds() {
        AudioBuffer a = new Signals(48000, 2).silence(1).tone(-23, 4).build();
        LoudnessSeries s = Loudness.series(a, 250);
        assertEquals(20, s.size());
        assertEquals(0.25, s.timesSeconds()[0], 1e-12);
        assertEquals(5.0, s.timesSeconds()[19], 1e-12);
        assertTrue(Double.isNaN(s.momentaryLufs()[0]), "0.25 s: no 400 ms window yet");
        assertEquals(Double.NEGATIVE_INFINITY, s.momentaryLufs()[1], "0.5 s: window of digital silence");
        assertEquals(-23, s.momentaryLufs()[7], 0.05, "2.0 s: window 1.6-2.0 s is all tone");
        assertTrue(Double.isNaN(s.shortTermLufs()[10]), "2.75 s: no 3 s window yet");
        assertEquals(-23, s.shortTermLufs()[19], 0.05, "5.0 s: window 2-5 s is all tone");
        assertEquals(-23 + 10 * Math.log10(2.0 / 3), s.shortTermLufs()[11], 0.05, "3.0 s: 2 s of tone in 3 s");
    }

    @Test
    void monoIsOneChannelOfWeightOne() {
        // a mono -23 dBFS sine carries half the power of the stereo case: -26.01 LUFS
        AudioBuffer mono = new Signals(48000, 1).tone(-23, 10).build();
        assertEquals(-23 + 10 * Math.log10(0.5), Loudness.of(mono).integratedLufs(), 0.05);
    }

    @Test
    void lfeIsExcluded() {
        double[] tone = new Signals(48000, 1).tone(-10, 5).mono();
        double[] z = new double[tone.length];
        LoudnessReport r = Loudness.of(AudioBuffer.of(48000, ChannelLayout.SURROUND_5_1, z, z, z, tone, z, z));
        assertTrue(Double.isNaN(r.integratedLufs()), "only LFE: no loudness");
        assertEquals(-10, r.samplePeakDbfs(), 0.01, "peaks include the LFE channel");
        assertTrue(r.notes().contains("absolute gate"), r.notes());
    }

    @Test
    void silenceHasNoLoudness() {
        LoudnessReport r = Loudness.of(AudioBuffer.silence(48000, ChannelLayout.STEREO, 5 * 48000));
        assertTrue(Double.isNaN(r.integratedLufs()));
        assertTrue(Double.isNaN(r.loudnessRangeLu()));
        assertTrue(Double.isNaN(r.momentaryMaxLufs()));
        assertTrue(Double.isNaN(r.shortTermMaxLufs()));
        assertTrue(Double.isNaN(r.truePeakDbtp()));
        assertTrue(Double.isNaN(r.samplePeakDbfs()));
        assertTrue(Double.isNaN(r.plrDb()));
        assertTrue(r.notes().contains("digital silence"), r.notes());
        assertEquals(5.0, r.durationSeconds(), 1e-12);
    }

    @Test
    void fiftyMillisecondsHasPeaksButNoLoudness() {
        LoudnessReport r = Loudness.of(new Signals(48000, 2).tone(-6, 0.05).build());
        assertTrue(Double.isNaN(r.integratedLufs()));
        assertTrue(Double.isNaN(r.momentaryMaxLufs()));
        assertTrue(Double.isNaN(r.shortTermMaxLufs()));
        assertTrue(Double.isNaN(r.loudnessRangeLu()));
        assertEquals(-6, r.truePeakDbtp(), 0.05);
        assertEquals(-6, r.samplePeakDbfs(), 0.05);
        assertTrue(r.notes().contains("shorter than the 400 ms"), r.notes());
    }

    @Test
    void nonFiniteSamplesAreRefusedWithTheirPosition() {
        double[] x = new Signals(48000, 1).tone(-20, 1).mono();
        x[1234] = Double.NaN;
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Loudness.of(AudioBuffer.of(48000, x, x)));
        assertTrue(e.getMessage().contains("sample 1234 of channel 1") && e.getMessage().contains("NaN"), e.getMessage());
        x[1234] = Double.POSITIVE_INFINITY;
        e = assertThrows(WorkbenchException.class, () -> Loudness.of(AudioBuffer.of(48000, x, x)));
        assertTrue(e.getMessage().contains("infinite"), e.getMessage());
    }

    /** The file version streams the file and agrees with the in-memory analysis of the same samples. */
    @Test
    void fileIsStreamedAndAgreesWithBuffer() {
        AudioBuffer a = dynamicProgramme(44100, 20, 11);
        Path f = tmp.resolve("prog.wav");
        Audio.write(a, f, SampleFormat.FLOAT_32);
        LoudnessReport fromFile = Loudness.of(f);
        LoudnessReport fromBuffer = Loudness.of(Audio.read(f));
        assertEquals(fromBuffer, fromFile);
        assertEquals(Loudness.of(a).integratedLufs(), fromFile.integratedLufs(), 1e-4);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Loudness.of(tmp.resolve("missing.wav")));
        assertTrue(e.getMessage().contains("missing.wav"), e.getMessage());
    }

    @Test
    void jsonHasTheCommandKeysAndNullsForMissingFigures() {
        var ok = Loudness.of(new Signals(48000, 2).tone(-23, 5).build()).toJson();
        assertEquals(-23.0, ok.get("integrated_lufs").asDouble(), 0.05);
        assertEquals(48000, ok.get("sample_rate").asInt());
        assertTrue(!ok.has("notes"));
        var silent = Loudness.of(AudioBuffer.silence(48000, ChannelLayout.STEREO, 48000)).toJson();
        for (String k : List.of("integrated_lufs", "loudness_range_lu", "momentary_max_lufs", "short_term_max_lufs",
                "true_peak_dbtp", "sample_peak_dbfs", "plr_db")) {
            assertTrue(silent.get(k).isNull(), k);
        }
        assertTrue(silent.get("notes").asText().contains("silence"));
    }

    /** Album: the gating runs over the blocks of every track; the result is the energy mean of the tracks. */
    @Test
    void albumGatesAllTracksTogether() {
        LoudnessMeter a = Loudness.meter(new Signals(48000, 2).tone(-20, 10).build(), 0);
        LoudnessMeter b = Loudness.meter(new Signals(48000, 2).tone(-30, 10).build(), 0);
        LoudnessMeter quiet = Loudness.meter(new Signals(48000, 2).tone(-45, 10).build(), 0);
        LoudnessReport album = LoudnessMeter.album(List.of(a, b));
        // both tracks pass the relative gate: I = 10 log10 of the mean of their energies
        assertEquals(10 * Math.log10((Math.pow(10, -2.0) + Math.pow(10, -3.0)) / 2), album.integratedLufs(), 0.05);
        assertEquals(-20, album.momentaryMaxLufs(), 0.05);
        assertEquals(20.0, album.durationSeconds(), 1e-9);
        assertEquals(10, album.loudnessRangeLu(), 0.1);
        // a track 25 LU down falls under the relative gate of the album and does not lower it
        assertEquals(-20, LoudnessMeter.album(List.of(a, quiet)).integratedLufs(), 0.05);
    }
}
