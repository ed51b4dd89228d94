package mw.processing;

import mw.WorkbenchException;
import mw.audio.AudioBuffer;

/** Whole-buffer rendering shared by all processors. */
final class Render {
    /** Block size used for whole-buffer renders. */
    static final int BLOCK = 4096;

    private Render() {
    }

    static AudioBuffer whole(Processor p, AudioBuffer in) {
        if (!in.isFinite()) {
            throw new WorkbenchException("the audio contains NaN or infinite samples; processors accept finite samples only");
        }
        int ch = in.channels();
        int n = in.frames();
        p.prepare(in.sampleRate(), BLOCK, ch);
        int lat = p.latencySamples();
        double[][] out = new double[ch][n];
        double[][] buf = new double[ch][BLOCK];
        long total = (long) n + lat;
        for (long pos = 0; pos < total; pos += BLOCK) {
            int len = (int) Math.min(BLOCK, total - pos);
            int avail = (int) Math.max(0, Math.min(len, n - pos));
            for (int c = 0; c < ch; c++) {
                if (avail > 0) {
                    in.copyTo(c, (int) pos, buf[c], 0, avail);
                }
                java.util.Arrays.fill(buf[c], avail, len, 0.0);
            }
            p.process(buf, len);
            long firstOut = pos - lat;
            int from = (int) Math.max(0, -firstOut);
            int to = (int) Math.min(len, n - firstOut);
            if (to > from) {
                for (int c = 0; c < ch; c++) {
                    System.arraycopy(buf[c], from, out[c], (int) (firstOut + from), to - from);
                }
            }
        }
        return AudioBuffer.wrap(in.sampleRate(), in.layout(), out);
    }

    static double dbToLinear(double db) {
        return Math.pow(10, db / 20);
    }

    static double linearToDb(double lin) {
        return 20 * Math.log10(lin);
    }

    static void checkPrepared(boolean prepared, String type) {
        if (!prepared) {
            throw new IllegalStateException(type + ": call prepare(sampleRate, maxBlock, channels) before process");
        }
    }
}
