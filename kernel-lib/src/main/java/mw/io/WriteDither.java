package mw.io;

/**
 * The noise added when samples are reduced to a shorter integer word (16 or 24 bits), so the rounding
 * error becomes a steady, signal-independent noise instead of distortion.
 *
 * <p>{@link #tpdf(long)} adds triangular-PDF noise spanning ±1 LSB (the difference of two independent
 * uniform values), the non-subtractive dither that makes the first and second moments of the total error
 * independent of the signal (Wannamaker, Lipshitz and Vanderkooy, "A Theory of Nonsubtractive Dither",
 * IEEE Trans. Signal Processing 48(2), 2000). The total error then has a power of LSB²/4, 4.8 dB above
 * plain rounding. The noise comes from a seeded generator, so the same audio and seed always give the
 * same file.
 *
 * <p>This is the writer's setting; the {@code mw.processing.Dither} processor reduces word length inside a
 * chain, with optional noise shaping.
 *
 * <p>Dither is only added when the word length is really reduced: audio whose every sample is already a
 * value of the target format is written exactly, whatever the dither setting.
 *
 * @param enabled whether noise is added
 * @param seed    seed of the noise generator
 */
public record WriteDither(boolean enabled, long seed) {
    /** No dither: plain rounding to the nearest step. */
    public static final WriteDither NONE = new WriteDither(false, 0);
    /** TPDF dither with the workbench's fixed seed ({@link Audio#DITHER_SEED}); the default. */
    public static final WriteDither DEFAULT = tpdf(Audio.DITHER_SEED);

    /** TPDF dither of ±1 LSB from a generator started with {@code seed}. */
    public static WriteDither tpdf(long seed) {
        return new WriteDither(true, seed);
    }
}
