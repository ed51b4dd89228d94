package mw.processing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import mw.WorkbenchException;

/** A gain in dB, applied to every channel; changes while running glide over 20 ms. */
public final class Gain implements Processor {
    /** Accepted range of {@link #gainDb(double)}. */
    public static final double MIN_DB = -120;
    public static final double MAX_DB = 60;
    private double gainDb;
    private final Ramp ramp = new Ramp(0.020, 1.0);
    private boolean prepared;

    private Gain(double gainDb) {
        gainDb(gainDb);
        ramp.jump();
    }

    /** A gain of {@code gainDb} dB (-120 to +60). */
    public static Gain db(double gainDb) {
        return new Gain(gainDb);
    }

    /** Sets the gain in dB (-120 to +60). */
    public Gain gainDb(double db) {
        WorkbenchException.checkRange("gainDb", db, MIN_DB, MAX_DB);
        this.gainDb = db;
        ramp.target(db == 0 ? 1.0 : Render.dbToLinear(db));
        return this;
    }

    public double gainDb() {
        return gainDb;
    }

    @Override
    public String type() {
        return "gain";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gainDb", gainDb);
        return m;
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

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Gain[gainDb=%.2f]", gainDb);
    }
}
