package mw.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import mw.WorkbenchException;
import mw.audio.ChannelLayout;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.Obuffer;

/**
 * Streaming MPEG audio (MP3, and layers I/II) reader on JLayer, the decoder inside mp3spi, driven
 * frame by frame so the output can be made gapless.
 *
 * <p>An encoder delays the music by its own delay plus the decoder's 529-sample filterbank delay, and
 * pads the last frame. LAME (and ffmpeg's libmp3lame) records both in the "Info"/"Xing" header frame,
 * a frame without audio at the start of the file (the LAME tag: see the "Mp3 Info Tag rev 1
 * specifications" of the LAME project). This reader skips that frame, drops delay + 529 samples at the
 * start and the padding at the end, so a file made from N samples decodes to exactly N samples, the
 * same ones ffmpeg returns. Files without such a tag are decoded whole, as ffmpeg does.
 */
final class Mp3Reader implements AudioReader {
    /** Delay of the standard MPEG audio decoder's synthesis filterbank, in samples (528 + 1). */
    static final int DECODER_DELAY = 529;

    private static final int[][] BITRATE_KBPS = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},    // MPEG-1 layer II
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},     // MPEG-1 layer III
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},    // MPEG-2/2.5 layer I
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},         // MPEG-2/2.5 layers II, III
    };
    private static final int[] RATES = {44100, 48000, 32000};

    private final Path path;
    private final InputStream in;
    private final Bitstream bitstream;
    private final Decoder decoder = new Decoder();
    private final AudioFileInfo info;
    private final int channels;
    private final long promisedFrames;
    private long skipLeft;
    private long framesLeft;
    private final FloatOutput output;
    private int pendingPos;
    private int pendingLen;
    private long mpegFramesDecoded;
    private boolean done;

    /** A parsed 4-byte MPEG audio frame header. */
    record FrameHeader(int version, int layer, boolean crc, int bitrateKbps, int sampleRate, boolean padding,
                       int channels) {
        /** 1 for MPEG-1, 2 for MPEG-2, 25 for MPEG-2.5. */
        int samplesPerFrame() {
            return layer == 1 ? 384 : layer == 2 || version == 1 ? 1152 : 576;
        }

        int frameBytes() {
            int pad = padding ? 1 : 0;
            if (layer == 1) {
                return (12 * bitrateKbps * 1000 / sampleRate + pad) * 4;
            }
            int coef = layer == 3 && version != 1 ? 72 : 144;
            return coef * bitrateKbps * 1000 / sampleRate + pad;
        }

        String codec() {
            String v = version == 1 ? "MPEG-1" : version == 2 ? "MPEG-2" : "MPEG-2.5";
            return v + " Layer " + "I".repeat(layer);
        }
    }

    /** Parses a frame header at {@code off}, or returns null when the bytes are not one. */
    static FrameHeader parseHeader(byte[] b, int off, int n) {
        if (off + 4 > n) {
            return null;
        }
        int b0 = b[off] & 0xFF;
        int b1 = b[off + 1] & 0xFF;
        int b2 = b[off + 2] & 0xFF;
        int b3 = b[off + 3] & 0xFF;
        if (b0 != 0xFF || (b1 & 0xE0) != 0xE0) {
            return null;
        }
        int versionBits = (b1 >> 3) & 3;
        int layerBits = (b1 >> 1) & 3;
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int layer = 4 - layerBits;
        int table = version == 1 ? layer - 1 : layer == 1 ? 3 : 4;
        int rate = RATES[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        return new FrameHeader(version, layer, (b1 & 1) == 0, BITRATE_KBPS[table][bitrateIndex], rate,
                ((b2 >> 1) & 1) == 1, (b3 >> 6) == 3 ? 1 : 2);
    }

    /** Length in bytes of an ID3v2 tag at the start, or 0 when there is none. */
    static int id3v2Length(byte[] b, int n) {
        if (n < 10 || b[0] != 'I' || b[1] != 'D' || b[2] != '3') {
            return 0;
        }
        int size = (b[6] & 0x7F) << 21 | (b[7] & 0x7F) << 14 | (b[8] & 0x7F) << 7 | (b[9] & 0x7F);
        boolean footer = (b[5] & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    /** True when the bytes start with an MPEG audio frame followed by a second matching one. */
    static boolean looksLikeMpegAudio(byte[] b, int n) {
        FrameHeader h = parseHeader(b, 0, n);
        if (h == null) {
            return false;
        }
        int next = h.frameBytes();
        if (next + 4 > n) {
            return true;
        }
        FrameHeader h2 = parseHeader(b, next, n);
        return h2 != null && h2.version() == h.version() && h2.layer() == h.layer() && h2.sampleRate() == h.sampleRate();
    }

    Mp3Reader(Path path) throws IOException {
        this.path = path;
        long fileSize = Files.size(path);
        byte[] probe;
        try (InputStream p = Files.newInputStream(path)) {
            probe = p.readNBytes(16);
        }
        long id3 = id3v2Length(probe, probe.length);
        // Find the first frame: right after the tag, or after some junk or padding within 64 KiB.
        byte[] region;
        try (InputStream p = Files.newInputStream(path)) {
            p.skipNBytes(Math.min(id3, fileSize));
            region = p.readNBytes(1 << 16);
        }
        int first = -1;
        FrameHeader h = null;
        for (int i = 0; i + 4 <= region.length; i++) {
            FrameHeader c = parseHeader(region, i, region.length);
            if (c != null) {
                int next = i + c.frameBytes();
                FrameHeader c2 = next + 4 <= region.length ? parseHeader(region, next, region.length) : c;
                if (c2 != null && c2.sampleRate() == c.sampleRate() && c2.layer() == c.layer()) {
                    first = i;
                    h = c;
                    break;
                }
            }
        }
        if (h == null) {
            throw new WorkbenchException(path, "has no MPEG audio frames (damaged MP3 or not an MP3 file); accepted: "
                    + Audio.accepted());
        }
        this.channels = h.channels();
        int spf = h.samplesPerFrame();
        // The Xing/Info (LAME, ffmpeg) or VBRI (Fraunhofer) header frame carries no audio.
        long tagFrames = -1;
        int delay = -1;
        int padding = -1;
        boolean tagFrame = false;
        int sideInfo = h.layer() != 3 ? 0 : h.version() == 1 ? (h.channels() == 1 ? 17 : 32) : (h.channels() == 1 ? 9 : 17);
        int x = first + 4 + (h.crc() ? 2 : 0) + sideInfo;
        String xing = CodecReaders.ascii(region, x, 4);
        if (h.layer() == 3 && (xing.equals("Xing") || xing.equals("Info"))) {
            tagFrame = true;
            int flags = be32(region, x + 4);
            int p = x + 8;
            if ((flags & 1) != 0) {
                tagFrames = be32(region, p) & 0xFFFFFFFFL;
                p += 4;
            }
            if ((flags & 2) != 0) {
                p += 4;
            }
            if ((flags & 4) != 0) {
                p += 100;
            }
            if ((flags & 8) != 0) {
                p += 4;
            }
            String encoder = CodecReaders.ascii(region, p, 4);
            if ((encoder.equals("LAME") || encoder.equals("Lavf") || encoder.equals("Lavc")) && p + 24 <= region.length) {
                int v = (region[p + 21] & 0xFF) << 16 | (region[p + 22] & 0xFF) << 8 | (region[p + 23] & 0xFF);
                delay = v >> 12;
                padding = v & 0xFFF;
            }
        } else if (h.layer() == 3 && CodecReaders.ascii(region, first + 36, 4).equals("VBRI")) {
            tagFrame = true;
            tagFrames = be32(region, first + 36 + 14) & 0xFFFFFFFFL;
        }
        long audioStart = id3 + first + (tagFrame ? h.frameBytes() : 0);
        long frames = -1;
        if (delay >= 0) {
            skipLeft = delay + DECODER_DELAY;
            if (tagFrames > 0) {
                frames = Math.max(0, tagFrames * spf - delay - padding);
            }
        } else if (tagFrames > 0) {
            frames = tagFrames * spf;
        }
        this.promisedFrames = tagFrames;
        this.framesLeft = frames >= 0 ? frames : Long.MAX_VALUE;
        long end = fileSize;
        if (fileSize - 128 >= audioStart) {
            try (InputStream p = Files.newInputStream(path)) {
                p.skipNBytes(fileSize - 128);
                byte[] t = p.readNBytes(3);
                if (t.length == 3 && t[0] == 'T' && t[1] == 'A' && t[2] == 'G') {
                    end = fileSize - 128; // ID3v1 tag
                }
            }
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        raw.skipNBytes(audioStart);
        this.in = new BufferedInputStream(new LimitedStream(raw, end - audioStart), 1 << 12);
        this.bitstream = new Bitstream(in);
        this.output = new FloatOutput(channels);
        decoder.setOutputBuffer(output);
        ChannelLayout layout = ChannelLayout.defaultFor(channels);
        String rate = xing.equals("Xing") || !xing.equals("Info") && tagFrame ? "VBR"
                : String.format(Locale.ROOT, "%d kbit/s", h.bitrateKbps());
        this.info = new AudioFileInfo(path, h.layer() == 3 ? "MP3" : "MPEG audio", h.codec() + ", " + rate, h.sampleRate(), 0, layout, frames);
    }

    private static int be32(byte[] b, int o) {
        if (o + 4 > b.length) {
            return 0;
        }
        return (b[o] & 0xFF) << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | (b[o + 3] & 0xFF);
    }

    @Override
    public AudioFileInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dst, int maxFrames) {
        while (true) {
            if (framesLeft <= 0) {
                return -1;
            }
            if (pendingPos >= pendingLen && !decodeNext()) {
                return -1;
            }
            int avail = pendingLen - pendingPos;
            if (skipLeft > 0) {
                int s = (int) Math.min(skipLeft, avail);
                skipLeft -= s;
                pendingPos += s;
                continue;
            }
            int n = (int) Math.min(Math.min(maxFrames, avail), framesLeft);
            for (int c = 0; c < channels; c++) {
                float[] src = output.samples[c];
                double[] d = dst[c];
                for (int i = 0; i < n; i++) {
                    d[i] = src[pendingPos + i] / FloatOutput.SCALE;
                }
            }
            pendingPos += n;
            framesLeft -= n;
            return n;
        }
    }

    private boolean decodeNext() {
        if (done) {
            return false;
        }
        try {
            Header h = bitstream.readFrame();
            if (h == null) {
                done = true;
                if (promisedFrames > 0 && mpegFramesDecoded + 1 < promisedFrames) {
                    throw new WorkbenchException(path, "MP3 data is truncated: the header promises " + promisedFrames
                            + " MPEG frames but the file ends after " + mpegFramesDecoded + " (cut short?); accepted: complete MP3 files");
                }
                return false;
            }
            if ((h.mode() == Header.SINGLE_CHANNEL ? 1 : 2) != channels) {
                throw new WorkbenchException(path, "MP3 stream changes its channel count after "
                        + mpegFramesDecoded + " frames; accepted: streams with a constant channel count");
            }
            decoder.decodeFrame(h, bitstream);
            bitstream.closeFrame();
            mpegFramesDecoded++;
            pendingPos = 0;
            pendingLen = output.length();
            return true;
        } catch (BitstreamException | DecoderException | RuntimeException e) {
            if (e instanceof WorkbenchException we) {
                throw we;
            }
            done = true;
            if (mpegFramesDecoded > 0 && (promisedFrames <= 0 || mpegFramesDecoded + 1 >= promisedFrames)) {
                return false; // a damaged or cut last frame: the audio before it is complete
            }
            throw new WorkbenchException(path, "MP3 data is damaged after " + mpegFramesDecoded + " MPEG frames ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            bitstream.close();
        } catch (BitstreamException ignored) {
            // closing only releases the stream
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /**
     * Receives JLayer's synthesis output as floats, before its conversion to 16-bit integers (which
     * truncates towards zero), so the decoded samples keep their full precision.
     */
    private static final class FloatOutput extends Obuffer {
        /** JLayer's synthesis filter scales full scale to this value. */
        static final double SCALE = 32700.0;
        final float[][] samples;
        final int[] lengths;

        FloatOutput(int channels) {
            samples = new float[channels][1152];
            lengths = new int[channels];
        }

        int length() {
            int n = lengths[0];
            for (int l : lengths) {
                n = Math.min(n, l);
            }
            return n;
        }

        @Override
        public void appendSamples(int channel, float[] f) {
            if (channel >= samples.length) {
                return;
            }
            int at = lengths[channel];
            if (at + f.length > samples[channel].length) {
                samples[channel] = java.util.Arrays.copyOf(samples[channel], Math.max(2 * samples[channel].length, at + f.length));
            }
            System.arraycopy(f, 0, samples[channel], at, f.length);
            lengths[channel] = at + f.length;
        }

        @Override
        public void append(int channel, short value) {
            appendSamples(channel, new float[] {value});
        }

        @Override
        public void write_buffer(int ignored) {
            // samples stay here until the reader takes them
        }

        @Override
        public void close() {
            // nothing held
        }

        @Override
        public void clear_buffer() {
            java.util.Arrays.fill(lengths, 0);
        }

        @Override
        public void set_stop_flag() {
            // not used by the decoder
        }
    }

    /** An input stream that ends after a given number of bytes (to keep trailing tags from the decoder). */
    private static final class LimitedStream extends java.io.FilterInputStream {
        private long left;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.left = Math.max(0, limit);
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int r = super.read(b, off, (int) Math.min(len, left));
            if (r > 0) {
                left -= r;
            }
            return r;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
