package mw.processing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;

/**
 * A multiband compressor: Linkwitz-Riley 24 dB/octave crossovers split the audio into bands that sum
 * to an all-pass (flat magnitude), each band has its own {@link Compressor}, and the bands are added
 * back. Bands with less lookahead are delayed to line up with the band that has the most.
 *
 * <pre>{@code
 * MultibandCompressor.of(new double[] {200, 3000},
 *     Compressor.ratio(3).thresholdDb(-24),      // lows
 *     Compressor.ratio(1.5).thresholdDb(-20),    // mids
 *     Compressor.ratio(2).thresholdDb(-26))      // highs
 * }</pre>
 */
public final class MultibandCompressor extends AbstractProcessor<MultibandCompressor> implements Dynamics {
    /**
     * The parameters, declared once. Without {@code bands}, each band gets a default compressor; in a preset
     * {@code bands} is an array of compressor objects, lowest band first.
     */
    public static final ParamSet<MultibandCompressor> PARAMS = ParamSet.<MultibandCompressor>of("multiband", v -> new MultibandCompressor())
            .numbers("crossoversHz", "Hz", 20, 20_000, new double[] {200, 3000}, m -> m.crossoversHz, (m, v) -> m.crossoversHz = v)
            .stages("bands", Compressor.PARAMS, m -> Arrays.asList(m.bands), (m, v) -> {
                m.bands = v.toArray(new Compressor[0]);
                m.defaultBands = false;
            });

    private double[] crossoversHz;
    private Compressor[] bands = new Compressor[0];
    /** Whether the bands are defaults that follow the number of crossovers. */
    private boolean defaultBands = true;
    private int sampleRate;
    private int channels;
    private Crossover split;
    private double[][][] bandBuf = new double[0][0][0];
    private double[][][] delay = new double[0][0][0];
    private int[] delayLen = new int[0];
    private int[] delayPos = new int[0];
    private int latency;

    private MultibandCompressor() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
        validate();
    }

    @Override
    protected void validate() {
        if (crossoversHz.length < 1 || crossoversHz.length > 5) {
            throw new WorkbenchException("crossoversHz has " + crossoversHz.length + " values; accepted: 1 to 5 crossovers");
        }
        if (defaultBands && bands.length != crossoversHz.length + 1) {
            bands = new Compressor[crossoversHz.length + 1];
            for (int b = 0; b < bands.length; b++) {
                bands[b] = Compressor.create();
            }
        }
        if (bands.length != crossoversHz.length + 1) {
            throw new WorkbenchException("bands has " + bands.length + " entries; " + crossoversHz.length
                    + " crossovers need " + (crossoversHz.length + 1) + " band compressors");
        }
        Crossover.check(crossoversHz, 0);
    }

    /** Crossovers in rising order (1 to 5, 20 Hz to 20 kHz) and one compressor per band, lowest first. */
    public static MultibandCompressor of(double[] crossoversHz, Compressor... bands) {
        for (Compressor c : bands) {
            if (c == null) {
                throw new WorkbenchException("a band compressor cannot be null");
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("crossoversHz", crossoversHz);
        m.put("bands", List.of(bands));
        return new MultibandCompressor().set(m);
    }

    /** Three bands split at {@code lowHz} and {@code highHz}, each with a default compressor to adjust. */
    public static MultibandCompressor threeBand(double lowHz, double highHz) {
        return new MultibandCompressor().set("crossoversHz", new double[] {lowHz, highHz});
    }

    /** The compressor of band {@code i} (0 = lowest), to adjust. */
    public Compressor band(int i) {
        return bands[i];
    }

    public int bandCount() {
        return bands.length;
    }

    public double[] crossoversHz() {
        return crossoversHz.clone();
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        split = new Crossover(crossoversHz, sampleRate, channels);
        int block = Math.max(1, maxBlockFrames);
        bandBuf = new double[bands.length][channels][block];
        latency = 0;
        for (Compressor c : bands) {
            c.prepare(sampleRate, block, channels);
            latency = Math.max(latency, c.latencySamples());
        }
        delay = new double[bands.length][][];
        delayLen = new int[bands.length];
        delayPos = new int[bands.length];
        for (int b = 0; b < bands.length; b++) {
            delayLen[b] = latency - bands[b].latencySamples();
            delay[b] = new double[channels][Math.max(1, delayLen[b])];
        }
    }

    @Override
    public int latencySamples() {
        return latency;
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(sampleRate > 0, type());
        if (frames > bandBuf[0][0].length) {
            bandBuf = new double[bands.length][channels][frames];
        }
        split.split(block, frames, bandBuf);
        for (int b = 0; b < bands.length; b++) {
            bands[b].process(bandBuf[b], frames);
            int len = delayLen[b];
            if (len > 0) {
                int p = 0;
                for (int c = 0; c < channels; c++) {
                    double[] d = delay[b][c];
                    double[] x = bandBuf[b][c];
                    p = delayPos[b];
                    for (int i = 0; i < frames; i++) {
                        double v = d[p];
                        d[p] = x[i];
                        x[i] = v;
                        if (++p == len) {
                            p = 0;
                        }
                    }
                }
                delayPos[b] = p;
            }
        }
        for (int c = 0; c < channels; c++) {
            double[] out = block[c];
            for (int i = 0; i < frames; i++) {
                double s = 0;
                for (int b = 0; b < bands.length; b++) {
                    s += bandBuf[b][c][i];
                }
                out[i] = s;
            }
        }
    }

    @Override
    public void reset() {
        if (split != null) {
            split.reset();
        }
        for (Compressor c : bands) {
            c.reset();
        }
        for (double[][] d : delay) {
            for (double[] x : d) {
                Arrays.fill(x, 0);
            }
        }
        Arrays.fill(delayPos, 0);
    }

    /** The largest reduction of any band; mean and active share averaged over the bands. */
    @Override
    public GainReduction.Stats gainReductionStats() {
        double max = 0;
        double mean = 0;
        double active = 0;
        long n = 0;
        for (Compressor c : bands) {
            GainReduction.Stats s = c.gainReductionStats();
            max = Math.max(max, s.maxDb());
            mean += s.meanDb() / bands.length;
            active += s.activeFraction() / bands.length;
            n = Math.max(n, s.samples());
        }
        return new GainReduction.Stats(max, mean, active, n);
    }

    /** The per-band statistics, lowest band first. */
    public List<GainReduction.Stats> bandStats() {
        List<GainReduction.Stats> l = new ArrayList<>();
        for (Compressor c : bands) {
            l.add(c.gainReductionStats());
        }
        return l;
    }

    /** The trace of the band that reduced most at each step. */
    @Override
    public GainReduction.Trace gainReductionTrace() {
        double[] t = new double[0];
        double step = GainReduction.TRACE_STEP_SECONDS;
        for (Compressor c : bands) {
            GainReduction.Trace bt = c.gainReductionTrace();
            if (bt.reductionDb().length > t.length) {
                t = Arrays.copyOf(t, bt.reductionDb().length);
            }
            for (int i = 0; i < bt.reductionDb().length; i++) {
                t[i] = Math.max(t[i], bt.reductionDb()[i]);
            }
        }
        return new GainReduction.Trace(step, t);
    }

    @Override
    public MultibandCompressor traceGainReduction(boolean on) {
        for (Compressor c : bands) {
            c.traceGainReduction(on);
        }
        return this;
    }

    /** {@code MultibandCompressor[crossoversHz=[200, 3000]} and one line per band. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MultibandCompressor[crossoversHz=");
        sb.append(Arrays.toString(Arrays.stream(crossoversHz).mapToObj(f -> String.format(Locale.ROOT, "%.0f", f)).toArray()));
        for (int b = 0; b < bands.length; b++) {
            sb.append("\n    band ").append(b + 1).append(": ").append(bands[b]);
        }
        return sb.append(']').toString();
    }
}
