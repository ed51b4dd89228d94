package mw.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.ExternalTools;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check against an independent implementation run in the same test: ffmpeg's {@code ebur128} filter
 * ({@code ffmpeg -nostats -i F -filter_complex ebur128=peak=true -f null -}, summary parsed from standard
 * error; ffmpeg prints one decimal). Integrated loudness within 0.1 LU, loudness range within 0.3 LU, true
 * peak within 0.3 dB, on generated programme material and on every {@code sample-audio/*.flac}.
 */
class FfmpegCrossCheckTest {
    @TempDir
    Path tmp;

    record Ffmpeg(double integratedLufs, double lraLu, double truePeakDbtp) {
    }

    static Ffmpeg ffmpeg(Path f) {
        ExternalTools.Result r = ExternalTools.run(120, "ffmpeg", "-nostdin", "-nostats", "-i", f.toString(),
                "-filter_complex", "ebur128=peak=true", "-f", "null", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        String err = r.stderr();
        String summary = err.substring(err.lastIndexOf("Summary:"));
        return new Ffmpeg(number(summary, "I:\\s+(-?[\\d.]+) LUFS"), number(summary, "LRA:\\s+(-?[\\d.]+) LU"),
                number(summary, "True peak:\\s+Peak:\\s+(-?[\\d.]+|-inf) dBFS"));
    }

    static double number(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        assertTrue(m.find(), "no " + regex + " in ffmpeg output:\n" + s);
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    static void compare(Path f) {
        LoudnessReport ours = Loudness.of(f);
        Ffmpeg ff = ffmpeg(f);
        String what = f.getFileName() + ": ours " + ours + " / ffmpeg " + ff;
        assertEquals(ff.integratedLufs(), ours.integratedLufs(), 0.1, what);
        assertEquals(ff.lraLu(), ours.loudnessRangeLu(), 0.3, what);
        assertEquals(ff.truePeakDbtp(), ours.truePeakDbtp(), 0.3, what);
    }

    /**
     * 30 s of stereo 44.1 kHz programme: coloured noise bursts and tones at seeded random levels and
     * positions, with a quiet passage, so that gating, LRA and inter-sample peaks all matter.
     */
    static AudioBuffer programme(long seed) {
        return programme(seed, 44100, 30);
    }

    static AudioBuffer programme(long seed, int fs, int seconds) {
        int n = seconds * fs;
        Random rnd = new Random(seed);
        double[] l = new double[n];
        double[] r = new double[n];
        double lpL = 0, lpR = 0, hp = 0, prev = 0;
        for (int i = 0; i < n; i++) {
            double w = rnd.nextGaussian();
            lpL = 0.97 * lpL + 0.03 * w;
            lpR = 0.97 * lpR + 0.03 * rnd.nextGaussian();
            hp = 0.6 * (hp + w - prev);
            prev = w;
            double sec = (double) i / fs;
            double env = sec < 10 ? 0.5 : sec < 16 ? 0.03 : 0.35;   // loud, quiet passage, loud again
            l[i] = env * (2.5 * lpL + 0.05 * hp);
            r[i] = env * (2.5 * lpR + 0.05 * hp);
        }
        for (int b = 0; b < 40; b++) {
            int start = rnd.nextInt(n - fs);
            int len = fs / 10 + rnd.nextInt(fs / 2);
            double f = 60 + rnd.nextDouble() * 15000;
            double a = 0.05 + 0.4 * rnd.nextDouble();
            double pan = rnd.nextDouble();
            for (int i = 0; i < len && start + i < n; i++) {
                double g = Math.sin(Math.PI * i / len);
                double v = a * g * Math.sin(2 * Math.PI * f * i / fs);
                l[start + i] += v * pan;
                r[start + i] += v * (1 - pan);
            }
        }
        double peak = 0;
        for (int i = 0; i < n; i++) {
            peak = Math.max(peak, Math.max(Math.abs(l[i]), Math.abs(r[i])));
        }
        for (int i = 0; i < n; i++) {
            l[i] *= 0.97 / peak;
            r[i] *= 0.97 / peak;
        }
        return AudioBuffer.of(fs, l, r);
    }

    @Test
    void generatedProgrammeAgreesWithFfmpeg() {
        ExternalTools.require("ffmpeg");
        for (long seed = 1; seed <= 2; seed++) {
            Path f = tmp.resolve("programme-" + seed + ".wav");
            Audio.write(programme(seed), f, SampleFormat.PCM_24);
            compare(f);
        }
    }

    /** 96 kHz (2x true-peak oversampling) and 5.1 (LFE excluded, side surrounds weighted 1.41). */
    @Test
    void highRateAndSurroundAgreeWithFfmpeg() {
        ExternalTools.require("ffmpeg");
        Path hi = tmp.resolve("programme-96k.wav");
        Audio.write(programme(3, 96000, 20), hi, SampleFormat.FLOAT_32);
        compare(hi);
        AudioBuffer a = programme(4, 48000, 20);
        AudioBuffer b = programme(5, 48000, 20);
        double[] lfe = programme(6, 48000, 20).channel(0);
        double[] surroundL = b.channel(0);
        double[] surroundR = b.channel(1);
        for (int i = 0; i < surroundL.length; i++) {
            surroundL[i] *= 0.5;
            surroundR[i] *= 0.5;
        }
        AudioBuffer six = AudioBuffer.of(48000, mw.audio.ChannelLayout.SURROUND_5_1, a.channel(0), a.channel(1),
                b.channel(0), lfe, surroundL, surroundR);
        Path f = tmp.resolve("programme-5.1.wav");
        Audio.write(six, f, SampleFormat.PCM_24);
        compare(f);
    }

    @Test
    void sampleAudioAgreesWithFfmpeg() throws IOException {
        ExternalTools.require("ffmpeg");
        Path dir = Path.of("..", "sample-audio");
        List<Path> flacs = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".flac")).sorted().forEach(flacs::add);
            }
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(flacs.isEmpty(), "no sample-audio/*.flac in this checkout");
        for (Path f : flacs) {
            compare(f);
        }
    }
}
