package mw.processing;

import java.util.Arrays;

/**
 * DC removal: a first-order high-pass {@code y[n] = x[n] - x[n-1] + R y[n-1]} with
 * {@code R = exp(-2 pi fc / fs)}, -3 dB near {@code cutoffHz} (default 5 Hz).
 */
public final class DcBlock extends AbstractProcessor<DcBlock> {
    /** The default corner, Hz. */
    public static final double DEFAULT_CUTOFF_HZ = 5;
    /** The parameters, declared once. */
    public static final ParamSet<DcBlock> PARAMS = ParamSet.<DcBlock>of("dcBlock", v -> new DcBlock())
            .number("cutoffHz", "Hz", 1, 40, DEFAULT_CUTOFF_HZ, "%.1f", d -> d.cutoffHz, (d, v) -> d.cutoffHz = v);

    private double cutoffHz;
    private int sampleRate;
    private double r;
    private double[] x1 = new double[0];
    private double[] y1 = new double[0];

    private DcBlock() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    /** A DC blocker with its corner at {@code hz} (1 to 40 Hz). */
    public static DcBlock cutoffHz(double hz) {
        return new DcBlock().withCutoffHz(hz);
    }

    /** A DC blocker at 5 Hz. */
    public static DcBlock create() {
        return new DcBlock();
    }

    /** Sets the corner, 1 to 40 Hz ({@code withCutoffHz} because {@link #cutoffHz(double)} makes a new one). */
    public DcBlock withCutoffHz(double hz) {
        return set("cutoffHz", hz);
    }

    public double cutoff() {
        return cutoffHz;
    }

    @Override
    protected void changed(String name) {
        if (sampleRate > 0) {
            r = Math.exp(-2 * Math.PI * cutoffHz / sampleRate);
        }
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
}
