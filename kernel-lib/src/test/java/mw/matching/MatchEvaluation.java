package mw.matching;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.ExternalTools;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The match figures computed independently of the matcher and of the analysis package: its own Welch
 * estimate (Commons Math FFT, periodic Hann, 32768 points, 50 % overlap, whole bins assigned to the
 * 1/3-octave band their centre falls in, base-10 band edges), width from the samples, loudness and
 * true peak from ffmpeg's ebur128 filter.
 */
final class MatchEvaluation {
    static final int NFFT = 32_768;

    private MatchEvaluation() {
    }

    static Path sample(String name) {
        Path p = Path.of("../sample-audio", name);
        return p.toFile().exists() ? p : Path.of("sample-audio", name);
    }

    static final List<String> TRACKS = List.of("acoustic-traveling-minstrels.flac", "electronic-through-space.flac",
            "orchestral-heroes-rite.flac", "quiet-dynamic-nunc-dimittis.flac", "rock-hedgewars-rock.flac");

    /** 28 one-third-octave band levels (dB) of mid ({@code mid}) or side, 31.5 Hz to 16 kHz. */
    static double[] bandsDb(AudioBuffer a, boolean mid) {
        double[] l = a.channel(0);
        double[] r = a.channels() > 1 ? a.channel(1) : l;
        int n = l.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mid ? 0.5 * (l[i] + r[i]) : 0.5 * (l[i] - r[i]);
        }
        double[] win = new double[NFFT];
        for (int i = 0; i < NFFT; i++) {
            win[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / NFFT);
        }
        double[] pow = new double[NFFT / 2 + 1];
        FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
        for (int start = 0; start + NFFT <= n; start += NFFT / 2) {
            double[] f = new double[NFFT];
            for (int i = 0; i < NFFT; i++) {
                f[i] = x[start + i] * win[i];
            }
            Complex[] c = fft.transform(f, TransformType.FORWARD);
            for (int k = 0; k < pow.length; k++) {
                pow[k] += c[k].abs() * c[k].abs();
            }
        }
        double[] out = new double[28];
        double binHz = (double) a.sampleRate() / NFFT;
        for (int b = 0; b < 28; b++) {
            double fm = 1000 * Math.pow(10, 0.1 * (b - 15));
            double lo = fm * Math.pow(10, -0.05);
            double hi = fm * Math.pow(10, 0.05);
            double s = 0;
            for (int k = 0; k < pow.length; k++) {
                double f = k * binHz;
                if (f >= lo && f < hi) {
                    s += pow[k];
                }
            }
            out[b] = 10 * Math.log10(Math.max(s, 1e-30));
        }
        return out;
    }

    /** RMS of the per-band dB differences after removing their mean. */
    static double distance(double[] a, double[] b) {
        double mean = 0;
        for (int i = 0; i < a.length; i++) {
            mean += a[i] - b[i];
        }
        mean /= a.length;
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i] - mean;
            s += d * d;
        }
        return Math.sqrt(s / a.length);
    }

    static double distance(AudioBuffer a, AudioBuffer b, boolean mid) {
        return distance(bandsDb(a, mid), bandsDb(b, mid));
    }

    /** 10 log10(ΣS² / ΣM²). */
    static double width(AudioBuffer a) {
        double m = 0;
        double s = 0;
        double[] l = a.channel(0);
        double[] r = a.channel(1);
        for (int i = 0; i < l.length; i++) {
            m += (l[i] + r[i]) * (l[i] + r[i]);
            s += (l[i] - r[i]) * (l[i] - r[i]);
        }
        return 10 * Math.log10(s / m);
    }

    /** ffmpeg ebur128: {integrated LUFS, true peak dBTP}. */
    static double[] ebur128(Path file) {
        String err = ExternalTools.run(120, "ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(),
                "-af", "ebur128=peak=true", "-f", "null", "-").stderr();
        String s = err.substring(err.lastIndexOf("Summary:"));
        Matcher i = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(s);
        Matcher p = Pattern.compile("Peak:\\s+(-?[0-9.inf]+) dBFS").matcher(s);
        if (!i.find() || !p.find()) {
            throw new AssertionError("no ebur128 summary: " + s);
        }
        return new double[] {Double.parseDouble(i.group(1)), Double.parseDouble(p.group(1))};
    }

    /** Runs sox, failing on an error. */
    static void sox(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "sox";
        System.arraycopy(args, 0, cmd, 1, args.length);
        ExternalTools.Result r = ExternalTools.run(120, cmd);
        if (r.exitCode() != 0) {
            throw new AssertionError("sox failed: " + String.join(" ", cmd) + "\n" + r.stderr());
        }
    }

    static AudioBuffer read(Path p) {
        return Audio.read(p);
    }
}
