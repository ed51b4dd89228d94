package mw.audio;

import java.util.Arrays;
import java.util.Objects;
import mw.WorkbenchException;

/**
 * Immutable multichannel audio: planar {@code double} samples (full scale is ±1.0), a sample rate in Hz
 * and a channel layout. Every analysis takes one; every processor maps one to another.
 *
 * <p>The arrays are never handed out: {@link #channel(int)} returns a copy, and
 * {@link #copyTo(int, int, double[], int, int)} copies a range for block-wise work without allocating.
 */
public final class AudioBuffer {
    private final double[][] samples;
    private final int sampleRate;
    private final ChannelLayout layout;
    private final int frames;

    private AudioBuffer(int sampleRate, ChannelLayout layout, double[][] samples) {
        if (sampleRate <= 0) {
            throw new WorkbenchException("sample rate must be a positive number of Hz, was " + sampleRate);
        }
        Objects.requireNonNull(layout, "layout");
        if (samples.length == 0) {
            throw new WorkbenchException("audio needs at least one channel");
        }
        if (layout.channels() != samples.length) {
            throw new WorkbenchException("layout " + layout + " has " + layout.channels()
                    + " channels but the audio has " + samples.length);
        }
        int n = samples[0].length;
        for (double[] c : samples) {
            if (c.length != n) {
                throw new WorkbenchException("all channels must have the same length");
            }
        }
        this.samples = samples;
        this.sampleRate = sampleRate;
        this.layout = layout;
        this.frames = n;
    }

    /** A buffer from copies of the given channels, with the default layout for their count. */
    public static AudioBuffer of(int sampleRate, double[]... channels) {
        return of(sampleRate, ChannelLayout.defaultFor(channels.length), channels);
    }

    /** A buffer from copies of the given channels. */
    public static AudioBuffer of(int sampleRate, ChannelLayout layout, double[]... channels) {
        double[][] copy = new double[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            copy[c] = channels[c].clone();
        }
        return new AudioBuffer(sampleRate, layout, copy);
    }

    /**
     * A buffer that takes ownership of the arrays without copying. The caller must not touch them
     * afterwards; meant for readers and processors that have just filled fresh arrays.
     */
    public static AudioBuffer wrap(int sampleRate, ChannelLayout layout, double[][] channels) {
        return new AudioBuffer(sampleRate, layout, channels);
    }

    /** Silence of the given length. */
    public static AudioBuffer silence(int sampleRate, ChannelLayout layout, int frames) {
        return new AudioBuffer(sampleRate, layout, new double[layout.channels()][frames]);
    }

    public int sampleRate() { return sampleRate; }
    public ChannelLayout layout() { return layout; }
    public int channels() { return samples.length; }
    public int frames() { return frames; }
    public double durationSeconds() { return (double) frames / sampleRate; }

    public double sample(int channel, int frame) {
        return samples[channel][frame];
    }

    /** A copy of one channel's samples. */
    public double[] channel(int channel) {
        return samples[channel].clone();
    }

    /** Copies of all channels, {@code [channel][frame]}. */
    public double[][] toArrays() {
        double[][] out = new double[samples.length][];
        for (int c = 0; c < samples.length; c++) {
            out[c] = samples[c].clone();
        }
        return out;
    }

    /** Copies {@code length} samples of a channel from {@code fromFrame} into {@code dst} at {@code dstPos}. */
    public void copyTo(int channel, int fromFrame, double[] dst, int dstPos, int length) {
        System.arraycopy(samples[channel], fromFrame, dst, dstPos, length);
    }

    /** Frames {@code [from, to)} as a new buffer. */
    public AudioBuffer slice(int fromFrame, int toFrame) {
        if (fromFrame < 0 || toFrame > frames || fromFrame > toFrame) {
            throw new WorkbenchException("slice [" + fromFrame + ", " + toFrame + ") is outside 0.." + frames);
        }
        double[][] out = new double[samples.length][];
        for (int c = 0; c < samples.length; c++) {
            out[c] = Arrays.copyOfRange(samples[c], fromFrame, toFrame);
        }
        return new AudioBuffer(sampleRate, layout, out);
    }

    /** The part between two times in seconds. */
    public AudioBuffer sliceSeconds(double from, double to) {
        int a = (int) Math.max(0, Math.round(from * sampleRate));
        int b = (int) Math.min(frames, Math.round(to * sampleRate));
        return slice(Math.min(a, b), b);
    }

    /** The same samples with another layout of the same channel count. */
    public AudioBuffer withLayout(ChannelLayout newLayout) {
        return new AudioBuffer(sampleRate, newLayout, samples);
    }

    /** Every sample multiplied by a linear gain. */
    public AudioBuffer gain(double linear) {
        double[][] out = toArrays();
        for (double[] c : out) {
            for (int i = 0; i < c.length; i++) {
                c[i] *= linear;
            }
        }
        return new AudioBuffer(sampleRate, layout, out);
    }

    /** Every sample multiplied by a gain in dB. */
    public AudioBuffer gainDb(double db) {
        return gain(Math.pow(10, db / 20));
    }

    /** The average of all channels, as a mono buffer. */
    public AudioBuffer mono() {
        double[] m = new double[frames];
        for (double[] c : samples) {
            for (int i = 0; i < frames; i++) {
                m[i] += c[i];
            }
        }
        for (int i = 0; i < frames; i++) {
            m[i] /= samples.length;
        }
        return new AudioBuffer(sampleRate, ChannelLayout.MONO, new double[][] {m});
    }

    /** Largest absolute sample value of a channel (linear). */
    public double peak(int channel) {
        double p = 0;
        for (double v : samples[channel]) {
            double a = Math.abs(v);
            if (a > p || Double.isNaN(a)) {
                p = a;
            }
        }
        return p;
    }

    /** Largest absolute sample value over all channels (linear). */
    public double peak() {
        double p = 0;
        for (int c = 0; c < samples.length; c++) {
            p = Math.max(p, peak(c));
        }
        return p;
    }

    /** True when every sample is a finite number. */
    public boolean isFinite() {
        for (double[] c : samples) {
            for (double v : c) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Sample-for-sample equality of rate, layout and samples. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AudioBuffer b)) {
            return false;
        }
        return sampleRate == b.sampleRate && layout.equals(b.layout) && Arrays.deepEquals(samples, b.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleRate, layout, frames);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "AudioBuffer[%d Hz, %s, %d frames, %.3f s]",
                sampleRate, layout, frames, durationSeconds());
    }
}
