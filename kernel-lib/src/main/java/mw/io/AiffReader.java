package mw.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import mw.WorkbenchException;
import mw.audio.ChannelLayout;

/**
 * Streaming reader for AIFF and AIFF-C (Apple, "Audio Interchange File Format", version 1.3, and the
 * AIFF-C draft of 1991): big-endian PCM 8-32 bit, AIFF-C {@code NONE}, {@code twos}, {@code sowt}
 * (little-endian PCM), {@code fl32}/{@code fl64} (IEEE float).
 *
 * <p>Written here because the parser is small and the JDK's AIFF reader knows neither AIFF-C float nor
 * {@code sowt}; going through Java Sound would also bring back the provider-order problem.
 */
final class AiffReader implements AudioReader {
    private static final int MAX_CHANNELS = 32;

    private enum Encoding { BIG_ENDIAN, LITTLE_ENDIAN, FLOAT_BE, DOUBLE_BE }

    private final Path path;
    private final SeekableByteChannel channel;
    private final InputStream in;
    private final AudioFileInfo info;
    private final Encoding encoding;
    private final int bytesPerSample;
    private final int blockAlign;
    private long framesLeft;
    private byte[] bytes = new byte[0];

    AiffReader(Path path) throws IOException {
        this.path = path;
        this.channel = Files.newByteChannel(path);
        boolean ok = false;
        try {
            long fileSize = channel.size();
            ByteBuffer head = read(0, 12);
            if (head.remaining() < 12) {
                throw bad("file is too short to be an AIFF file (" + fileSize + " bytes)");
            }
            boolean aifc = ascii(head, 8).equals("AIFC");
            long pos = 12;
            ByteBuffer comm = null;
            long ssndPos = -1;
            long ssndSize = 0;
            while (pos + 8 <= fileSize) {
                ByteBuffer ch = read(pos, 8);
                String id = ascii(ch, 0);
                long size = ch.getInt(4) & 0xFFFFFFFFL;
                if (id.equals("COMM")) {
                    if (size < 18 || size > 4096) {
                        throw bad("AIFF 'COMM' chunk has an impossible size " + size);
                    }
                    comm = read(pos + 8, (int) size);
                    if (comm.remaining() < size) {
                        throw bad("AIFF header is truncated inside the 'COMM' chunk");
                    }
                } else if (id.equals("SSND")) {
                    ssndPos = pos + 8;
                    ssndSize = size;
                }
                pos += 8 + size + (size & 1);
            }
            if (comm == null) {
                throw bad("AIFF file has no 'COMM' chunk (truncated or damaged header)");
            }
            int channels = comm.getShort(0);
            long frames = comm.getInt(2) & 0xFFFFFFFFL;
            int bits = comm.getShort(6);
            double rate = extended(comm, 8);
            String compression = "NONE";
            if (aifc) {
                if (comm.remaining() < 22) {
                    throw bad("AIFF-C 'COMM' chunk is too short to name its compression type");
                }
                compression = ascii(comm, 18);
            }
            if (channels <= 0 || channels > MAX_CHANNELS) {
                throw bad("AIFF header says " + channels + " channels; accepted: 1 to " + MAX_CHANNELS);
            }
            if (!(rate >= 1 && rate <= 768_000) || Math.abs(rate - Math.rint(rate)) > 1e-6) {
                throw bad("AIFF header says sample rate " + rate + " Hz; accepted: whole numbers from 1 Hz to 768 kHz");
            }
            int sampleRate = (int) Math.rint(rate);
            String codec;
            switch (compression) {
                case "NONE", "twos" -> {
                    encoding = Encoding.BIG_ENDIAN;
                    codec = "PCM " + bits + "-bit big-endian";
                }
                case "sowt" -> {
                    encoding = Encoding.LITTLE_ENDIAN;
                    codec = "PCM " + bits + "-bit little-endian (sowt)";
                }
                case "fl32", "FL32" -> {
                    encoding = Encoding.FLOAT_BE;
                    bits = 32;
                    codec = "IEEE float 32";
                }
                case "fl64", "FL64" -> {
                    encoding = Encoding.DOUBLE_BE;
                    bits = 64;
                    codec = "IEEE float 64";
                }
                default -> throw bad("AIFF-C compression '" + compression.trim()
                        + "' is not supported; accepted: NONE, twos, sowt (PCM) and fl32, fl64 (float)");
            }
            if ((encoding == Encoding.BIG_ENDIAN || encoding == Encoding.LITTLE_ENDIAN) && (bits < 1 || bits > 32)) {
                throw bad("AIFF header says " + bits + " bits per sample; accepted: 1 to 32 (PCM), 32 or 64 (float)");
            }
            this.bytesPerSample = (bits + 7) / 8;
            this.blockAlign = bytesPerSample * channels;
            if (frames > 0 && ssndPos < 0) {
                throw bad("AIFF file has no 'SSND' chunk: the audio data is missing (truncated?)");
            }
            long dataStart = 0;
            if (ssndPos >= 0) {
                ByteBuffer s = read(ssndPos, 8);
                if (s.remaining() < 8) {
                    throw bad("AIFF 'SSND' chunk is truncated");
                }
                long offset = s.getInt(0) & 0xFFFFFFFFL;
                dataStart = ssndPos + 8 + offset;
            }
            this.framesLeft = frames;
            this.info = new AudioFileInfo(path, aifc ? "AIFF-C" : "AIFF", codec, sampleRate, bits,
                    ChannelLayout.defaultFor(channels), frames);
            channel.position(Math.min(dataStart, fileSize));
            this.in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            ok = true;
        } finally {
            if (!ok) {
                channel.close();
            }
        }
    }

    private WorkbenchException bad(String message) {
        return new WorkbenchException(path, message);
    }

    private ByteBuffer read(long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        channel.position(pos);
        while (b.hasRemaining() && channel.read(b) > 0) {
            // keep reading until full or end of file
        }
        b.flip();
        return b;
    }

    private static String ascii(ByteBuffer b, int off) {
        byte[] s = new byte[4];
        for (int i = 0; i < 4; i++) {
            s[i] = off + i < b.limit() ? b.get(off + i) : 0;
        }
        return new String(s, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The 80-bit IEEE 754 extended-precision number AIFF stores its sample rate in. */
    static double extended(ByteBuffer b, int off) {
        int se = b.getShort(off) & 0xFFFF;
        long mantissa = b.getLong(off + 2);
        int exponent = se & 0x7FFF;
        if (exponent == 0 && mantissa == 0) {
            return 0;
        }
        if (exponent == 0x7FFF) {
            return Double.NaN;
        }
        double m = (mantissa >>> 1) * 2.0 + (mantissa & 1);
        double v = m * Math.pow(2, exponent - 16383 - 63);
        return (se & 0x8000) != 0 ? -v : v;
    }

    @Override
    public AudioFileInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dst, int maxFrames) {
        if (framesLeft <= 0) {
            return -1;
        }
        int want = (int) Math.min(maxFrames, framesLeft);
        int need = want * blockAlign;
        if (bytes.length < need) {
            bytes = new byte[need];
        }
        int got;
        try {
            got = in.readNBytes(bytes, 0, need);
        } catch (IOException e) {
            throw new WorkbenchException(path, "cannot read audio data: " + e.getMessage(), e);
        }
        int frames = got / blockAlign;
        if (frames < want) {
            throw new WorkbenchException(path, "AIFF data is truncated: the header promises " + info.frames()
                    + " frames but the file ends " + (framesLeft - frames) + " frames early (cut short?); accepted: complete AIFF files");
        }
        framesLeft -= frames;
        decode(dst, frames);
        return frames;
    }

    private void decode(double[][] dst, int frames) {
        int ch = dst.length;
        int bps = bytesPerSample;
        int p = 0;
        switch (encoding) {
            case FLOAT_BE -> {
                ByteBuffer bb = ByteBuffer.wrap(bytes);
                for (int i = 0; i < frames; i++) for (int c = 0; c < ch; c++, p += 4) dst[c][i] = bb.getFloat(p);
            }
            case DOUBLE_BE -> {
                ByteBuffer bb = ByteBuffer.wrap(bytes);
                for (int i = 0; i < frames; i++) for (int c = 0; c < ch; c++, p += 8) dst[c][i] = bb.getDouble(p);
            }
            default -> {
                boolean big = encoding == Encoding.BIG_ENDIAN;
                double scale = 1.0 / (1L << (8 * bps - 1));
                for (int i = 0; i < frames; i++) {
                    for (int c = 0; c < ch; c++, p += bps) {
                        int v = 0;
                        for (int k = 0; k < bps; k++) {
                            int b = bytes[p + (big ? k : bps - 1 - k)] & 0xFF;
                            v = v << 8 | b;
                        }
                        v <<= 32 - 8 * bps; // sign-extend from the top byte
                        dst[c][i] = (v >> (32 - 8 * bps)) * scale;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do: the data was read or an error already named the file
        }
    }
}
