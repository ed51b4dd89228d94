package mw.io;

/** How samples are stored in a file. */
public enum SampleFormat {
    PCM_U8(8, false), PCM_16(16, false), PCM_24(24, false), PCM_32(32, false),
    FLOAT_32(32, true), FLOAT_64(64, true);

    private final int bits;
    private final boolean floating;

    SampleFormat(int bits, boolean floating) {
        this.bits = bits;
        this.floating = floating;
    }

    public int bits() { return bits; }
    public int bytes() { return bits / 8; }
    public boolean isFloat() { return floating; }

    /** Parses "16", "24", "32f", "32", "64f", "8". */
    public static SampleFormat parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "8" -> PCM_U8;
            case "16" -> PCM_16;
            case "24" -> PCM_24;
            case "32" -> PCM_32;
            case "32f", "float", "float32" -> FLOAT_32;
            case "64f", "float64" -> FLOAT_64;
            default -> throw new mw.WorkbenchException("unknown sample format '" + s + "'; accepted: 16, 24, 32, 32f, 64f, 8");
        };
    }

    /** What {@link #forOutput} accepts, as said in messages and help. */
    public static final String OUTPUT_CHOICES = "16, 24 (PCM with TPDF dither where the word length is reduced) or 32f (32-bit float)";

    /**
     * Parses an output format as given to {@code --bits}: "16", "24" or "32f" (also "float"; "32" is read
     * as 32-bit float, the only 32-bit format written).
     *
     * @throws mw.WorkbenchException naming the value and {@link #OUTPUT_CHOICES}
     */
    public static SampleFormat forOutput(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "16" -> PCM_16;
            case "24" -> PCM_24;
            case "32", "32f", "float", "float32" -> FLOAT_32;
            default -> throw new mw.WorkbenchException("--bits " + s + " is not accepted; accepted: " + OUTPUT_CHOICES);
        };
    }

    public String label() {
        return floating ? "float " + bits : bits + "-bit PCM";
    }
}
