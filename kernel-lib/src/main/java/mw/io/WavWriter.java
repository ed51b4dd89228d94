package mw.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import mw.audio.ChannelLayout;

/**
 * Writes WAV (RIFF, switching to RF64 above 4 GiB is not needed for masters of normal length: files
 * over 4 GiB are refused) as 16/24-bit PCM with seeded TPDF dither, or 32-bit float.
 * WAVE_FORMAT_EXTENSIBLE is used for more than two channels, so the layout survives.
 */
final class WavWriter {
    private final OutputStream out;
    private final SampleFormat format;
    private final int channels;
    private final java.util.SplittableRandom rng;
    private final boolean dither;
    /** Dither has started: samples before the first one off the target grid are written exactly. */
    private boolean dithering;
    private long dataBytes;
    private byte[] buf = new byte[0];

    /**
     * @param dither TPDF dither (±1 LSB triangular) when reducing to 16 or 24 bits; it starts at the first
     *               sample that is not already a value of the target format, so a copy at the same or a
     *               longer word length is bit-exact and leading digital silence stays silent
     * @param seed   seed of the dither noise, so the same input gives the same file
     */
    WavWriter(OutputStream out, SampleFormat format, int sampleRate, ChannelLayout layout, long frames,
              boolean dither, long seed) throws IOException {
        if (format != SampleFormat.PCM_16 && format != SampleFormat.PCM_24 && format != SampleFormat.FLOAT_32) {
            throw new IllegalArgumentException("WAV output is 16-bit, 24-bit or 32-bit float, not " + format.label());
        }
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.format = format;
        this.channels = layout.channels();
        this.dither = dither;
        this.rng = new java.util.SplittableRandom(seed);
        long data = frames * channels * format.bytes();
        if (data > 0xFFFFFFFFL - 100) {
            throw new mw.WorkbenchException("audio is too long for a WAV file (over 4 GiB of data)");
        }
        boolean ext = channels > 2 || format.bits() > 16 && !format.isFloat();
        int fmtSize = ext ? 40 : (format.isFloat() ? 18 : 16);
        long riffSize = 4 + 8 + fmtSize + (format.isFloat() ? 12 : 0) + 8 + data + (data & 1);
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(80).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) riffSize);
        h.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(fmtSize);
        int tag = format.isFloat() ? 3 : 1;
        h.putShort((short) (ext ? 0xFFFE : tag)).putShort((short) channels).putInt(sampleRate);
        h.putInt(sampleRate * channels * format.bytes()).putShort((short) (channels * format.bytes()));
        h.putShort((short) format.bits());
        if (ext) {
            h.putShort((short) 22).putShort((short) format.bits()).putInt(layout.wavMask());
            // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUID: tag-0000-0010-8000-00aa00389b71
            h.putShort((short) tag).putShort((short) 0).putShort((short) 0).putShort((short) 0x10);
            h.put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        } else if (format.isFloat()) {
            h.putShort((short) 0);
        }
        if (format.isFloat()) {
            h.put("fact".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(4).putInt((int) frames);
        }
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) data);
        this.out.write(h.array(), 0, h.position());
    }

    /** When set, {@link #write} leaves in its source block the values the file holds (quantised, dithered). */
    private boolean writeBack;

    WavWriter writeBack() {
        writeBack = true;
        return this;
    }

    void write(double[][] src, int offset, int frames) throws IOException {
        int bps = format.bytes();
        int need = frames * channels * bps;
        if (buf.length < need) {
            buf = new byte[need];
        }
        byte[] o = buf;
        blockOffset = offset;
        if (format == SampleFormat.FLOAT_32) {
            for (int c = 0; c < channels; c++) {
                double[] s = src[c];
                int p = c * 4;
                int step = channels * 4;
                for (int i = offset, end = offset + frames; i < end; i++, p += step) {
                    float f = (float) s[i];
                    int bits = Float.floatToRawIntBits(f);
                    if (writeBack) {
                        s[i] = f;
                    }
                    o[p] = (byte) bits;
                    o[p + 1] = (byte) (bits >> 8);
                    o[p + 2] = (byte) (bits >> 16);
                    o[p + 3] = (byte) (bits >> 24);
                }
            }
        } else {
            double scale = format == SampleFormat.PCM_16 ? 32768.0 : 8388608.0;
            double inv = 1 / scale;
            long max = format == SampleFormat.PCM_16 ? 32767 : 8388607;
            long min = -max - 1;
            // channel by channel (the bytes interleaved by position); the dither noise is drawn frame by frame
            // in channel order so the file does not depend on how the stream is cut into blocks
            int first = offset;
            int end = offset + frames;
            if (dither && !dithering) {
                // undithered until the first sample that needs rounding: the word length is really reduced from there
                outer:
                for (; first < end; first++) {
                    for (int c = 0; c < channels; c++) {
                        double x = src[c][first] * scale;
                        if (x != Math.rint(x) || x > max || x < min) {
                            dithering = true;
                            break outer;
                        }
                    }
                }
                quantise(src, offset, first, scale, inv, max, min, bps, false);
            }
            quantise(src, first, end, scale, inv, max, min, bps, dithering);
        }
        out.write(o, 0, need);
        dataBytes += need;
    }

    /** Quantises frames [from, to) into the byte buffer (positions relative to the block's first frame). */
    private void quantise(double[][] src, int from, int to, double scale, double inv, long max, long min, int bps, boolean noise) {
        if (from >= to) {
            return;
        }
        byte[] o = buf;
        int base = blockStart(from, bps);
        int step = channels * bps;
        if (noise) {
            // TPDF: the difference of two independent uniform variables (two 32-bit halves of one random long)
            long[] r = noiseFor(to - from);
            for (int k = 0, n = (to - from) * channels; k < n; k++) {
                long v = rng.nextLong();
                r[k] = v;
            }
            for (int c = 0; c < channels; c++) {
                double[] s = src[c];
                int p = base + c * bps;
                int k = c;
                for (int i = from; i < to; i++, p += step, k += channels) {
                    long v = r[k];
                    double x = s[i] * scale + ((v >>> 32) - (v & 0xFFFFFFFFL)) * 0x1p-32;
                    long q = Math.round(x);
                    q = q > max ? max : (q < min ? min : q);
                    if (writeBack) {
                        s[i] = q * inv;
                    }
                    o[p] = (byte) q;
                    o[p + 1] = (byte) (q >> 8);
                    if (bps == 3) {
                        o[p + 2] = (byte) (q >> 16);
                    }
                }
            }
        } else {
            for (int c = 0; c < channels; c++) {
                double[] s = src[c];
                int p = base + c * bps;
                for (int i = from; i < to; i++, p += step) {
                    long q = Math.round(s[i] * scale);
                    q = q > max ? max : (q < min ? min : q);
                    if (writeBack) {
                        s[i] = q * inv;
                    }
                    o[p] = (byte) q;
                    o[p + 1] = (byte) (q >> 8);
                    if (bps == 3) {
                        o[p + 2] = (byte) (q >> 16);
                    }
                }
            }
        }
    }

    /** First frame of the block being written (set by {@link #write}). */
    private int blockOffset;
    private long[] noise = new long[0];

    private int blockStart(int frame, int bps) {
        return (frame - blockOffset) * channels * bps;
    }

    private long[] noiseFor(int frames) {
        int n = frames * channels;
        if (noise.length < n) {
            noise = new long[n];
        }
        return noise;
    }

    void finish() throws IOException {
        if ((dataBytes & 1) == 1) {
            out.write(0);
        }
        out.flush();
    }
}
