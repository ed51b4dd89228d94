package mw.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mw.WorkbenchException;
import mw.audio.ChannelLayout;
import mw.audio.Speaker;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * Streaming FLAC reader on jflac's {@link FLACDecoder}, one FLAC frame at a time, taking the decoded
 * integer samples straight from the decoder (bit-exact, any bit depth from 4 to 32, 1 to 8 channels).
 *
 * <p>jflac's Java Sound provider is not used: it only converts 1-2 channel files and only to the
 * file's own bit depth, and going through Java Sound makes the choice of reader depend on the
 * provider order.
 */
final class FlacReader implements AudioReader {
    private final Path path;
    private final InputStream in;
    private final FLACDecoder decoder;
    private final AudioFileInfo info;
    private final double scale;
    private final int channels;
    private int[][] pending;
    private int pendingPos;
    private int pendingLen;
    private long framesRead;
    private boolean done;
    /** The first problem jflac reported while decoding (it replaces a frame with a bad CRC by silence). */
    private String decodeError;

    FlacReader(Path path, long skip) throws IOException {
        this.path = path;
        this.in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        boolean ok = false;
        try {
            in.skipNBytes(skip);
            decoder = new FLACDecoder(new EndGuard(in));
            decoder.addFrameListener(new org.jflac.FrameListener() {
                @Override
                public void processMetadata(org.jflac.metadata.Metadata m) {
                    // not needed
                }

                @Override
                public void processFrame(Frame f) {
                    // frames are taken from readNextFrame
                }

                @Override
                public void processError(String msg) {
                    if (decodeError == null) {
                        decodeError = msg == null ? "decoder error" : msg.replaceAll("\\s+", " ").trim();
                    }
                }
            });
            StreamInfo si;
            try {
                decoder.readMetadata();
                si = decoder.getStreamInfo();
            } catch (IOException | RuntimeException e) {
                throw new WorkbenchException(path, "FLAC header is damaged or truncated ("
                        + reason(e) + "); accepted: FLAC files with a valid STREAMINFO block", e);
            }
            if (si == null) {
                throw new WorkbenchException(path, "FLAC file has no STREAMINFO block; accepted: valid FLAC files");
            }
            channels = si.getChannels();
            int bits = si.getBitsPerSample();
            int rate = si.getSampleRate();
            if (channels < 1 || channels > 8) {
                throw new WorkbenchException(path, "FLAC header says " + channels + " channels; accepted: 1 to 8");
            }
            if (rate <= 0) {
                throw new WorkbenchException(path, "FLAC header says sample rate " + rate + " Hz; accepted: 1 Hz to 655 kHz");
            }
            if (bits < 4 || bits > 32) {
                throw new WorkbenchException(path, "FLAC header says " + bits + " bits per sample; accepted: 4 to 32");
            }
            scale = 1.0 / (1L << (bits - 1));
            long total = si.getTotalSamples();
            info = new AudioFileInfo(path, "FLAC", "FLAC " + bits + "-bit", rate, bits, layout(channels),
                    total > 0 ? total : -1);
            ok = true;
        } finally {
            if (!ok) {
                in.close();
            }
        }
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

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public AudioFileInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dst, int maxFrames) {
        if (pendingPos >= pendingLen && !nextFrame()) {
            return -1;
        }
        int n = Math.min(maxFrames, pendingLen - pendingPos);
        for (int c = 0; c < channels; c++) {
            int[] src = pending[c];
            double[] d = dst[c];
            for (int i = 0; i < n; i++) {
                d[i] = src[pendingPos + i] * scale;
            }
        }
        pendingPos += n;
        return n;
    }

    private boolean nextFrame() {
        if (done) {
            return false;
        }
        Frame f;
        int badBefore = decoder.getBadFrames();
        try {
            f = decoder.readNextFrame();
        } catch (IOException | RuntimeException e) {
            throw new WorkbenchException(path, "FLAC data is damaged at sample frame " + framesRead + " ("
                    + reason(e) + "); accepted: undamaged FLAC files", e);
        }
        if (decodeError != null && decodeError.contains("EOFException") && info.frames() > 0) {
            done = true;
            throw new WorkbenchException(path, "FLAC data is truncated: the header promises " + info.frames()
                    + " frames but the file ends at sample frame " + framesRead
                    + " (cut short?); accepted: complete FLAC files");
        }
        if (decodeError != null && (decodeError.startsWith("CRC") || info.frames() <= 0 || framesRead < info.frames())) {
            String what = decodeError.startsWith("CRC") ? "a frame failed its CRC-16 check" : "jflac: " + decodeError;
            throw new WorkbenchException(path, "FLAC data is damaged at sample frame " + framesRead + " (" + what
                    + "); accepted: undamaged FLAC files");
        }
        decodeError = null;
        if (decoder.getBadFrames() > badBefore) {
            throw new WorkbenchException(path, "FLAC data is damaged at sample frame " + framesRead
                    + " (a frame could not be decoded); accepted: undamaged FLAC files");
        }
        if (f == null) {
            done = true;
            if (info.frames() > 0 && framesRead < info.frames()) {
                throw new WorkbenchException(path, "FLAC data is truncated: the header promises " + info.frames()
                        + " frames but the file ends " + (info.frames() - framesRead)
                        + " frames early (cut short?); accepted: complete FLAC files");
            }
            return false;
        }
        if (f.header.channels != channels) {
            throw new WorkbenchException(path, "FLAC frame has " + f.header.channels
                    + " channels but the stream header says " + channels + "; the file is damaged");
        }
        int n = f.header.blockSize;
        if (info.frames() > 0) {
            n = (int) Math.min(n, info.frames() - framesRead);
        }
        var data = decoder.getChannelData();
        if (pending == null || pending.length != channels) {
            pending = new int[channels][];
        }
        for (int c = 0; c < channels; c++) {
            pending[c] = data[c].getOutput();
        }
        pendingPos = 0;
        pendingLen = Math.max(n, 0);
        framesRead += pendingLen;
        return pendingLen > 0 || nextFrame();
    }

    /**
     * Thrown by {@link EndGuard} to break out of jflac, which on some damaged files keeps searching
     * for a frame past the end of the file forever.
     */
    private static final class PastEnd extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PastEnd() {
            super("the decoder kept reading past the end of the file", null, false, false);
        }
    }

    /** Passes bytes through and stops a decoder that keeps asking for more after the end. */
    private static final class EndGuard extends java.io.FilterInputStream {
        private static final int MAX_READS_AT_END = 256;
        private int readsAtEnd;

        EndGuard(InputStream in) {
            super(in);
        }

        private int count(int r) {
            if (r < 0 && ++readsAtEnd > MAX_READS_AT_END) {
                throw new PastEnd();
            }
            return r;
        }

        @Override
        public int read() throws IOException {
            return count(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return count(super.read(b, off, len));
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
