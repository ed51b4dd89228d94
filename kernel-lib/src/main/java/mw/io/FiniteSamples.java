package mw.io;

import java.nio.file.Path;
import java.util.Locale;
import mw.WorkbenchException;

/**
 * Float files can hold NaN and infinities, which no meter or processor can work with (one NaN makes a
 * whole programme's loudness NaN). The float readers check each block they decode and refuse the file
 * at the first such sample, saying where it is.
 */
final class FiniteSamples {
    private FiniteSamples() {
    }

    static void check(Path path, double[][] dst, int offset, int frames, long firstFrame, int sampleRate) {
        for (int c = 0; c < dst.length; c++) {
            double[] x = dst[c];
            for (int i = offset; i < offset + frames; i++) {
                if (!Double.isFinite(x[i])) {
                    long frame = firstFrame + i - offset;
                    double s = (double) frame / Math.max(1, sampleRate);
                    throw new WorkbenchException(path, String.format(Locale.ROOT,
                            "has %s sample at frame %d (%d:%06.3f) in channel %d; accepted: float audio with finite samples",
                            Double.isNaN(x[i]) ? "a NaN" : "an infinite", frame, (long) (s / 60), s % 60, c + 1));
                }
            }
        }
    }
}
