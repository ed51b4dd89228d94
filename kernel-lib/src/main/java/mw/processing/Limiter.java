package mw.processing;


/**
 * A true-peak limiter: its output stays at or below {@code ceilingDbtp} in true peak (the level of the
 * band-limited waveform between the samples, as ITU-R BS.1770-4 Annex 2 measures it), not only in
 * sample peak.
 *
 * <p>Two look-ahead stages of the same design (described in
 * {@code docs/processing.md}): the main stage detects the input's peaks with 4x oversampling and
 * parabolic refinement and brings them to 0.05 dB below the ceiling with a smooth attack over the
 * lookahead and an exponential release; a short guard stage then measures the main stage's own output
 * the same way and removes what is left above 0.02 dB below the ceiling (gain changes shape the
 * waveform between samples slightly). Components above 0.4535 fs (20 kHz at 44.1 kHz) are detected
 * with reduced accuracy.
 *
 * <pre>{@code
 * Limiter.truePeak(-1.0).releaseMs(80)
 * }</pre>
 */
public final class Limiter extends DynamicsBase<Limiter> {
    /** Margin of the main stage below the ceiling, dB. */
    static final double MAIN_MARGIN_DB = 0.05;
    /** Margin of the guard stage below the ceiling, dB. */
    static final double GUARD_MARGIN_DB = 0.02;
    static final double GUARD_WINDOW_SECONDS = 0.0007;
    static final double GUARD_RELEASE_SECONDS = 0.005;

    /** The parameters, declared once. */
    public static final ParamSet<Limiter> PARAMS = ParamSet.<Limiter>of("limiter", v -> new Limiter())
            .number("ceilingDbtp", "dBTP", -20, 0, -1, "%.2f", l -> l.ceilingDbtp, (l, v) -> l.ceilingDbtp = v)
            .number("releaseMs", "ms", 1, 2000, 60, "%.1f", l -> l.releaseMs, (l, v) -> l.releaseMs = v)
            .number("lookaheadMs", "ms", 0.5, 10, 1.5, "%.2f", l -> l.lookaheadMs, (l, v) -> l.lookaheadMs = v)
            .change(Param.Change.ON_PREPARE)
            .note("oversampling=4x");

    private double ceilingDbtp;
    private double releaseMs;
    private double lookaheadMs;

    private int sampleRate;
    private int channels;
    private PeakGainStage main;
    private PeakGainStage guard;
    private double lastMainGain = 1;
    private long lastChange;
    private long framesDone;

    private Limiter() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    /** A true-peak limiter with the given ceiling in dBTP (-20 to 0). */
    public static Limiter truePeak(double ceilingDbtp) {
        return new Limiter().ceilingDbtp(ceilingDbtp);
    }

    /**
     * Ceiling in dBTP, -20 to 0. A change while running is followed smoothly: a lower ceiling with the
     * attack ramp, a higher one with the release.
     */
    public Limiter ceilingDbtp(double db) {
        return set("ceilingDbtp", db);
    }

    /** Release time constant in ms, 1 to 2000. */
    public Limiter releaseMs(double ms) {
        return set("releaseMs", ms);
    }

    /** Lookahead (the attack ramp) in ms, 0.5 to 10; adds latency. Takes effect at the next prepare. */
    public Limiter lookaheadMs(double ms) {
        return set("lookaheadMs", ms);
    }

    @Override
    protected void changed(String name) {
        if (main == null) {
            return;
        }
        switch (name) {
            case "ceilingDbtp" -> {
                main.ceiling(Render.dbToLinear(ceilingDbtp - MAIN_MARGIN_DB));
                guard.ceiling(Render.dbToLinear(ceilingDbtp - GUARD_MARGIN_DB));
            }
            case "releaseMs" -> main.release(releaseMs / 1000, sampleRate);
            default -> { }
        }
    }

    public double ceilingDbtp() { return ceilingDbtp; }
    public double releaseMs() { return releaseMs; }
    public double lookaheadMs() { return lookaheadMs; }

    @Override
    public String type() {
        return "limiter";
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        int w = Math.max(1, (int) Math.round(lookaheadMs / 1000 * sampleRate));
        main = new PeakGainStage(channels, Render.dbToLinear(ceilingDbtp - MAIN_MARGIN_DB), w, releaseMs / 1000, sampleRate);
        int wg = Math.max(4, (int) Math.round(GUARD_WINDOW_SECONDS * sampleRate));
        guard = new PeakGainStage(channels, Render.dbToLinear(ceilingDbtp - GUARD_MARGIN_DB), wg, GUARD_RELEASE_SECONDS, sampleRate);
        gr.prepare(sampleRate);
        lastMainGain = 1;
        lastChange = 0;
        framesDone = 0;
    }

    @Override
    public int latencySamples() {
        return main == null ? 0 : main.latency() + guard.latency();
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(sampleRate > 0, type());
        for (int pos = 0; pos < frames; pos += PeakGainStage.SUB) {
            int len = Math.min(PeakGainStage.SUB, frames - pos);
            main.process(block, pos, len);
            // where the main stage's gain has been constant over the guard's detector span, the guard would
            // see the main stage's own (already limited) peaks scaled by a constant: it has nothing to do
            double[] gm = main.lastGains();
            for (int i = 0; i < len; i++) {
                if (gm[i] != lastMainGain) {
                    lastMainGain = gm[i];
                    lastChange = framesDone + i;
                }
            }
            boolean steady = lastChange < framesDone - PeakGainStage.TAPS - 2;
            guard.process(block, pos, len, steady);
            framesDone += len;
            // the guard's gain acts on audio the main stage processed guard.latency() frames earlier; for the
            // statistics the product of the two current gains is close enough
            double[] gg = guard.lastGains();
            for (int i = 0; i < len; i++) {
                double g = gm[i] * gg[i];
                gr.add(g == 1 ? 0 : -20 * Math.log10(g));
            }
        }
    }

    @Override
    public void reset() {
        if (main != null) {
            main.reset();
            guard.reset();
        }
        lastMainGain = 1;
        lastChange = 0;
        framesDone = 0;
        gr.reset();
    }
}
