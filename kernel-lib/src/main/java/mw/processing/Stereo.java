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
public final class Stereo implements Processor {
    private double midGainDb;
    private double sideGainDb;
    private double width = 1;
    private double balance;
    private double bassMonoHz;
    private double[] crossoversHz = new double[0];
    private double[] bandWidths = {1};

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

    /** Width factor on the side signal, 0 (mono) to 2. */
    public Stereo withWidth(double factor) {
        width = WorkbenchException.checkRange("width", factor, 0, 2);
        sideG.target(Render.dbToLinear(sideGainDb) * width);
        return this;
    }

    public Stereo midGainDb(double db) {
        midGainDb = WorkbenchException.checkRange("midGainDb", db, -24, 24);
        midG.target(Render.dbToLinear(db));
        return this;
    }

    public Stereo sideGainDb(double db) {
        sideGainDb = WorkbenchException.checkRange("sideGainDb", db, -60, 24);
        sideG.target(Render.dbToLinear(db) * width);
        return this;
    }

    /** Balance, -1 (left only) to +1 (right only). */
    public Stereo balance(double b) {
        balance = WorkbenchException.checkRange("balance", b, -1, 1);
        leftG.target(b > 0 ? 1 - b : 1);
        rightG.target(b < 0 ? 1 + b : 1);
        return this;
    }

    /** Removes the side signal below this frequency, 0 (off) or 20 to 500 Hz. Takes effect at the next prepare. */
    public Stereo bassMonoHz(double hz) {
        if (hz != 0) {
            WorkbenchException.checkRange("bassMonoHz", hz, 20, 500);
        }
        bassMonoHz = hz;
        return this;
    }

    /** Widths per band (each 0 to 2) on crossovers (takes effect at the next prepare). */
    public Stereo withBandWidths(double[] crossoversHz, double... widths) {
        if (crossoversHz.length > 4) {
            throw new WorkbenchException("crossoversHz has " + crossoversHz.length + " values; accepted: 0 to 4");
        }
        if (widths.length != crossoversHz.length + 1) {
            throw new WorkbenchException(crossoversHz.length + " crossovers need " + (crossoversHz.length + 1)
                    + " band widths, got " + widths.length);
        }
        Crossover.check(crossoversHz, 0);
        for (int i = 0; i < widths.length; i++) {
            WorkbenchException.checkRange("bandWidths[" + i + "]", widths[i], 0, 2);
        }
        this.crossoversHz = crossoversHz.clone();
        this.bandWidths = widths.clone();
        bandG = new Ramp[widths.length];
        for (int i = 0; i < widths.length; i++) {
            bandG[i] = new Ramp(0.020, widths[i]);
        }
        return this;
    }

    public double width() { return width; }
    public double midGainDb() { return midGainDb; }
    public double sideGainDb() { return sideGainDb; }
    public double balance() { return balance; }
    public double bassMonoHz() { return bassMonoHz; }
    public double[] crossoversHz() { return crossoversHz.clone(); }
    public double[] bandWidths() { return bandWidths.clone(); }

    @Override
    public String type() {
        return "stereo";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("midGainDb", midGainDb);
        m.put("sideGainDb", sideGainDb);
        m.put("width", width);
        m.put("balance", balance);
        m.put("bassMonoHz", bassMonoHz);
        m.put("crossoversHz", Arrays.stream(crossoversHz).boxed().toList());
        m.put("bandWidths", Arrays.stream(bandWidths).boxed().toList());
        return m;
    }

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
        if (bassSplit != null) {
            // bands of [mid, side]: band 0 below, band 1 above; keep mid whole (all-pass), side above only
            bassSplit.split(ms, frames, tmp);
            for (int i = 0; i < frames; i++) {
                m[i] = tmp[0][0][i] + tmp[1][0][i];
                s[i] = tmp[1][1][i];
            }
        }
        if (bandSplit != null) {
            bandSplit.split(ms, frames, tmp);
            int nb = bandG.length;
            for (int i = 0; i < frames; i++) {
                double mm = 0;
                double ss = 0;
                for (int b = 0; b < nb; b++) {
                    mm += tmp[b][0][i];
                    ss += tmp[b][1][i] * bandG[b].next();
                }
                m[i] = mm;
                s[i] = ss;
            }
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

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Stereo[midGainDb=%.2f sideGainDb=%.2f width=%.2f balance=%.2f bassMonoHz=%.0f"
                        + " crossoversHz=%s bandWidths=%s]", midGainDb, sideGainDb, width, balance, bassMonoHz,
                Arrays.toString(crossoversHz), Arrays.toString(bandWidths));
    }
}
