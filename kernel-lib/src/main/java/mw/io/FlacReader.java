package mw.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mw.WorkbenchException;
import mw.audio.ChannelLayout;
import mw.audio.Speaker;

/**
 * Streaming FLAC decoder, one FLAC frame at a time, bit-exact for any bit depth from 4 to 32 and 1 to
 * 8 channels, following the FLAC format specification (IETF RFC 9639): STREAMINFO, frame header with
 * CRC-8, constant / verbatim / fixed / LPC subframes with wasted bits, partitioned Rice residual with
 * escapes, stereo decorrelation, frame CRC-16.
 *
 * <p>Why hand-written: the pure-Java library jflac (1.5.2) decodes correctly but spends about three
 * quarters of its time in its bit-by-bit Rice reader, which cannot be replaced from outside: a 4-minute
 * stereo 16-bit file took 0.63 s of CPU in a warm JVM. Decoding the residual through a 64-bit bit cache
 * with a leading-zero count per value and unrolling the usual LPC orders brings that to 0.18 s (see
 * docs/benchmarks.md, "Audio decoding"). Bit-exactness is tested against ffmpeg's decoder on files made by the reference
 * encoder {@code flac}. Java Sound providers are not used either: the choice of reader would then
 * depend on the provider order.
 */
final class FlacReader implements AudioReader, ReadsAtOffset {
    private static final String ACCEPT_UNDAMAGED = "; accepted: undamaged FLAC files";
    private static final int[] SIZES = {0, 8, 12, 0, 16, 20, 24, 32};

    private final Path path;
    private final InputStream in;
    private final FlacBits bits;
    private final AudioFileInfo info;
    private final double scale;
    private final int channels;
    private final int bitsPerSample;
    private final int sampleRate;
    private int[][] out;
    private long[] wide;
    private long[] wide2;
    private int[] residual;
    private final int[] qlp = new int[32];
    private int pendingPos;
    private int pendingLen;
    private long framesRead;
    private boolean done;

    FlacReader(Path path, long skip) throws IOException {
        this.path = path;
        this.in = Files.newInputStream(path);
        boolean ok = false;
        try {
            in.skipNBytes(skip);
            bits = new FlacBits(in);
            long total;
            int maxBlock;
            try {
                if (bits.u(32) != 0x664C6143) {
                    throw new WorkbenchException(path, "does not start with the FLAC signature; accepted: FLAC files");
                }
                int[] si = null;
                long siTotal = 0;
                boolean last = false;
                while (!last) {
                    last = bits.u(1) == 1;
                    int type = bits.u(7);
                    int length = bits.u(24);
                    if (type == 0 && si == null) {
                        if (length != 34) {
                            throw new WorkbenchException(path, "FLAC STREAMINFO block is " + length
                                    + " bytes long instead of 34; accepted: valid FLAC files");
                        }
                        si = new int[] {bits.u(16), bits.u(16), bits.u(24), bits.u(24), bits.u(20), bits.u(3) + 1,
                            bits.u(5) + 1};
                        siTotal = bits.bitsU(36);
                        for (int i = 0; i < 16; i++) {
                            bits.u(8); // MD5 of the audio: not checked (every frame has a CRC-16)
                        }
                    } else if (si == null || type == 127) {
                        throw new WorkbenchException(path, "FLAC file has no STREAMINFO block first; accepted: valid FLAC files");
                    } else {
                        for (int i = 0; i < length; i++) {
                            bits.u(8);
                        }
                    }
                }
                maxBlock = si[1];
                sampleRate = si[4];
                channels = si[5];
                bitsPerSample = si[6];
                total = siTotal;
            } catch (FlacBits.End e) {
                throw new WorkbenchException(path, "FLAC header is damaged or truncated (the file ends inside"
                        + " the metadata); accepted: FLAC files with a valid STREAMINFO block", e);
            }
            if (sampleRate <= 0) {
                throw new WorkbenchException(path, "FLAC header says sample rate " + sampleRate + " Hz; accepted: 1 Hz to 655 kHz");
            }
            if (bitsPerSample < 4) {
                throw new WorkbenchException(path, "FLAC header says " + bitsPerSample + " bits per sample; accepted: 4 to 32");
            }
            scale = 1.0 / (1L << (bitsPerSample - 1));
            info = new AudioFileInfo(path, "FLAC", "FLAC " + bitsPerSample + "-bit", sampleRate, bitsPerSample,
                    layout(channels), total > 0 ? total : -1);
            allocate(Math.max(maxBlock, 4608));
            ok = true;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (!ok) {
                in.close();
            }
        }
    }

    private void allocate(int blockSize) {
        out = new int[channels][blockSize];
        wide = new long[blockSize];
        wide2 = new long[blockSize];
        residual = new int[blockSize];
    }

    /** The channel order the FLAC format specification assigns to each channel count. */
    static ChannelLayout layout(int channels) {
        return switch (channels) {
            case 4 -> ChannelLayout.of(Speaker.L, Speaker.R, Speaker.LB, Speaker.RB);
            case 5 -> ChannelLayout.of(Speaker.L, Speaker.R, Speaker.C, Speaker.LB, Speaker.RB);
            case 6 -> ChannelLayout.of(Speaker.L, Speaker.R, Speaker.C, Speaker.LFE, Speaker.LB, Speaker.RB);
            default -> ChannelLayout.defaultFor(channels);
        };
    }

    @Override
    public AudioFileInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dst, int maxFrames) {
        return read(dst, 0, maxFrames);
    }

    @Override
    public int read(double[][] dst, int offset, int maxFrames) {
        // fills the request from as many FLAC frames as it takes, so callers get full blocks
        int done = 0;
        while (done < maxFrames) {
            if (pendingPos >= pendingLen && !nextFrame()) {
                break;
            }
            int n = Math.min(maxFrames - done, pendingLen - pendingPos);
            int p = pendingPos;
            int at = offset + done;
            for (int c = 0; c < channels; c++) {
                int[] src = out[c];
                double[] d = dst[c];
                for (int i = 0; i < n; i++) {
                    d[at + i] = src[p + i] * scale;
                }
            }
            pendingPos += n;
            done += n;
        }
        return done == 0 && maxFrames > 0 ? -1 : done;
    }

    /** A problem found while decoding a frame, turned into a message by {@link #nextFrame()}. */
    private static final class Damage extends Exception {
        private static final long serialVersionUID = 1L;

        Damage(String what) {
            super(what, null, false, false);
        }
    }

    private boolean nextFrame() {
        while (true) {
            if (done) {
                return false;
            }
            long total = info.frames();
            if (total > 0 && framesRead >= total) {
                done = true; // anything after the last frame (a tag, padding) is not audio
                return false;
            }
            int n;
            try {
                if (bits.atEnd()) {
                    done = true;
                    if (total > 0) {
                        throw truncated();
                    }
                    return false;
                }
                n = decodeFrame();
            } catch (FlacBits.End e) {
                done = true;
                throw truncated();
            } catch (Damage e) {
                done = true;
                throw new WorkbenchException(path, "FLAC data is damaged at sample frame " + framesRead + " ("
                        + e.getMessage() + ")" + ACCEPT_UNDAMAGED);
            } catch (UncheckedIOException e) {
                done = true;
                throw new WorkbenchException(path, "cannot be read: " + e.getCause().getMessage(), e);
            }
            if (total > 0) {
                n = (int) Math.min(n, total - framesRead);
            }
            pendingPos = 0;
            pendingLen = n;
            framesRead += n;
            if (n > 0) {
                return true;
            }
        }
    }

    private WorkbenchException truncated() {
        return new WorkbenchException(path, "FLAC data is truncated: the header promises " + info.frames()
                + " frames but the file ends at sample frame " + framesRead + " (cut short?); accepted: complete FLAC files");
    }

    /** Decodes one frame into {@link #out}; returns its block size. */
    private int decodeFrame() throws FlacBits.End, Damage {
        FlacBits b = bits;
        b.startCrc();
        int sync = b.u(15);
        if (sync != 0x7FFC) {
            throw new Damage("no frame sync code where a frame should start");
        }
        int crc8 = FlacBits.crc8(FlacBits.crc8(0, 0xFF), 0xF8 | b.u(1));
        int h = b.u(16);
        crc8 = FlacBits.crc8(FlacBits.crc8(crc8, h >>> 8), h & 0xFF);
        int bsCode = h >>> 12;
        int rateCode = (h >>> 8) & 15;
        int chCode = (h >>> 4) & 15;
        int sizeCode = (h >>> 1) & 7;
        if ((h & 1) != 0 || bsCode == 0 || rateCode == 15 || chCode > 10 || sizeCode == 3) {
            throw new Damage("a frame header has a reserved value");
        }
        // coded frame or sample number, UTF-8-like, 1 to 7 bytes: only checked for form
        int first = b.u(8);
        crc8 = FlacBits.crc8(crc8, first);
        int more = first < 0x80 ? 0 : first >= 0xFE ? 6 : Integer.numberOfLeadingZeros(~(first << 24)) - 1;
        if (first >= 0x80 && (more < 1 || first == 0xFF)) {
            throw new Damage("a frame number is badly coded");
        }
        for (int i = 0; i < more; i++) {
            int x = b.u(8);
            crc8 = FlacBits.crc8(crc8, x);
            if ((x & 0xC0) != 0x80) {
                throw new Damage("a frame number is badly coded");
            }
        }
        int blockSize;
        if (bsCode == 1) {
            blockSize = 192;
        } else if (bsCode <= 5) {
            blockSize = 576 << (bsCode - 2);
        } else if (bsCode == 6) {
            int x = b.u(8);
            crc8 = FlacBits.crc8(crc8, x);
            blockSize = x + 1;
        } else if (bsCode == 7) {
            int x = b.u(16);
            crc8 = FlacBits.crc8(FlacBits.crc8(crc8, x >>> 8), x & 0xFF);
            blockSize = x + 1;
        } else {
            blockSize = 256 << (bsCode - 8);
        }
        if (rateCode >= 12) {
            int len = rateCode == 12 ? 8 : 16;
            int x = b.u(len);
            if (len == 16) {
                crc8 = FlacBits.crc8(crc8, x >>> 8);
            }
            crc8 = FlacBits.crc8(crc8, x & 0xFF);
        }
        if (b.u(8) != crc8) {
            throw new Damage("a frame header failed its CRC-8 check");
        }
        if (blockSize > residual.length) {
            // more than STREAMINFO's largest block: not conforming, but decodable (at most 65536)
            allocate(blockSize);
        }
        int frameChannels = chCode < 8 ? chCode + 1 : 2;
        if (frameChannels != channels) {
            throw new Damage("a frame has " + frameChannels + " channels but the stream header says " + channels);
        }
        int bps = sizeCode == 0 ? bitsPerSample : SIZES[sizeCode];
        if (bps != bitsPerSample) {
            throw new Damage("a frame has " + bps + " bits per sample but the stream header says " + bitsPerSample);
        }
        if (chCode < 8) {
            for (int c = 0; c < channels; c++) {
                subframe(blockSize, bps, wide);
                narrow(wide, out[c], blockSize);
            }
        } else {
            // left/side, side/right, mid/side: the side channel has one bit more
            subframe(blockSize, chCode == 9 ? bps + 1 : bps, wide);
            subframe(blockSize, chCode == 9 ? bps : bps + 1, wide2);
            decorrelate(chCode, blockSize);
        }
        b.align();
        int crc = b.endCrc();
        if (b.u(16) != crc) {
            throw new Damage("a frame failed its CRC-16 check");
        }
        return blockSize;
    }

    private static void narrow(long[] src, int[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = (int) src[i];
        }
    }

    private void decorrelate(int chCode, int n) {
        long[] a = wide;
        long[] s = wide2;
        int[] l = out[0];
        int[] r = out[1];
        switch (chCode) {
            case 8 -> { // left, side = left - right
                for (int i = 0; i < n; i++) {
                    l[i] = (int) a[i];
                    r[i] = (int) (a[i] - s[i]);
                }
            }
            case 9 -> { // side, right
                for (int i = 0; i < n; i++) {
                    r[i] = (int) s[i];
                    l[i] = (int) (a[i] + s[i]);
                }
            }
            default -> { // mid = (left + right) >> 1, side = left - right
                for (int i = 0; i < n; i++) {
                    long side = s[i];
                    long mid = (a[i] << 1) | (side & 1);
                    l[i] = (int) ((mid + side) >> 1);
                    r[i] = (int) ((mid - side) >> 1);
                }
            }
        }
    }

    /** Decodes one subframe of {@code n} samples of {@code bps} bits into {@code dst}. */
    private void subframe(int n, int bps, long[] dst) throws FlacBits.End, Damage {
        FlacBits b = bits;
        int head = b.u(8);
        if ((head & 0x80) != 0) {
            throw new Damage("a subframe header has its reserved bit set");
        }
        int type = (head >>> 1) & 63;
        int wasted = 0;
        if ((head & 1) != 0) {
            wasted = b.unary() + 1;
            if (wasted >= bps) {
                throw new Damage("a subframe claims " + wasted + " wasted bits of " + bps);
            }
            bps -= wasted;
        }
        if (type == 0) {
            long v = b.s(bps);
            java.util.Arrays.fill(dst, 0, n, v);
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                dst[i] = b.s(bps);
            }
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            if (order > n) {
                throw new Damage("a predictor order is larger than its block");
            }
            for (int i = 0; i < order; i++) {
                dst[i] = b.s(bps);
            }
            residual(n, order);
            fixed(dst, n, order);
        } else if (type >= 32) {
            int order = type - 31;
            if (order > n) {
                throw new Damage("a predictor order is larger than its block");
            }
            for (int i = 0; i < order; i++) {
                dst[i] = b.s(bps);
            }
            int precision = b.u(4) + 1;
            if (precision == 16) {
                throw new Damage("an LPC subframe has an invalid coefficient precision");
            }
            int shift = (int) b.s(5);
            if (shift < 0) {
                throw new Damage("an LPC subframe has a negative shift");
            }
            for (int i = 0; i < order; i++) {
                qlp[i] = (int) b.s(precision);
            }
            residual(n, order);
            lpc(dst, n, order, shift);
        } else {
            throw new Damage("a subframe has a reserved type");
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                dst[i] <<= wasted;
            }
        }
    }

    /** Reads the partitioned Rice residual of samples {@code order..n} into {@link #residual}. */
    private void residual(int n, int order) throws FlacBits.End, Damage {
        FlacBits b = bits;
        int method = b.u(2);
        if (method > 1) {
            throw new Damage("a residual uses a reserved coding method");
        }
        int paramBits = method == 0 ? 4 : 5;
        int escape = method == 0 ? 15 : 31;
        int partitionOrder = b.u(4);
        int partitions = 1 << partitionOrder;
        int perPartition = n >> partitionOrder;
        if ((perPartition << partitionOrder) != n || perPartition < order) {
            throw new Damage("a residual partition order does not fit its block");
        }
        int pos = order;
        for (int p = 0; p < partitions; p++) {
            int count = p == 0 ? perPartition - order : perPartition;
            int k = b.u(paramBits);
            if (k == escape) {
                int raw = b.u(5);
                for (int i = 0; i < count; i++) {
                    residual[pos + i] = (int) b.s(raw);
                }
            } else if (!b.rice(residual, pos, count, k)) {
                throw new Damage("a residual value does not fit in 32 bits");
            }
            pos += count;
        }
    }

    /** The fixed polynomial predictors of orders 0 to 4. */
    private void fixed(long[] x, int n, int order) {
        int[] e = residual;
        switch (order) {
            case 0 -> {
                for (int i = 0; i < n; i++) {
                    x[i] = e[i];
                }
            }
            case 1 -> {
                for (int i = 1; i < n; i++) {
                    x[i] = e[i] + x[i - 1];
                }
            }
            case 2 -> {
                for (int i = 2; i < n; i++) {
                    x[i] = e[i] + 2 * x[i - 1] - x[i - 2];
                }
            }
            case 3 -> {
                for (int i = 3; i < n; i++) {
                    x[i] = e[i] + 3 * (x[i - 1] - x[i - 2]) + x[i - 3];
                }
            }
            default -> {
                for (int i = 4; i < n; i++) {
                    x[i] = e[i] + 4 * (x[i - 1] + x[i - 3]) - 6 * x[i - 2] - x[i - 4];
                }
            }
        }
    }

    /** Linear prediction with quantized coefficients: x[i] = e[i] + (sum of qlp[j] x[i-1-j]) >> shift. */
    private void lpc(long[] x, int n, int order, int shift) {
        int[] e = residual;
        int[] q = qlp;
        if (order <= 12) {
            lpc12(x, n, order, shift);
            return;
        }
        for (int i = order; i < n; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += q[j] * x[i - 1 - j];
            }
            x[i] = e[i] + (sum >> shift);
        }
    }

    /**
     * {@link #lpc} for orders up to 12 (what the reference encoder uses at its usual settings): the
     * coefficients, padded with zeros to 8 or 12, and the latest samples in locals and the sum written
     * out, so the loop has no inner loop or branch. The first samples, which have fewer than 8 or 12 predecessors, take the
     * plain loop.
     */
    private void lpc12(long[] x, int n, int order, int shift) {
        int[] e = residual;
        int[] q = qlp;
        int width = order <= 8 ? 8 : 12;
        int head = Math.min(n, width);
        for (int i = order; i < head; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += q[j] * x[i - 1 - j];
            }
            x[i] = e[i] + (sum >> shift);
        }
        java.util.Arrays.fill(q, order, 12, 0);
        long c0 = q[0], c1 = q[1], c2 = q[2], c3 = q[3], c4 = q[4], c5 = q[5];
        long c6 = q[6], c7 = q[7], c8 = q[8], c9 = q[9], c10 = q[10], c11 = q[11];
        if (head < width) {
            return;
        }
        // the last samples in locals: no store-to-load wait from one sample to the next
        if (width == 8) {
            long x1 = x[head - 1], x2 = x[head - 2], x3 = x[head - 3], x4 = x[head - 4];
            long x5 = x[head - 5], x6 = x[head - 6], x7 = x[head - 7], x8 = x[head - 8];
            for (int i = head; i < n; i++) {
                long older = c7 * x8 + c6 * x7 + c5 * x6 + c4 * x5
                        + c3 * x4 + c2 * x3 + c1 * x2;
                long v = e[i] + ((older + c0 * x1) >> shift);
                x[i] = v;
                x8 = x7; x7 = x6; x6 = x5; x5 = x4; x4 = x3; x3 = x2;
                x2 = x1;
                x1 = v;
            }
        } else {
            long x1 = x[head - 1], x2 = x[head - 2], x3 = x[head - 3], x4 = x[head - 4];
            long x5 = x[head - 5], x6 = x[head - 6], x7 = x[head - 7], x8 = x[head - 8];
            long x9 = x[head - 9], x10 = x[head - 10], x11 = x[head - 11], x12 = x[head - 12];
            for (int i = head; i < n; i++) {
                long older = c11 * x12 + c10 * x11 + c9 * x10 + c8 * x9
                        + c7 * x8 + c6 * x7 + c5 * x6 + c4 * x5
                        + c3 * x4 + c2 * x3 + c1 * x2;
                long v = e[i] + ((older + c0 * x1) >> shift);
                x[i] = v;
                x12 = x11; x11 = x10; x10 = x9; x9 = x8; x8 = x7; x7 = x6;
                x6 = x5; x5 = x4; x4 = x3; x3 = x2; x2 = x1;
                x1 = v;
            }
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do: the data was read or an error already named the file
        }
    }
}
