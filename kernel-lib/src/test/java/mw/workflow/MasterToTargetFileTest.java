package mw.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.ExternalTools;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.ClipCount;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;
import mw.processing.Chain;
import mw.processing.Compressor;
import mw.processing.Eq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file mastered to a loudness target (read once, rendered straight into the output, measured as written,
 * a miss corrected on the limiter's predicted loudness): the written file is measured by ffmpeg's ebur128
 * (run here) and read back, and must be within 0.1 LU of the target and under the ceiling.
 */
class MasterToTargetFileTest {
    @TempDir
    Path tmp;

    /** ffmpeg ebur128 summary of a file: {integrated LUFS, true peak dBTP}. */
    static double[] ffmpeg(Path file) {
        String err = ExternalTools.run(120, "ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(),
                "-af", "ebur128=peak=true", "-f", "null", "-").stderr();
        String s = err.substring(err.lastIndexOf("Summary:"));
        Matcher i = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(s);
        Matcher p = Pattern.compile("Peak:\\s+(-?[0-9.inf]+) dBFS").matcher(s);
        assertTrue(i.find() && p.find(), s);
        return new double[] {Double.parseDouble(i.group(1)), Double.parseDouble(p.group(1))};
    }

    /** 6 s of stereo drums-like material: decaying noise bursts every 0.25 s over a quieter bass tone, peak about -6 dBFS. */
    static Path drums(Path dir) {
        int sr = 44_100;
        int n = 6 * sr;
        double[][] x = new double[2][n];
        Random r = new Random(11);
        for (int i = 0; i < n; i++) {
            double burst = Math.exp(-((i % (sr / 4)) / (0.03 * sr)));
            double bass = 0.1 * Math.sin(2 * Math.PI * 55 * i / sr);
            x[0][i] = bass + 0.12 * burst * r.nextGaussian();
            x[1][i] = bass + 0.12 * burst * r.nextGaussian();
        }
        Path p = dir.resolve("drums.wav");
        Audio.write(AudioBuffer.of(sr, x), p, SampleFormat.PCM_24);
        return p;
    }

    private static void assertAsWritten(MasterResult m, Path out, SampleFormat format) {
        LoudnessReport file = Loudness.of(out);
        assertEquals(file.integratedLufs(), m.after().integratedLufs(), 1e-9, "the output report is the file's");
        assertEquals(file.truePeakDbtp(), m.after().truePeakDbtp(), 1e-9, "the output true peak is the file's");
        assertEquals(file.loudnessRangeLu(), m.after().loudnessRangeLu(), 1e-9, "the output range is the file's");
        assertEquals(ClipCount.of(out), m.clips(), "full-scale count of the file");
        assertEquals(Audio.info(out).frames(), Audio.info(m.input()).frames(), "as long as the input");
    }

    @Test
    void aLightlyLimitedMasterIsRenderedOnceAndMeasuredAsWritten() throws Exception {
        ExternalTools.require("ffmpeg");
        Path in = drums(tmp);
        Path out = tmp.resolve("m.wav");
        // about 6 dB of gain with peaks near -6 dBFS: a little limiting
        double unlimited = Loudness.of(in).integratedLufs();
        MasterResult m = Master.render(in, out, SampleFormat.PCM_24, Chain.of(), MasterTarget.of(unlimited + 5, -1), null);
        assertTrue(m.reached(), m.reason());
        assertEquals(1, m.renders(), "on target at the first render");
        assertEquals(Loudness.of(in).integratedLufs(), m.before().integratedLufs(), 1e-9, "the input report is the file's");
        assertEquals(Loudness.of(in).truePeakDbtp(), m.before().truePeakDbtp(), 1e-9, "the input true peak is the file's");
        assertAsWritten(m, out, SampleFormat.PCM_24);
        double[] ff = ffmpeg(out);
        assertEquals(unlimited + 5, ff[0], 0.15, "ffmpeg integrated (printed to 0.1 LU)");
        assertTrue(ff[1] <= -1.0 + 0.05, "ffmpeg true peak " + ff[1]);
    }

    @Test
    void aHeavilyLimitedMasterWithAChainIsCorrectedOnThePrediction() throws Exception {
        ExternalTools.require("ffmpeg");
        Path in = drums(tmp);
        Path out = tmp.resolve("loud.wav");
        // the compressor and the EQ have latency and change loudness; the target needs several dB of limiting
        Chain chain = Chain.of(Eq.highPass(30, 12), Compressor.ratio(2).thresholdDb(-24).attackMs(5).releaseMs(100));
        MasterResult m = Master.render(in, out, SampleFormat.PCM_16, chain, MasterTarget.of(-9, -1), null);
        assertTrue(m.reached(), m.reason());
        // the first render, at the unlimited gain, falls short; the prediction corrects it in at most two more
        assertTrue(m.renders() >= 2 && m.renders() <= 3, "renders " + m.renders());
        assertTrue(m.limitingDb() > 3, "the limiter works: " + m.limitingDb());
        assertAsWritten(m, out, SampleFormat.PCM_16);
        assertEquals(-9, m.after().integratedLufs(), 0.1);
        double[] ff = ffmpeg(out);
        assertEquals(-9, ff[0], 0.15, "ffmpeg integrated (printed to 0.1 LU)");
        assertTrue(ff[1] <= -1.0 + 0.05, "ffmpeg true peak " + ff[1]);
        try (var s = Files.list(tmp)) {
            assertEquals(2, s.count(), "the input and the master, no temporary files left");
        }
    }

    @Test
    void aTargetOutOfReachStopsAtTheLimitingAllowed() {
        Path in = drums(tmp);
        Path out = tmp.resolve("o.wav");
        MasterResult m = Master.render(in, out, SampleFormat.PCM_24, Chain.of(), MasterTarget.of(-3, -1).maxLimitingDb(4), null);
        assertFalse(m.reached());
        assertTrue(m.reason().contains("4.0 dB of limiting allowed"), m.reason());
        assertTrue(m.limitingDb() <= 4 + 0.3, "limiting " + m.limitingDb());
        assertTrue(m.after().integratedLufs() < -3 - 0.5, "stopped short: " + m.after().integratedLufs());
        assertAsWritten(m, out, SampleFormat.PCM_24);
    }
}
