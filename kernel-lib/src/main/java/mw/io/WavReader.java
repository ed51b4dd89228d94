package mw.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mw.WorkbenchException;
import mw.audio.ChannelLayout;

/**
 * Streaming reader for RIFF/WAVE, RF64 and BW64: PCM 8/16/24/32-bit, IEEE float 32/64,
 * WAVE_FORMAT_EXTENSIBLE with its channel mask.
 *
 * <p>Written here rather than taken from Java Sound: the JDK's reader knows neither RF64 nor
 * 64-bit float nor the channel mask, and third-party Java Sound providers claim WAV files they
 * cannot read.
 */
final class WavReader implements AudioReader, ReadsAtOffset {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final int MAX_CHANNELS = 32;
    private static final String HEADER_ACCEPTED =
            "; accepted: WAV/RF64 files with a complete header (a 'fmt ' chunk, then a 'data' chunk)";

    private final Path path;
    private final InputStream in;
    private final AudioFileInfo info;
    private final SampleFormat format;
    private final int blockAlign;
    private final boolean dataSizeKnown;
    private long framesLeft;
    private byte[] bytes = new byte[0];

    WavReader(Path path) throws IOException {
        this.path = path;
        this.in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        boolean ok = false;
        try {
            byte[] head = new byte[12];
            int n = in.readNBytes(head, 0, 12);
            if (n < 12) {
                throw new WorkbenchException(path, "file is too short to be a WAV file (" + n + " bytes)" + HEADER_ACCEPTED);
            }
            String riff = new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
            String wave = new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
            boolean rf64 = riff.equals("RF64") || riff.equals("BW64");
            if (!(riff.equals("RIFF") || rf64) || !wave.equals("WAVE")) {
                throw new WorkbenchException(path, "not a WAV file (no RIFF/RF64 WAVE header)" + HEADER_ACCEPTED);
            }
            long ds64Data = -1;
            int formatTag = -1;
            int channels = 0;
            int sampleRate = 0;
            int bits = 0;
            int align = 0;
            int mask = 0;
            int subFormat = -1;
            long dataSize;
            while (true) {
                byte[] ch = new byte[8];
                int r = in.readNBytes(ch, 0, 8);
                if (r < 8) {
                    throw new WorkbenchException(path, formatTag < 0
                            ? "WAV header is truncated: no 'fmt ' chunk" + HEADER_ACCEPTED
                            : "WAV file has no 'data' chunk (cut short?)" + HEADER_ACCEPTED);
                }
                String id = new String(ch, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
                long size = le32(ch, 4) & 0xFFFFFFFFL;
                if (id.equals("ds64")) {
                    byte[] b = readChunk(size);
                    if (b.length < 16) {
                        throw new WorkbenchException(path, "RF64 'ds64' chunk is too short" + HEADER_ACCEPTED);
                    }
                    ds64Data = le64(b, 8);
                } else if (id.equals("fmt ")) {
                    if (size < 16 || size > 4096) {
                        throw new WorkbenchException(path, "WAV 'fmt ' chunk has an impossible size " + size + HEADER_ACCEPTED);
                    }
                    byte[] b = readChunk(size);
                    formatTag = le16(b, 0);
                    channels = le16(b, 2);
                    sampleRate = le32(b, 4);
                    align = le16(b, 12);
                    bits = le16(b, 14);
                    if (formatTag == FORMAT_EXTENSIBLE) {
                        if (size < 40) {
                            throw new WorkbenchException(path, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is too short" + HEADER_ACCEPTED);
                        }
                        mask = le32(b, 20);
                        subFormat = le16(b, 24);
                    }
                } else if (id.equals("data")) {
                    if (formatTag < 0) {
                        throw new WorkbenchException(path, "WAV 'data' chunk comes before the 'fmt ' chunk" + HEADER_ACCEPTED);
                    }
                    dataSize = (rf64 && size == 0xFFFFFFFFL && ds64Data >= 0) ? ds64Data : size;
                    break;
                } else {
                    skipChunk(size);
                }
            }
            int tag = formatTag == FORMAT_EXTENSIBLE ? subFormat : formatTag;
            if (channels <= 0 || channels > MAX_CHANNELS) {
                throw new WorkbenchException(path, "WAV header says " + channels + " channels; accepted: 1 to " + MAX_CHANNELS);
            }
            if (sampleRate <= 0) {
                throw new WorkbenchException(path, "WAV header says sample rate " + sampleRate + " Hz; accepted: 1 Hz to 768 kHz");
            }
            if (sampleRate > 768_000) {
                throw new WorkbenchException(path, "WAV header says sample rate " + sampleRate + " Hz; accepted: 1 Hz to 768 kHz");
            }
            if (tag == FORMAT_PCM) {
                format = switch (bits) {
                    case 8 -> SampleFormat.PCM_U8;
                    case 16 -> SampleFormat.PCM_16;
                    case 24 -> SampleFormat.PCM_24;
                    case 32 -> SampleFormat.PCM_32;
                    default -> throw new WorkbenchException(path, "WAV PCM with " + bits
                            + " bits per sample is not supported; accepted: 8, 16, 24, 32");
                };
            } else if (tag == FORMAT_FLOAT) {
                format = switch (bits) {
                    case 32 -> SampleFormat.FLOAT_32;
                    case 64 -> SampleFormat.FLOAT_64;
                    default -> throw new WorkbenchException(path, "WAV float with " + bits
                            + " bits per sample is not supported; accepted: 32, 64");
                };
            } else {
                throw new WorkbenchException(path, "WAV codec " + codecName(tag)
                        + " is not supported; accepted: PCM (8/16/24/32-bit) and IEEE float (32/64-bit)"
                        + " (convert with: ffmpeg -i IN -c:a pcm_s24le OUT.wav)");
            }
            int expectedAlign = channels * format.bytes();
            if (align != expectedAlign) {
                align = expectedAlign; // some writers get block align wrong; the sample layout is what counts
            }
            this.blockAlign = align;
            this.dataSizeKnown = !(dataSize == 0xFFFFFFFFL || dataSize == 0 && rf64);
            long fileBytes = Files.size(path);
            long frames = dataSize / blockAlign;
            this.framesLeft = dataSizeKnown ? frames : Long.MAX_VALUE;
            ChannelLayout layout = formatTag == FORMAT_EXTENSIBLE
                    ? ChannelLayout.fromWavMask(mask, channels) : ChannelLayout.defaultFor(channels);
            String container = rf64 ? riff : "WAV";
            String codec = format.isFloat() ? "IEEE float " + bits : "PCM " + bits + "-bit";
            long declared = dataSizeKnown ? frames : -1;
            // A header that promises more data than the file holds is reported when reading reaches the end.
            if (dataSizeKnown && dataSize > fileBytes) {
                declared = frames;
            }
            this.info = new AudioFileInfo(path, container, codec, sampleRate, bits, layout, declared);
            ok = true;
        } finally {
            if (!ok) {
                in.close();
            }
        }
    }

    private static String codecName(int tag) {
        return switch (tag) {
            case 2 -> "MS ADPCM (format tag 2)";
            case 6 -> "A-law (format tag 6)";
            case 7 -> "mu-law (format tag 7)";
            case 0x11 -> "IMA ADPCM (format tag 0x11)";
            case 0x55 -> "MPEG Layer III (format tag 0x55)";
            default -> "with format tag 0x" + Integer.toHexString(tag);
        };
    }

    private byte[] readChunk(long size) throws IOException {
        byte[] b = in.readNBytes((int) size);
        if (b.length < size) {
            throw new WorkbenchException(path, "WAV header is truncated (cut short?)" + HEADER_ACCEPTED);
        }
        if ((size & 1) == 1) {
            in.read();
        }
        return b;
    }

    private void skipChunk(long size) throws IOException {
        long toSkip = size + (size & 1);
        try {
            in.skipNBytes(toSkip);
        } catch (EOFException e) {
            throw new WorkbenchException(path, "WAV file has no 'data' chunk (cut short?)" + HEADER_ACCEPTED);
        }
    }

    static int le16(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    static int le32(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | (b[o + 3] & 0xFF) << 24;
    }

    static long le64(byte[] b, int o) {
        return (le32(b, o) & 0xFFFFFFFFL) | ((long) le32(b, o + 4)) << 32;
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
        if (frames < want && dataSizeKnown) {
            throw new WorkbenchException(path, "WAV data is truncated: the header promises "
                    + info.frames() + " frames but the file ends "
                    + (framesLeft - frames) + " frames early (cut short?); accepted: complete WAV files");
        }
        if (frames == 0) {
            framesLeft = 0;
            return -1;
        }
        framesLeft -= frames;
        decode(bytes, dst, offset, frames);
        return frames;
    }

    private void decode(byte[] b, double[][] dst, int offset, int frames) {
        int ch = dst.length;
        int p = 0;
        switch (format) {
            case PCM_U8 -> {
                for (int i = 0; i < frames; i++) for (int c = 0; c < ch; c++) dst[c][offset + i] = ((b[p++] & 0xFF) - 128) / 128.0;
            }
            case PCM_16 -> {
                for (int i = 0; i < frames; i++) for (int c = 0; c < ch; c++) {
                    dst[c][offset + i] = (short) le16(b, p) / 32768.0;
                    p += 2;
                }
            }
            case PCM_24 -> {
                for (int i = 0; i < frames; i++) for (int c = 0; c < ch; c++) {
                    int v = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | b[p + 2] << 16;
                    dst[c][offset + i] = v / 8388608.0;
                    p += 3;
                }
            }
            case PCM_32 -> {
                for (int i = 0; i < frames; i++) for (int c = 0; c < ch; c++) {
                    dst[c][offset + i] = le32(b, p) / 2147483648.0;
                    p += 4;
                }
            }
            case FLOAT_32 -> {
                for (int i = 0; i < frames; i++) for (int c = 0; c < ch; c++) {
                    dst[c][offset + i] = Float.intBitsToFloat(le32(b, p));
                    p += 4;
                }
            }
            case FLOAT_64 -> {
                for (int i = 0; i < frames; i++) for (int c = 0; c < ch; c++) {
                    dst[c][offset + i] = Double.longBitsToDouble(le64(b, p));
                    p += 8;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing useful to do: the data was read or an error already named the file
        }
    }
}
