package mw.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.ExternalTools;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DR score against ffmpeg's {@code drmeter} filter, an independent implementation of the same algorithm. */
class DrMeterFfmpegTest {
    @Test
    void drPerChannelMatchesFfmpegDrmeter(@TempDir Path dir) {
        ExternalTools.require("ffmpeg");
        int sr = 44100;
        // 30 s = ten 3 s blocks (so the loudest 20 % is exactly two blocks in both implementations);
        // each block at its own level, a few isolated peaks. Distinct block levels matter: ffmpeg 5.1 adds
        // the RMS of a histogram bin once even when several blocks fall into it, which overstates DR on
        // steady material (see docs/benchmarks.md)
        double[] l = TestSignals.pink(sr, 30, 21);
        double[] r = TestSignals.pink(sr, 30, 22);
        double[] levels = {0.6, 1.0, 0.4, 0.8, 1.3, 0.5, 0.9, 1.1, 0.7, 0.3};
        for (int i = 0; i < l.length; i++) {
            double g = levels[i / (3 * sr)];
            l[i] *= 0.25 * g;
            r[i] *= 0.15 * g;
        }
        l[5 * sr] = 0.95;
        l[17 * sr] = -0.9;
        r[8 * sr] = 0.7;
        AudioBuffer a = AudioBuffer.of(sr, l, r);
        // ffmpeg clips its bins at full scale: keep every sample below it
        assertEquals(0.95, a.peak(), 1e-12);
        Path wav = dir.resolve("dr.wav");
        Audio.write(a, wav, SampleFormat.FLOAT_32);
        String log = ExternalTools.run(60, "ffmpeg", "-hide_banner", "-nostats", "-i", wav.toString(),
                "-af", "drmeter", "-f", "null", "-").stderr();
        double[] ours = DynamicsMeter.drPerChannelDb(a);
        for (int c = 1; c <= 2; c++) {
            Matcher m = Pattern.compile("Channel " + c + ": DR: ([0-9.]+)").matcher(log);
            if (!m.find()) {
                throw new AssertionError("no DR for channel " + c + " in ffmpeg's output:\n" + log);
            }
            // ffmpeg bins block RMS and peak values in steps of 1e-4 full scale and may print one decimal
            assertEquals(Double.parseDouble(m.group(1)), ours[c - 1], 0.06, "channel " + c);
        }
    }
}
