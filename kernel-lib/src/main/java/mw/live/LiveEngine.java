package mw.live;

import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mw.WorkbenchException;
import mw.loudness.KWeighting;
import mw.loudness.TruePeak;

/**
 * The live mastering engine: runs the live chain (three-band EQ, compressor, width and output gain,
 * true-peak limiter; {@link #parameters()}) block by block on an audio thread while any other thread
 * asks it to move to a named state.
 *
 * <pre>{@code
 * var engine = new LiveEngine(LiveStates.read(Path.of("states.json")), "menu", 48_000, 2, 512);
 * // audio thread, every block:   engine.process(block, frames);
 * // game thread, any time:       engine.transitionTo("combat");   engine.meters();
 * }</pre>
 *
 * <h2>Transitions</h2>
 * A transition moves every parameter from where it is to the target state's value along a {@link TransitionCurve}
 * (levels in dB and width linearly, frequencies, Q, ratio and times geometrically). Parameters are
 * evaluated at control points every {@link #CONTROL_FRAMES} frames of the stream (and at the transition's
 * end); filter coefficients and dynamics settings change there, width and output gain are interpolated
 * per sample between them. A new request interrupts a running transition and starts from the values
 * reached. When a transition ends every parameter is exactly the target's value. Control points sit at
 * fixed frame positions of the stream, so the output does not depend on the block size: a render cut
 * into blocks of any size equals a whole render when requests arrive at the same frames.
 *
 * <h2>Threads</h2>
 * {@link #process} belongs to one audio thread; it takes no lock and allocates nothing. The other methods
 * may be called from any thread. A request is an immutable object handed over through one atomic
 * reference (the audio thread takes it at the start of its next block; of several requests made between
 * two blocks the last wins). Meters and current parameter values are published after each block with a
 * sequence counter (the writer never waits; a reader retries in the rare case it overlapped a write), so
 * a reader always sees one block's values together.
 */
public final class LiveEngine {
    /** Frames between control points (0.67 ms at 48 kHz). */
    public static final int CONTROL_FRAMES = 32;

    private record Request(int stateIndex, String stateName, double[] target, long frames, TransitionCurve curve) {
    }

    private final LiveStates states;
    private final int sampleRate;
    private final int channels;
    private final int maxBlockFrames;
    private final LiveChain chain = new LiveChain();
    private final AtomicReference<Request> pending = new AtomicReference<>();
    /** The state last requested (control side), for per-pair transitions. */
    private volatile String requested;

    // ---- audio thread only ----
    private long frame;
    private final double[] from = new double[LiveChain.COUNT];
    private final double[] to = new double[LiveChain.COUNT];
    private final double[] ctrlPrev = new double[LiveChain.COUNT];
    private final double[] ctrlNext = new double[LiveChain.COUNT];
    private long p0;
    private long p1;
    private long tStart;
    private long tEnd;
    private TransitionCurve curve = TransitionCurve.LINEAR;
    private boolean moving;
    private String stateName;
    private final double[][] scratch;
    // meters
    private final double[] kShelf;
    private final double[] kHigh;
    private final double[][] kState;
    /** The true-peak meter from 44.1 kHz up (4x); below, the workbench's 8x meter per channel. */
    private final LiveTruePeak livePeak;
    private final TruePeak[] truePeak;
    private final double[] blockPeaks;
    private double samplePeak;
    private final double[] ring = new double[40];
    private int ringPos;
    private long subs;
    private long nextSubEnd;
    private double subEnergy;
    private double momentary = Double.NaN;

    // ---- published (sequence counter) ----
    private volatile long seq;
    private long pubFrames;
    private double pubMomentary = Double.NaN;
    private double pubCompGr;
    private double pubLimGr;
    private double pubTruePeak;
    private String pubState;
    private double pubProgress = 1;
    private final double[] pubValues = new double[LiveChain.COUNT];

    /**
     * An engine for a stream.
     *
     * @param states         the states it can move between
     * @param initialState   the state it starts in
     * @param sampleRate     8000 to 192000 Hz
     * @param channels       1 or 2 (width acts on two channels only)
     * @param maxBlockFrames the largest block {@link #process} will be given, 1 to 2^26 (a whole file)
     */
    public LiveEngine(LiveStates states, String initialState, int sampleRate, int channels, int maxBlockFrames) {
        this.states = states;
        WorkbenchException.checkRange("sample rate", sampleRate, 8000, 192_000);
        if (channels < 1 || channels > 2) {
            throw new WorkbenchException("the live engine takes 1 or 2 channels; the audio has " + channels);
        }
        if (maxBlockFrames < 1 || maxBlockFrames > 1 << 26) {
            throw new WorkbenchException("block size " + maxBlockFrames + " is out of range; accepted: 1 to " + (1 << 26) + " frames");
        }
        for (LiveState s : states.states()) {
            LiveChain.checkRate("state " + s.name(), s.raw(), sampleRate);
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.maxBlockFrames = maxBlockFrames;
        LiveState init = states.get(initialState);
        this.stateName = init.name();
        this.requested = init.name();
        System.arraycopy(init.raw(), 0, ctrlNext, 0, LiveChain.COUNT);
        System.arraycopy(init.raw(), 0, ctrlPrev, 0, LiveChain.COUNT);
        System.arraycopy(init.raw(), 0, to, 0, LiveChain.COUNT);
        chain.prepare(sampleRate, maxBlockFrames, channels, ctrlNext);
        scratch = new double[channels][maxBlockFrames];
        kShelf = KWeighting.shelf(sampleRate);
        kHigh = KWeighting.highPass(sampleRate);
        kState = new double[channels][4];
        blockPeaks = new double[channels];
        if (TruePeak.oversamplingFactor(sampleRate) == 4) {
            livePeak = new LiveTruePeak(channels, maxBlockFrames);
            truePeak = new TruePeak[0];
        } else {
            livePeak = null;
            truePeak = new TruePeak[channels];
            for (int c = 0; c < channels; c++) {
                truePeak[c] = new TruePeak(sampleRate);
                // grow its working buffer now, not on the audio thread
                truePeak[c].add(new double[maxBlockFrames], 0, maxBlockFrames, 0);
            }
        }
        nextSubEnd = subEnd(1);
        pubState = stateName;
        System.arraycopy(ctrlNext, 0, pubValues, 0, LiveChain.COUNT);
    }

    /** The parameters of the live chain, in order (names, units, ranges, defaults, preset fields). */
    public static List<LiveParameter> parameters() {
        return LiveChain.PARAMETERS;
    }

    public LiveStates states() {
        return states;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    public int maxBlockFrames() {
        return maxBlockFrames;
    }

    /** Look-ahead latency of the chain in frames (the limiter's look-ahead and guard), without buffering. */
    public int lookaheadFrames() {
        return chain.latencySamples();
    }

    /** Latency from input to output when the host runs blocks of {@code blockFrames}: one block plus the look-ahead. */
    public int latencyFrames(int blockFrames) {
        return blockFrames + lookaheadFrames();
    }

    // ------------------------------------------------------------------ control side (any thread)

    /** Moves to a state with the transition the states define for this pair (or the default). */
    public void transitionTo(String state) {
        LiveState s = states.get(state);
        LiveTransition t = states.transition(requested, s.name());
        transitionTo(s, t.seconds(), t.curve());
    }

    /** Moves to a named state over {@code seconds} along {@code curve}. */
    public void transitionTo(String state, double seconds, TransitionCurve curve) {
        transitionTo(states.get(state), seconds, curve);
    }

    /** Moves to any state (a named one, or one made with {@link LiveState#with}) over {@code seconds} along {@code curve}. */
    public void transitionTo(LiveState state, double seconds, TransitionCurve curve) {
        LiveTransition t = new LiveTransition(seconds, curve);
        LiveChain.checkRate("state " + state.name(), state.raw(), sampleRate);
        long n = Math.max(1, Math.round(t.seconds() * sampleRate));
        requested = state.name();
        pending.set(new Request(states.indexOf(state.name()), state.name(), state.raw().clone(), n, t.curve()));
    }

    /** The state last asked for. */
    public String requestedState() {
        return requested;
    }

    /** The meters and state at the end of the last block (consistent with each other). */
    public LiveMeters meters() {
        while (true) {
            long s = seq;
            if ((s & 1) == 0) {
                LiveMeters m = new LiveMeters(pubFrames, pubMomentary, pubCompGr, pubLimGr, pubTruePeak, pubState, pubProgress);
                VarHandle.acquireFence();
                if (seq == s) {
                    return m;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** Every parameter's value at the end of the last block, by name (one block's values together). */
    public Map<String, Double> values() {
        double[] v = valuesArray();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(LiveChain.PARAMETERS.get(i).name(), v[i]);
        }
        return m;
    }

    /** Every parameter's value at the end of the last block, in {@link #parameters()} order. */
    public double[] valuesArray() {
        double[] v = new double[LiveChain.COUNT];
        while (true) {
            long s = seq;
            if ((s & 1) == 0) {
                System.arraycopy(pubValues, 0, v, 0, v.length);
                VarHandle.acquireFence();
                if (seq == s) {
                    return v;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** One parameter's value at the end of the last block, by chain name or preset field. */
    public double value(String parameter) {
        return valuesArray()[LiveStates.indexOfField("value", parameter)];
    }

    // ------------------------------------------------------------------ audio thread

    /**
     * Processes {@code frames} frames of {@code block[channel][frame]} in place. Call from one thread;
     * it neither locks nor allocates.
     */
    public void process(double[][] block, int frames) {
        if (frames > maxBlockFrames || block.length != channels) {
            throw new IllegalArgumentException("block of " + block.length + " x " + frames
                    + " frames; this engine takes " + channels + " x at most " + maxBlockFrames);
        }
        Request r = pending.getAndSet(null);
        if (r != null) {
            start(r);
        }
        int pos = 0;
        while (pos < frames) {
            if (!moving && frame >= p1) {
                run(block, pos, frames, 1, 1, 0, 0);
                frame += frames - pos;
                break;
            }
            if (frame >= p1) {
                nextSegment();
            }
            int len = (int) Math.min(p1 - frame, frames - pos);
            double g0 = dbToLinear(ctrlPrev[LiveChain.OUTPUT_DB]);
            double g1 = dbToLinear(ctrlNext[LiveChain.OUTPUT_DB]);
            run(block, pos, pos + len, g0, g1, (int) (frame - p0), (int) (p1 - p0));
            frame += len;
            pos += len;
            if (moving && frame == tEnd) {
                moving = false;
                System.arraycopy(to, 0, ctrlNext, 0, LiveChain.COUNT);
            }
        }
        meter(block, frames);
        publish();
    }

    private void start(Request r) {
        // the values reached at this frame: on the way from the last control point to the next one (the
        // equaliser's own glide carries on from exactly where it is)
        if (frame < p1) {
            double f = (double) (frame - p0) / (p1 - p0);
            for (int i = 0; i < LiveChain.COUNT; i++) {
                from[i] = LiveChain.PARAMETERS.get(i).interpolate(ctrlPrev[i], ctrlNext[i], f);
            }
        } else {
            System.arraycopy(ctrlNext, 0, from, 0, LiveChain.COUNT);
        }
        System.arraycopy(from, 0, ctrlNext, 0, LiveChain.COUNT);
        System.arraycopy(r.target(), 0, to, 0, LiveChain.COUNT);
        p0 = frame;
        p1 = frame;
        tStart = frame;
        tEnd = frame + r.frames();
        curve = r.curve();
        moving = true;
        stateName = r.stateName();
    }

    private void nextSegment() {
        System.arraycopy(ctrlNext, 0, ctrlPrev, 0, LiveChain.COUNT);
        p0 = frame;
        long grid = (frame / CONTROL_FRAMES + 1) * CONTROL_FRAMES;
        p1 = moving ? Math.min(grid, tEnd) : grid;
        if (moving) {
            double w = curve.at((double) (p1 - tStart) / (tEnd - tStart));
            for (int i = 0; i < LiveChain.COUNT; i++) {
                ctrlNext[i] = LiveChain.PARAMETERS.get(i).interpolate(from[i], to[i], w);
            }
        }
        chain.apply(ctrlNext, (int) (p1 - p0));
    }

    /** Runs the chain on frames {@code a..b} of the block with the current settings. */
    private void run(double[][] block, int a, int b, double g0, double g1, int k0, int n) {
        double[][] x = block;
        int from = a;
        int to = b;
        boolean copy = a != 0;
        if (copy) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(block[c], a, scratch[c], 0, b - a);
            }
            x = scratch;
            from = 0;
            to = b - a;
        }
        chain.equalise(x, from, to);
        chain.compressor.process(x, to);
        if (n == 0) {
            double w = ctrlNext[LiveChain.WIDTH];
            double g = dbToLinear(ctrlNext[LiveChain.OUTPUT_DB]);
            LiveChain.widthAndGain(x, 0, to, w, w, g, g, 0, 1);
        } else {
            LiveChain.widthAndGain(x, 0, to, ctrlPrev[LiveChain.WIDTH], ctrlNext[LiveChain.WIDTH], g0, g1, k0, n);
        }
        chain.limiter.process(x, to);
        if (copy) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(scratch[c], 0, block[c], a, b - a);
            }
        }
    }

    private long subEnd(long k) {
        return k * sampleRate / 100;
    }

    /** Momentary loudness (K-weighted mean square over 400 ms in 10 ms steps) and true peak of the output. */
    private void meter(double[][] block, int frames) {
        long f = frame - frames;
        double b0 = kShelf[0], b1 = kShelf[1], b2 = kShelf[2], a1 = kShelf[3], a2 = kShelf[4];
        double c0 = kHigh[0], c1 = kHigh[1], c2 = kHigh[2], d1 = kHigh[3], d2 = kHigh[4];
        int i = 0;
        while (i < frames) {
            int end = (int) Math.min(frames, i + (nextSubEnd - f));
            for (int c = 0; c < channels; c++) {
                double[] x = block[c];
                double[] s = kState[c];
                double s1 = s[0], s2 = s[1], t1 = s[2], t2 = s[3];
                double e = 0;
                for (int k = i; k < end; k++) {
                    double in = x[k];
                    double y = b0 * in + s1;
                    s1 = b1 * in - a1 * y + s2;
                    s2 = b2 * in - a2 * y;
                    double z = c0 * y + t1;
                    t1 = c1 * y - d1 * z + t2;
                    t2 = c2 * y - d2 * z;
                    e += z * z;
                }
                s[0] = Math.abs(s1) < 1e-30 ? 0 : s1;
                s[1] = Math.abs(s2) < 1e-30 ? 0 : s2;
                s[2] = Math.abs(t1) < 1e-30 ? 0 : t1;
                s[3] = Math.abs(t2) < 1e-30 ? 0 : t2;
                subEnergy += e;
            }
            f += end - i;
            i = end;
            if (f == nextSubEnd) {
                ring[ringPos] = subEnergy;
                ringPos = (ringPos + 1) % ring.length;
                subEnergy = 0;
                subs++;
                nextSubEnd = subEnd(subs + 1);
                if (subs >= ring.length) {
                    double sum = 0;
                    for (double v : ring) {
                        sum += v;
                    }
                    long len = subEnd(subs) - subEnd(subs - ring.length);
                    momentary = -0.691 + 10 * Math.log10(sum / len);
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            double[] x = block[c];
            double p = 0;
            for (int k = 0; k < frames; k++) {
                p = Math.max(p, Math.abs(x[k]));
            }
            samplePeak = Math.max(samplePeak, p);
            blockPeaks[c] = p;
            if (livePeak == null) {
                truePeak[c].add(x, 0, frames, p);
            }
        }
        if (livePeak != null) {
            livePeak.add(block, frames, blockPeaks);
        }
    }

    private void publish() {
        long s = seq;
        seq = s + 1;
        VarHandle.storeStoreFence();
        pubFrames = frame;
        pubMomentary = momentary;
        pubCompGr = chain.compressor.currentGainReductionDb();
        pubLimGr = chain.limiter.currentGainReductionDb();
        double tp = samplePeak;
        for (TruePeak t : truePeak) {
            tp = Math.max(tp, t.heldPeak());
        }
        if (livePeak != null) {
            tp = Math.max(tp, livePeak.held());
        }
        pubTruePeak = 20 * Math.log10(tp);
        pubState = stateName;
        pubProgress = moving ? (double) (frame - tStart) / (tEnd - tStart) : 1;
        System.arraycopy(ctrlNext, 0, pubValues, 0, LiveChain.COUNT);
        seq = s + 2;
    }

    /** The value a processor of the chain reports for a parameter (audio thread or when stopped; for checks). */
    double processorValue(String parameter) {
        return chain.processorValue(LiveStates.indexOfField("value", parameter));
    }

    private static double dbToLinear(double db) {
        return db == 0 ? 1 : Math.pow(10, db / 20);
    }
}
