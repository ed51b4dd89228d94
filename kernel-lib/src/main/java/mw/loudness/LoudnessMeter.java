package mw.loudness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;

/**
 * A streaming loudness and true-peak meter per ITU-R BS.1770-4, EBU R 128, EBU Tech 3341 and Tech 3342.
 * Feed it planar blocks of any size with {@link #add(double[][], int, int)}; ask for any reading at any
 * time; memory stays constant whatever the length (gating uses {@link GatedHistogram}), apart from the
 * optional plotting series.
 *
 * <pre>{@code
 * LoudnessMeter m = new LoudnessMeter(48000, ChannelLayout.STEREO);
 * m.add(block, 0, frames);            // as often as needed
 * double live = m.shortTermLufs();    // a live reading
 * LoudnessReport r = m.report();      // I, LRA, M/S max, true peak, sample peak, PLR
 * }</pre>
 *
 * <p>How it works: each channel is K-weighted ({@link KWeighting}), squared, weighted by its BS.1770-4
 * channel weight ({@link ChannelWeights}) and summed into 1 ms sub-blocks (sub-block {@code j} ends at
 * sample {@code floor(j * fs / 1000)}). Momentary (400 ms) and short-term (3 s) loudness are evaluated at
 * the end of every sub-block, so their maxima are taken on a 1 ms grid and do not depend on where a
 * signal starts (EBU Tech 3341 cases 10 and 13). Every 100 ms the 400 ms block is a gating block of the
 * integrated loudness (75 % overlap) and the 3 s block a short-term value of the loudness range.
 *
 * <p>A meter is not thread-safe: feed and read it from one thread at a time (it uses all cores itself
 * for the channels of large blocks). Results do not depend on how the stream is cut into blocks.
 */
public final class LoudnessMeter {
    /** Sub-blocks per second: loudness is evaluated every 1 ms. */
    static final int SUBS_PER_S = 1000;
    static final int M_SUBS = 400;
    static final int S_SUBS = 3000;
    static final int GATE_STEP_SUBS = 100;

    private final int sampleRate;
    private final ChannelLayout layout;
    private final int channels;
    private final double[] weight;
    private final double[] shelf;
    private final double[] highPass;
    /** Per channel: stage-1 state z1, z2, stage-2 state z1, z2. */
    private final double[][] state;
    private final TruePeak[] truePeak;
    private final double[] samplePeak;

    private long frames;
    private long subs;
    private long nextBoundary;
    private double current;
    private final double[] ring = new double[S_SUBS];
    private double sumM;
    private double sumS;
    private double lastM = Double.NaN;
    private double lastS = Double.NaN;
    private double maxM = -1;
    private double maxS = -1;
    private final GatedHistogram gating = new GatedHistogram();
    private final GatedHistogram range = new GatedHistogram();

    private int hopMs;
    private DoubleList seriesM;
    private DoubleList seriesS;
    private DoubleList seriesI;
    /** The running integrated loudness at the last gating step (recomputed only when a block was added). */
    private double runningI = Double.NaN;
    private boolean runningStale;

    private double[] segEnergy = new double[64];
    private int[] segEnd = new int[64];
    /** Per channel: the weighted energy of each segment of the current block. */
    private final double[][] chEnergy;
    private static final int PARALLEL_MIN_FRAMES = 4096;
    /** Longest stretch one call measures at once (longer calls are split). */
    private static final int MAX_CALL_FRAMES = 1 << 16;
    private static final int PARALLELISM = Math.min(Runtime.getRuntime().availableProcessors(),
            java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1);

    private boolean measureTruePeak = true;

    /** A meter for a sample rate (8 to 768 kHz) and a channel layout. */
    public LoudnessMeter(int sampleRate, ChannelLayout layout) {
        this.sampleRate = sampleRate;
        this.layout = layout;
        this.channels = layout.channels();
        this.weight = ChannelWeights.of(layout);
        this.shelf = KWeighting.shelf(sampleRate);
        this.highPass = KWeighting.highPass(sampleRate);
        this.state = new double[channels][4];
        this.truePeak = new TruePeak[channels];
        for (int c = 0; c < channels; c++) {
            truePeak[c] = new TruePeak(sampleRate);
        }
        this.samplePeak = new double[channels];
        this.nextBoundary = boundary(1);
        this.chEnergy = new double[channels][64];
    }

    /**
     * Also records momentary, short-term and running integrated readings every {@code hopMs} milliseconds for
     * {@link #series()}. Call before adding audio.
     */
    public LoudnessMeter recordSeries(int hopMs) {
        if (hopMs < 1 || hopMs > 60_000) {
            throw new WorkbenchException("series hop = " + hopMs + " ms is out of range; accepted: 1 to 60000 ms");
        }
        if (frames > 0) {
            throw new IllegalStateException("recordSeries must be called before any audio is added");
        }
        this.hopMs = hopMs;
        this.seriesM = new DoubleList();
        this.seriesS = new DoubleList();
        this.seriesI = new DoubleList();
        gating.trackRunning();
        return this;
    }

    /**
     * Measures loudness only: true peak is not computed (it reads as the sample peak). For loops that
     * need integrated loudness many times over, such as finding the gain that reaches a target; the
     * K-weighting and gating are unchanged. Call before adding audio.
     */
    public LoudnessMeter withoutTruePeak() {
        if (frames > 0) {
            throw new IllegalStateException("withoutTruePeak must be called before any audio is added");
        }
        this.measureTruePeak = false;
        return this;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public ChannelLayout layout() {
        return layout;
    }

    /** Frames fed so far. */
    public long frames() {
        return frames;
    }

    public double durationSeconds() {
        return (double) frames / sampleRate;
    }

    private long boundary(long j) {
        return j * sampleRate / SUBS_PER_S;
    }

    /** Feeds a whole buffer (same rate and channel count as the meter). */
    public void add(AudioBuffer audio) {
        if (audio.sampleRate() != sampleRate || audio.channels() != channels) {
            throw new WorkbenchException("audio of " + audio.sampleRate() + " Hz, " + audio.channels()
                    + " channels fed to a meter for " + sampleRate + " Hz, " + channels + " channels");
        }
        int block = 16384;
        if (measureTruePeak) {
            // the whole buffer's sample peak is a level each channel is known to reach: the true-peak search
            // skips from the start every stretch that cannot interpolate above it
            peakHint = new double[channels];
            for (int c = 0; c < channels; c++) {
                double p = audio.peak(c);
                peakHint[c] = Double.isFinite(p) ? p : 0;
            }
        }
        try {
            addBlocks(audio, block);
        } finally {
            peakHint = null;
        }
    }

    /** A level each channel is known to reach in the audio being added (its sample peak), or null. */
    private double[] peakHint;

    private void addBlocks(AudioBuffer audio, int block) {
        double[][] buf = new double[channels][Math.min(block, Math.max(1, audio.frames()))];
        for (int pos = 0; pos < audio.frames(); pos += block) {
            int n = Math.min(block, audio.frames() - pos);
            for (int c = 0; c < channels; c++) {
                audio.copyTo(c, pos, buf[c], 0, n);
            }
            add(buf, 0, n);
        }
    }

    /** Feeds {@code x[channel][0..frames)}. */
    public void add(double[][] x, int frames) {
        add(x, 0, frames);
    }

    /**
     * Feeds {@code n} frames of planar audio {@code x[channel][offset..offset+n)} (full scale is ±1.0).
     *
     * @throws WorkbenchException if a sample is NaN or infinite (the meter's state is then unchanged)
     */
    public void add(double[][] x, int offset, int n) {
        if (x.length != channels) {
            throw new WorkbenchException("block has " + x.length + " channels; the meter expects " + channels);
        }
        if (n <= 0) {
            return;
        }
        if (n > MAX_CALL_FRAMES) {
            // long buffers in slices: the same result, and hot loops entered many times are compiled early
            // instead of running interpreted until an on-stack replacement is ready
            for (int done = 0; done < n; done += MAX_CALL_FRAMES) {
                add(x, offset + done, Math.min(MAX_CALL_FRAMES, n - done));
            }
            return;
        }
        double[] blockPeak = new double[channels];
        for (int c = 0; c < channels; c++) {
            double[] xc = x[c];
            double p = 0;
            double finite = 0; // v * 0 is 0 for every finite v, NaN for NaN and infinities
            for (int i = offset, end = offset + n; i < end; i++) {
                double v = xc[i];
                double a = Math.abs(v);
                p = a > p ? a : p;
                finite += v * 0.0;
            }
            if (finite != 0 || Double.isNaN(finite)) {
                throw nonFinite(xc, offset, n, c);
            }
            blockPeak[c] = p;
        }
        for (int c = 0; c < channels; c++) {
            samplePeak[c] = Math.max(samplePeak[c], blockPeak[c]);
        }

        // split the block at sub-block boundaries
        int segs = 0;
        long pos = frames;
        long nb = nextBoundary;
        long end = frames + n;
        while (true) {
            if (segs == segEnd.length) {
                segEnd = Arrays.copyOf(segEnd, segs * 2);
                segEnergy = Arrays.copyOf(segEnergy, segs * 2);
            }
            if (nb <= end) {
                segEnd[segs++] = (int) (nb - frames);
                pos = nb;
                nb = boundary(subs + segs + 1);
                if (pos == end) {
                    break;
                }
            } else {
                segEnd[segs++] = n;
                break;
            }
        }
        if (chEnergy[0].length < segs) {
            for (int c = 0; c < channels; c++) {
                chEnergy[c] = new double[segEnergy.length];
            }
        }
        final int segCount = segs;
        if (channels > 1 && n >= PARALLEL_MIN_FRAMES && PARALLELISM > 1) {
            // channels are independent until their energies are summed: measure them on all cores
            IntStream.range(0, channels).parallel().forEach(c -> measureChannel(x, offset, n, c, segCount));
        } else {
            for (int c = 0; c < channels; c++) {
                measureChannel(x, offset, n, c, segCount);
            }
        }
        Arrays.fill(segEnergy, 0, segs, 0.0);
        for (int c = 0; c < channels; c++) {
            if (weight[c] != 0) {
                double[] ce = chEnergy[c];
                for (int k = 0; k < segs; k++) {
                    segEnergy[k] += ce[k];
                }
            }
        }
        // walk the segments: every segment but possibly the last ends on a sub-block boundary
        for (int k = 0; k < segs; k++) {
            current += segEnergy[k];
            long segEndAbs = frames + segEnd[k];
            if (segEndAbs == nextBoundary) {
                completeSubBlock(current);
                current = 0;
            }
        }
        frames = end;
    }

    private WorkbenchException nonFinite(double[] xc, int offset, int n, int c) {
        for (int i = offset; i < offset + n; i++) {
            if (!Double.isFinite(xc[i])) {
                long frame = frames + (i - offset);
                return new WorkbenchException(String.format(Locale.ROOT,
                        "sample %d of channel %d (%s, at %.3f s) is %s; loudness is defined for finite samples only",
                        frame, c + 1, layout.speaker(c).label(), (double) frame / sampleRate,
                        Double.isNaN(xc[i]) ? "NaN" : "infinite"));
            }
        }
        return new WorkbenchException("a sample of channel " + (c + 1) + " is not finite");
    }

    private void measureChannel(double[][] x, int offset, int n, int c, int segs) {
        if (weight[c] != 0) {
            filterChannel(x[c], offset, c, segs);
        }
        if (measureTruePeak) {
            truePeak[c].add(x[c], offset, n, peakHint == null ? samplePeak[c] : Math.max(samplePeak[c], peakHint[c]));
        }
    }

    private void filterChannel(double[] x, int offset, int c, int segs) {
        final double b0 = shelf[0], b1 = shelf[1], b2 = shelf[2], a1 = shelf[3], a2 = shelf[4];
        final double h1 = highPass[3], h2 = highPass[4];
        final double g = weight[c];
        double[] st = state[c];
        double z1 = st[0], z2 = st[1], w1 = st[2], w2 = st[3];
        double[] ce = chEnergy[c];
        int i = offset;
        for (int k = 0; k < segs; k++) {
            int stop = offset + segEnd[k];
            double sum = 0;
            for (; i < stop; i++) {
                double in = x[i];
                double y = b0 * in + z1;
                z1 = b1 * in - a1 * y + z2;
                z2 = b2 * in - a2 * y;
                double out = y + w1;
                w1 = -2.0 * y - h1 * out + w2;
                w2 = y - h2 * out;
                sum += out * out;
            }
            ce[k] = g * sum;
        }
        // flush denormals after long silences
        st[0] = Math.abs(z1) < 1e-300 ? 0 : z1;
        st[1] = Math.abs(z2) < 1e-300 ? 0 : z2;
        st[2] = Math.abs(w1) < 1e-300 ? 0 : w1;
        st[3] = Math.abs(w2) < 1e-300 ? 0 : w2;
    }

    private void completeSubBlock(double e) {
        subs++;
        long j = subs;
        nextBoundary = boundary(j + 1);
        int slot = (int) ((j - 1) % S_SUBS);
        double leavingS = j > S_SUBS ? ring[slot] : 0;
        double leavingM = j > M_SUBS ? ring[(int) ((j - 1 - M_SUBS) % S_SUBS)] : 0;
        ring[slot] = e;
        sumM += e - leavingM;
        sumS += e - leavingS;
        boolean gateStep = j % GATE_STEP_SUBS == 0;
        if (gateStep) {
            // exact re-summation, so the running sums never drift
            sumM = windowSum(j, M_SUBS);
            sumS = windowSum(j, S_SUBS);
        }
        if (j >= M_SUBS) {
            double m = Math.max(sumM, 0) / (boundary(j) - boundary(j - M_SUBS));
            lastM = m;
            if (m > maxM) {
                maxM = m;
            }
            if (gateStep) {
                gating.add(m);
                runningStale = true;
            }
        }
        if (j >= S_SUBS) {
            double s = Math.max(sumS, 0) / (boundary(j) - boundary(j - S_SUBS));
            lastS = s;
            if (s > maxS) {
                maxS = s;
            }
            if (gateStep) {
                range.add(s);
            }
        }
        if (hopMs > 0 && j % hopMs == 0) {
            seriesM.add(j >= M_SUBS ? lufs(lastM) : Double.NaN);
            seriesS.add(j >= S_SUBS ? lufs(lastS) : Double.NaN);
            if (runningStale) {
                runningI = gating.runningGatedLoudness(-10.0);
                runningStale = false;
            }
            seriesI.add(runningI);
        }
    }

    private double windowSum(long j, int len) {
        int n = (int) Math.min(j, len);
        double s = 0;
        // the ring slots of sub-blocks j - n .. j - 1, in that order, as (at most) two runs without a division each
        int start = (int) ((j - n) % S_SUBS);
        int first = Math.min(n, S_SUBS - start);
        for (int k = start, end = start + first; k < end; k++) {
            s += ring[k];
        }
        for (int k = 0, end = n - first; k < end; k++) {
            s += ring[k];
        }
        return s;
    }

    /** Loudness (LUFS) of a channel-weighted K-weighted mean square: -0.691 + 10 log10(z). */
    static double lufs(double meanSquare) {
        return -0.691 + 10 * Math.log10(meanSquare);
    }

    /** Momentary loudness (LUFS) of the last complete 400 ms; NaN before 400 ms have been fed. */
    public double momentaryLufs() {
        return lufs(lastM);
    }

    /** Short-term loudness (LUFS) of the last complete 3 s; NaN before 3 s have been fed. */
    public double shortTermLufs() {
        return lufs(lastS);
    }

    /** Integrated (gated) loudness so far (LUFS); NaN when no 400 ms block is above -70 LUFS. */
    public double integratedLufs() {
        return gating.gatedLoudness(-10.0);
    }

    /** Loudness range so far per EBU Tech 3342 (LU); NaN when no 3 s block is above -70 LUFS. */
    public double loudnessRangeLu() {
        return range.range();
    }

    /** Largest momentary loudness so far (LUFS); NaN before 400 ms, -infinity for digital silence. */
    public double momentaryMaxLufs() {
        return maxM < 0 ? Double.NaN : lufs(maxM);
    }

    /** Largest short-term loudness so far (LUFS); NaN before 3 s, -infinity for digital silence. */
    public double shortTermMaxLufs() {
        return maxS < 0 ? Double.NaN : lufs(maxS);
    }

    /** Largest true peak over all channels so far (linear). */
    public double truePeakLinear() {
        double p = 0;
        for (int c = 0; c < channels; c++) {
            p = Math.max(p, Math.max(samplePeak[c], truePeak[c].interpolatedPeak()));
        }
        return p;
    }

    /** True peak of one channel so far (linear). */
    public double truePeakLinear(int channel) {
        return Math.max(samplePeak[channel], truePeak[channel].interpolatedPeak());
    }

    /** Largest true peak over all channels (dBTP); -infinity for digital silence. */
    public double truePeakDbtp() {
        return 20 * Math.log10(truePeakLinear());
    }

    /** Largest absolute sample over all channels so far (linear). */
    public double samplePeakLinear() {
        double p = 0;
        for (double v : samplePeak) {
            p = Math.max(p, v);
        }
        return p;
    }

    /** Largest absolute sample (dBFS); -infinity for digital silence. */
    public double samplePeakDbfs() {
        return 20 * Math.log10(samplePeakLinear());
    }

    /** The oversampling factor of the true-peak measurement. */
    public int truePeakOversampling() {
        return truePeak[0].factor();
    }

    /**
     * The recorded series: momentary, short-term and running integrated loudness at every reading (empty
     * when {@link #recordSeries(int)} was not called).
     */
    public LoudnessSeries series() {
        if (hopMs == 0) {
            return new LoudnessSeries(Double.NaN, new double[0], new double[0], new double[0]);
        }
        int n = seriesM.size();
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = (k + 1) * (double) hopMs / 1000.0;
        }
        return new LoudnessSeries(hopMs / 1000.0, t, seriesM.toArray(), seriesS.toArray(), seriesI.toArray());
    }

    /** The readings so far as a report; values that do not exist are NaN and the notes say why. */
    public LoudnessReport report() {
        List<String> notes = new ArrayList<>();
        double dur = durationSeconds();
        double integrated = integratedLufs();
        double lra = loudnessRangeLu();
        double mMax = momentaryMaxLufs();
        double sMax = shortTermMaxLufs();
        double tpLin = truePeakLinear();
        double spLin = samplePeakLinear();
        boolean silent = spLin == 0;
        if (silent) {
            notes.add("digital silence: every sample is 0, so loudness and peaks are -infinity");
        }
        if (subs < M_SUBS) {
            notes.add(String.format(Locale.ROOT,
                    "programme of %.3f s is shorter than the 400 ms momentary window: no loudness exists", dur));
        } else {
            if (Double.isNaN(integrated) && !silent) {
                notes.add("no 400 ms block is above the -70 LUFS absolute gate: integrated loudness does not exist");
            }
            if (subs < S_SUBS) {
                notes.add(String.format(Locale.ROOT,
                        "programme of %.3f s is shorter than the 3 s short-term window: no short-term loudness or loudness range", dur));
            } else if (Double.isNaN(lra) && !silent) {
                notes.add("no 3 s block is above the -70 LUFS absolute gate: loudness range does not exist");
            }
        }
        double tp = silent ? Double.NaN : 20 * Math.log10(tpLin);
        double sp = silent ? Double.NaN : 20 * Math.log10(spLin);
        double plr = tp - integrated;
        return new LoudnessReport(sampleRate, channels, dur, integrated, lra, finiteOrNaN(mMax), finiteOrNaN(sMax),
                tp, sp, plr, String.join("; ", notes));
    }

    /**
     * The report of several programmes played one after the other, as an album: integrated loudness and
     * loudness range gate the blocks of all of them together (EBU R 128 / BS.1770-4 applied to the whole
     * album, without blocks straddling two tracks), maxima and peaks are the largest of any track, the
     * duration is the sum. The sample rate is that of the first meter (0 when the rates differ).
     */
    public static LoudnessReport album(List<LoudnessMeter> meters) {
        if (meters.isEmpty()) {
            throw new WorkbenchException("an album needs at least one track");
        }
        GatedHistogram gating = new GatedHistogram();
        GatedHistogram range = new GatedHistogram();
        double mMax = -1, sMax = -1, tp = 0, sp = 0, dur = 0;
        int rate = meters.get(0).sampleRate;
        int ch = meters.get(0).channels;
        for (LoudnessMeter m : meters) {
            gating.addAll(m.gating);
            range.addAll(m.range);
            mMax = Math.max(mMax, m.maxM);
            sMax = Math.max(sMax, m.maxS);
            tp = Math.max(tp, m.truePeakLinear());
            sp = Math.max(sp, m.samplePeakLinear());
            dur += m.durationSeconds();
            if (m.sampleRate != rate) {
                rate = 0;
            }
            ch = Math.max(ch, m.channels);
        }
        double integrated = gating.gatedLoudness(-10.0);
        List<String> notes = new ArrayList<>();
        if (Double.isNaN(integrated)) {
            notes.add("no 400 ms block of any track is above the -70 LUFS absolute gate: integrated loudness does not exist");
        }
        double tpDb = tp == 0 ? Double.NaN : 20 * Math.log10(tp);
        return new LoudnessReport(rate, ch, dur, integrated, range.range(),
                mMax <= 0 ? Double.NaN : lufs(mMax), sMax <= 0 ? Double.NaN : lufs(sMax), tpDb,
                sp == 0 ? Double.NaN : 20 * Math.log10(sp), tpDb - integrated, String.join("; ", notes));
    }

    private static double finiteOrNaN(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** A growable list of doubles (the plotting series). */
    static final class DoubleList {
        private double[] a = new double[256];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
