package mw.loudness;

import java.util.Locale;
import mw.audio.ChannelLayout;

/**
 * Streams a generated stereo 48 kHz signal of the given length through a {@link LoudnessMeter} without
 * ever holding it (one 8192-frame block at a time) and prints the integrated loudness and true peak. Run
 * in a JVM with a small heap by {@link LoudnessMemoryTest}.
 */
public final class StreamCheck {
    private StreamCheck() {
    }

    public static void main(String[] args) {
        int seconds = Integer.parseInt(args[0]);
        int fs = 48000;
        LoudnessMeter m = new LoudnessMeter(fs, ChannelLayout.STEREO);
        double a = Math.pow(10, -23 / 20.0);
        double[][] block = new double[2][8192];
        long total = (long) seconds * fs;
        double w = 2 * Math.PI * 1000 / fs;
        for (long pos = 0; pos < total; pos += 8192) {
            int n = (int) Math.min(8192, total - pos);
            for (int i = 0; i < n; i++) {
                double v = a * Math.sin(w * ((pos + i) % 48));   // 1 kHz: period of 48 samples
                block[0][i] = v;
                block[1][i] = v;
            }
            m.add(block, 0, n);
        }
        LoudnessReport r = m.report();
        System.out.println(String.format(Locale.ROOT, "%.4f %.4f %.4f %.3f", r.integratedLufs(), r.loudnessRangeLu(),
                r.truePeakDbtp(), r.durationSeconds()));
    }
}
