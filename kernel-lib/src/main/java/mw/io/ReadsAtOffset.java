package mw.io;

/**
 * A reader that can decode straight into a whole-file buffer at an offset, so {@link Audio#read}
 * skips the copy through a block buffer (one pass less over every sample).
 */
interface ReadsAtOffset {
    /** Like {@link AudioReader#read(double[][], int)}, writing to {@code dst[channel][offset..]}. */
    int read(double[][] dst, int offset, int maxFrames);
}
