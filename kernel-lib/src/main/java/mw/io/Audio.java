package mw.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;

/**
 * Reading and writing audio files. The format is chosen from the file's first bytes, never from its name.
 * Read: WAV/RF64/BW64, AIFF/AIFF-C, FLAC, MP3 (gapless) and MPEG layer II, Ogg Vorbis. Written: WAV 16/24-bit
 * PCM (seeded TPDF dither when the word length is reduced) and 32-bit float, always through a temporary file.
 * Every problem is one {@link WorkbenchException} naming the file, the problem and what is accepted.
 *
 * <pre>{@code
 * AudioBuffer mix = Audio.read("sample-audio/rock-hedgewars-rock.flac");
 * try (AudioReader r = Audio.open("long-set.wav")) { ... r.read(block, Audio.BLOCK) ... }
 * Audio.write(master, "out/master.wav", SampleFormat.PCM_24);
 * }</pre>
 */
public final class Audio {
    /** Frames per block handed out by streaming reads. */
    public static final int BLOCK = 8192;
    /** Seed of the TPDF dither used when writing integer PCM; fixed so renders are reproducible. */
    @mw.Internal
    public static final long DITHER_SEED = 0x5EEDL;

    private Audio() {
    }

    public static AudioBuffer read(String path) {
        return read(Path.of(path));
    }

    /** Reads a whole file into memory. */
    public static AudioBuffer read(Path path) {
        try (Guarded r = openGuarded(path)) {
            AudioFileInfo info = r.info();
            int ch = info.channels();
            // The header's length is only a hint: a damaged or lying header must not make us allocate
            // gigabytes, so it is trusted up to the file's size in bytes (more frames than bytes happens
            // only for very compressible audio, which then grows the buffer).
            // (per channel: a header may claim many channels as well as many frames)
            int cap = info.frames() >= 0 ? (int) Math.min(info.frames(), Math.max((1 << 22) / ch, sizeOf(path) / ch)) : 1 << 16;
            double[][] all = new double[ch][Math.max(cap, 1)];
            Guarded g = r;
            boolean direct = g.reader() instanceof ReadsAtOffset;
            double[][] block = null;
            int n = 0;
            while (true) {
                int got;
                if (direct && n < all[0].length) {
                    // decoded straight into place
                    got = g.readAt(all, n, Math.min(BLOCK, all[0].length - n));
                } else {
                    if (block == null) {
                        block = new double[ch][BLOCK];
                    }
                    got = r.read(block, BLOCK);
                    if (got > 0 && n + got > all[0].length) {
                        long grow = Math.max((long) all[0].length * 2, (long) n + got);
                        if (grow > Integer.MAX_VALUE - 16) {
                            throw new WorkbenchException(path, "is too long to load into memory; stream it with Audio.open");
                        }
                        for (int c = 0; c < ch; c++) {
                            all[c] = java.util.Arrays.copyOf(all[c], (int) grow);
                        }
                    }
                    for (int c = 0; c < ch && got > 0; c++) {
                        System.arraycopy(block[c], 0, all[c], n, got);
                    }
                }
                if (got < 0) {
                    break;
                }
                n += got;
            }
            if (n == 0) {
                throw new WorkbenchException(path, "contains no audio (0 sample frames)");
            }
            if (n != all[0].length) {
                for (int c = 0; c < ch; c++) {
                    all[c] = java.util.Arrays.copyOf(all[c], n);
                }
            }
            return AudioBuffer.wrap(info.sampleRate(), info.layout(), all);
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the file says about itself, without decoding the audio. */
    public static AudioFileInfo info(String path) {
        return info(Path.of(path));
    }

    /** Opens a file for block-by-block reading. The caller closes the reader. */
    public static AudioReader open(String path) {
        return open(Path.of(path));
    }

    /** What the file says about itself, without decoding the audio. */
    public static AudioFileInfo info(Path path) {
        try (AudioReader r = open(path)) {
            return r.info();
        }
    }

    /**
     * Opens a file for block-by-block reading. The caller closes the reader. Compressed files (FLAC,
     * MP3, Vorbis) are decoded on a background thread a few blocks ahead of the caller, so decoding
     * overlaps the caller's work; the blocks are exactly those of a plain decode.
     */
    public static AudioReader open(Path path) {
        Guarded g = openGuarded(path);
        return g.reader() instanceof WavReader || g.reader() instanceof AiffReader ? g : new ReadAhead(g);
    }

    /**
     * Where a path given to read points: the path itself, or, for a relative path that does not exist
     * from the working directory, the same path under the workbench's folder (system property
     * {@code mw.root}, set by the {@code mw} launcher and the notebook kernel), so
     * {@code Audio.read("sample-audio/...")} works in a notebook whose working directory is
     * {@code notebooks/}.
     */
    public static Path resolve(Path path) {
        if (path.isAbsolute() || Files.exists(path)) {
            return path;
        }
        Path root = root();
        if (root != null && Files.exists(root.resolve(path))) {
            return root.resolve(path);
        }
        return path;
    }

    private static Path root() {
        String root = System.getProperty("mw.root");
        return root == null || root.isBlank() ? null : Path.of(root).toAbsolutePath().normalize();
    }

    private static Guarded openGuarded(Path given) {
        Path path = resolve(given);
        checkReadable(path);
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 12);
        } catch (IOException e) {
            throw new WorkbenchException(path, "cannot be read: " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new WorkbenchException(path, "is empty (0 bytes); accepted: " + accepted());
        }
        String magic4 = new String(head, 0, Math.min(4, n), java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            if (magic4.equals("RIFF") || magic4.equals("RF64") || magic4.equals("BW64")) {
                return new Guarded(path, new WavReader(path));
            }
            return new Guarded(path, CodecReaders.open(path));
        } catch (IOException e) {
            throw new WorkbenchException(path, "cannot be read: " + e.getMessage(), e);
        } catch (WorkbenchException e) {
            throw e;
        } catch (RuntimeException e) {
            throw damaged(path, e);
        }
    }

    /**
     * A decoder's own failure, told in the user's terms: the file is damaged and cannot be decoded. The
     * decoder's exception is kept as the cause (for a developer), never shown as the message.
     */
    private static WorkbenchException damaged(Path path, RuntimeException e) {
        return new WorkbenchException(path, "is damaged: its audio data cannot be decoded; accepted: undamaged files of "
                + accepted(), e);
    }

    private static WorkbenchException damaged(Path path, AudioReader reader, RuntimeException e) {
        String codec;
        try {
            codec = reader.info().codec();
        } catch (RuntimeException ignored) {
            return damaged(path, e);
        }
        return new WorkbenchException(path, "is damaged: its " + codec + " data cannot be decoded; accepted: undamaged files of "
                + accepted(), e);
    }

    /** Turns any decoder failure other than a {@link WorkbenchException} into one that names the file. */
    private record Guarded(Path path, AudioReader reader) implements AudioReader {
        @Override
        public AudioFileInfo info() {
            return reader.info();
        }

        @Override
        public int read(double[][] dst, int maxFrames) {
            try {
                return reader.read(dst, maxFrames);
            } catch (WorkbenchException e) {
                throw e;
            } catch (RuntimeException e) {
                throw damaged(path, reader, e);
            }
        }

        /** {@link ReadsAtOffset#read} of the wrapped reader, with the same error handling as {@link #read}. */
        int readAt(double[][] dst, int offset, int maxFrames) {
            try {
                return ((ReadsAtOffset) reader).read(dst, offset, maxFrames);
            } catch (WorkbenchException e) {
                throw e;
            } catch (RuntimeException e) {
                throw damaged(path, reader, e);
            }
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    static String accepted() {
        return "WAV/RF64 (PCM 8-32 bit, float 32/64), AIFF/AIFF-C, FLAC, MP3/MP2, Ogg Vorbis";
    }

    static void checkReadable(Path path) {
        if (Files.isDirectory(path)) {
            throw new WorkbenchException(path, "is a directory, not an audio file; accepted: " + accepted());
        }
        if (!Files.exists(path)) {
            Path root = root();
            String where = path.isAbsolute() ? "" : " (looked in " + Path.of("").toAbsolutePath()
                    + (root == null ? "" : " and in the workbench folder " + root) + ")";
            throw new WorkbenchException(path, "does not exist" + where + "; accepted: a path to an existing audio file");
        }
        if (!Files.isReadable(path)) {
            throw new WorkbenchException(path, "is not readable (permission denied)");
        }
    }

    public static void write(AudioBuffer audio, String path, SampleFormat format) {
        write(audio, Path.of(path), format);
    }

    /**
     * Writes a WAV file: 16/24-bit PCM with seeded TPDF dither ({@link WriteDither#DEFAULT}), or 32-bit
     * float. The file is written to a temporary file beside the target and moved into place, so a failed
     * write leaves nothing half-written. Writing over a file that is being read in this process is
     * refused by {@link #writeGuarded(AudioBuffer, Path, SampleFormat, List)}.
     */
    public static void write(AudioBuffer audio, Path path, SampleFormat format) {
        writeGuarded(audio, path, format, WriteDither.DEFAULT, List.of());
    }

    /** Like {@link #write(AudioBuffer, Path, SampleFormat)} with a chosen dither (ignored for float output). */
    public static void write(AudioBuffer audio, Path path, SampleFormat format, WriteDither dither) {
        writeGuarded(audio, path, format, dither, List.of());
    }

    /** Like {@link #write(AudioBuffer, Path, SampleFormat)}, refusing to overwrite any of {@code inputs}. */
    @mw.Internal
    public static void writeGuarded(AudioBuffer audio, Path path, SampleFormat format, List<Path> inputs) {
        writeGuarded(audio, path, format, WriteDither.DEFAULT, inputs);
    }

    /**
     * Writes a WAV file with a chosen dither, refusing to overwrite any of {@code inputs}. Dither is
     * added only when the word length is reduced: when every sample is already a value of the target
     * format, the file holds exactly those values.
     */
    @mw.Internal
    public static void writeGuarded(AudioBuffer audio, Path path, SampleFormat format, WriteDither dither, List<Path> inputs) {
        writeGuarded(audio, path, format, dither, inputs, null);
    }

    /**
     * Like {@link #writeGuarded(AudioBuffer, Path, SampleFormat, List)}, and leaves in {@code asWritten}
     * ({@code [channel][frame]}, at least as long as the audio; may be the audio's own arrays) the values the
     * file holds, dither and quantisation included, so what was written can be measured without reading it
     * back.
     */
    @mw.Internal
    public static void writeGuarded(AudioBuffer audio, Path path, SampleFormat format, List<Path> inputs,
                                    double[][] asWritten) {
        writeGuarded(audio, path, format, WriteDither.DEFAULT, inputs, asWritten);
    }

    private static void writeGuarded(AudioBuffer audio, Path path, SampleFormat format, WriteDither dither,
                                     List<Path> inputs, double[][] asWritten) {
        if (format != SampleFormat.PCM_16 && format != SampleFormat.PCM_24 && format != SampleFormat.FLOAT_32) {
            throw new WorkbenchException(path, "cannot be written as " + format.label() + "; accepted: 16, 24, 32f");
        }
        if (!audio.isFinite()) {
            throw new WorkbenchException(path, "not written: the audio contains NaN or infinite samples");
        }
        boolean addDither = !format.isFloat() && dither.enabled() && !onGrid(audio, format);
        atomicWrite(path, inputs, out -> {
            WavWriter w = new WavWriter(out, format, audio.sampleRate(), audio.layout(), audio.frames(),
                    addDither, dither.seed());
            if (asWritten != null) {
                w.writeBack();
            }
            double[][] block = new double[audio.channels()][BLOCK];
            for (int pos = 0; pos < audio.frames(); pos += BLOCK) {
                int len = Math.min(BLOCK, audio.frames() - pos);
                for (int c = 0; c < audio.channels(); c++) {
                    audio.copyTo(c, pos, block[c], 0, len);
                }
                w.write(block, 0, len);
                if (asWritten != null) {
                    for (int c = 0; c < audio.channels(); c++) {
                        System.arraycopy(block[c], 0, asWritten[c], pos, len);
                    }
                }
            }
            w.finish();
        });
    }

    /** True when every sample is exactly a value the integer format can hold (no word length reduction). */
    static boolean onGrid(AudioBuffer audio, SampleFormat format) {
        double scale = 1L << (format.bits() - 1);
        double max = scale - 1;
        double[] block = new double[BLOCK];
        for (int c = 0; c < audio.channels(); c++) {
            for (int pos = 0; pos < audio.frames(); pos += BLOCK) {
                int len = Math.min(BLOCK, audio.frames() - pos);
                audio.copyTo(c, pos, block, 0, len);
                for (int i = 0; i < len; i++) {
                    double x = block[i] * scale;
                    if (x != Math.rint(x) || x > max || x < -scale) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Something that writes a whole file's bytes to a stream. */
    @FunctionalInterface
    @mw.Internal
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a file through {@link Outputs}: a temporary file in the same folder moved into place (or a
     * stream into a device or pipe), refusing any of {@code inputs} and read-only files; on failure
     * nothing is left behind.
     */
    @mw.Internal
    public static void atomicWrite(Path path, List<Path> inputs, Body body) {
        Outputs.write(path, inputs, body);
    }

    /** Lists audio files in a folder (not recursive), sorted by name; files are returned as given. */
    public static List<Path> listAudioFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of(dir);
        }
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.matches(".*\\.(wav|wave|rf64|bw64|aif|aiff|aifc|flac|mp3|mp2|ogg|oga)$");
            }).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new WorkbenchException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
        return out;
    }
}
