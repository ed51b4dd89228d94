package mw.assistant;

import java.util.Locale;
import java.util.Random;
import mw.audio.AudioBuffer;
import mw.processing.Chain;
import mw.processing.Eq;
import mw.processing.Gain;
import mw.processing.Stereo;

/**
 * A known damage done to a track for self-supervised training of the settings: shelves and a peak at the
 * frequencies the assistant's EQ uses, a width change and a level change. The settings that undo it are
 * known exactly: the same filters with opposite gains (RBJ shelves and peaks with negated gain are exact
 * inverses), and the reciprocal width.
 *
 * @param lowDb   low shelf gain at {@link Assistant#LOW_SHELF_HZ}
 * @param midDb   peak gain at {@link Assistant#MID_PEAK_HZ}
 * @param highDb  high shelf gain at {@link Assistant#HIGH_SHELF_HZ}
 * @param width   side gain factor (1 leaves the image alone)
 * @param levelDb level change
 */
public record Degradation(double lowDb, double midDb, double highDb, double width, double levelDb) {

    /** Ranges of the random damage. */
    public static final double LOW_RANGE_DB = 6;
    public static final double MID_RANGE_DB = 4;
    public static final double HIGH_RANGE_DB = 6;
    public static final double WIDTH_MIN_OCT = -1;
    public static final double WIDTH_MAX_OCT = 0.5;

    /** A random damage drawn uniformly in the ranges (width uniform in octaves). */
    public static Degradation random(Random r, boolean stereo) {
        return new Degradation(
                (2 * r.nextDouble() - 1) * LOW_RANGE_DB,
                (2 * r.nextDouble() - 1) * MID_RANGE_DB,
                (2 * r.nextDouble() - 1) * HIGH_RANGE_DB,
                stereo ? Math.pow(2, WIDTH_MIN_OCT + r.nextDouble() * (WIDTH_MAX_OCT - WIDTH_MIN_OCT)) : 1,
                -10 * r.nextDouble());
    }

    /** The chain that does the damage. */
    public Chain chain(boolean stereo) {
        Chain c = Chain.of(Eq.lowShelf(Assistant.LOW_SHELF_HZ, lowDb), Eq.peak(Assistant.MID_PEAK_HZ, midDb, Assistant.MID_Q),
                Eq.highShelf(Assistant.HIGH_SHELF_HZ, highDb));
        if (stereo) {
            c.add(Stereo.width(width));
        }
        c.add(Gain.db(levelDb));
        return c;
    }

    /** The damaged track. */
    public AudioBuffer apply(AudioBuffer audio) {
        return chain(audio.channels() == 2).process(audio);
    }

    /** The settings that undo it, in the order of {@link Assistant#LEARNED_SETTINGS}. */
    public double[] correction() {
        return new double[]{-lowDb, -midDb, -highDb, 1 / width};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Degradation[low %+.1f dB, mid %+.1f dB, high %+.1f dB, width %.2f, level %+.1f dB]",
                lowDb, midDb, highDb, width, levelDb);
    }
}
