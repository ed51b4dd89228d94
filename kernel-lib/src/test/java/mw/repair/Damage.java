package mw.repair;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import mw.ExternalTools;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import mw.io.Audio;
import mw.io.SampleFormat;

/**
 * Test helpers: known damage made on clean signals, the measures of how well it was undone (SI-SDR,
 * log-spectral distance, detection precision and recall), and ffmpeg / sox run on the same input.
 */
final class Damage {
    private Damage() {
    }

    static final Path SAMPLES = Path.of("..", "sample-audio");

    /** A mono excerpt of a sample-audio file (channel 0), {@code seconds} long from {@code from}. */
    static AudioBuffer excerpt(String name, double from, double seconds) {
        AudioBuffer a = Audio.read(SAMPLES.resolve(name));
        int s = (int) Math.round(from * a.sampleRate());
        int n = (int) Math.round(seconds * a.sampleRate());
        return AudioBuffer.of(a.sampleRate(), Arrays.copyOfRange(a.channel(0), s, s + n));
    }

    /** Scale-invariant SDR of {@code est} against {@code ref} (Le Roux et al. 2019), in dB, all channels pooled. */
    static double siSdr(AudioBuffer ref, AudioBuffer est) {
        double sr = 0;
        double ss = 0;
        for (int c = 0; c < ref.channels(); c++) {
            for (int i = 0; i < ref.frames(); i++) {
                sr += ref.sample(c, i) * est.sample(c, i);
                ss += ref.sample(c, i) * ref.sample(c, i);
            }
        }
        double alpha = sr / ss;
        double num = 0;
        double den = 0;
        for (int c = 0; c < ref.channels(); c++) {
            for (int i = 0; i < ref.frames(); i++) {
                double t = alpha * ref.sample(c, i);
                double e = t - est.sample(c, i);
                num += t * t;
                den += e * e;
            }
        }
        return 10 * Math.log10(num / den);
    }

    /** Plain SDR of {@code est} against {@code ref} (no rescaling: 10 log10 of signal over error energy), in dB. */
    static double sdr(AudioBuffer ref, AudioBuffer est) {
        double num = 0;
        double den = 0;
        for (int c = 0; c < ref.channels(); c++) {
            for (int i = 0; i < ref.frames(); i++) {
                double e = ref.sample(c, i) - est.sample(c, i);
                num += ref.sample(c, i) * ref.sample(c, i);
                den += e * e;
            }
        }
        return 10 * Math.log10(num / den);
    }

    /** SI-SDR at the best integer lag within {@code ±maxLag} (for tools whose delay is not ours to know). */
    static double siSdrBestLag(AudioBuffer ref, AudioBuffer est, int maxLag) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            best = Math.max(best, siSdr(shiftTrim(ref, 0, maxLag), shiftTrim(est, lag, maxLag)));
        }
        return best;
    }

    private static AudioBuffer shiftTrim(AudioBuffer a, int lag, int pad) {
        double[][] out = new double[a.channels()][a.frames() - 2 * pad];
        for (int c = 0; c < a.channels(); c++) {
            System.arraycopy(a.channel(c), pad + lag, out[c], 0, out[c].length);
        }
        return AudioBuffer.of(a.sampleRate(), out);
    }

    /** Short-term log-spectral distance in dB (2048-point Hann frames, hop 512, bins above -100 dB). */
    static double lsd(AudioBuffer ref, AudioBuffer est) {
        return lsdBelow(ref, est, Double.POSITIVE_INFINITY);
    }

    /** {@link #lsd} over the bins below {@code hz} only. */
    static double lsdBelow(AudioBuffer ref, AudioBuffer est, double hz) {
        int n = 2048;
        var fft = new org.apache.commons.math3.transform.FastFourierTransformer(org.apache.commons.math3.transform.DftNormalization.STANDARD);
        double sum = 0;
        int frames = 0;
        for (int c = 0; c < ref.channels(); c++) {
            for (int s = 0; s + n <= ref.frames(); s += 512) {
                double[] a = new double[n];
                double[] b = new double[n];
                for (int i = 0; i < n; i++) {
                    double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
                    a[i] = ref.sample(c, s + i) * w;
                    b[i] = est.sample(c, s + i) * w;
                }
                var fa = fft.transform(a, org.apache.commons.math3.transform.TransformType.FORWARD);
                var fb = fft.transform(b, org.apache.commons.math3.transform.TransformType.FORWARD);
                double d = 0;
                int bins = 0;
                for (int k = 0; k <= n / 2 && (double) k * ref.sampleRate() / n < hz; k++) {
                    bins++;
                    double pa = Math.max(fa[k].abs() * fa[k].abs(), 1e-10);
                    double pb = Math.max(fb[k].abs() * fb[k].abs(), 1e-10);
                    double l = 10 * Math.log10(pa / pb);
                    d += l * l;
                }
                sum += Math.sqrt(d / bins);
                frames++;
            }
        }
        return sum / frames;
    }

    /**
     * Kurtosis of the residual noise power {@code |STFT(est - clean)|^2} over frames after the first
     * second and bins more than 300 Hz from every partial (beyond the Hann window's leakage of the partials) (2048-point Hann frames, hop 512).
     */
    static double residualKurtosis(AudioBuffer clean, AudioBuffer est, double[] partialsHz) {
        int n = 2048;
        int sr = clean.sampleRate();
        var fft = new org.apache.commons.math3.transform.FastFourierTransformer(org.apache.commons.math3.transform.DftNormalization.STANDARD);
        List<Double> v = new ArrayList<>();
        for (int s = sr + n; s + n <= clean.frames(); s += 512) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = (est.sample(0, s + i) - clean.sample(0, s + i)) * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
            }
            var f = fft.transform(a, org.apache.commons.math3.transform.TransformType.FORWARD);
            for (int k = 10; k < n / 2 - 10; k++) {
                double hz = (double) k * sr / n;
                boolean near = false;
                for (double p : partialsHz) {
                    near |= Math.abs(hz - p) < 300;
                }
                if (!near) {
                    v.add(f[k].abs() * f[k].abs());
                }
            }
        }
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.size();
        double m2 = 0;
        double m4 = 0;
        for (double x : v) {
            double d = x - m;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        m2 /= v.size();
        m4 /= v.size();
        return m4 / (m2 * m2);
    }

    /** Damaged audio and the true damage positions. */
    record Damaged(AudioBuffer audio, List<int[]> events) {
    }

    /**
     * Adds {@code count} clicks at Poisson-distributed positions (exponential gaps): each 1 to 50
     * samples long, a random-sign burst of uniform amplitude 0.05 to 0.5 shaped by a Hann window plus
     * a step, as scratches and edit clicks look.
     */
    static Damaged clicks(AudioBuffer clean, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = clean.channel(0);
        int n = x.length;
        double meanGap = (double) (n - 2000) / count;
        List<int[]> ev = new ArrayList<>();
        double pos = 1000;
        for (int k = 0; k < count; k++) {
            pos += -meanGap * Math.log(1 - rng.nextDouble());
            int len = 1 + rng.nextInt(50);
            int start = (int) pos;
            if (start + len >= n - 1000) {
                break;
            }
            if (!ev.isEmpty() && start < ev.get(ev.size() - 1)[1] + 50) {
                continue;
            }
            double amp = 0.05 + 0.45 * rng.nextDouble();
            for (int i = 0; i < len; i++) {
                double shape = len == 1 ? 1 : 0.5 * (0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / len)) + 0.5;
                double sign = rng.nextDouble() < 0.5 ? -1 : 1;
                x[start + i] += amp * shape * (i == 0 || rng.nextDouble() < 0.8 ? 1 : sign);
            }
            ev.add(new int[] {start, start + len});
        }
        return new Damaged(AudioBuffer.of(clean.sampleRate(), x), ev);
    }

    /** Hard clipping at the level that clips {@code fraction} of the samples. */
    static AudioBuffer clip(AudioBuffer clean, double fraction) {
        double[] x = clean.channel(0);
        double[] abs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            abs[i] = Math.abs(x[i]);
        }
        Arrays.sort(abs);
        double level = abs[(int) Math.floor((1 - fraction) * (abs.length - 1))];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-level, Math.min(level, x[i]));
        }
        return AudioBuffer.of(clean.sampleRate(), x);
    }

    /** Hard clipping at the level that leaves an SI-SDR of {@code sdrDb} against {@code clean} (bisection on the level). */
    static AudioBuffer clipToSdr(AudioBuffer clean, double sdrDb) {
        double[] x = clean.channel(0);
        double lo = 0;
        double hi = clean.peak();
        AudioBuffer best = clean;
        for (int it = 0; it < 50; it++) {
            double level = 0.5 * (lo + hi);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.max(-level, Math.min(level, x[i]));
            }
            best = AudioBuffer.of(clean.sampleRate(), y);
            if (siSdr(clean, best) < sdrDb) {
                lo = level;
            } else {
                hi = level;
            }
        }
        return best;
    }

    /** The fraction of samples of {@code a} (channel 0) at its peak, as hard clipping leaves them. */
    static double clippedFraction(AudioBuffer a) {
        double pk = a.peak() * (1 - 1e-9);
        int n = 0;
        for (double v : a.channel(0)) {
            if (Math.abs(v) >= pk) {
                n++;
            }
        }
        return (double) n / a.frames();
    }

    /** White (or pink, by Paul Kellet's filter) Gaussian noise at {@code snrDb} below the signal's power. */
    static AudioBuffer noisy(AudioBuffer clean, double snrDb, boolean pink, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = clean.channel(0);
        double[] nz = new double[x.length];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < nz.length; i++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            double w = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            if (pink) {
                b0 = 0.99886 * b0 + w * 0.0555179;
                b1 = 0.99332 * b1 + w * 0.0750759;
                b2 = 0.96900 * b2 + w * 0.1538520;
                b3 = 0.86650 * b3 + w * 0.3104856;
                b4 = 0.55000 * b4 + w * 0.5329522;
                b5 = -0.7616 * b5 - w * 0.0168980;
                nz[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
                b6 = w * 0.115926;
            } else {
                nz[i] = w;
            }
        }
        double ps = 0;
        double pn = 0;
        for (int i = 0; i < x.length; i++) {
            ps += x[i] * x[i];
            pn += nz[i] * nz[i];
        }
        double g = Math.sqrt(ps / pn / Math.pow(10, snrDb / 10));
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] + g * nz[i];
        }
        return AudioBuffer.of(clean.sampleRate(), y);
    }

    /** Mean power of {@code noisy - clean}. */
    static double noisePower(AudioBuffer clean, AudioBuffer noisy) {
        double s = 0;
        for (int i = 0; i < clean.frames(); i++) {
            double d = noisy.sample(0, i) - clean.sample(0, i);
            s += d * d;
        }
        return s / clean.frames();
    }

    /** Runs an ffmpeg audio filter on {@code in} (32-bit float WAV both ways). */
    static AudioBuffer ffmpeg(AudioBuffer in, String filter, Path dir) {
        ExternalTools.require("ffmpeg");
        Path src = dir.resolve("in-" + System.nanoTime() + ".wav");
        Path dst = dir.resolve("out-" + System.nanoTime() + ".wav");
        Audio.write(in, src, SampleFormat.FLOAT_32);
        ExternalTools.runOk(300, "ffmpeg", "-nostdin", "-v", "error", "-y", "-i", src.toString(), "-af", filter,
                "-c:a", "pcm_f32le", dst.toString());
        AudioBuffer out = Audio.read(dst);
        return trim(out, in.frames());
    }

    /**
     * Runs an ffmpeg filter and undoes its delay (afftdn and anlmdn do not compensate theirs): the input
     * is padded with 16384 zeros, and the output is shifted by the lag (0 to 16384) at which it
     * correlates best with the input.
     */
    static AudioBuffer ffmpegAligned(AudioBuffer in, String filter, Path dir) {
        int pad = 16384;
        double[][] padded = new double[in.channels()][in.frames() + pad];
        for (int c = 0; c < in.channels(); c++) {
            System.arraycopy(in.channel(c), 0, padded[c], 0, in.frames());
        }
        AudioBuffer out = ffmpeg(AudioBuffer.of(in.sampleRate(), ChannelLayout.defaultFor(in.channels()), padded), filter, dir);
        int lag = bestLag(in, out, pad);
        double[][] res = new double[in.channels()][in.frames()];
        for (int c = 0; c < in.channels(); c++) {
            System.arraycopy(out.channel(c), lag, res[c], 0, in.frames());
        }
        return AudioBuffer.of(in.sampleRate(), ChannelLayout.defaultFor(in.channels()), res);
    }

    /** The lag in [0, max] at which {@code out} correlates best with {@code in} (every 4th sample). */
    static int bestLag(AudioBuffer in, AudioBuffer out, int max) {
        double[] a = in.channel(0);
        double[] b = out.channel(0);
        int best = 0;
        double bv = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= max; lag++) {
            double s = 0;
            for (int i = 0; i < a.length && i + lag < b.length; i += 4) {
                s += a[i] * b[i + lag];
            }
            if (s > bv) {
                bv = s;
                best = lag;
            }
        }
        return best;
    }

    /** Runs sox with an effect on {@code in}: {@code sox in.wav out.wav EFFECT...}. */
    static AudioBuffer sox(AudioBuffer in, Path dir, String... effect) {
        ExternalTools.require("sox");
        Path src = dir.resolve("in-" + System.nanoTime() + ".wav");
        Path dst = dir.resolve("out-" + System.nanoTime() + ".wav");
        Audio.write(in, src, SampleFormat.FLOAT_32);
        List<String> cmd = new ArrayList<>(List.of("sox", src.toString(), "-e", "floating-point", "-b", "32", dst.toString()));
        cmd.addAll(List.of(effect));
        ExternalTools.runOk(300, cmd.toArray(String[]::new));
        return trim(Audio.read(dst), in.frames());
    }

    static AudioBuffer trim(AudioBuffer a, int frames) {
        double[][] out = new double[a.channels()][frames];
        for (int c = 0; c < a.channels(); c++) {
            System.arraycopy(a.channel(c), 0, out[c], 0, Math.min(frames, a.frames()));
        }
        return AudioBuffer.of(a.sampleRate(), ChannelLayout.defaultFor(a.channels()), out);
    }

    /** Writes a temporary float WAV (for tools that take a noise profile from a file). */
    static Path wav(AudioBuffer a, Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.deleteIfExists(p);
        Audio.write(a, p, SampleFormat.FLOAT_32);
        return p;
    }
}
