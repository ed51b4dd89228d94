package mw.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.ExternalTools;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running integrated loudness of {@link LoudnessSeries}: gated loudness (BS.1770-4) of the programme
 * from its start to each reading, checked against block energies and gating worked out by hand.
 */
class RunningIntegratedTest {
    static final int FS = 48000;

    /**
     * Loudness (LUFS) of a stereo 1 kHz sine of peak level {@code dbfs} on both channels, from the K-filter
     * coefficients published for 48 kHz in ITU-R BS.1770-4 (Tables 1 and 2): -0.691 + 10 log10(2 * A^2/2 *
     * |H(1 kHz)|^2).
     */
    static double toneLufs(double dbfs) {
        double w = 2 * Math.PI * 1000.0 / FS;
        double shelf = mag(w, 1.53512485958697, -2.69169618940638, 1.19839281085285)
                / mag(w, 1, -1.69065929318241, 0.73248077421585);
        double hp = mag(w, 1, -2, 1) / mag(w, 1, -1.99004745483398, 0.99007225036621);
        double h = shelf * hp;
        return -0.691 + dbfs + 20 * Math.log10(h);
    }

    /** |c0 + c1 e^-jw + c2 e^-2jw|. */
    private static double mag(double w, double c0, double c1, double c2) {
        double re = c0 + c1 * Math.cos(w) + c2 * Math.cos(2 * w);
        double im = -c1 * Math.sin(w) - c2 * Math.sin(2 * w);
        return Math.hypot(re, im);
    }

    /**
     * The BS.1770-4 integrated loudness, worked out by hand, of two constant sections (loudness
     * {@code l1} for {@code s1} seconds, then {@code l2}) up to time {@code t}: gating blocks of 400 ms end
     * every 100 ms from 0.4 s; a block's mean square is the time-weighted mean of the sections' mean squares;
     * blocks above -70 LUFS are averaged, the relative gate is that mean - 10 LU, and the result is the mean
     * energy of the blocks above it.
     */
    static double expected(double l1, double s1, double l2, double t) {
        double e1 = Math.pow(10, l1 / 10);
        double e2 = Math.pow(10, l2 / 10);
        List<Double> blocks = new ArrayList<>();
        for (int end = 4; end <= Math.round(t * 10); end++) {
            double b = end / 10.0 - 0.4;
            double e = end / 10.0;
            double in1 = Math.max(0, Math.min(e, s1) - b);
            double mean = (in1 * e1 + (0.4 - in1) * e2) / 0.4;
            if (10 * Math.log10(mean) > -70) {
                blocks.add(mean);
            }
        }
        double gate = 10 * Math.log10(blocks.stream().mapToDouble(Double::doubleValue).average().orElseThrow()) - 10;
        return 10 * Math.log10(blocks.stream().mapToDouble(Double::doubleValue)
                .filter(x -> 10 * Math.log10(x) > gate).average().orElseThrow());
    }

    static double at(LoudnessSeries s, double t) {
        int k = (int) Math.round(t / s.hopSeconds()) - 1;
        assertEquals(t, s.timesSeconds()[k], 1e-9);
        return s.runningIntegratedLufs()[k];
    }

    private static void check(double dbfs1, double dbfs2, double closedForm) {
        Signals sig = new Signals(FS, 2).tone(dbfs1, 10).tone(dbfs2, 10);
        LoudnessSeries s = Loudness.series(sig.build(), 100);
        double l1 = toneLufs(dbfs1);
        double l2 = toneLufs(dbfs2);
        assertEquals(-20.0, l1, 0.01, "the 1 kHz tone reads its peak level in LUFS (Tech 3341)");
        assertEquals(l1, at(s, 10.0), 0.05, "10 s: only the first section");
        assertEquals(l1, expected(l1, 10, l2, 10.0), 1e-9);
        assertEquals(expected(l1, 10, l2, 20.0), at(s, 20.0), 0.05, "20 s");
        assertEquals(closedForm, at(s, 20.0), 0.05, "20 s, closed form");
        for (double t = 0.5; t <= 20.0; t += 0.5) {
            assertEquals(expected(l1, 10, l2, t), at(s, t), 0.05, "t = " + t);
        }
        assertEquals(Loudness.of(sig.build()).integratedLufs(), s.runningIntegratedLufs()[s.size() - 1], 0.01);
    }

    /**
     * -20 then -25 LUFS: both sections pass the relative gate (the mean is about -22.1, the gate -32.1), and
     * the three blocks straddling the change average to the midpoint of the two energies, so the result is
     * 10 log10((10^-2 + 10^-2.5) / 2).
     */
    @Test
    void bothSectionsPassTheGate() {
        check(-20, -25, 10 * Math.log10((Math.pow(10, -2.0) + Math.pow(10, -2.5)) / 2));
    }

    /**
     * -20 then -30 LUFS: the ungated mean is about -22.6 LUFS, so the relative gate (-32.6) keeps the -30
     * blocks too: 10 log10((10^-2 + 10^-3) / 2), not -20.
     */
    @Test
    void aTenLuQuieterSectionStillPassesTheGate() {
        check(-20, -30, 10 * Math.log10((Math.pow(10, -2.0) + Math.pow(10, -3.0)) / 2));
    }

    /**
     * -20 then -40 LUFS: the ungated mean is about -22.9 LUFS, the gate -32.9, so the -40 blocks are gated
     * out and only the first section and the blocks straddling the change count (-20.07 LUFS by hand).
     */
    @Test
    void aQuietSectionIsGatedOut() {
        check(-20, -40, expected(-20, 10, -40, 20.0));
        assertEquals(-20.0, expected(-20, 10, -40, 20.0), 0.1);
    }

    @Test
    void notDefinedBeforeTheFirstBlockNorForSilence() {
        Signals sig = new Signals(FS, 2).silence(2).tone(-23, 3);
        LoudnessSeries s = Loudness.series(sig.build(), 100);
        assertTrue(Double.isNaN(at(s, 0.3)));
        assertTrue(Double.isNaN(at(s, 2.0)), "silence: no block above the absolute gate");
        double l = toneLufs(-23);
        // the three blocks straddling the start of the tone pass both gates and pull the value below -23
        assertEquals(expected(Double.NEGATIVE_INFINITY, 2, l, 5.0), at(s, 5.0), 0.05);
        assertEquals(expected(Double.NEGATIVE_INFINITY, 2, l, 2.5), at(s, 2.5), 0.05);
    }

    /**
     * On a programme with real dynamics the running value at every reading equals the integrated loudness
     * computed from scratch, by the gating of BS.1770-4, over the momentary values at 100 ms steps up to
     * that reading (those values are the gating blocks).
     */
    @Test
    void everyReadingMatchesGatingFromScratch() {
        LoudnessSeries s = Loudness.series(LoudnessMeterTest.dynamicProgramme(44100, 30, 7), 100);
        for (int k = 0; k < s.size(); k++) {
            List<Double> e = new ArrayList<>();
            for (int i = 0; i <= k; i++) {
                double m = s.momentaryLufs()[i];
                if (m > -70) {
                    e.add(Math.pow(10, (m + 0.691) / 10));
                }
            }
            if (e.isEmpty()) {
                assertTrue(Double.isNaN(s.runningIntegratedLufs()[k]), "k = " + k);
                continue;
            }
            double gate = -0.691 + 10 * Math.log10(e.stream().mapToDouble(Double::doubleValue).average().orElseThrow()) - 10;
            double want = -0.691 + 10 * Math.log10(e.stream().mapToDouble(Double::doubleValue)
                    .filter(x -> -0.691 + 10 * Math.log10(x) > gate).average().orElseThrow());
            assertEquals(want, s.runningIntegratedLufs()[k], 0.01, "k = " + k);
        }
    }

    @TempDir
    Path tmp;

    /**
     * Against ffmpeg's {@code ebur128} filter, which prints its running integrated loudness every 100 ms
     * ("t: 12.3 ... I: -20.1 LUFS", one decimal): on a 30 s programme with a quiet passage, every reading
     * agrees within 0.1 LU (rounding of the printout plus the filters' differences).
     */
    @Test
    void agreesWithFfmpegEveryHundredMilliseconds() {
        ExternalTools.require("ffmpeg");
        Path f = tmp.resolve("programme.wav");
        var audio = FfmpegCrossCheckTest.programme(1);
        Audio.write(audio, f, SampleFormat.PCM_24);
        ExternalTools.Result r = ExternalTools.run(120, "ffmpeg", "-nostdin", "-nostats", "-i", f.toString(),
                "-filter_complex", "ebur128", "-f", "null", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        LoudnessSeries s = Loudness.series(audio, 100);
        Matcher m = Pattern.compile("t: *([0-9.]+) .*? I: *(-?[0-9.]+) LUFS").matcher(r.stderr());
        int compared = 0;
        double worst = 0;
        while (m.find()) {
            double t = Double.parseDouble(m.group(1));
            double ff = Double.parseDouble(m.group(2));
            int k = (int) Math.round(t * 10) - 1;
            if (k < 4 || k >= s.size() || ff <= -70 || Math.abs(s.timesSeconds()[k] - t) > 1e-3) {
                continue;
            }
            double ours = s.runningIntegratedLufs()[k];
            worst = Math.max(worst, Math.abs(ours - ff));
            assertEquals(ff, ours, 0.1, "t = " + t);
            compared++;
        }
        assertTrue(compared > 250, "compared " + compared + " readings; worst difference " + worst);
    }
}
