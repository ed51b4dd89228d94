package mw.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import mw.ExternalTools;
import mw.audio.AudioBuffer;

/** Test helpers: ffmpeg as the independent decoder, and seeded test signals. */
final class Ffmpeg {
    private Ffmpeg() {
    }

    /** ffmpeg's decode of a file as 64-bit float, planar {@code [channel][frame]}. */
    static double[][] decode(Path file, int channels) {
        ExternalTools.require("ffmpeg");
        Path raw = file.resolveSibling(file.getFileName() + ".f64");
        ExternalTools.runOk(120, "ffmpeg", "-nostdin", "-v", "error", "-y", "-i", file.toString(),
                "-f", "f64le", "-c:a", "pcm_f64le", raw.toString());
        try {
            byte[] b = Files.readAllBytes(raw);
            Files.delete(raw);
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int frames = b.length / 8 / channels;
            double[][] out = new double[channels][frames];
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    out[c][i] = bb.getDouble();
                }
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs ffmpeg with the given arguments after the usual quiet flags. */
    static void run(String... args) {
        ExternalTools.require("ffmpeg");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        ExternalTools.runOk(120, cmd.toArray(String[]::new));
    }

    /**
     * Music-like test audio on the 16-bit grid: a few partials with a slow envelope plus seeded noise,
     * different in each channel, peaking around -3 dBFS.
     */
    static AudioBuffer music(int sampleRate, int channels, double seconds, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = (int) Math.round(seconds * sampleRate);
        double[][] ch = new double[channels][n];
        for (int c = 0; c < channels; c++) {
            double f0 = 110 * (c + 1);
            for (int i = 0; i < n; i++) {
                double t = (double) i / sampleRate;
                double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 0.7 * t + c);
                double v = 0.35 * Math.sin(2 * Math.PI * f0 * t) + 0.15 * Math.sin(2 * Math.PI * 3.01 * f0 * t)
                        + 0.08 * Math.sin(2 * Math.PI * 7.3 * f0 * t);
                v = v * env + 0.05 * (rng.nextDouble() * 2 - 1);
                ch[c][i] = Math.round(v * 32768) / 32768.0;
            }
        }
        return AudioBuffer.of(sampleRate, mw.audio.ChannelLayout.defaultFor(channels), ch);
    }

    /** Largest absolute difference between our decode and ffmpeg's, after checking equal lengths. */
    static double maxDiff(AudioBuffer ours, double[][] ref) {
        assertEquals(ref.length, ours.channels(), "channel count");
        assertEquals(ref[0].length, ours.frames(), "length in frames (ffmpeg's decode has " + ref[0].length + ")");
        double max = 0;
        for (int c = 0; c < ref.length; c++) {
            for (int i = 0; i < ref[c].length; i++) {
                max = Math.max(max, Math.abs(ours.sample(c, i) - ref[c][i]));
            }
        }
        return max;
    }

    /** Error power relative to the reference's power, in dB. */
    static double relativeErrorDb(AudioBuffer ours, double[][] ref) {
        double e = 0;
        double s = 0;
        for (int c = 0; c < ref.length; c++) {
            for (int i = 0; i < ref[c].length; i++) {
                double d = ours.sample(c, i) - ref[c][i];
                e += d * d;
                s += ref[c][i] * ref[c][i];
            }
        }
        assertTrue(s > 0, "reference is silent");
        return 10 * Math.log10(e / s);
    }
}
