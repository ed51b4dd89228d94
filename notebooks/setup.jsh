// Shared set-up of the teaching notebooks (loaded with `%load setup.jsh`).
// Sample audio, a seeded test signal, and small teaching versions of the measurements the
// notebooks explain. The library's own implementations (mw.loudness, mw.analysis, mw.processing)
// are used whenever this build has them; these versions exist to show the steps.

import java.util.stream.*;
import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;
import org.knowm.xchart.style.Styler;

/** 20·log10 of an amplitude ratio, in dB. */
double db(double amplitude) { return 20 * Math.log10(amplitude); }

/** 10·log10 of a power ratio, in dB. */
double dbPower(double power) { return 10 * Math.log10(power); }

/**
 * A seeded, music-like test signal (stereo): a kick on every beat, a bass line, a chord pad and
 * noise "hats", with 0.8 s of silence, a quiet intro and a loud chorus, so loudness, spectra and dynamics have
 * something to show. The same seed gives the same samples.
 */
AudioBuffer testMix(double seconds, int rate) {
    int n = (int) Math.round(seconds * rate);
    double[] l = new double[n], r = new double[n];
    var rng = new java.util.SplittableRandom(7);
    double beat = 60.0 / 120;                        // 120 BPM
    double[] bassHz = {55, 55, 73.42, 65.41};         // A1 A1 D2 C2
    double[][] chords = {{220, 277.18, 329.63}, {220, 277.18, 329.63}, {293.66, 369.99, 440}, {261.63, 329.63, 392}};
    double pinkL = 0, pinkR = 0;
    for (int i = 0; i < n; i++) {
        double t = (double) i / rate;
        double section = t < 0.8 ? 0 : t < seconds / 3 ? 0.2 : 1.0;  // silence, a quiet intro, then the chorus
        double tb = t % beat;
        int bar = (int) (t / (4 * beat)) % 4;
        double kick = Math.sin(2 * Math.PI * (50 + 90 * Math.exp(-tb * 30)) * tb) * Math.exp(-tb * 9);
        double bass = 0.5 * Math.sin(2 * Math.PI * bassHz[bar] * t) * (0.6 + 0.4 * Math.exp(-tb * 4));
        double pad = 0;
        for (double f : chords[bar]) pad += Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t);
        pad *= 0.09;
        double th = t % (beat / 2);
        pinkL = 0.97 * pinkL + 0.03 * (rng.nextDouble() * 2 - 1);
        pinkR = 0.97 * pinkR + 0.03 * (rng.nextDouble() * 2 - 1);
        double hatL = (rng.nextDouble() * 2 - 1 - pinkL) * Math.exp(-th * 60) * 0.25;
        double hatR = (rng.nextDouble() * 2 - 1 - pinkR) * Math.exp(-th * 60) * 0.25;
        double mono = 0.55 * kick + 0.45 * bass;
        l[i] = section * (mono + 1.1 * pad + hatL) * 0.5;
        r[i] = section * (mono + 0.9 * pad + hatR) * 0.5;
    }
    return AudioBuffer.of(rate, l, r);
}

/** A sample-audio file by name, or null when it is not there or cannot be read. */
AudioBuffer sample(String fileName, double seconds) {
    Path p = projectFile("sample-audio").resolve(fileName);
    if (!Files.isRegularFile(p)) return null;
    try {
        AudioBuffer a = Audio.read(p);
        System.out.println("sample audio: " + fileName + " (" + a + ")");
        return a.sliceSeconds(0, Math.min(seconds, a.durationSeconds()));
    } catch (RuntimeException e) {
        System.out.println("skipping " + fileName + ": " + e.getMessage());
        return null;
    }
}

/**
 * The excerpt the notebooks work on: sample-audio/rock-hedgewars-rock.flac (its first
 * {@code seconds}), else the first readable file in sample-audio/, else the generated test mix.
 */
AudioBuffer sampleMix(double seconds) {
    AudioBuffer a = sample("rock-hedgewars-rock.flac", seconds);
    if (a != null) return a;
    Path dir = projectFile("sample-audio");
    if (Files.isDirectory(dir)) {
        for (Path p : Audio.listAudioFiles(dir)) {
            a = sample(p.getFileName().toString(), seconds);
            if (a != null) return a;
        }
    }
    System.out.println("sample audio: none found in sample-audio/, using the generated test mix");
    return testMix(seconds, 48000);
}

// ---- filters ----------------------------------------------------------------------------

/** A biquad's coefficients, normalised so a0 = 1. */
record BiquadStage(double b0, double b1, double b2, double a1, double a2) {
    /** Magnitude response in dB at a frequency. */
    double responseDb(double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double cr = Math.cos(w), ci = -Math.sin(w), c2r = Math.cos(2 * w), c2i = -Math.sin(2 * w);
        double nr = b0 + b1 * cr + b2 * c2r, ni = b1 * ci + b2 * c2i;
        double dr = 1 + a1 * cr + a2 * c2r, di = a1 * ci + a2 * c2i;
        return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
    }
    /** Filters one channel (direct form I). */
    double[] apply(double[] x) {
        double[] y = new double[x.length];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1; x1 = x[i]; y2 = y1; y1 = v; y[i] = v;
        }
        return y;
    }
}

/**
 * The two K-weighting stages of ITU-R BS.1770-4 for any sample rate: a high shelf (about +4 dB
 * above about 1.7 kHz, modelling the head) and a high-pass at about 38 Hz (the "RLB" curve),
 * built by the bilinear transform from their analogue parameters. At 48 kHz they reproduce the
 * coefficients printed in the standard.
 */
BiquadStage[] kWeighting(int rate) {
    double f0 = 1681.974450955533, gainDb = 3.999843853973347, q = 0.7071752369554196;
    double k = Math.tan(Math.PI * f0 / rate);
    double vh = Math.pow(10, gainDb / 20), vb = Math.pow(vh, 0.4996667741545416);
    double a0 = 1 + k / q + k * k;
    BiquadStage shelf = new BiquadStage((vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
            2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
    double f1 = 38.13547087602444, q1 = 0.5003270373238773;
    double k1 = Math.tan(Math.PI * f1 / rate);
    double d = 1 + k1 / q1 + k1 * k1;
    BiquadStage highPass = new BiquadStage(1, -2, 1, 2 * (k1 * k1 - 1) / d, (1 - k1 / q1 + k1 * k1) / d);
    return new BiquadStage[] {shelf, highPass};
}

/** Mean square of the K-weighted channels in blocks of {@code blockS} every {@code hopS}: [channel][block]. */
double[][] kWeightedBlockPower(AudioBuffer a, double blockS, double hopS) {
    BiquadStage[] k = kWeighting(a.sampleRate());
    int block = (int) Math.round(blockS * a.sampleRate()), hop = (int) Math.round(hopS * a.sampleRate());
    int blocks = a.frames() < block ? 0 : 1 + (a.frames() - block) / hop;
    double[][] z = new double[a.channels()][blocks];
    for (int c = 0; c < a.channels(); c++) {
        double[] y = k[1].apply(k[0].apply(a.channel(c)));
        double[] cum = new double[y.length + 1];
        for (int i = 0; i < y.length; i++) cum[i + 1] = cum[i] + y[i] * y[i];
        for (int j = 0; j < blocks; j++) z[c][j] = (cum[j * hop + block] - cum[j * hop]) / block;
    }
    return z;
}

/** Loudness of block powers summed over channels (weights 1.0 for L, R, C; BS.1770-4 eq. 2). */
double[] blockLoudness(double[][] z) {
    int n = z.length == 0 ? 0 : z[0].length;
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
        double s = 0;
        for (double[] ch : z) s += ch[j];
        out[j] = -0.691 + 10 * Math.log10(s);
    }
    return out;
}

/** Integrated loudness with the absolute (-70 LUFS) and relative (-10 LU) gates of BS.1770-4. */
double gatedLoudness(double[][] z) {
    double[] lk = blockLoudness(z);
    double abs = gatedMean(z, lk, -70);
    return Double.isNaN(abs) ? Double.NaN : gatedMean(z, lk, abs - 10);
}

double gatedMean(double[][] z, double[] lk, double gate) {
    double s = 0; int count = 0;
    for (int j = 0; j < lk.length; j++) {
        if (lk[j] > gate || gate == Double.NEGATIVE_INFINITY) {
            for (double[] ch : z) s += ch[j];
            count++;
        }
    }
    return count == 0 ? Double.NaN : -0.691 + 10 * Math.log10(s / count);
}

/**
 * Integrated loudness in LUFS: the library's meter ({@code Loudness.of}) when this build has it,
 * else the teaching computation above (400 ms blocks, 75 % overlap, both gates).
 */
double integratedLufs(AudioBuffer a) {
    try {
        return Loudness.of(a).integratedLufs();
    } catch (UnsupportedOperationException e) {
        return gatedLoudness(kWeightedBlockPower(a, 0.4, 0.1));
    }
}

/** Largest absolute sample over all channels, in dBFS. */
double samplePeakDbfs(AudioBuffer a) { return db(a.peak()); }

/**
 * True peak estimate in dBTP: the largest absolute value after 4x oversampling with a windowed-sinc
 * interpolator (the method of BS.1770-4 Annex 2, with a 48-tap filter per phase).
 */
double truePeakDbtp(AudioBuffer a) {
    int taps = 48, os = 4;
    double[][] h = new double[os][taps];
    for (int p = 0; p < os; p++) {
        for (int t = 0; t < taps; t++) {
            double x = t - taps / 2 + 1 - (double) p / os;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double w = 0.5 + 0.5 * Math.cos(Math.PI * x / (taps / 2.0));
            h[p][t] = sinc * w;
        }
    }
    double peak = 0;
    for (int c = 0; c < a.channels(); c++) {
        double[] x = a.channel(c);
        for (int i = 0; i < x.length; i++) {
            peak = Math.max(peak, Math.abs(x[i]));
            // shortcut: where the neighbourhood is more than 6 dB under the peak so far, no
            // inter-sample value of real programme material can reach it; skip the interpolation
            double near = 0;
            for (int k = Math.max(0, i - 2); k <= Math.min(x.length - 1, i + 3); k++) near = Math.max(near, Math.abs(x[k]));
            if (near < 0.5 * peak) continue;
            for (int p = 1; p < os; p++) {
                double s = 0;
                for (int t = 0; t < taps; t++) {
                    int k = i + t - taps / 2 + 1;
                    if (k >= 0 && k < x.length) s += x[k] * h[p][t];
                }
                peak = Math.max(peak, Math.abs(s));
            }
        }
    }
    return db(peak);
}

/** Filters every channel through the stages in order. */
AudioBuffer filter(AudioBuffer a, BiquadStage... stages) {
    double[][] out = new double[a.channels()][];
    for (int c = 0; c < a.channels(); c++) {
        double[] x = a.channel(c);
        for (BiquadStage b : stages) x = b.apply(x);
        out[c] = x;
    }
    return AudioBuffer.of(a.sampleRate(), a.layout(), out);
}

/** Peaking EQ (R. Bristow-Johnson, "Cookbook formulae for audio EQ biquad filter coefficients"). */
BiquadStage peaking(int rate, double frequencyHz, double gainDb, double q) {
    double A = Math.pow(10, gainDb / 40), w0 = 2 * Math.PI * frequencyHz / rate, alpha = Math.sin(w0) / (2 * q);
    double a0 = 1 + alpha / A;
    return new BiquadStage((1 + alpha * A) / a0, -2 * Math.cos(w0) / a0, (1 - alpha * A) / a0, -2 * Math.cos(w0) / a0, (1 - alpha / A) / a0);
}

/** High shelf with slope S = 1 (same cookbook). */
BiquadStage highShelf(int rate, double frequencyHz, double gainDb) {
    double A = Math.pow(10, gainDb / 40), w0 = 2 * Math.PI * frequencyHz / rate, cw = Math.cos(w0);
    double alpha = Math.sin(w0) / 2 * Math.sqrt(2), sa = 2 * Math.sqrt(A) * alpha;
    double a0 = (A + 1) - (A - 1) * cw + sa;
    return new BiquadStage(A * ((A + 1) + (A - 1) * cw + sa) / a0, -2 * A * ((A - 1) + (A + 1) * cw) / a0,
            A * ((A + 1) + (A - 1) * cw - sa) / a0, 2 * ((A - 1) - (A + 1) * cw) / a0, ((A + 1) - (A - 1) * cw - sa) / a0);
}

/**
 * Static compression curve with a soft knee (D. Giannoulis, M. Massberg, J. D. Reiss, "Digital
 * Dynamic Range Compressor Design - A Tutorial and Analysis", JAES 60(6), 2012, eq. 4): output
 * level in dB for an input level in dB.
 */
double compressorCurveDb(double inDb, double thresholdDb, double ratio, double kneeDb) {
    double over = inDb - thresholdDb;
    if (2 * over < -kneeDb) return inDb;
    if (2 * Math.abs(over) <= kneeDb) return inDb + (1 / ratio - 1) * Math.pow(over + kneeDb / 2, 2) / (2 * kneeDb);
    return thresholdDb + over / ratio;
}

/**
 * Gain reduction in dB over time (0 or negative) of a feed-forward compressor: the static curve
 * applied to the linked (max over channels) sample level, smoothed with separate attack and release
 * (the "smooth branching" detector of the same paper).
 */
double[] gainReductionDb(AudioBuffer a, double thresholdDb, double ratio, double kneeDb, double attackMs, double releaseMs) {
    double aA = Math.exp(-1 / (attackMs * 1e-3 * a.sampleRate())), aR = Math.exp(-1 / (releaseMs * 1e-3 * a.sampleRate()));
    double[] gr = new double[a.frames()];
    double y = 0;
    for (int i = 0; i < a.frames(); i++) {
        double peak = 0;
        for (int c = 0; c < a.channels(); c++) peak = Math.max(peak, Math.abs(a.sample(c, i)));
        double inDb = 20 * Math.log10(Math.max(peak, 1e-9));
        double target = compressorCurveDb(inDb, thresholdDb, ratio, kneeDb) - inDb;   // <= 0
        y = target < y ? aA * y + (1 - aA) * target : aR * y + (1 - aR) * target;
        gr[i] = y;
    }
    return gr;
}

/** Applies a gain curve in dB (one value per frame) to every channel, plus a make-up gain. */
AudioBuffer applyGainDb(AudioBuffer a, double[] gainDb, double makeUpDb) {
    double[][] out = a.toArrays();
    for (double[] ch : out)
        for (int i = 0; i < ch.length; i++) ch[i] *= Math.pow(10, (gainDb[i] + makeUpDb) / 20);
    return AudioBuffer.of(a.sampleRate(), a.layout(), out);
}

/**
 * A sample-peak limiter for teaching: the gain needed to keep every sample at or under the
 * ceiling, held for a 1.5 ms look-ahead window, then released exponentially. No sample exceeds the
 * ceiling; peaks between the samples still can (see the true-peak section of 01-loudness).
 */
AudioBuffer limit(AudioBuffer a, double ceilingDbfs, double releaseMs) {
    int n = a.frames(), look = Math.max(1, (int) Math.round(0.0015 * a.sampleRate()));
    double ceiling = Math.pow(10, ceilingDbfs / 20), aR = Math.exp(-1 / (releaseMs * 1e-3 * a.sampleRate()));
    double[] need = new double[n];
    for (int i = 0; i < n; i++) {
        double p = 0;
        for (int c = 0; c < a.channels(); c++) p = Math.max(p, Math.abs(a.sample(c, i)));
        need[i] = p > ceiling ? ceiling / p : 1;
    }
    double[] g = new double[n];
    var window = new java.util.ArrayDeque<Integer>();   // sliding minimum of need[] over [i, i + look]
    double env = 1;
    for (int i = 0, j = 0; i < n; i++) {
        for (; j < n && j <= i + look; j++) {
            while (!window.isEmpty() && need[window.peekLast()] >= need[j]) window.pollLast();
            window.addLast(j);
        }
        while (window.peekFirst() < i) window.pollFirst();
        double m = need[window.peekFirst()];
        env = m < env ? m : aR * env + (1 - aR) * m;
        g[i] = Math.min(env, need[i]);
    }
    double[][] out = a.toArrays();
    for (double[] ch : out) for (int i = 0; i < n; i++) ch[i] *= g[i];
    return AudioBuffer.of(a.sampleRate(), a.layout(), out);
}

// ---- spectra ----------------------------------------------------------------------------

/** Long-term average spectrum: Welch average of Hann-windowed power spectra of the mono mix, in dB per bin. */
double[] ltasDb(AudioBuffer a, int fftSize) {
    double[] x = a.mono().channel(0);
    FFT fft = new FFT(fftSize, new HannWindow());
    double[] sum = new double[fftSize / 2];
    float[] buf = new float[fftSize];
    float[] mag = new float[fftSize / 2];
    int frames = 0;
    for (int start = 0; start + fftSize <= x.length; start += fftSize / 2) {
        for (int i = 0; i < fftSize; i++) buf[i] = (float) x[start + i];
        fft.forwardTransform(buf);
        fft.modulus(buf, mag);
        for (int i = 0; i < mag.length; i++) sum[i] += (double) mag[i] * mag[i];
        frames++;
    }
    double[] out = new double[sum.length];
    for (int i = 0; i < out.length; i++) out[i] = dbPower(Math.max(sum[i] / Math.max(1, frames), 1e-20));
    return out;
}

/** Centre frequencies of the 1/3-octave bands of IEC 61260-1 (base 10) from 25 Hz to 16 kHz. */
double[] thirdOctaveCentresHz() {
    return IntStream.rangeClosed(-16, 12).mapToDouble(k -> 1000 * Math.pow(10, k / 10.0)).toArray();
}

/** Power in each 1/3-octave band (band edges at centre·10^(±1/20)) of an LTAS, in dB relative to the total. */
double[] thirdOctaveBandsDb(double[] ltasDb, int fftSize, int rate) {
    double[] centres = thirdOctaveCentresHz();
    double[] out = new double[centres.length];
    double total = 0;
    for (double v : ltasDb) total += Math.pow(10, v / 10);
    for (int b = 0; b < centres.length; b++) {
        double lo = centres[b] * Math.pow(10, -0.05), hi = centres[b] * Math.pow(10, 0.05), s = 0;
        for (int i = 1; i < ltasDb.length; i++) {
            double f = (double) i * rate / fftSize;
            if (f >= lo && f < hi) s += Math.pow(10, ltasDb[i] / 10);
        }
        out[b] = dbPower(Math.max(s, 1e-20) / total);
    }
    return out;
}

/** Shows every floating-point column of a table with {@code decimals} decimals (and NaN as n/a). */
Table decimals(Table t, int decimals) {
    var f = new java.text.DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals),
        java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
    for (var c : t.columns()) if (c instanceof DoubleColumn d) d.setPrintFormatter(f, "n/a");
    return t;
}

/** An XY chart with the workbench's look. */
XYChart chart(String title, String xTitle, String yTitle) {
    XYChart c = new XYChartBuilder().width(760).height(360).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    c.getStyler().setMarkerSize(0);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    c.getStyler().setXAxisDecimalPattern("#,##0.##");   // "10,000" rather than "1E4" on log axes
    return c;
}

/** Evenly spaced times in seconds for {@code n} values every {@code hopS}, starting at {@code firstS}. */
double[] times(int n, double firstS, double hopS) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) t[i] = firstS + i * hopS;
    return t;
}

// ---- exercises ----------------------------------------------------------------------------

/**
 * Checks a figure the reader worked out: right when it is within {@code tolerance} of the expected
 * value; otherwise says whether it is too high or too low and gives the hint. An answer left at
 * {@code Double.NaN} (the starter cells' value) counts as not answered yet.
 */
void check(String exercise, double answer, double expected, double tolerance, String hint) {
    if (Double.isNaN(answer)) {
        System.out.println("… " + exercise + ": no answer yet. Replace Double.NaN in the cell above with your figure and run both cells.");
    } else if (Math.abs(answer - expected) <= tolerance) {
        System.out.println("✓ " + exercise + ": " + Format.number(answer) + " is right (expected "
            + Format.number(expected) + " ± " + Format.number(tolerance) + ").");
    } else {
        System.out.println("✗ " + exercise + ": " + Format.number(answer) + " is " + (answer > expected ? "too high" : "too low")
            + " (off by more than " + Format.number(tolerance) + "). Hint: " + hint);
    }
}

/**
 * Checks a choice the reader made (a letter or a word, compared ignoring case and spaces); an answer
 * left empty counts as not answered yet.
 */
void check(String exercise, String answer, String expected, String hint) {
    String a = answer == null ? "" : answer.strip();
    if (a.isEmpty()) {
        System.out.println("… " + exercise + ": no answer yet. Put your choice between the quotes in the cell above and run both cells.");
    } else if (a.equalsIgnoreCase(expected.strip())) {
        System.out.println("✓ " + exercise + ": \"" + a + "\" is right.");
    } else {
        System.out.println("✗ " + exercise + ": \"" + a + "\" is not it. Hint: " + hint);
    }
}

/** A player for an excerpt of {@code seconds} seconds from {@code fromS}: short, so the notebook stays small. */
Object play(AudioBuffer a, String label, double fromS, double seconds) {
    double from = Math.min(fromS, Math.max(0, a.durationSeconds() - seconds));
    return Listen.to(a.sliceSeconds(from, Math.min(a.durationSeconds(), from + seconds)), label);
}
