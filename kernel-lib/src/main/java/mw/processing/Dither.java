package mw.processing;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import mw.WorkbenchException;

/**
 * Word-length reduction to 16 or 24 bits with TPDF dither (the difference of two uniform variables,
 * +-1 LSB peak), seeded so renders repeat exactly, and optional error-feedback noise shaping
 * ({@code firstOrder}: error filter 1 - z^-1; {@code secondOrder}: (1 - z^-1)^2), which moves the
 * noise towards high frequencies. The output lies on the target grid (multiples of 2^-(bits-1)).
 * Without shaping the total error is white with a power of LSB^2/4 (LSB^2/12 from rounding plus
 * LSB^2/6 from the dither), an RMS of LSB/2, -96.3 dBFS for 16 bits (LSB = 2^-15).
 *
 * <p>Write the result as 32-bit float, or as integer PCM of the same width (the writer's own dither
 * then adds a second, equal amount of noise).
 */
public final class Dither extends AbstractProcessor<Dither> {
    /** Noise-shaping choices. */
    public enum Shaping { NONE, FIRST_ORDER, SECOND_ORDER;
        static Shaping parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT).replace("_", "")) {
                case "none", "off" -> NONE;
                case "firstorder", "first" -> FIRST_ORDER;
                case "secondorder", "second" -> SECOND_ORDER;
                default -> throw new WorkbenchException("noiseShaping = " + s + " is not accepted; accepted: none, firstOrder, secondOrder");
            };
        }

        String id() {
            return switch (this) {
                case NONE -> "none";
                case FIRST_ORDER -> "firstOrder";
                case SECOND_ORDER -> "secondOrder";
            };
        }
    }

    /** Default seed. */
    public static final long DEFAULT_SEED = 0x5EEDL;
    /** The parameters, declared once. */
    public static final ParamSet<Dither> PARAMS = ParamSet.<Dither>of("dither", v -> new Dither())
            .integer("bits", "bits", 16, 24, 16, d -> d.bits, (d, v) -> d.bits = (int) v).only(16, 24)
            .change(Param.Change.IMMEDIATE)
            .choice("noiseShaping", Shaping.NONE, Shaping::id, Shaping::parse, d -> d.shaping, (d, v) -> d.shaping = v)
            .integer("seed", "", Long.MIN_VALUE, Long.MAX_VALUE, DEFAULT_SEED, d -> d.seed, (d, v) -> d.seed = v)
            .change(Param.Change.IMMEDIATE);

    private int bits;
    private Shaping shaping;
    private long seed;
    private SplittableRandom rng = new SplittableRandom(DEFAULT_SEED);
    private double[] e1 = new double[0];
    private double[] e2 = new double[0];
    private boolean prepared;

    private Dither() {
        super(PARAMS);
        PARAMS.applyDefaults(this);
    }

    /** Dither to 16 or 24 bits. */
    public static Dither bits(int bits) {
        return new Dither().set("bits", bits);
    }

    /** Noise shaping: none, first order or second order. */
    public Dither noiseShaping(Shaping s) {
        return set("noiseShaping", java.util.Objects.requireNonNull(s, "noiseShaping"));
    }

    /** Seed of the dither noise (the same seed gives the same output). */
    public Dither seed(long s) {
        return set("seed", s);
    }

    public int bits() { return bits; }
    public Shaping noiseShaping() { return shaping; }
    public long seed() { return seed; }

    @Override
    protected void changed(String name) {
        if (name.equals("seed")) {
            rng = new SplittableRandom(seed);
        }
    }

    @Override
    public void prepare(int sampleRate, int maxBlockFrames, int channels) {
        e1 = new double[channels];
        e2 = new double[channels];
        prepared = true;
        reset();
    }

    @Override
    public void process(double[][] block, int frames) {
        Render.checkPrepared(prepared, type());
        double scale = Math.scalb(1.0, bits - 1);
        double max = scale - 1;
        double min = -scale;
        int ch = block.length;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < ch; c++) {
                double x = block[c][i] * scale;
                double shaped = switch (shaping) {
                    case NONE -> x;
                    case FIRST_ORDER -> x - e1[c];
                    case SECOND_ORDER -> x - 2 * e1[c] + e2[c];
                };
                double q = Math.rint(shaped + rng.nextDouble() - rng.nextDouble());
                q = Math.max(min, Math.min(max, q));
                e2[c] = e1[c];
                e1[c] = q - shaped;
                block[c][i] = q / scale;
            }
        }
    }

    @Override
    public void reset() {
        rng = new SplittableRandom(seed);
        Arrays.fill(e1, 0);
        Arrays.fill(e2, 0);
    }
}
