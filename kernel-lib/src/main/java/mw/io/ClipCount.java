package mw.io;

import java.nio.file.Path;
import java.util.Locale;
import mw.audio.AudioBuffer;

/**
 * Samples at or beyond digital full scale in a written file, counted from the file itself so that what is
 * reported is what was delivered.
 *
 * <p>For integer PCM, a sample is at full scale when it holds the largest or smallest code (a writer clamps
 * anything louder to those codes, so they mark clipping). For floating point, a sample is over full scale
 * when its magnitude exceeds 1.0 (it clips at any fixed-point stage after it) and at full scale when it is
 * exactly ±1.0. An <em>over</em> is a run of at least {@link #OVER_RUN} consecutive samples of one channel
 * at or over full scale: the convention of digital peak meters, which light their over indicator for three
 * successive full-scale samples, since a single full-scale sample may be a legitimate peak.
 *
 * @param samples          samples examined (frames × channels)
 * @param atFullScale      samples at or over full scale (integer: at the largest or smallest code)
 * @param overFullScale    samples beyond ±1.0 (floating point only; 0 for integer PCM)
 * @param overs            runs of {@link #OVER_RUN} or more consecutive samples at or over full scale
 */
public record ClipCount(long samples, long atFullScale, long overFullScale, long overs) {
    /** Consecutive samples at full scale that count as one over. */
    public static final int OVER_RUN = 3;

    /** True when no sample reaches full scale. */
    public boolean clean() {
        return atFullScale == 0 && overFullScale == 0;
    }

    /** Counts the samples at full scale in a file, decoding it block by block. */
    public static ClipCount of(Path file) {
        try (AudioReader r = Audio.open(file)) {
            AudioFileInfo info = r.info();
            int ch = info.channels();
            boolean floating = info.codec().toLowerCase(Locale.ROOT).contains("float");
            double fullScale = floating || info.bitsPerSample() <= 0 ? 1.0
                    : 1.0 - Math.scalb(1.0, -(info.bitsPerSample() - 1));
            Counter c = new Counter(ch, fullScale, floating);
            double[][] block = new double[ch][Audio.BLOCK];
            int n;
            while ((n = r.read(block, Audio.BLOCK)) >= 0) {
                c.add(block, n);
            }
            return c.result();
        }
    }

    /**
     * Counts the samples of a buffer that would sit at full scale written as {@code format}: integer PCM
     * clips at the largest positive code ({@code 1 - 2^-(bits-1)}) and at -1.0; floating point is counted
     * against ±1.0.
     */
    public static ClipCount of(AudioBuffer audio, SampleFormat format) {
        double fullScale = format.isFloat() ? 1.0 : 1.0 - Math.scalb(1.0, -(format.bits() - 1));
        Counter c = new Counter(audio.channels(), fullScale, format.isFloat());
        double[][] block = new double[audio.channels()][Audio.BLOCK];
        for (int pos = 0; pos < audio.frames(); pos += Audio.BLOCK) {
            int len = Math.min(Audio.BLOCK, audio.frames() - pos);
            for (int ch = 0; ch < audio.channels(); ch++) {
                audio.copyTo(ch, pos, block[ch], 0, len);
            }
            c.add(block, len);
        }
        return c.result();
    }

    /** One line for a person: clean, or how many samples and overs. */
    public String describe() {
        if (clean()) {
            return "no sample at full scale";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d samples at full scale (%.4f %%), %d overs of %d+"
                + " consecutive samples", atFullScale, 100.0 * atFullScale / Math.max(1, samples), overs, OVER_RUN));
        if (overFullScale > 0) {
            sb.append(String.format(Locale.ROOT, ", %d samples beyond ±1.0 that clip in any fixed-point playback", overFullScale));
        }
        return sb.toString();
    }

    /** A counter fed block by block, for samples about to be written as {@code format} (see {@link #of(AudioBuffer, SampleFormat)}). */
    public static Counter counter(int channels, SampleFormat format) {
        return new Counter(channels, format.isFloat() ? 1.0 : 1.0 - Math.scalb(1.0, -(format.bits() - 1)), format.isFloat());
    }

    /** Counts block by block; runs of full-scale samples continue across blocks. */
    public static final class Counter {
        private final double fullScale;
        private final boolean floating;
        private final int[] run;
        private long samples;
        private long at;
        private long over;
        private long overs;

        Counter(int channels, double fullScale, boolean floating) {
            this.fullScale = fullScale;
            this.floating = floating;
            this.run = new int[channels];
        }

        /** Counts {@code block[channel][0..n)}. */
        public void add(double[][] block, int n) {
            for (int c = 0; c < run.length; c++) {
                double[] x = block[c];
                int r = run[c];
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    // integer PCM: the positive limit is one step below 1.0, the negative limit is -1.0
                    boolean full = v >= fullScale || v <= -1.0 || Double.isNaN(v);
                    if (full) {
                        at++;
                        if (floating && Math.abs(v) > 1.0) {
                            over++;
                        }
                        if (++r == OVER_RUN) {
                            overs++;
                        }
                    } else {
                        r = 0;
                    }
                }
                run[c] = r;
                samples += n;
            }
        }

        /** The count so far. */
        public ClipCount result() {
            return new ClipCount(samples, at, over, overs);
        }
    }
}
