package mw.processing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;

/**
 * DC removal: a first-order high-pass {@code y[n] = x[n] - x[n-1] + R y[n-1]} with
 * {@code R = exp(-2 pi fc / fs)}, -3 dB near {@code cutoffHz} (default 5 Hz).
 */
public final class DcBlock implements Processor {
    /** The default corner, Hz. */
    public static final double DEFAULT_CUTOFF_HZ = 5;
    private double cutoffHz;
    private int sampleRate;
    private double r;
    private double[] x1 = new double[0];
    private double[] y1 = new double[0];

    private DcBlock(double hz) {
        withCutoffHz(hz);
    }

    /** A DC blocker with its corner at {@code hz} (1 to 40 Hz). */
    public static DcBlock cutoffHz(double hz) {
        return new DcBlock(hz);
    }

    /** A DC blocker at 5 Hz. */
    public static DcBlock create() {
        return new DcBlock(DEFAULT_CUTOFF_HZ);
    }

    /** Sets the corner, 1 to 40 Hz. */
    public DcBlock withCutoffHz(double hz) {
        cutoffHz = WorkbenchException.checkRange("cutoffHz", hz, 1, 40);
        if (sampleRate > 0) {
            r = Math.exp(-2 * Math.PI * cutoffHz / sampleRate);
        }
        return this;
    }

    public double cutoff() {
        return cutoffHz;
    }

    @Override
    public String type() {
        return "dcBlock";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoffHz", cutoffHz);
        return m;
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        this.sampleRate = sampleRate;
        r = Math.exp(-2 * Math.PI * cutoffHz / sampleRate);
        x1 = new double[channels];
        y1 = new double[channels];
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(sampleRate > 0, type());
        for (int c = 0; c < block.length; c++) {
            double[] x = block[c];
            double px = x1[c];
            double py = y1[c];
            for (int i = 0; i < frames; i++) {
                double in = x[i];
                py = in - px + r * py;
                px = in;
                x[i] = py;
            }
            x1[c] = px;
            y1[c] = Math.abs(py) < 1e-30 ? 0 : py;
        }
    }

    @Override
    public void reset() {
        Arrays.fill(x1, 0);
        Arrays.fill(y1, 0);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DcBlock[cutoffHz=%.1f]", cutoffHz);
    }
}
