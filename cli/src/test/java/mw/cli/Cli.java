package mw.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;

/** Runs the command line in-process with captured output, and makes test signals. */
final class Cli {
    private Cli() {
    }

    record Result(int exit, String out, String err) {
        /** The non-blank lines written to standard error. */
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int exit = cl.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * A stereo 1 kHz sine with the same peak amplitude {@code dbfs} in both channels. Per EBU Tech 3341
     * (test case 1) its integrated loudness is {@code dbfs} LUFS: the K-weighting gain at 1 kHz (+0.69 dB)
     * cancels the −0.691 dB constant of ITU-R BS.1770, and two channels of mean square A²/2 sum to A².
     */
    static AudioBuffer sine(double dbfs, double seconds, int rate) {
        int n = (int) Math.round(seconds * rate);
        double a = Math.pow(10, dbfs / 20);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a * Math.sin(2 * Math.PI * 1000.0 * i / rate);
        }
        return AudioBuffer.of(rate, x, x);
    }

    static Path writeSine(Path file, double dbfs, double seconds) {
        Audio.write(sine(dbfs, seconds, 48000), file, SampleFormat.FLOAT_32);
        return file;
    }

    /** Skips the test while the loudness meter is not yet available in this build. */
    static void requireMeter() {
        boolean ok;
        try {
            Loudness.of(sine(-20, 1, 48000));
            ok = true;
        } catch (UnsupportedOperationException e) {
            ok = false;
        }
        assumeTrue(ok, "loudness meter not implemented in this build");
    }
}
