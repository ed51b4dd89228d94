package mw.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bit reader under {@link FlacReader}: big-endian bits from a 64 KiB byte buffer through a 64-bit
 * cache, with the Rice-coded residual decoded in one tight loop (the cost centre of FLAC decoding), and
 * the CRC-16 of the current frame kept as bytes pass (FLAC format, RFC 9639 sections 9.1 and 9.3).
 */
final class FlacBits {
    /** Thrown when the file ends inside a frame or header. */
    static final class End extends Exception {
        private static final long serialVersionUID = 1L;

        End() {
            super("the file ends early", null, false, false);
        }
    }

    private static final int[] CRC16 = new int[256];
    private static final int[] CRC8 = new int[256];
    /** CRC16_k[b]: the CRC of byte b followed by k zero bytes (slicing by four). */
    private static final int[] CRC16_1 = new int[256];
    private static final int[] CRC16_2 = new int[256];
    private static final int[] CRC16_3 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c16 = i << 8;
            int c8 = i;
            for (int b = 0; b < 8; b++) {
                c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x8005 : c16 << 1;
                c8 = (c8 & 0x80) != 0 ? (c8 << 1) ^ 0x07 : c8 << 1;
            }
            CRC16[i] = c16 & 0xFFFF;
            CRC8[i] = c8 & 0xFF;
        }
        for (int i = 0; i < 256; i++) {
            CRC16_1[i] = (CRC16[i] << 8 ^ CRC16[CRC16[i] >>> 8]) & 0xFFFF;
            CRC16_2[i] = (CRC16_1[i] << 8 ^ CRC16[CRC16_1[i] >>> 8]) & 0xFFFF;
            CRC16_3[i] = (CRC16_2[i] << 8 ^ CRC16[CRC16_2[i] >>> 8]) & 0xFFFF;
        }
    }

    private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final int KEEP = 8;
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos = KEEP;
    private int limit = KEEP;
    private boolean eof;
    /** Valid bits, left-aligned; the bits below them are zero. */
    private long cache;
    private int bits;
    private int crcPos = -1;
    private int crc16;

    FlacBits(InputStream in) {
        this.in = in;
    }

    /** Loads more bytes into the buffer; false at the end of the file. */
    private boolean fill() throws End {
        if (eof) {
            return false;
        }
        // bytes loaded into the cache but not yet consumed may lie after the end of the frame
        int unread = bits >> 3;
        if (crcPos >= 0) {
            crc16 = crc16(crc16, crcPos, pos - unread);
            crcPos = KEEP - unread;
        }
        // keep the last bytes: they may still be in the cache and count for the byte position
        System.arraycopy(buf, pos - KEEP, buf, 0, KEEP);
        pos = KEEP;
        limit = KEEP;
        try {
            int n = in.read(buf, KEEP, buf.length - KEEP);
            if (n <= 0) {
                eof = true;
                return false;
            }
            limit = KEEP + n;
            return true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Fills the cache to at least 57 bits, or to what is left of the file. */
    private void refill() throws End {
        if (bits <= 56 && pos + 8 <= limit) {
            // whole bytes at once: as many as fit below the valid bits
            int take = (64 - bits) >> 3;
            int after = bits + (take << 3);
            long w = (long) BIG_ENDIAN_LONG.get(buf, pos) >>> bits;
            cache |= after == 64 ? w : w & ~(-1L >>> after);
            bits = after;
            pos += take;
            return;
        }
        refillSlow();
    }

    /** {@link #refill()} near the end of the buffer: byte by byte, loading more from the file. */
    private void refillSlow() throws End {
        while (bits <= 56) {
            if (pos >= limit && !fill()) {
                return;
            }
            cache |= (buf[pos++] & 0xFFL) << (56 - bits);
            bits += 8;
        }
    }

    /** True when no bits are left in the file. */
    boolean atEnd() throws End {
        if (bits == 0) {
            refill();
        }
        return bits == 0;
    }

    /** Reads {@code n} bits (0 to 32) as an unsigned value. */
    long bitsU(int n) throws End {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            refill();
            if (bits < n) {
                throw new End();
            }
        }
        long v = cache >>> (64 - n);
        cache <<= n;
        bits -= n;
        return v;
    }

    int u(int n) throws End {
        return (int) bitsU(n);
    }

    /** Reads {@code n} bits (0 to 33) as a two's complement value. */
    long s(int n) throws End {
        if (n == 0) {
            return 0;
        }
        if (n > 32) {
            long hi = bitsU(n - 32);
            long v = (hi << 32) | bitsU(32);
            return (v << (64 - n)) >> (64 - n);
        }
        long v = bitsU(n);
        return (v << (64 - n)) >> (64 - n);
    }

    /**
     * Counts zero bits up to the next one bit, and consumes them and the one; stops early with a count
     * above 2^30 on a run of zeros longer than any valid code.
     */
    int unary() throws End {
        int q = 0;
        while (true) {
            if (bits == 0) {
                refill();
                if (bits == 0) {
                    throw new End();
                }
            }
            int lz = Long.numberOfLeadingZeros(cache);
            if (lz < bits) {
                q += lz;
                cache = lz == 63 ? 0 : cache << (lz + 1);
                bits -= lz + 1;
                return q;
            }
            q += bits;
            cache = 0;
            bits = 0;
            if (q > (1 << 30)) {
                return q; // far beyond any valid code: the caller rejects it
            }
        }
    }

    /**
     * Decodes {@code n} Rice-coded signed values with parameter {@code k} (0 to 30) into
     * {@code dst[off..off+n)}; false when a value does not fit in 32 bits (a damaged stream).
     */
    boolean rice(int[] dst, int off, int n, int k) throws End {
        long c = cache;
        int b = bits;
        try {
            for (int i = off, end = off + n; i < end; i++) {
                if (b < 32) {
                    cache = c;
                    bits = b;
                    refill();
                    c = cache;
                    b = bits;
                }
                int lz = Long.numberOfLeadingZeros(c);
                long v;
                if (lz + 1 + k <= b) {
                    // the whole code is in the cache: lz zeros, a one, k low bits
                    c = (c << lz) << 1;
                    v = ((long) lz << k) | ((c >>> 1) >>> (63 - k));
                    c <<= k;
                    b -= lz + 1 + k;
                } else {
                    cache = c;
                    bits = b;
                    int q = unary();
                    if (q > (1 << 30)) {
                        return false;
                    }
                    v = ((long) q << k) | bitsU(k);
                    c = cache;
                    b = bits;
                }
                if (v > 0xFFFFFFFFL) {
                    return false;
                }
                dst[i] = (int) (v >>> 1) ^ -(int) (v & 1);
            }
        } finally {
            cache = c;
            bits = b;
        }
        return true;
    }

    /** Skips to the next byte boundary. */
    void align() {
        int r = bits & 7;
        cache <<= r;
        bits -= r;
    }

    /** Starts the CRC-16 of a frame at the current (byte-aligned) position. */
    void startCrc() {
        crcPos = pos - bits / 8;
        crc16 = 0;
    }

    /** The CRC-16 of the bytes since {@link #startCrc()} up to the current (byte-aligned) position. */
    int endCrc() {
        int end = pos - bits / 8;
        int c = crc16(crc16, crcPos, end);
        crcPos = -1;
        return c;
    }

    private int crc16(int c, int from, int to) {
        int i = from;
        // four bytes per step: the CRC of the first two bytes and of the last two, combined by tables
        for (; i + 4 <= to; i += 4) {
            int x = c ^ ((buf[i] & 0xFF) << 8 | buf[i + 1] & 0xFF);
            c = CRC16_3[(x >>> 8) & 0xFF] ^ CRC16_2[x & 0xFF] ^ CRC16_1[buf[i + 2] & 0xFF] ^ CRC16[buf[i + 3] & 0xFF];
        }
        for (; i < to; i++) {
            c = ((c << 8) ^ CRC16[((c >>> 8) ^ buf[i]) & 0xFF]) & 0xFFFF;
        }
        return c;
    }

    static int crc8(int c, int b) {
        return CRC8[(c ^ b) & 0xFF];
    }
}
