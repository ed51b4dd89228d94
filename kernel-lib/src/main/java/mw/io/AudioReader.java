package mw.io;

import java.io.Closeable;

/**
 * A decoder that hands out audio block by block, so files of any length are handled in bounded memory.
 * Obtain one with {@link Audio#open(java.nio.file.Path)}.
 */
public interface AudioReader extends Closeable {
    AudioFileInfo info();

    /**
     * Reads up to {@code maxFrames} frames into {@code dst[channel][0..]} (planar, full scale ±1.0).
     *
     * @return the number of frames read, or -1 at the end of the audio
     * @throws mw.WorkbenchException naming the file when the data is damaged
     */
    int read(double[][] dst, int maxFrames);

    @Override
    void close();
}
