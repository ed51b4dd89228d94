package mw.repair;

import java.util.Arrays;
import mw.processing.Processor;

/**
 * A processor that repairs audio segment by segment: each channel is cut into hops of {@code hop}
 * samples, and each hop is repaired with {@code margin} samples of context on either side (the left
 * context already repaired, the right context as it came in). Only the hop is kept, so events that
 * straddle a hop boundary are repaired with context on both sides. Latency: {@code hop + margin}.
 */
abstract class Segmented implements Processor {
    private int hop;
    private int margin;
    private int channels;
    private boolean prepared;
    /** Per channel: [repaired left context | raw hop | raw right context]. */
    private double[][] work = new double[0][];
    private double[] tmp = new double[0];
    private double[][] outFifo = new double[0][];
    private int fill;
    private int outRead;
    private int outCount;
    private long windowStart;
    protected int sampleRate;

    /** Hop and margin for a sample rate. */
    abstract int hopSamples(int sampleRate);

    abstract int marginSamples(int sampleRate);

    /** Called once per stream after the sizes are known. */
    void prepareState(int sampleRate, int channels) {
    }

    /**
     * Repairs one window in place.
     *
     * @param w the window: {@code [0, keepFrom)} left context, {@code [keepFrom, keepTo)} the hop kept,
     *     {@code [keepTo, w.length)} right context
     * @param absStart stream position of {@code w[0]} (negative at the start of a stream)
     */
    abstract void repair(double[] w, int channel, int keepFrom, int keepTo, long absStart);

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        hop = hopSamples(sampleRate);
        margin = marginSamples(sampleRate);
        work = new double[channels][2 * margin + hop];
        tmp = new double[2 * margin + hop];
        outFifo = new double[channels][2 * (hop + margin) + hop];
        prepareState(sampleRate, channels);
        prepared = true;
        reset();
    }

    @Override
    public void reset() {
        for (double[] w : work) {
            Arrays.fill(w, 0);
        }
        for (double[] o : outFifo) {
            Arrays.fill(o, 0);
        }
        fill = 0;
        outRead = 0;
        outCount = hop + margin;
        windowStart = -margin;
        resetState();
    }

    void resetState() {
    }

    /** Whether the left context of a window is the repaired audio (true) or the input as it came (false). */
    boolean repairedContext() {
        return true;
    }

    /** A linear gain applied to the output only (the context kept for the next hop is not scaled). */
    double outputGain() {
        return 1;
    }

    @Override
    public int latencySamples() {
        return prepared ? hop + margin : 0;
    }

    @Override
    public void process(double[][] block, int frames) {
        if (!prepared) {
            throw new IllegalStateException(type() + ": call prepare(sampleRate, maxBlock, channels) before process");
        }
        int cap = outFifo.length == 0 ? 0 : outFifo[0].length;
        int i = 0;
        while (i < frames) {
            int n = Math.min(frames - i, hop + margin - fill);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(block[c], i, work[c], margin + fill, n);
            }
            // output the oldest samples of the fifo in their place
            for (int k = 0; k < n; k++) {
                int idx = (outRead + k) % cap;
                for (int c = 0; c < channels; c++) {
                    block[c][i + k] = outFifo[c][idx];
                }
            }
            outRead = (outRead + n) % cap;
            outCount -= n;
            fill += n;
            i += n;
            if (fill == hop + margin) {
                int write = (outRead + outCount) % cap;
                for (int c = 0; c < channels; c++) {
                    double[] w = work[c];
                    System.arraycopy(w, 0, tmp, 0, w.length);
                    repair(tmp, c, margin, margin + hop, windowStart);
                    if (repairedContext()) {
                        System.arraycopy(tmp, margin, w, margin, hop);
                    }
                    double g = outputGain();
                    for (int k = 0; k < hop; k++) {
                        outFifo[c][(write + k) % cap] = g * tmp[margin + k];
                    }
                    System.arraycopy(w, hop, w, 0, 2 * margin);
                }
                outCount += hop;
                fill = margin;
                windowStart += hop;
            }
        }
    }
}
