package mw.processing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;

/**
 * Stereo image tools for two-channel audio, in mid/side form ({@code M = (L + R) / 2},
 * {@code S = (L - R) / 2}, back with {@code L = M + S}, {@code R = M - S}):
 * mid and side gains, stereo width (a factor on the side signal: 0 mono, 1 unchanged, 2 twice as
 * wide), optionally per band on Linkwitz-Riley crossovers, bass mono (the side signal removed below
 * {@code bassMonoHz} with a Linkwitz-Riley high-pass, the mid passed through the matching all-pass so
 * the two stay in phase), and balance (-1 left only ... 0 centre ... +1 right only, constant-power
 * law is not used: the far side is attenuated linearly, the near side kept).
 *
 * <pre>{@code
 * Stereo.width(1.2).bassMonoHz(120)                          // wider, mono lows
 * Stereo.bandWidths(new double[] {300, 4000}, 0.8, 1.0, 1.3) // narrower lows, wider highs
 * }</pre>
 * Gain, width and balance changes glide over 20 ms.
 */
public final class Stereo extends AbstractProcessor<Stereo> {
    /** The parameters, declared once. */
    public static final ParamSet<Stereo> PARAMS = ParamSet.<Stereo>of("stereo", v -> new Stereo())
            .number("midGainDb", "dB", -24, 24, 0, "%.2f", s -> s.midGainDb, (s, v) -> s.midGainDb = v)
            .number("sideGainDb", "dB", -60, 24, 0, "%.2f", s -> s.sideGainDb, (s, v) -> s.sideGainDb = v)
            .number("width", "", 0, 2, 1, "%.2f", s -> s.width, (s, v) -> s.width = v)
            .number("balance", "", -1, 1, 0, "%.2f", s -> s.balance, (s, v) -> s.balance = v)
            .number("bassMonoHz", "Hz", 20, 500, 0, "%.0f", s -> s.bassMonoHz, (s, v) -> s.bassMonoHz = v)
            .offAt(0).change(Param.Change.ON_PREPARE)
            .numbers("crossoversHz", "Hz", 20, 20_000, new double[0], s -> s.crossoversHz, (s, v) -> s.crossoversHz = v)
            .numbers("bandWidths", "", 0, 2, new double[] {1}, s -> s.bandWidths, (s, v) -> s.bandWidths = v);

    private double midGainDb;
    private double sideGainDb;
    private double width;
    private double balance;
    private double bassMonoHz;
    private double[] crossoversHz;
    private double[] bandWidths;

    private int sampleRate;
    private Crossover bassSplit;
    private Crossover bandSplit;
    private double[][][] tmp = new double[0][0][0];
    private double[][] ms = new double[0][0];
    private final Ramp midG = new Ramp(0.020, 1);
    private final Ramp sideG = new Ramp(0.020, 1);
    private final Ramp leftG = new Ramp(0.020, 1);
    private final Ramp rightG = new Ramp(0.020, 1);
    private Ramp[] bandG = {new Ramp(0.020, 1)};

    private Stereo() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    /** Neutral settings, to adjust. */
    public static Stereo create() {
        return new Stereo();
    }

    /** A stereo width factor (0 to 2) on the whole band. */
    public static Stereo width(double factor) {
        return new Stereo().withWidth(factor);
    }

    /** Widths per band on Linkwitz-Riley crossovers (lowest band first, one more width than crossovers). */
    public static Stereo bandWidths(double[] crossoversHz, double... widths) {
        return new Stereo().withBandWidths(crossoversHz, widths);
    }

    /** Width factor on the side signal, 0 (mono) to 2 ({@code withWidth} because {@link #width(double)} makes a new one). */
    public Stereo withWidth(double factor) {
        return set("width", factor);
    }

    /** Gain of the mid signal, -24 to +24 dB. */
    public Stereo midGainDb(double db) {
        return set("midGainDb", db);
    }

    /** Gain of the side signal, -60 to +24 dB. */
    public Stereo sideGainDb(double db) {
        return set("sideGainDb", db);
    }

    /** Balance, -1 (left only) to +1 (right only). */
    public Stereo balance(double b) {
        return set("balance", b);
    }

    /** Removes the side signal below this frequency, 0 (off) or 20 to 500 Hz. Takes effect at the next prepare. */
    public Stereo bassMonoHz(double hz) {
        return set("bassMonoHz", hz);
    }

    /** Widths per band (each 0 to 2) on crossovers (takes effect at the next prepare). */
    public Stereo withBandWidths(double[] crossoversHz, double... widths) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("crossoversHz", crossoversHz);
        m.put("bandWidths", widths);
        return set(m);
    }

    @Override
    protected void changed(String name) {
        switch (name) {
            case "midGainDb" -> midG.target(Render.dbToLinear(midGainDb));
            case "sideGainDb", "width" -> sideG.target(Render.dbToLinear(sideGainDb) * width);
            case "balance" -> {
                leftG.target(balance > 0 ? 1 - balance : 1);
                rightG.target(balance < 0 ? 1 + balance : 1);
            }
            case "bandWidths" -> {
                bandG = new Ramp[bandWidths.length];
                for (int i = 0; i < bandWidths.length; i++) {
                    bandG[i] = new Ramp(0.020, bandWidths[i]);
                }
            }
            default -> { }
        }
    }

    @Override
    protected void validate() {
        if (crossoversHz.length > 4) {
            throw new WorkbenchException("crossoversHz has " + crossoversHz.length + " values; accepted: 0 to 4");
        }
        if (bandWidths.length != crossoversHz.length + 1) {
            throw new WorkbenchException(crossoversHz.length + " crossovers need " + (crossoversHz.length + 1)
                    + " band widths, got " + bandWidths.length + " (set crossoversHz and bandWidths together)");
        }
        Crossover.check(crossoversHz, 0);
    }

    public double width() { return width; }
    public double midGainDb() { return midGainDb; }
    public double sideGainDb() { return sideGainDb; }
    public double balance() { return balance; }
    public double bassMonoHz() { return bassMonoHz; }
    public double[] crossoversHz() { return crossoversHz.clone(); }
    public double[] bandWidths() { return bandWidths.clone(); }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        if (channels != 2) {
            throw new WorkbenchException("the stereo processor needs 2 channels; the audio has " + channels);
        }
        this.sampleRate = sampleRate;
        int block = Math.max(1, maxBlockFrames);
        bassSplit = bassMonoHz > 0 ? new Crossover(new double[] {bassMonoHz}, sampleRate, 2) : null;
        bandSplit = crossoversHz.length > 0 ? new Crossover(crossoversHz, sampleRate, 2) : null;
        tmp = new double[Math.max(2, crossoversHz.length + 1)][2][block];
        ms = new double[2][block];
        for (Ramp r : new Ramp[] {midG, sideG, leftG, rightG}) {
            r.prepare(sampleRate);
        }
        for (Ramp r : bandG) {
            r.prepare(sampleRate);
        }
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(sampleRate > 0, type());
        if (frames > ms[0].length) {
            tmp = new double[tmp.length][2][frames];
            ms = new double[2][frames];
        }
        if (bassSplit == null && bandSplit == null && neutral()) {
            return; // bit-transparent when nothing is asked
        }
        double[] l = block[0];
        double[] r = block[1];
        double[] m = ms[0];
        double[] s = ms[1];
        for (int i = 0; i < frames; i++) {
            m[i] = 0.5 * (l[i] + r[i]);
            s[i] = 0.5 * (l[i] - r[i]);
        }
        // the mid keeps all its bands at unit gain: their sum is the crossovers' all-pass, run on the mid
        // directly; only the side is split
        if (bassSplit != null) {
            // side above the crossover only; the mid whole (all-pass), so the two stay in phase
            bassSplit.allPass(0, m, frames);
            bassSplit.split(1, s, frames, tmp);
            System.arraycopy(tmp[1][1], 0, s, 0, frames);
        }
        if (bandSplit != null) {
            // the side's bands, each with its width, summed as the crossovers run (Crossover.weightedSum)
            bandSplit.allPass(0, m, frames);
            int nb = bandG.length;
            double[][] gains = new double[nb][];
            for (int b = 0; b < nb; b++) {
                double[] g = tmp[b][0];
                Ramp ramp = bandG[b];
                if (ramp.moving()) {
                    for (int i = 0; i < frames; i++) {
                        g[i] = ramp.next();
                    }
                } else {
                    Arrays.fill(g, 0, frames, ramp.value());
                }
                gains[b] = g;
            }
            bandSplit.weightedSum(1, s, frames, gains, tmp[0][1]);
        }
        for (int i = 0; i < frames; i++) {
            double mm = m[i] * midG.next();
            double ss = s[i] * sideG.next();
            l[i] = (mm + ss) * leftG.next();
            r[i] = (mm - ss) * rightG.next();
        }
    }

    private boolean neutral() {
        for (Ramp r : new Ramp[] {midG, sideG, leftG, rightG}) {
            if (r.moving() || r.value() != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void reset() {
        if (bassSplit != null) {
            bassSplit.reset();
        }
        if (bandSplit != null) {
            bandSplit.reset();
        }
        for (Ramp r : new Ramp[] {midG, sideG, leftG, rightG}) {
            r.jump();
        }
        for (Ramp r : bandG) {
            r.jump();
        }
    }
}
