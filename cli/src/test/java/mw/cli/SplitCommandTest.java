package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mw split}: the parts written as files, checked against the signals they were made from:
 * mid and side against (L+R)/2 and (L-R)/2, harmonic and percussive against the chord and the hits of
 * a generated mix.
 */
class SplitCommandTest {
    private static final int RATE = 44100;

    @TempDir
    Path tmp;

    @Test
    void midAndSideAreHalfTheSumAndHalfTheDifference() {
        double[] l = new double[RATE * 2];
        double[] r = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = 0.4 * Math.sin(2 * Math.PI * 440 * i / RATE);
            r[i] = 0.3 * Math.sin(2 * Math.PI * 660 * i / RATE);
        }
        Path in = tmp.resolve("pair.wav");
        Audio.write(AudioBuffer.of(RATE, l, r), in, SampleFormat.FLOAT_32);
        Cli.Result res = Cli.run("split", in.toString(), "--out", tmp.resolve("parts").toString(), "--mode", "ms", "--bits", "32f");
        assertEquals(0, res.exit(), res.err());
        AudioBuffer mid = Audio.read(tmp.resolve("parts/pair.mid.wav"));
        AudioBuffer side = Audio.read(tmp.resolve("parts/pair.side.wav"));
        assertEquals(l.length, mid.frames());
        double worst = 0;
        for (int i = 0; i < l.length; i++) {
            double el = (float) l[i];
            double er = (float) r[i];
            worst = Math.max(worst, Math.abs(mid.sample(0, i) - 0.5 * (el + er)));
            worst = Math.max(worst, Math.abs(side.sample(0, i) - 0.5 * (el - er)));
        }
        assertTrue(worst < 1e-6, "largest error " + worst);
        assertTrue(res.out().contains("mid") && res.out().contains("side"), res.out());
    }

    @Test
    void harmonicHoldsTheChordAndPercussiveTheHits() {
        int n = RATE * 3;
        double[] chord = new double[n];
        double[] hits = new double[n];
        Random rnd = new Random(7);
        for (int i = 0; i < n; i++) {
            chord[i] = 0.15 * (Math.sin(2 * Math.PI * 220 * i / RATE) + Math.sin(2 * Math.PI * 277.18 * i / RATE)
                    + Math.sin(2 * Math.PI * 329.63 * i / RATE));
        }
        for (int start = RATE / 8; start + 132 < n; start += RATE / 4) {
            for (int j = 0; j < 132; j++) {
                hits[start + j] = 0.5 * rnd.nextGaussian() * Math.exp(-j / 40.0);
            }
        }
        double[] mix = new double[n];
        for (int i = 0; i < n; i++) {
            mix[i] = chord[i] + hits[i];
        }
        Path in = tmp.resolve("mix.wav");
        Audio.write(AudioBuffer.of(RATE, mix), in, SampleFormat.FLOAT_32);
        Cli.Result res = Cli.run("split", in.toString(), "--out", tmp.toString(), "--bits", "32f");
        assertEquals(0, res.exit(), res.err());
        double[] h = Audio.read(tmp.resolve("mix.harmonic.wav")).channel(0);
        double[] p = Audio.read(tmp.resolve("mix.percussive.wav")).channel(0);
        // each part nearer its own source than the mixture is (SDR in dB, away from the edges)
        assertTrue(sdr(chord, h) > sdr(chord, mix) + 6, "harmonic " + sdr(chord, h) + " mixture " + sdr(chord, mix));
        assertTrue(sdr(hits, p) > sdr(hits, mix) + 6, "percussive " + sdr(hits, p) + " mixture " + sdr(hits, mix));
        assertFalse(Files.exists(tmp.resolve("mix.residual.wav")), "no residual with margin 1");
    }

    @Test
    void badInputNamesTheFileOrOption() {
        Path mono = tmp.resolve("mono.wav");
        Audio.write(AudioBuffer.of(RATE, new double[RATE]), mono, SampleFormat.PCM_16);
        Cli.Result ms = Cli.run("split", mono.toString(), "--out", tmp.resolve("o").toString(), "--mode", "ms");
        assertEquals(Main.EXIT_BAD_INPUT, ms.exit());
        assertTrue(ms.err().contains("mono.wav") && ms.err().contains("two channels"), ms.err());
        Cli.Result margin = Cli.run("split", mono.toString(), "--out", tmp.resolve("o").toString(), "--margin", "40");
        assertEquals(Main.EXIT_BAD_INPUT, margin.exit());
        assertTrue(margin.err().contains("--margin"), margin.err());
        Cli.Result file = Cli.run("split", mono.toString(), "--out", mono.toString());
        assertEquals(Main.EXIT_BAD_INPUT, file.exit());
        assertTrue(file.err().contains("folder"), file.err());
    }

    private static double sdr(double[] ref, double[] est) {
        double num = 0;
        double den = 0;
        for (int i = RATE / 4; i < ref.length - RATE / 4; i++) {
            num += ref[i] * ref[i];
            den += (ref[i] - est[i]) * (ref[i] - est[i]);
        }
        return 10 * Math.log10(num / den);
    }
}
