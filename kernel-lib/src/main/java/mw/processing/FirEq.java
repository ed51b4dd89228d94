package mw.processing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;

/**
 * A linear-phase FIR equaliser that follows an arbitrary magnitude curve, for example the difference
 * between a mix's and a reference's long-term spectra. Design by frequency sampling: the curve (gain
 * in dB against frequency, interpolated linearly in dB over log frequency, held flat beyond its ends)
 * is sampled on a fine grid with zero phase, transformed to an impulse response, centred and shaped
 * with a Kaiser window (beta 8) to {@code taps} taps. The response is symmetric, so the phase is
 * exactly linear: a pure delay of {@code (taps - 1) / 2} samples, which the chain compensates.
 * Filtering is fast convolution (FFT overlap-save), with a fixed extra delay of one FFT partition so
 * any block size gives the same output.
 *
 * <p>The FFT works in double precision ({@link ComplexFft}). TarsosDSP's FFT, which the analysis
 * package uses for spectra, works in single precision: in this convolution it left an error of
 * -143 dBFS RMS and -128 dBFS peak on a full-scale music-like signal (above the -138 dBFS step of a
 * 24-bit output) and an impulse response symmetric only to 6e-8, where a double transform stays below
 * -240 dBFS and symmetric to 1e-14. Two channels share one complex transform (one in the real part,
 * one in the imaginary): the kernel is real, so the two convolutions come back apart.
 *
 * <p>Frequency resolution is about {@code 2 fs / taps} (16 Hz at 44.1 kHz with the default 8191
 * taps): finer detail in the curve is smoothed.
 *
 * <pre>{@code
 * FirEq.fromCurve(new double[] {30, 100, 1000, 8000, 16000}, new double[] {2, 0, 0, 1.5, 3})
 * }</pre>
 */
public final class FirEq extends AbstractProcessor<FirEq> {
    /** The parameters, declared once. */
    public static final ParamSet<FirEq> PARAMS = ParamSet.<FirEq>of("firEq", v -> new FirEq())
            .numbers("curveHz", "Hz", 1, 100_000, new double[] {1000}, f -> f.curveHz, (f, v) -> f.curveHz = v)
            .numbers("curveDb", "dB", -40, 24, new double[] {0}, f -> f.curveDb, (f, v) -> f.curveDb = v)
            .integer("taps", "", 255, 65_535, 8191, f -> f.taps, (f, v) -> f.taps = (int) v)
            .accepting(n -> n % 2 == 1, "an odd number from 255 to 65535").change(Param.Change.ON_PREPARE);

    private double[] curveHz;
    private double[] curveDb;
    private int taps;

    private int sampleRate;
    private int channels;
    private double[] kernel = new double[0];
    private int nfft;
    private int part;
    /** The kernel's spectrum, {re, im}. */
    private double[][] kernelSpectrum = new double[2][0];
    private double[][] inBuf = new double[0][0];
    private double[][] outBuf = new double[0][0];
    private int fill;
    /** FFT work array, {re, im}. */
    private double[][] work = new double[2][0];
    private ComplexFft fft;

    private FirEq() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    /** An EQ following gains {@code gainsDb} (-40..24 dB) at rising {@code frequenciesHz}. */
    public static FirEq fromCurve(double[] frequenciesHz, double[] gainsDb) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("curveHz", frequenciesHz);
        m.put("curveDb", gainsDb);
        return new FirEq().set(m);
    }

    /** Filter length, odd, 255 to 65535 (takes effect at the next prepare). */
    public FirEq taps(int n) {
        return set("taps", n);
    }

    @Override
    protected void validate() {
        if (curveHz.length == 0 || curveHz.length != curveDb.length) {
            throw new WorkbenchException("a FIR EQ curve needs as many gains as frequencies (at least one); got "
                    + curveHz.length + " frequencies and " + curveDb.length + " gains");
        }
        for (int i = 1; i < curveHz.length; i++) {
            if (curveHz[i] <= curveHz[i - 1]) {
                throw new WorkbenchException("curveHz must rise; got " + curveHz[i - 1] + " then " + curveHz[i]);
            }
        }
    }

    public int taps() {
        return taps;
    }

    /** The requested gain in dB at a frequency (the interpolated curve). */
    public double curveDb(double hz) {
        if (hz <= curveHz[0]) {
            return curveDb[0];
        }
        int last = curveHz.length - 1;
        if (hz >= curveHz[last]) {
            return curveDb[last];
        }
        int i = Arrays.binarySearch(curveHz, hz);
        if (i >= 0) {
            return curveDb[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = Math.log(hz / curveHz[lo]) / Math.log(curveHz[hi] / curveHz[lo]);
        return curveDb[lo] + t * (curveDb[hi] - curveDb[lo]);
    }

    /** The designed impulse response for a sample rate (symmetric, {@code taps} long). */
    public double[] impulseResponse(int sampleRate) {
        int grid = Integer.highestOneBit(taps) << 3;
        double[] r = new double[grid];
        for (int k = 0; k <= grid / 2; k++) {
            double g = Render.dbToLinear(curveDb((double) k * sampleRate / grid));
            r[k] = g;
            if (k > 0 && k < grid / 2) {
                r[grid - k] = g;
            }
        }
        new ComplexFft(grid).inverse(r, new double[grid]);
        double[] h = new double[taps];
        int mid = (taps - 1) / 2;
        double beta = 8;
        double i0 = PeakGainStage.besselI0(beta);
        for (int k = 0; k < taps; k++) {
            int lag = k - mid;
            double v = r[(lag + grid) % grid];
            double x = (double) lag / mid;
            h[k] = v * PeakGainStage.besselI0(beta * Math.sqrt(Math.max(0, 1 - x * x))) / i0;
        }
        // make it exactly symmetric (the transform's rounding is not)
        for (int k = 0; k < mid; k++) {
            double v = 0.5 * (h[k] + h[taps - 1 - k]);
            h[k] = v;
            h[taps - 1 - k] = v;
        }
        return h;
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        kernel = impulseResponse(sampleRate);
        // partition = nfft - taps + 1 >= 7 * taps: three quarters of every transform is new output, so the
        // transforms per second of audio are fewer than with a partition of 3 taps (1.5 times less work at 8191
        // taps), for a longer delay (0.65 s at 44.1 kHz), which the chain compensates
        nfft = Integer.highestOneBit(taps) << 3;
        part = nfft - taps + 1;
        fft = new ComplexFft(nfft);
        kernelSpectrum = new double[2][nfft];
        System.arraycopy(kernel, 0, kernelSpectrum[0], 0, taps);
        fft.forward(kernelSpectrum[0], kernelSpectrum[1]);
        // kept in the order the input's spectrum comes in, with the inverse's 1 / N folded in (a power of two: exact)
        fft.scramble(kernelSpectrum[0], kernelSpectrum[1]);
        for (int k = 0; k < nfft; k++) {
            kernelSpectrum[0][k] /= nfft;
            kernelSpectrum[1][k] /= nfft;
        }
        inBuf = new double[channels][nfft];
        outBuf = new double[channels][part];
        work = new double[2][nfft];
        reset();
    }

    /** The filter's delay (taps - 1) / 2 plus one overlap-save partition. */
    @Override
    public int latencySamples() {
        return (taps - 1) / 2 + part;
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(sampleRate > 0, type());
        int pos = 0;
        while (pos < frames) {
            int n = Math.min(frames - pos, part - fill);
            for (int c = 0; c < channels; c++) {
                // new input at the end of the window (after taps - 1 samples of history); out the delayed output
                System.arraycopy(block[c], pos, inBuf[c], taps - 1 + fill, n);
                System.arraycopy(outBuf[c], fill, block[c], pos, n);
            }
            fill += n;
            pos += n;
            if (fill == part) {
                convolve();
                fill = 0;
            }
        }
    }

    private void convolve() {
        double[] re = work[0];
        double[] im = work[1];
        double[] kre = kernelSpectrum[0];
        double[] kim = kernelSpectrum[1];
        // two real channels per complex transform (one as the real part, one as the imaginary): the kernel is
        // real, so by linearity the product's inverse holds the two convolutions apart in the same two parts
        for (int c = 0; c < channels; c += 2) {
            boolean pair = c + 1 < channels;
            System.arraycopy(inBuf[c], 0, re, 0, nfft);
            if (pair) {
                System.arraycopy(inBuf[c + 1], 0, im, 0, nfft);
            } else {
                Arrays.fill(im, 0);
            }
            fft.forwardScrambled(re, im);
            for (int k = 0; k < nfft; k++) {
                double a = re[k] * kre[k] - im[k] * kim[k];
                double b = re[k] * kim[k] + im[k] * kre[k];
                re[k] = a;
                im[k] = b;
            }
            fft.inverseFromScrambled(re, im);
            // overlap-save: the last `part` outputs are the valid linear convolution
            System.arraycopy(re, taps - 1, outBuf[c], 0, part);
            if (pair) {
                System.arraycopy(im, taps - 1, outBuf[c + 1], 0, part);
            }
        }
        // keep the last taps - 1 inputs as history
        for (int c = 0; c < channels; c++) {
            System.arraycopy(inBuf[c], part, inBuf[c], 0, taps - 1);
        }
    }

    @Override
    public void reset() {
        for (double[] b : inBuf) {
            Arrays.fill(b, 0);
        }
        for (double[] b : outBuf) {
            Arrays.fill(b, 0);
        }
        fill = 0;
    }

    /** {@code FirEq[taps=... curve=30 Hz +2.0 dB, ...]}: the curve as frequency and gain pairs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FirEq[taps=").append(taps).append(" curve=");
        for (int i = 0; i < curveHz.length; i++) {
            sb.append(String.format(Locale.ROOT, "%s%.0f Hz %+.1f dB", i == 0 ? "" : ", ", curveHz[i], curveDb[i]));
        }
        return sb.append(']').toString();
    }
}
