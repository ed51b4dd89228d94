package mw.loudness;

import java.util.ArrayList;
import java.util.List;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;

/** Test-signal synthesis: sections of sine tones and silence, appended in time. */
final class Signals {
    final int fs;
    final int channels;
    private final List<double[]> parts = new ArrayList<>();
    private int frames;
    private double phase;

    Signals(int fs, int channels) {
        this.fs = fs;
        this.channels = channels;
    }

    /** A 1 kHz tone section at a peak level in dBFS, same on every channel (phase continuous). */
    Signals tone(double dbfs, double seconds) {
        return tone(1000, dbfs, seconds);
    }

    Signals tone(double frequencyHz, double dbfs, double seconds) {
        int n = (int) Math.round(seconds * fs);
        double a = Math.pow(10, dbfs / 20);
        double[] x = new double[n];
        double w = 2 * Math.PI * frequencyHz / fs;
        for (int i = 0; i < n; i++) {
            x[i] = a * Math.sin(phase + w * i);
        }
        phase = (phase + w * n) % (2 * Math.PI);
        parts.add(x);
        frames += n;
        return this;
    }

    Signals silence(double seconds) {
        int n = (int) Math.round(seconds * fs);
        parts.add(new double[n]);
        frames += n;
        phase = 0;
        return this;
    }

    double[] mono() {
        double[] out = new double[frames];
        int p = 0;
        for (double[] x : parts) {
            System.arraycopy(x, 0, out, p, x.length);
            p += x.length;
        }
        return out;
    }

    /** The same signal on every channel. */
    AudioBuffer build() {
        double[] m = mono();
        double[][] ch = new double[channels][];
        for (int c = 0; c < channels; c++) {
            ch[c] = m;
        }
        return AudioBuffer.of(fs, ChannelLayout.defaultFor(channels), ch);
    }
}
