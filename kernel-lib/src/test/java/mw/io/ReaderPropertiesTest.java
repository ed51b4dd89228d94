package mw.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property tests of the readers and the WAV writer. Headers are built field by field from arbitrary
 * values (channel counts, rates, word lengths, block alignments, chunk sizes that lie, odd chunks), so
 * the structured corner cases a byte-mutation fuzz rarely reaches are tried every run. Each file either
 * reads as its header says (channel count, rate, finite samples inside full scale for integer PCM, no
 * more frames than the data holds) or is refused with a {@link WorkbenchException} whose message starts
 * with the file's path; nothing else may escape, and nothing may run out of memory.
 */
class ReaderPropertiesTest {
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("mw-reader-properties");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    // ---- writing and reading back ----

    private static final List<SampleFormat> WRITTEN = List.of(SampleFormat.PCM_16, SampleFormat.PCM_24, SampleFormat.FLOAT_32);

    record Grid(int rate, int channels, int frames, SampleFormat format, long seed) {
    }

    @Provide
    Arbitrary<Grid> grids() {
        return Combinators.combine(
                Arbitraries.of(8000, 11025, 22050, 44100, 48000, 88200, 96000, 192000, 384000),
                Arbitraries.integers().between(1, 8),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(4, 1500)),
                Arbitraries.of(SampleFormat.PCM_U8, SampleFormat.PCM_16, SampleFormat.PCM_24, SampleFormat.PCM_32,
                        SampleFormat.FLOAT_32, SampleFormat.FLOAT_64),
                Arbitraries.longs()).as(Grid::new);
    }

    /**
     * Samples already on a format's grid (whole multiples of its step, full scale included; for float any
     * value the word holds) come back exactly, at every rate, channel count and length.
     */
    @Property(tries = 250, seed = "20261205")
    void samplesOnTheGridComeBackExactly(@ForAll("grids") Grid g) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(g.seed());
        double[][] ch = new double[g.channels()][g.frames()];
        int bits = g.format().bits();
        for (double[] c : ch) {
            for (int i = 0; i < c.length; i++) {
                c[i] = switch (g.format()) {
                    case FLOAT_32 -> (float) (rng.nextDouble(-4, 4));
                    case FLOAT_64 -> rng.nextDouble(-4, 4);
                    default -> {
                        long full = 1L << (bits - 1);
                        long q = i % 7 == 0 ? (i % 2 == 0 ? -full : full - 1) : rng.nextLong(-full, full);
                        yield (double) q / full;
                    }
                };
            }
        }
        AudioBuffer a = AudioBuffer.of(g.rate(), ch);
        Path f = dir.resolve("grid-" + g.format() + ".wav");
        try {
            Audio.write(a, f, g.format(), WriteDither.NONE);
        } catch (WorkbenchException e) {
            // the word lengths WAV is written in are 16, 24 and 32-bit float; others are refused saying so
            assertTrue(!WRITTEN.contains(g.format()) && e.getMessage().contains("accepted: 16, 24, 32f"), e.getMessage());
            return;
        }
        assertTrue(WRITTEN.contains(g.format()), g.format() + " was written");
        if (g.frames() == 0) {
            // a valid, empty WAV: reading it says there is nothing to work on
            WorkbenchException e = org.junit.jupiter.api.Assertions.assertThrows(WorkbenchException.class, () -> Audio.read(f));
            assertTrue(e.getMessage().contains("contains no audio"), e.getMessage());
            return;
        }
        AudioBuffer b = Audio.read(f);
        assertEquals(g.rate(), b.sampleRate());
        assertEquals(g.channels(), b.channels());
        assertEquals(a, b, g.toString());
    }

    // ---- WAV headers from arbitrary fields ----

    record WavFields(int tag, int channels, int rate, int byteRate, int blockAlign, int bits, int validBits,
                     int mask, int subTag, long dataSize, int dataBytes, boolean extraChunk, boolean oddChunk, long seed) {
    }

    @Provide
    Arbitrary<WavFields> wavFields() {
        Arbitrary<Integer> tag = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(1, 3, 0xFFFE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)));
        Arbitrary<Integer> channels = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 8)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0, 9, 64, 65535)));
        Arbitrary<Integer> rate = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(8000, 44100, 48000, 96000, 192000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0, 1, -1, Integer.MAX_VALUE, 12_345_678)));
        Arbitrary<Integer> bits = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(8, 16, 24, 32, 64)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)));
        Arbitrary<Integer> anyShort = Arbitraries.integers().between(0, 0xFFFF);
        Arbitrary<Long> dataSize = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(-1L)), // the true size
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, 0xFFFFFFFFL, 0x7FFFFFFFL, 1L, 3L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 0xFFFFFFFFL)));
        return Combinators.combine(
                Combinators.combine(tag, channels, rate, bits).as(List::of),
                Combinators.combine(anyShort, anyShort, Arbitraries.integers(), Arbitraries.of(1, 3, 7, 0)).as(List::of),
                Combinators.combine(dataSize, Arbitraries.integers().between(0, 4000), Arbitraries.of(false, true),
                        Arbitraries.of(false, true), Arbitraries.longs()).as(List::of),
                Arbitraries.of(false, true)).as((a, b, c, consistent) -> {
                    int tg = (Integer) a.get(0);
                    int chs = (Integer) a.get(1);
                    int rt = (Integer) a.get(2);
                    int bt = (Integer) a.get(3);
                    int align = consistent ? chs * ((bt + 7) / 8) : (Integer) b.get(0);
                    int byteRate = consistent ? rt * align : (Integer) b.get(1);
                    int valid = consistent ? bt : (Integer) b.get(0);
                    int subTag = consistent ? (tg == 0xFFFE ? (bt >= 32 && bt % 32 == 0 ? 3 : 1) : 1) : (Integer) b.get(3);
                    return new WavFields(tg, chs, rt, byteRate, align, bt, valid, (Integer) b.get(2), subTag,
                            (Long) c.get(0), (Integer) c.get(1), (Boolean) c.get(2), (Boolean) c.get(3), (Long) c.get(4));
                });
    }

    @Property(tries = 1500, seed = "20261205")
    void wavFilesFromAnyHeaderFieldsReadAsTheySayOrAreRefused(@ForAll("wavFields") WavFields w) {
        ByteArrayOutputStream fmt = new ByteArrayOutputStream();
        boolean ext = w.tag() == 0xFFFE;
        le16(fmt, w.tag());
        le16(fmt, w.channels());
        le32(fmt, w.rate());
        le32(fmt, w.byteRate());
        le16(fmt, w.blockAlign());
        le16(fmt, w.bits());
        if (ext) {
            le16(fmt, 22);
            le16(fmt, w.validBits());
            le32(fmt, w.mask());
            le16(fmt, w.subTag());
            fmt.writeBytes(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00,
                    0x38, (byte) 0x9B, 0x71});
        }
        byte[] data = new byte[w.dataBytes()];
        new java.util.SplittableRandom(w.seed()).nextBytes(data);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        chunk(body, "fmt ", fmt.toByteArray(), fmt.size());
        if (w.extraChunk()) {
            chunk(body, "LIST", "INFOISFT\u0005\0\0\0mw-t\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), -1);
        }
        if (w.oddChunk()) {
            chunk(body, "junk", new byte[] {1, 2, 3}, -1); // odd size: one pad byte follows
        }
        chunk(body, "data", data, w.dataSize() < 0 ? data.length : w.dataSize());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        le32(file, body.size());
        file.writeBytes(body.toByteArray());

        Path f = write("fields.wav", file.toByteArray());
        AudioBuffer a = readOrRefused(f);
        if (a != null) {
            assertEquals(w.channels(), a.channels(), "channels as the header says");
            assertEquals(w.rate(), a.sampleRate(), "rate as the header says");
            int bytesPerFrame = Math.max(1, w.channels() * ((w.bits() + 7) / 8));
            assertTrue(a.frames() <= data.length / bytesPerFrame + 1, "no more frames than the data holds: " + a.frames());
            if (w.tag() == 1 || (ext && w.subTag() == 1)) {
                // float files hold what they hold (NaN included: `mw info` counts them, processors refuse them)
                assertTrue(a.isFinite() && a.peak() <= 1.0, "integer PCM is finite and inside full scale: " + a.peak());
            }
        }
    }

    // ---- AIFF headers from arbitrary fields ----

    record AiffFields(boolean aifc, int channels, long frames, int bits, byte[] rate80, String compression, int dataBytes,
                      long ssndSize, int offset, long seed) {
    }

    @Provide
    Arbitrary<AiffFields> aiffFields() {
        Arbitrary<byte[]> rate = Arbitraries.oneOf(
                Arbitraries.of(44100.0, 48000.0, 8000.0, 96000.0, 0.0, 1e12, -44100.0, Double.NaN, 0.5)
                        .map(ReaderPropertiesTest::extended),
                Arbitraries.bytes().array(byte[].class).ofSize(10));
        return Combinators.combine(
                Combinators.combine(Arbitraries.of(false, true),
                        Arbitraries.oneOf(Arbitraries.integers().between(1, 8), Arbitraries.of(0, 65535, -1)),
                        Arbitraries.oneOf(Arbitraries.just(-1L), Arbitraries.longs().between(0, 0xFFFFFFFFL)),
                        Arbitraries.oneOf(Arbitraries.of(8, 16, 24, 32), Arbitraries.integers().between(0, 0xFFFF))).as(List::of),
                rate,
                Arbitraries.of("NONE", "sowt", "fl32", "FL32", "fl64", "ulaw", "????"),
                Combinators.combine(Arbitraries.integers().between(0, 4000),
                        Arbitraries.oneOf(Arbitraries.just(-1L), Arbitraries.longs().between(0, 0xFFFFFFFFL)),
                        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers()), Arbitraries.longs()).as(List::of))
                .as((a, r, comp, d) -> new AiffFields((Boolean) a.get(0), (Integer) a.get(1), (Long) a.get(2),
                        (Integer) a.get(3), r, comp, (Integer) d.get(0), (Long) d.get(1), (Integer) d.get(2), (Long) d.get(3)));
    }

    @Property(tries = 1000, seed = "20261205")
    void aiffFilesFromAnyHeaderFieldsReadAsTheySayOrAreRefused(@ForAll("aiffFields") AiffFields w) {
        byte[] data = new byte[w.dataBytes()];
        new java.util.SplittableRandom(w.seed()).nextBytes(data);
        int chs = w.channels() & 0xFFFF;
        int bytesPerSample = !w.aifc() ? (w.bits() + 7) / 8 : switch (w.compression()) {
            case "fl32", "FL32" -> 4;
            case "fl64" -> 8;
            default -> (w.bits() + 7) / 8;
        };
        int bytesPerFrame = Math.max(1, chs * bytesPerSample);
        long frames = w.frames() < 0 ? data.length / bytesPerFrame : w.frames();
        ByteArrayOutputStream comm = new ByteArrayOutputStream();
        be16(comm, chs);
        be32(comm, (int) frames);
        be16(comm, w.bits());
        comm.writeBytes(w.rate80());
        if (w.aifc()) {
            comm.writeBytes(w.compression().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            comm.write(0);
            comm.write(0); // empty pascal string, padded
        }
        ByteArrayOutputStream ssnd = new ByteArrayOutputStream();
        be32(ssnd, w.offset());
        be32(ssnd, 0);
        ssnd.writeBytes(data);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((w.aifc() ? "AIFC" : "AIFF").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        beChunk(body, "COMM", comm.toByteArray(), comm.size());
        beChunk(body, "SSND", ssnd.toByteArray(), w.ssndSize() < 0 ? ssnd.size() : w.ssndSize());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("FORM".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        be32(file, body.size());
        file.writeBytes(body.toByteArray());

        Path f = write("fields.aiff", file.toByteArray());
        AudioBuffer a = readOrRefused(f);
        if (a != null) {
            assertEquals(chs, a.channels(), "channels as the header says");
            assertTrue(a.sampleRate() > 0, "a positive rate");
            assertTrue(a.frames() <= data.length / bytesPerFrame + 1, "no more frames than the data holds: " + a.frames());
        }
    }

    // ---- anything after a format's magic ----

    @Provide
    Arbitrary<byte[]> afterMagic() {
        List<byte[]> magics = List.of(bytes("RIFF\u0010\0\0\0WAVE"), bytes("RF64\u00ff\u00ff\u00ff\u00ffWAVEds64"),
                bytes("FORM\0\0\u0010\0AIFF"), bytes("FORM\0\0\u0010\0AIFC"), bytes("fLaC\0\0\0\""),
                bytes("OggS\0\u0002"), bytes("ID3\u0004\0\0\0\0\0\u0010"), new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64});
        return Combinators.combine(Arbitraries.of(magics), Arbitraries.bytes().array(byte[].class).ofMaxSize(600))
                .as((m, rest) -> {
                    byte[] all = new byte[m.length + rest.length];
                    System.arraycopy(m, 0, all, 0, m.length);
                    System.arraycopy(rest, 0, all, m.length, rest.length);
                    return all;
                });
    }

    @Property(tries = 1500, seed = "20261205")
    void anyBytesAfterAFormatsMagicReadOrAreRefused(@ForAll("afterMagic") byte[] bytes) {
        Path f = write("magic.bin", bytes);
        readOrRefused(f);
    }

    // ---- helpers ----

    private static AudioBuffer readOrRefused(Path f) {
        try {
            AudioInfoCheck.info(f);
            return Audio.read(f);
        } catch (WorkbenchException e) {
            assertTrue(e.getMessage().startsWith(f.toString()), "the message names the file: " + e.getMessage());
            assertTrue(e.getMessage().length() > f.toString().length() + 5, "and says what is wrong: " + e.getMessage());
            return null;
        } catch (RuntimeException | Error e) {
            fail(f + ": " + e, e);
            return null;
        }
    }

    /** {@code Audio.info} must agree with a read: both accept or both refuse, and say the same shape. */
    private static final class AudioInfoCheck {
        static void info(Path f) {
            AudioFileInfo i;
            try {
                i = Audio.info(f);
            } catch (WorkbenchException e) {
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                throw e;
            }
            assertTrue(i.channels() > 0 && i.sampleRate() > 0, "info of a readable header: " + i);
        }
    }

    private static Path write(String name, byte[] b) {
        Path f = dir.resolve(name);
        try {
            Files.write(f, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] body, long declared) {
        out.writeBytes(bytes(id));
        le32(out, (int) (declared < 0 ? body.length : declared));
        out.writeBytes(body);
        if ((body.length & 1) == 1) {
            out.write(0);
        }
    }

    private static void beChunk(ByteArrayOutputStream out, String id, byte[] body, long declared) {
        out.writeBytes(bytes(id));
        be32(out, (int) declared);
        out.writeBytes(body);
        if ((body.length & 1) == 1) {
            out.write(0);
        }
    }

    private static void le16(ByteArrayOutputStream o, int v) {
        o.write(v & 0xFF);
        o.write((v >>> 8) & 0xFF);
    }

    private static void le32(ByteArrayOutputStream o, int v) {
        o.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    private static void be16(ByteArrayOutputStream o, int v) {
        o.write((v >>> 8) & 0xFF);
        o.write(v & 0xFF);
    }

    private static void be32(ByteArrayOutputStream o, int v) {
        o.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
    }

    /** An IEEE 754 80-bit extended value, as AIFF stores its sample rate. */
    static byte[] extended(double v) {
        byte[] b = new byte[10];
        if (v == 0 || Double.isNaN(v)) {
            if (Double.isNaN(v)) {
                b[0] = 0x7F;
                b[1] = (byte) 0xFF;
                b[2] = (byte) 0xC0;
            }
            return b;
        }
        int sign = v < 0 ? 0x8000 : 0;
        double a = Math.abs(v);
        int exp = Math.getExponent(a);
        long mant = (long) (a / Math.scalb(1.0, exp) * (1L << 62)) << 1;
        int e = (exp + 16383) | sign;
        b[0] = (byte) (e >>> 8);
        b[1] = (byte) e;
        for (int i = 0; i < 8; i++) {
            b[2 + i] = (byte) (mant >>> (56 - 8 * i));
        }
        return b;
    }
}
