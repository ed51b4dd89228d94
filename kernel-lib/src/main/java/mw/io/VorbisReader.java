package mw.io;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import mw.WorkbenchException;
import mw.audio.ChannelLayout;
import mw.audio.Speaker;

/**
 * Streaming Ogg Vorbis reader on JOrbis (the decoder inside vorbisspi), driven page by page and packet
 * by packet. The samples are taken as the decoder's floats, before vorbisspi would scale them to 16-bit
 * integers (truncating), so they agree with a floating-point decoder such as ffmpeg's to float
 * precision. The length is the last page's granule position (Vorbis I specification, section A.2);
 * a page that fails its CRC, a gap in the packets, or audio ending before that length is reported as
 * damage rather than decoded around.
 */
final class VorbisReader implements AudioReader {
    private static final int CHUNK = 1 << 14;
    private static final String ACCEPTED = "; accepted: undamaged Ogg Vorbis files";

    private final Path path;
    private final InputStream in;
    private final SyncState sync = new SyncState();
    private final StreamState stream = new StreamState();
    private final Page page = new Page();
    private final Packet packet = new Packet();
    private final Info vorbis = new Info();
    private final Comment comment = new Comment();
    private final DspState dsp = new DspState();
    private final Block block = new Block(dsp);
    private final float[][][] pcm = new float[1][][];
    private final int[] index;
    private final AudioFileInfo info;
    private final int channels;
    private final int serial;
    private long framesLeft;
    private long framesRead;
    private boolean lastPageSeen;
    private boolean inputDone;

    VorbisReader(Path path) throws IOException {
        this.path = path;
        this.in = Files.newInputStream(path);
        boolean ok = false;
        try {
            sync.init();
            if (!nextPage()) {
                throw new WorkbenchException(path, "Ogg file holds no complete page" + ACCEPTED);
            }
            serial = page.serialno();
            stream.init(serial);
            vorbis.init();
            comment.init();
            stream.pagein(page);
            int headers = 0;
            while (headers < 3) {
                int r = stream.packetout(packet);
                if (r == 0) {
                    if (!nextPage()) {
                        throw new WorkbenchException(path, "Ogg Vorbis headers are incomplete (cut short?)" + ACCEPTED);
                    }
                    stream.pagein(page);
                    continue;
                }
                if (r < 0 || vorbis.synthesis_headerin(comment, packet) < 0) {
                    if (headers == 2 && vorbis.channels == 6) {
                        // JOrbis rejects the setup header libvorbis writes for 5.1 (other channel counts work).
                        throw new WorkbenchException(path, "is 5.1 Ogg Vorbis, whose setup header the Vorbis decoder"
                                + " (JOrbis) cannot read; accepted: Ogg Vorbis with 1 to 5, 7 or 8 channels"
                                + " (convert with: ffmpeg -i IN -c:a flac OUT.flac)");
                    }
                    throw new WorkbenchException(path, "Ogg Vorbis header " + (headers + 1) + " of 3 is damaged" + ACCEPTED);
                }
                headers++;
            }
            channels = vorbis.channels;
            int rate = vorbis.rate;
            if (channels < 1 || channels > 8 || rate <= 0) {
                throw new WorkbenchException(path, "Ogg Vorbis header says " + channels + " channels at " + rate
                        + " Hz; accepted: 1 to 8 channels at a positive rate");
            }
            dsp.synthesis_init(vorbis);
            block.init(dsp);
            index = new int[channels];
            long frames = lastGranule(path);
            framesLeft = frames > 0 ? frames : Long.MAX_VALUE;
            info = new AudioFileInfo(path, "Ogg", "Vorbis", rate, 0, layout(channels), frames > 0 ? frames : -1);
            ok = true;
        } finally {
            if (!ok) {
                in.close();
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

    /** Reads the next complete page into {@link #page}; false at the end of the file. */
    private boolean nextPage() throws IOException {
        while (true) {
            int r = sync.pageout(page);
            if (r == 1) {
                return true;
            }
            if (r < 0) {
                throw new WorkbenchException(path, "Ogg data is damaged after " + framesRead
                        + " frames (a page failed its CRC check or the stream lost sync)" + ACCEPTED);
            }
            if (inputDone) {
                return false;
            }
            int at = sync.buffer(CHUNK);
            int n = in.read(sync.data, at, CHUNK);
            if (n <= 0) {
                inputDone = true;
                continue;
            }
            sync.wrote(n);
        }
    }

    @Override
    public AudioFileInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dst, int maxFrames) {
        try {
            while (framesLeft > 0) {
                int ready = dsp.synthesis_pcmout(pcm, index);
                if (ready > 0) {
                    int n = (int) Math.min(Math.min(ready, maxFrames), framesLeft);
                    for (int c = 0; c < channels; c++) {
                        float[] src = pcm[0][c];
                        int from = index[c];
                        double[] d = dst[c];
                        for (int i = 0; i < n; i++) {
                            d[i] = src[from + i];
                        }
                    }
                    dsp.synthesis_read(n);
                    framesLeft -= n;
                    framesRead += n;
                    return n;
                }
                int r = stream.packetout(packet);
                if (r > 0) {
                    if (block.synthesis(packet) == 0) {
                        dsp.synthesis_blockin(block);
                    }
                    continue;
                }
                if (r < 0) {
                    throw new WorkbenchException(path, "Ogg Vorbis data is damaged after " + framesRead
                            + " frames (packets are missing)" + ACCEPTED);
                }
                if (lastPageSeen || !nextPage()) {
                    break;
                }
                if (page.serialno() != serial) {
                    throw new WorkbenchException(path, "Ogg file chains several streams; accepted: Ogg Vorbis files"
                            + " with one stream (split them with: ffmpeg -i IN -c copy OUT.ogg)");
                }
                stream.pagein(page);
                lastPageSeen = page.eos() != 0;
            }
        } catch (IOException e) {
            throw new WorkbenchException(path, "cannot read audio data: " + e.getMessage(), e);
        }
        if (info.frames() > 0 && framesLeft > 0) {
            long short_ = framesLeft;
            framesLeft = 0;
            throw new WorkbenchException(path, "Ogg Vorbis data is damaged or incomplete: the last page says "
                    + info.frames() + " frames but the audio ends " + short_ + " frames early" + ACCEPTED);
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // releasing only
        }
    }
}
