package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.ExternalTools;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Loudness-target rendering on every sample-audio track, checked by the project's meter and by
 * ffmpeg's ebur128 filter (with true peak) on the written file.
 */
class LoudnessTargetTest {
    @TempDir
    Path tmp;

    static Path sample(String name) {
        Path p = Path.of("../sample-audio", name);
        return Files.exists(p) ? p : Path.of("sample-audio", name);
    }

    /** ffmpeg ebur128 summary: {integrated LUFS, true peak dBTP}. */
    static double[] ffmpegEbur128(Path file) {
        String err = ExternalTools.run(120, "ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(),
                "-af", "ebur128=peak=true", "-f", "null", "-").stderr();
        int summary = err.lastIndexOf("Summary:");
        String s = err.substring(summary);
        Matcher i = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(s);
        Matcher p = Pattern.compile("Peak:\\s+(-?[0-9.inf]+) dBFS").matcher(s);
        assertTrue(i.find() && p.find(), s);
        return new double[] {Double.parseDouble(i.group(1)), Double.parseDouble(p.group(1))};
    }

    @ParameterizedTest
    @ValueSource(strings = {"acoustic-traveling-minstrels.flac", "electronic-through-space.flac",
        "orchestral-heroes-rite.flac", "quiet-dynamic-nunc-dimittis.flac", "rock-hedgewars-rock.flac"})
    void reachesMinus14LufsUnderMinus1DbtpOnSampleAudio(String name) throws Exception {
        ExternalTools.require("ffmpeg");
        AudioBuffer in = Audio.read(sample(name));
        Chain chain = Chain.of(Eq.highPass(25, 24), Compressor.ratio(2).thresholdDb(-20).attackMs(10).releaseMs(150));
        LoudnessTarget.Result r = LoudnessTarget.render(in, chain, -14, -1);
        assertTrue(r.reached(), r.toString());
        // the project's meter
        var rep = Loudness.of(r.audio());
        assertEquals(-14, rep.integratedLufs(), 0.1, r.toString());
        assertTrue(rep.truePeakDbtp() <= -1.0, "meter true peak " + rep.truePeakDbtp());
        // ffmpeg on the written file
        Path out = tmp.resolve(name + ".wav");
        Audio.write(r.audio(), out, SampleFormat.FLOAT_32);
        double[] ff = ffmpegEbur128(out);
        assertEquals(-14, ff[0], 0.15, "ffmpeg integrated (printed to 0.1 LU)");
        assertTrue(ff[1] <= -1.0 + 0.05, "ffmpeg true peak " + ff[1]);
    }

    @Test
    void fileRenderStreamsAndReachesTarget() throws Exception {
        Path in = sample("rock-hedgewars-rock.flac");
        Path out = tmp.resolve("master.wav");
        LoudnessTarget.Result r = LoudnessTarget.render(in, out, SampleFormat.PCM_24,
                Chain.of(Eq.highShelf(8000, 1.5)), -11, -1, LoudnessTarget.DEFAULT_MAX_LIMITING_DB, null);
        assertTrue(r.reached(), r.toString());
        assertEquals(-11, Loudness.of(out).integratedLufs(), 0.1);
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary files left");
        }
    }

    /**
     * The bounded-memory path (used for files too long to hold) and the in-memory path reach the same
     * target on the same file; both outputs are checked with ffmpeg's ebur128, run here.
     */
    @Test
    void streamingAndInMemoryFileRendersAgree() throws Exception {
        ExternalTools.require("ffmpeg");
        Path in = sample("electronic-through-space.flac");
        Path a = tmp.resolve("in-memory.wav");
        Path b = tmp.resolve("streamed.wav");
        Chain chain = Chain.of(Eq.highShelf(8000, 1.5));
        LoudnessTarget.Result ra = LoudnessTarget.render(in, a, SampleFormat.PCM_24, chain, -10, -1,
                LoudnessTarget.DEFAULT_MAX_LIMITING_DB, null);
        LoudnessTarget.Result rb = LoudnessTarget.renderStreaming(in, b, SampleFormat.PCM_24, Chain.of(Eq.highShelf(8000, 1.5)),
                -10, -1, LoudnessTarget.DEFAULT_MAX_LIMITING_DB, null);
        assertTrue(ra.reached() && rb.reached(), ra + " / " + rb);
        assertEquals(rb.gainDb(), ra.gainDb(), 0.1, "the same gain found both ways");
        for (Path p : new Path[] {a, b}) {
            double[] ff = ffmpegEbur128(p);
            assertEquals(-10, ff[0], 0.15, p + ": ffmpeg integrated (printed to 0.1 LU)");
            assertTrue(ff[1] <= -1.0 + 0.05, p + ": ffmpeg true peak " + ff[1]);
        }
        assertEquals(ra.input().integratedLufs(), Loudness.of(in).integratedLufs(), 1e-9, "input report of the file");
        assertEquals(ra.output().integratedLufs(), Loudness.of(a).integratedLufs(), 1e-9, "output report of the file as written");
        assertEquals(ra.output().truePeakDbtp(), Loudness.of(a).truePeakDbtp(), 1e-9, "output true peak of the file as written");
        // the samples the result holds are the file's (measured without reading it back)
        assertEquals(Audio.read(a), ra.audio(), "the in-memory render keeps the samples as written");
    }

    @Test
    void saysWhyWhenTooMuchLimitingWouldBeNeeded() {
        AudioBuffer in = Signals.musicLike(44_100, 4, 9, -20);
        LoudnessTarget.Result r = LoudnessTarget.render(in, Chain.of(), -5, -1, 3);
        assertFalse(r.reached(), r.toString());
        assertTrue(r.reason().contains("limiting"), r.reason());
        LoudnessTarget.Result silent = LoudnessTarget.render(AudioBuffer.of(44_100, new double[44_100]), Chain.of(), -14, -1);
        assertFalse(silent.reached());
        assertTrue(silent.reason().contains("silent"), silent.reason());
    }
}
