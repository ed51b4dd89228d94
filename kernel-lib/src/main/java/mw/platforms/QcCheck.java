package mw.platforms;

/**
 * One quality-control check of a delivery file.
 *
 * @param id       short identifier ({@code clipping}, {@code true_peak}, {@code dc_offset}, ...)
 * @param name     name for people
 * @param passed   whether the file passes this check
 * @param measured what was measured, with its unit
 * @param limit    what passes, with its unit
 * @param detail   explanation in words
 */
public record QcCheck(String id, String name, boolean passed, String measured, String limit, String detail) {
    /** "pass" or "fail". */
    public String result() {
        return passed ? "pass" : "fail";
    }
}
