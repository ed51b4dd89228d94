package mw.processing;

/** A gain in dB, applied to every channel; changes while running glide over 20 ms. */
public final class Gain extends AbstractProcessor<Gain> {
    /** Accepted range of {@link #gainDb(double)}. */
    public static final double MIN_DB = -120;
    public static final double MAX_DB = 60;
    /** The parameters, declared once. */
    public static final ParamSet<Gain> PARAMS = ParamSet.<Gain>of("gain", v -> new Gain())
            .number("gainDb", "dB", MIN_DB, MAX_DB, 0, "%.2f", g -> g.gainDb, (g, v) -> g.gainDb = v);

    private double gainDb;
    private final Ramp ramp = new Ramp(0.020, 1.0);
    private boolean prepared;

    private Gain() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    /** A gain of {@code gainDb} dB (-120 to +60). */
    public static Gain db(double gainDb) {
        Gain g = new Gain().gainDb(gainDb);
        g.ramp.jump();
        return g;
    }

    /** Sets the gain in dB (-120 to +60). */
    public Gain gainDb(double db) {
        return set("gainDb", db);
    }

    public double gainDb() {
        return gainDb;
    }

    @Override
    protected void changed(String name) {
        ramp.target(gainDb == 0 ? 1.0 : Render.dbToLinear(gainDb));
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        ramp.prepare(sampleRate);
        prepared = true;
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(prepared, type());
        if (!ramp.moving()) {
            double g = ramp.value();
            if (g == 1.0) {
                return;
            }
            for (double[] c : block) {
                for (int i = 0; i < frames; i++) {
                    c[i] *= g;
                }
            }
            return;
        }
        for (int i = 0; i < frames; i++) {
            double g = ramp.next();
            for (double[] c : block) {
                c[i] *= g;
            }
        }
    }

    @Override
    public void reset() {
        ramp.jump();
    }
}
