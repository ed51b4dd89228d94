package mw.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import javazoom.spi.vorbis.sampled.convert.DecodedVorbisAudioInputStream;
import javazoom.spi.vorbis.sampled.file.VorbisAudioFileReader;
import mw.WorkbenchException;
import mw.audio.ChannelLayout;
import mw.audio.Speaker;

/**
 * Streaming Ogg Vorbis reader on vorbisspi (JOrbis), called directly rather than through the Java
 * Sound provider lookup. The decoder delivers 16-bit samples (JOrbis scales its float output by 32767
 * and truncates), so the result is within about one 16-bit step of a floating-point decoder.
 * The length is that of the last Ogg page's granule position, as the Vorbis I specification defines.
 */
final class VorbisReader implements AudioReader {
    /** JOrbis's float-to-16-bit scale. */
    private static final double SCALE = 32767.0;

    private final Path path;
    private final InputStream file;
    private final AudioInputStream decoded;
    private final AudioFileInfo info;
    private final int channels;
    private long framesLeft;
    private byte[] bytes = new byte[0];

    VorbisReader(Path path) throws IOException {
        this.path = path;
        this.file = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        boolean ok = false;
        try {
            AudioInputStream encoded;
            try {
                encoded = new VorbisAudioFileReader().getAudioInputStream(file);
            } catch (UnsupportedAudioFileException | IOException | RuntimeException e) {
                throw new WorkbenchException(path, "Ogg Vorbis headers are damaged or missing ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + "); accepted: Ogg Vorbis files", e);
            }
            AudioFormat f = encoded.getFormat();
            channels = f.getChannels();
            int rate = Math.round(f.getSampleRate());
            if (channels < 1 || channels > 8 || rate <= 0) {
                throw new WorkbenchException(path, "Ogg Vorbis header says " + channels + " channels at " + rate
                        + " Hz; accepted: 1 to 8 channels at a positive rate");
            }
            AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, channels * 2, rate, false);
            decoded = new DecodedVorbisAudioInputStream(pcm, encoded);
            long frames = lastGranule(path);
            framesLeft = frames > 0 ? frames : Long.MAX_VALUE;
            info = new AudioFileInfo(path, "Ogg", "Vorbis", rate, 0, layout(channels), frames > 0 ? frames : -1);
            ok = true;
        } finally {
            if (!ok) {
                file.close();
            }
        }
    }

    /** The channel order of the Vorbis I specification (section 4.3.9). */
    static ChannelLayout layout(int channels) {
        return switch (channels) {
            case 3 -> ChannelLayout.of(Speaker.L, Speaker.C, Speaker.R);
            case 4 -> ChannelLayout.of(Speaker.L, Speaker.R, Speaker.LB, Speaker.RB);
            case 5 -> ChannelLayout.of(Speaker.L, Speaker.C, Speaker.R, Speaker.LB, Speaker.RB);
            case 6 -> ChannelLayout.of(Speaker.L, Speaker.C, Speaker.R, Speaker.LB, Speaker.RB, Speaker.LFE);
            case 7 -> ChannelLayout.of(Speaker.L, Speaker.C, Speaker.R, Speaker.LS, Speaker.RS, Speaker.CB, Speaker.LFE);
            case 8 -> ChannelLayout.of(Speaker.L, Speaker.C, Speaker.R, Speaker.LS, Speaker.RS, Speaker.LB, Speaker.RB,
                    Speaker.LFE);
            default -> ChannelLayout.defaultFor(channels);
        };
    }

    /** Granule position (sample frames) of the last Ogg page, or -1 when it cannot be found. */
    static long lastGranule(Path path) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(path)) {
            long size = ch.size();
            int len = (int) Math.min(size, 1 << 16);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(len);
            ch.position(size - len);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill
            }
            byte[] a = b.array();
            for (int i = b.position() - 27; i >= 0; i--) {
                if (a[i] == 'O' && a[i + 1] == 'g' && a[i + 2] == 'g' && a[i + 3] == 'S' && a[i + 4] == 0) {
                    long g = WavReader.le64(a, i + 6);
                    if (g >= 0) {
                        return g;
                    }
                }
            }
            return -1;
        }
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
        int need = want * channels * 2;
        if (bytes.length < need) {
            bytes = new byte[need];
        }
        int got = 0;
        try {
            // The decoder often returns 0 bytes while it refills; only -1 means the end.
            int idle = 0;
            while (got < need && idle < 100_000) {
                int r = decoded.read(bytes, got, need - got);
                if (r < 0) {
                    break;
                }
                idle = r == 0 ? idle + 1 : 0;
                got += r;
            }
        } catch (IOException | RuntimeException e) {
            throw new WorkbenchException(path, "Ogg Vorbis data is damaged ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        int frames = got / (channels * 2);
        if (frames == 0) {
            if (info.frames() > 0 && framesLeft > 0) {
                long decodedFrames = info.frames() - framesLeft;
                framesLeft = 0;
                throw new WorkbenchException(path, "Ogg Vorbis data is damaged or incomplete: the last page says "
                        + info.frames() + " frames but only " + decodedFrames
                        + " decode; accepted: undamaged Ogg Vorbis files");
            }
            framesLeft = 0;
            return -1;
        }
        int p = 0;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++, p += 2) {
                dst[c][i] = (short) ((bytes[p] & 0xFF) | bytes[p + 1] << 8) / SCALE;
            }
        }
        framesLeft -= frames;
        return frames;
    }

    @Override
    public void close() {
        try {
            decoded.close();
        } catch (IOException ignored) {
            // releasing only
        }
        try {
            file.close();
        } catch (IOException ignored) {
            // releasing only
        }
    }
}
