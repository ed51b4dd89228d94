package mw.hostile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;

/**
 * A corpus of hostile but legal inputs: odd lengths, odd sample values, odd sample rates and channel
 * counts (as audio), odd WAV headers (as bytes) and odd file names. Everything is generated from a seed,
 * so nothing large is stored and every case can be named in a failure.
 */
public final class HostileCorpus {
    private HostileCorpus() {
    }

    /** Valid audio that is hard to measure: silence, a sample or a few, DC, full scale, extremes of rate and channels. */
    public static Map<String, AudioBuffer> signals() {
        Map<String, AudioBuffer> m = new LinkedHashMap<>();
        int fs = 44_100;
        m.put("digital silence 3 s", AudioBuffer.silence(fs, ChannelLayout.STEREO, 3 * fs));
        m.put("1 sample", AudioBuffer.of(fs, new double[] {0.5}, new double[] {0.5}));
        m.put("1 sample mono", AudioBuffer.of(fs, new double[] {-0.25}));
        m.put("2 samples", AudioBuffer.of(fs, new double[] {0.5, -0.5}, new double[] {0.5, -0.5}));
        m.put("1 sample of silence", AudioBuffer.of(fs, new double[] {0}));
        m.put("100 ms sine at -10.5 dBFS", sine(fs, 0.1, 1000, -10.5, 2));
        m.put("399 ms sine", sine(fs, 0.399, 1000, -20, 2));
        m.put("401 ms sine", sine(fs, 0.401, 1000, -20, 2));
        m.put("1 s sine at -120 dBFS", sine(fs, 1, 1000, -120, 2));
        m.put("subnormal samples", constant(fs, 1, Double.MIN_VALUE * 7, 2));
        m.put("DC at +0.5", constant(fs, 1, 0.5, 2));
        m.put("DC at full scale", constant(fs, 1, 1.0, 1));
        m.put("full-scale square 1 kHz", square(fs, 1, 1000));
        m.put("Nyquist ±1", nyquist(fs, 1));
        m.put("impulse in silence", impulse(fs, 1));
        m.put("white noise at 0 dBFS", noise(fs, 1, 1.0));
        m.put("over full scale (float) +6 dBFS", sine(fs, 1, 440, 6, 2));
        m.put("left only, right silent", leftOnly(fs, 1));
        m.put("polarity-inverted stereo", inverted(fs, 1));
        m.put("1 Hz sample rate, 10 s", sine(1, 10, 0.1, -6, 2));
        m.put("8 Hz sample rate", sine(8, 20, 1, -6, 1));
        m.put("100 Hz sample rate", sine(100, 5, 10, -6, 2));
        m.put("8 kHz sample rate", sine(8000, 2, 440, -12, 1));
        m.put("384 kHz sample rate", sine(384_000, 0.25, 1000, -12, 2));
        m.put("768 kHz sample rate", sine(768_000, 0.1, 1000, -12, 1));
        m.put("6 channels", sine(48_000, 0.5, 500, -20, 6));
        m.put("32 channels, 50 ms", sine(48_000, 0.05, 500, -20, 32));
        m.put("1 Hz sine, 1.5 s", sine(fs, 1.5, 1, -6, 2));
        return m;
    }

    static AudioBuffer sine(int fs, double seconds, double hz, double dbfs, int ch) {
        int n = Math.max(1, (int) Math.round(seconds * fs));
        double a = Math.pow(10, dbfs / 20);
        double[][] x = new double[ch][n];
        for (int i = 0; i < n; i++) {
            double v = a * Math.sin(2 * Math.PI * hz * i / fs);
            for (int c = 0; c < ch; c++) {
                x[c][i] = v;
            }
        }
        return AudioBuffer.of(fs, ChannelLayout.defaultFor(ch), x);
    }

    static AudioBuffer constant(int fs, double seconds, double v, int ch) {
        double[][] x = new double[ch][(int) (seconds * fs)];
        for (double[] c : x) {
            java.util.Arrays.fill(c, v);
        }
        return AudioBuffer.of(fs, ChannelLayout.defaultFor(ch), x);
    }

    static AudioBuffer square(int fs, double seconds, double hz) {
        int n = (int) (seconds * fs);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(2 * Math.PI * hz * i / fs) >= 0 ? 1.0 : -1.0;
        }
        return AudioBuffer.of(fs, x, x.clone());
    }

    static AudioBuffer nyquist(int fs, double seconds) {
        int n = (int) (seconds * fs);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i & 1) == 0 ? 1.0 : -1.0;
        }
        return AudioBuffer.of(fs, x, x.clone());
    }

    static AudioBuffer impulse(int fs, double seconds) {
        double[] x = new double[(int) (seconds * fs)];
        x[x.length / 2] = 1.0;
        return AudioBuffer.of(fs, x, x.clone());
    }

    static AudioBuffer noise(int fs, double seconds, double peak) {
        SplittableRandom r = new SplittableRandom(1);
        double[][] x = new double[2][(int) (seconds * fs)];
        for (double[] c : x) {
            for (int i = 0; i < c.length; i++) {
                c[i] = r.nextDouble(-peak, peak);
            }
        }
        return AudioBuffer.of(fs, x);
    }

    static AudioBuffer leftOnly(int fs, double seconds) {
        AudioBuffer s = sine(fs, seconds, 440, -12, 1);
        double[] l = new double[s.frames()];
        s.copyTo(0, 0, l, 0, l.length);
        return AudioBuffer.of(fs, l, new double[l.length]);
    }

    static AudioBuffer inverted(int fs, double seconds) {
        AudioBuffer s = sine(fs, seconds, 440, -12, 1);
        double[] l = new double[s.frames()];
        s.copyTo(0, 0, l, 0, l.length);
        double[] r = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = -l[i];
        }
        return AudioBuffer.of(fs, l, r);
    }

    /** File names that break naive code: spaces, non-ASCII, shell characters, leading dash, very long. */
    public static List<String> names() {
        List<String> n = new ArrayList<>(List.of("plain.wav", "with space.wav", "café.wav",
                java.text.Normalizer.normalize("café", java.text.Normalizer.Form.NFD) + "-nfd.wav", "日本語.wav",
                "emoji-🎵.wav", "quote'and\"double.wav", "semi;colon&amp.wav", "-leading-dash.wav", "UPPER.WAV",
                "no-extension", "two.dots.in.name.wav", "%s%n%d.wav", "back\\slash.wav", "tab\tname.wav"));
        n.add("l".repeat(200) + ".wav");
        return n;
    }

    /**
     * A WAV file with the given header fields, possibly inconsistent: the writer trusts nothing, so any
     * combination of values can be made.
     */
    public static byte[] wav(int formatTag, int channels, int sampleRate, int bitsPerSample, int blockAlign,
                             long dataBytesClaimed, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) formatTag).putShort((short) channels).putInt(sampleRate);
        b.putInt(sampleRate * Math.max(1, blockAlign)).putShort((short) blockAlign).putShort((short) bitsPerSample);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytesClaimed);
        b.put(data);
        return b.array();
    }

    /** Float WAV samples (32-bit, little-endian) of the given values, interleaved as given. */
    public static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** Hostile WAV headers: each a legal-looking file with one field pushed to or past its limit. */
    public static Map<String, byte[]> headers() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        byte[] pcm = new byte[4 * 4410];
        new SplittableRandom(2).nextBytes(pcm);
        m.put("ok 16-bit stereo", wav(1, 2, 44100, 16, 4, pcm.length, pcm));
        m.put("0 channels", wav(1, 0, 44100, 16, 0, pcm.length, pcm));
        m.put("65535 channels", wav(1, 65535, 44100, 16, 2 * 65535 & 0xFFFF, pcm.length, pcm));
        m.put("sample rate 0", wav(1, 2, 0, 16, 4, pcm.length, pcm));
        m.put("sample rate 1 Hz", wav(1, 2, 1, 16, 4, pcm.length, pcm));
        m.put("sample rate 2^31-1", wav(1, 2, Integer.MAX_VALUE, 16, 4, pcm.length, pcm));
        m.put("negative sample rate", wav(1, 2, -44100, 16, 4, pcm.length, pcm));
        m.put("0 bits", wav(1, 2, 44100, 0, 4, pcm.length, pcm));
        m.put("7 bits", wav(1, 2, 44100, 7, 2, pcm.length, pcm));
        m.put("12 bits in 2 bytes", wav(1, 2, 44100, 12, 4, pcm.length, pcm));
        m.put("block align 0", wav(1, 2, 44100, 16, 0, pcm.length, pcm));
        m.put("block align 3 for 16-bit stereo", wav(1, 2, 44100, 16, 3, pcm.length, pcm));
        m.put("data size larger than file", wav(1, 2, 44100, 16, 4, 0x7FFFFFF0L, pcm));
        m.put("data size 0xFFFFFFFF", wav(1, 2, 44100, 16, 4, 0xFFFFFFFFL, pcm));
        m.put("data size odd", wav(1, 2, 44100, 16, 4, 4411, pcm));
        m.put("data size 0", wav(1, 2, 44100, 16, 4, 0, new byte[0]));
        m.put("float 32 with NaN and +Inf", wav(3, 1, 44100, 32, 4, 16, floats(0.5f, Float.NaN, Float.POSITIVE_INFINITY, -0.25f)));
        m.put("float 32 all NaN", wav(3, 1, 44100, 32, 4, 8, floats(Float.NaN, Float.NaN)));
        m.put("float 32 +1e30", wav(3, 1, 44100, 32, 4, 8, floats(1e30f, -1e30f)));
        m.put("unknown format tag 0x1234", wav(0x1234, 2, 44100, 16, 4, pcm.length, pcm));
        m.put("format tag 0", wav(0, 2, 44100, 16, 4, pcm.length, pcm));
        m.put("one byte of data", wav(1, 1, 44100, 16, 2, 1, new byte[] {1}));
        return m;
    }
}
