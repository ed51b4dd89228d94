package mw.repair;

import java.util.Arrays;
import java.util.Locale;
import mw.WorkbenchException;
import mw.processing.AbstractProcessor;
import mw.processing.Chain;
import mw.processing.Param;
import mw.processing.ParamSet;
import mw.processing.Processor;

/**
 * Splits the signal into parts, sends each part through its own chain and sums the results: targeted
 * processing without stems.
 *
 * <pre>{@code
 * var drumsUp = Split.harmonicPercussive().percussive(Chain.of(Gain.db(3)));
 * var wider   = Split.midSide().side(Chain.of(Gain.db(2)));
 * var parts   = Split.harmonicPercussive(2).parts(audio);   // harmonic, percussive, residual
 * }</pre>
 *
 * <ul>
 *   <li><b>harmonicPercussive</b>: harmonic/percussive separation by median filtering of the short-time
 *       magnitude spectrum (D. Fitzgerald, "Harmonic/percussive separation using median filtering",
 *       DAFx 2010): 46 ms Hann frames at 75 % overlap; a median across time ({@code harmonicMs}, default
 *       200 ms) enhances sustained partials, a median across frequency ({@code percussiveHz}, default
 *       500 Hz) enhances broadband onsets. With {@code margin} 1 the parts get the soft (Wiener, power 2)
 *       masks {@code H^2/(H^2+P^2)} and {@code P^2/(H^2+P^2)}; with a margin above 1 a bin is harmonic
 *       only where {@code H > margin * P}, percussive only where {@code P > margin * H}, and the rest goes
 *       to a third, residual part (Driedger, Müller &amp; Disch, "Extending harmonic-percussive separation
 *       of audio signals", ISMIR 2014). The masks are computed on the magnitude summed over channels, so
 *       every channel is split alike and the stereo image stays. The masks sum to 1 in every bin, so
 *       with identity chains the output is the input, delayed and corrected for the delay, to float
 *       precision of the FFT (the tests hold it under -100 dB).</li>
 *   <li><b>midSide</b>: M = (L+R)/2 and S = (L-R)/2 (two channels only), summed back as L = M+S, R = M-S:
 *       exact.</li>
 * </ul>
 * The part chains' latencies are aligned by delaying the faster parts. Latency: the split's own
 * (0 for mid/side; 2048 samples plus half the harmonic median at 44.1 kHz) plus the slowest part chain.
 * The part chains are parameters like the others: in a chain spec in parentheses,
 * {@code split:mode=midSide,side=(eq:shape=highShelf,frequencyHz=6000,gainDb=2)}, in a preset as JSON
 * arrays of stage objects, {@code "percussive": [{"type": "gain", "gainDb": 3}]}.
 */
public final class Split extends AbstractProcessor<Split> {
    /** How the signal is split. */
    public enum Mode {
        HARMONIC_PERCUSSIVE("harmonicPercussive"), MID_SIDE("midSide");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        public static Mode parse(String s) {
            for (Mode m : values()) {
                if (m.id.equalsIgnoreCase(s.trim())) {
                    return m;
                }
            }
            throw new WorkbenchException("mode = " + s + " is not known; accepted: harmonicPercussive, midSide");
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The parameters, declared once; the part chains are parameters too, so specs and presets carry them. */
    public static final ParamSet<Split> PARAMS = ParamSet.<Split>of("split", v -> new Split())
            .choice("mode", Mode.HARMONIC_PERCUSSIVE, Mode::toString, Mode::parse, s -> s.mode, (s, v) -> s.mode = v)
            .change(Param.Change.ON_PREPARE)
            .number("margin", "", 1, 10, 1, "%.2f", s -> s.margin, (s, v) -> s.margin = v).change(Param.Change.IMMEDIATE)
            .number("harmonicMs", "ms", 50, 1000, 200, "%.0f", s -> s.harmonicMs, (s, v) -> s.harmonicMs = v)
            .change(Param.Change.ON_PREPARE)
            .number("percussiveHz", "Hz", 100, 4000, 500, "%.0f", s -> s.percussiveHz, (s, v) -> s.percussiveHz = v)
            .change(Param.Change.IMMEDIATE)
            .chain("harmonic", s -> s.chains[0], (s, v) -> s.chains[0] = v)
            .chain("percussive", s -> s.chains[1], (s, v) -> s.chains[1] = v)
            .chain("residual", s -> s.chains[2], (s, v) -> s.chains[2] = v)
            .chain("mid", s -> s.chains[3], (s, v) -> s.chains[3] = v)
            .chain("side", s -> s.chains[4], (s, v) -> s.chains[4] = v);

    /** The part names, in the order of {@link #chains}. */
    private static final String[] PART_NAMES = {"harmonic", "percussive", "residual", "mid", "side"};

    private Mode mode;
    private double margin;
    private double harmonicMs;
    private double percussiveHz;
    /** The part chains: harmonic, percussive, residual, mid, side. */
    private final Processor[] chains = {Chain.of(), Chain.of(), Chain.of(), Chain.of(), Chain.of()};
    /** The chains in use while running (those of the mode), set by prepare. */
    private Processor[] active = new Processor[0];
    private SpectralStream stream;
    private double[][][] partBuf = new double[0][][];
    private double[][][] delay = new double[0][][];
    private int[] delayLen = new int[0];
    private int delayPos;
    private int channels;
    private int bins;
    private int nFft;
    private int sampleRate;
    private boolean prepared;
    private float[][] mag = new float[0][];
    private double[] harm = new double[0];
    private double[] perc = new double[0];
    private double[] win = new double[0];

    private Split() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    @Override
    protected void validate() {
        int from = mode == Mode.MID_SIDE ? 0 : 3;
        for (int i = from; i < from + 3 && i < chains.length; i++) {
            if (i < 5 && !(chains[i] instanceof Chain c && c.size() == 0)) {
                throw new WorkbenchException("a " + mode + " split has no " + PART_NAMES[i] + " part; accepted: "
                        + (mode == Mode.MID_SIDE ? "mid, side" : "harmonic, percussive, residual"));
            }
        }
    }

    /** Harmonic/percussive with soft masks (margin 1): parts harmonic and percussive. */
    public static Split harmonicPercussive() {
        return new Split();
    }

    /** Harmonic/percussive/residual with a margin (1 to 10; above 1 the residual part holds what is neither). */
    public static Split harmonicPercussive(double margin) {
        return new Split().margin(margin);
    }

    /** Mid and side (two-channel audio). */
    public static Split midSide() {
        return new Split().set("mode", Mode.MID_SIDE);
    }

    public Split margin(double m) {
        return set("margin", m);
    }

    public Split harmonicMs(double ms) {
        return set("harmonicMs", ms);
    }

    public Split percussiveHz(double hz) {
        return set("percussiveHz", hz);
    }

    public Mode mode() {
        return mode;
    }

    /** The chain the harmonic part goes through. */
    public Split harmonic(Processor chain) {
        return part(0, chain, Mode.HARMONIC_PERCUSSIVE, "harmonic");
    }

    /** The chain the percussive part goes through. */
    public Split percussive(Processor chain) {
        return part(1, chain, Mode.HARMONIC_PERCUSSIVE, "percussive");
    }

    /** The chain the residual part (margin above 1) goes through. */
    public Split residual(Processor chain) {
        return part(2, chain, Mode.HARMONIC_PERCUSSIVE, "residual");
    }

    /** The chain the mid part goes through. */
    public Split mid(Processor chain) {
        return part(3, chain, Mode.MID_SIDE, "mid");
    }

    /** The chain the side part goes through. */
    public Split side(Processor chain) {
        return part(4, chain, Mode.MID_SIDE, "side");
    }

    private Split part(int i, Processor chain, Mode needs, String name) {
        if (mode != needs) {
            throw new WorkbenchException("a " + mode + " split has no " + name + " part; accepted: "
                    + (mode == Mode.MID_SIDE ? "mid, side" : "harmonic, percussive, residual"));
        }
        return set(name, chain == null ? Chain.of() : chain);
    }

    /**
     * The parts without their chains, each as long as the input: harmonic, percussive and residual
     * (empty with margin 1) as buffers like the input; or mid and side as one-channel buffers.
     */
    public java.util.List<mw.audio.AudioBuffer> parts(mw.audio.AudioBuffer audio) {
        java.util.List<mw.audio.AudioBuffer> out = new java.util.ArrayList<>();
        if (mode == Mode.MID_SIDE) {
            if (audio.channels() != 2) {
                throw new WorkbenchException("a mid/side split needs two channels; this audio has " + audio.channels());
            }
            double[] m = new double[audio.frames()];
            double[] s = new double[audio.frames()];
            for (int i = 0; i < m.length; i++) {
                m[i] = 0.5 * (audio.sample(0, i) + audio.sample(1, i));
                s[i] = 0.5 * (audio.sample(0, i) - audio.sample(1, i));
            }
            return java.util.List.of(mw.audio.AudioBuffer.of(audio.sampleRate(), m), mw.audio.AudioBuffer.of(audio.sampleRate(), s));
        }
        for (int k = 0; k < 3; k++) {
            Split one = PARAMS.create(java.util.Map.of("mode", mode, "margin", margin, "harmonicMs", harmonicMs,
                    "percussiveHz", percussiveHz));
            one.only = k;
            out.add(one.process(audio));
        }
        return out;
    }

    /** When 0 or more, the output is that part alone (for {@link #parts}). */
    private int only = -1;

    private int kernelFrames() {
        int hop = nFft / 4;
        int frames = (int) Math.round(harmonicMs * 1e-3 * sampleRate / hop);
        return Math.max(1, frames / 2);
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        int parts;
        int chainChannels;
        if (mode == Mode.MID_SIDE) {
            if (channels != 2) {
                throw new WorkbenchException("a mid/side split needs two channels; this audio has " + channels);
            }
            parts = 2;
            chainChannels = 1;
            stream = null;
        } else {
            parts = 3;
            chainChannels = channels;
            nFft = SpectralStream.fftSize(sampleRate);
            bins = nFft / 2 + 1;
            int look = kernelFrames();
            stream = new SpectralStream(nFft, channels, parts, look);
            mag = new float[2 * look + 1][bins];
            harm = new double[bins];
            perc = new double[bins];
            win = new double[Math.max(2 * look + 1, 2 * 200 + 1)];
        }
        partBuf = new double[parts][chainChannels][maxBlockFrames];
        active = mode == Mode.MID_SIDE ? new Processor[] {chains[3], chains[4]} : new Processor[] {chains[0], chains[1], chains[2]};
        int maxLat = 0;
        for (int p = 0; p < parts; p++) {
            active[p].prepare(sampleRate, maxBlockFrames, chainChannels);
            maxLat = Math.max(maxLat, active[p].latencySamples());
        }
        delayLen = new int[parts];
        delay = new double[parts][chainChannels][];
        for (int p = 0; p < parts; p++) {
            delayLen[p] = maxLat - active[p].latencySamples();
            for (int c = 0; c < chainChannels; c++) {
                delay[p][c] = new double[maxLat + 1];
            }
        }
        chainLatency = maxLat;
        delayPos = 0;
        prepared = true;
    }

    private int chainLatency;

    @Override
    public int latencySamples() {
        return (stream == null ? 0 : stream.latency()) + chainLatency;
    }

    @Override
    public void reset() {
        if (stream != null) {
            stream.reset();
        }
        for (Processor c : chains) {
            c.reset();
        }
        for (double[][] d : delay) {
            for (double[] x : d) {
                Arrays.fill(x, 0);
            }
        }
        delayPos = 0;
    }

    @Override
    public void process(double[][] block, int frames) {
        if (!prepared) {
            throw new IllegalStateException("split: call prepare(sampleRate, maxBlock, channels) before process");
        }
        int parts = partBuf.length;
        if (mode == Mode.MID_SIDE) {
            double[] l = block[0];
            double[] r = block[1];
            for (int i = 0; i < frames; i++) {
                partBuf[0][0][i] = 0.5 * (l[i] + r[i]);
                partBuf[1][0][i] = 0.5 * (l[i] - r[i]);
            }
        } else {
            stream.process(block, frames, partBuf, this::frame);
        }
        for (int p = 0; p < parts; p++) {
            active[p].process(partBuf[p], frames);
        }
        int start = delayPos;
        for (int p = 0; p < parts; p++) {
            int len = delay[p][0].length;
            int d = delayLen[p];
            for (int c = 0; c < partBuf[p].length; c++) {
                double[] ring = delay[p][c];
                double[] x = partBuf[p][c];
                int pos = start;
                for (int i = 0; i < frames; i++) {
                    ring[pos] = x[i];
                    int rd = pos - d;
                    x[i] = ring[rd < 0 ? rd + len : rd];
                    pos = pos + 1 == len ? 0 : pos + 1;
                }
            }
        }
        if (parts > 0 && delay[0].length > 0) {
            delayPos = (start + frames) % delay[0][0].length;
        }
        if (mode == Mode.MID_SIDE) {
            double[] m = partBuf[0][0];
            double[] s = partBuf[1][0];
            for (int i = 0; i < frames; i++) {
                block[0][i] = m[i] + s[i];
                block[1][i] = m[i] - s[i];
            }
        } else {
            for (int c = 0; c < channels; c++) {
                double[] o = block[c];
                for (int i = 0; i < frames; i++) {
                    o[i] = only >= 0 ? partBuf[only][c][i] : partBuf[0][c][i] + partBuf[1][c][i] + partBuf[2][c][i];
                }
            }
        }
    }

    /** One STFT frame: median filters, masks, three output spectra. */
    private void frame(float[][][] frames, int middle, float[][][] out) {
        int t = frames.length;
        for (int a = 0; a < t; a++) {
            float[] m = mag[a];
            for (int k = 0; k < bins; k++) {
                double s = 0;
                for (int c = 0; c < channels; c++) {
                    s += Math.sqrt(SpectralStream.power(frames[a][c], k, nFft));
                }
                m[k] = (float) s;
            }
        }
        for (int k = 0; k < bins; k++) {
            for (int a = 0; a < t; a++) {
                win[a] = mag[a][k];
            }
            Arrays.sort(win, 0, t);
            harm[k] = win[t / 2];
        }
        int half = Math.max(1, (int) Math.round(percussiveHz / ((double) sampleRate / nFft) / 2));
        half = Math.min(half, (win.length - 1) / 2);
        float[] mid = mag[middle];
        for (int k = 0; k < bins; k++) {
            int lo = Math.max(0, k - half);
            int hi = Math.min(bins - 1, k + half);
            int len = hi - lo + 1;
            for (int q = lo; q <= hi; q++) {
                win[q - lo] = mid[q];
            }
            Arrays.sort(win, 0, len);
            perc[k] = win[len / 2];
        }
        for (int c = 0; c < channels; c++) {
            float[] x = frames[middle][c];
            for (int k = 0; k < bins; k++) {
                double h = harm[k];
                double p = perc[k];
                double mh;
                double mp;
                if (margin <= 1) {
                    double hh = h * h;
                    double pp = p * p;
                    double sum = hh + pp;
                    mh = sum > 0 ? hh / sum : 0.5;
                    mp = 1 - mh;
                } else {
                    mh = h > margin * p ? 1 : 0;
                    mp = p > margin * h ? 1 : 0;
                }
                SpectralStream.scale(x, out[0][c], k, mh, nFft);
                SpectralStream.scale(x, out[1][c], k, mp, nFft);
                SpectralStream.scale(x, out[2][c], k, 1 - mh - mp, nFft);
            }
        }
    }
}
