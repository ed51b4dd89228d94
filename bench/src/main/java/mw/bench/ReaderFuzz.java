package mw.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.io.WriteDither;

/**
 * Fuzzes every reader: valid seed files of each format (WAV 16/24/float, AIFF, FLAC, MP3, Ogg Vorbis, made
 * by the workbench and by the reference encoders flac, ffmpeg and oggenc) are mutated by seeded byte flips,
 * runs of random bytes, cuts, duplicated and deleted spans, and each result is read whole. Every input must
 * read or end in a {@link WorkbenchException}; any other exception or error is counted, with its class and
 * where it was thrown.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar mw.bench.ReaderFuzz [inputs-per-format] [seed]
 * </pre>
 */
public final class ReaderFuzz {
    private ReaderFuzz() {
    }

    public static void main(String[] args) throws Exception {
        int perFormat = args.length > 0 ? Integer.parseInt(args[0]) : 150_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261205L;
        Path dir = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(
                System.getProperty("java.io.tmpdir")), "mw-fuzz");
        try {
            Map<String, byte[]> seeds = seeds(dir);
            System.out.printf(Locale.ROOT, "%-12s %10s %10s %12s %10s %8s%n", "format", "inputs", "read", "refused", "other", "s");
            long total = 0;
            long others = 0;
            Map<String, Integer> kinds = new TreeMap<>();
            for (var e : seeds.entrySet()) {
                SplittableRandom rng = new SplittableRandom(seed ^ e.getKey().hashCode());
                Path f = dir.resolve("in");
                long read = 0;
                long refused = 0;
                long other = 0;
                long t0 = System.nanoTime();
                for (int i = 0; i < perFormat; i++) {
                    Files.write(f, mutate(e.getValue(), rng));
                    try {
                        Audio.read(f);
                        read++;
                    } catch (WorkbenchException x) {
                        refused++;
                    } catch (RuntimeException | StackOverflowError | OutOfMemoryError x) {
                        other++;
                        StackTraceElement at = x.getStackTrace().length > 0 ? x.getStackTrace()[0] : null;
                        String k = e.getKey() + ": " + x.getClass().getSimpleName() + " at " + at;
                        if (kinds.merge(k, 1, Integer::sum) == 1) {
                            Files.copy(f, dir.resolveSibling("mw-fuzz-case-" + e.getKey() + "-" + i), 
                                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                total += perFormat;
                others += other;
                System.out.printf(Locale.ROOT, "%-12s %10d %10d %12d %10d %8.1f%n", e.getKey(), perFormat, read, refused, other,
                        (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "total %d inputs, %d ended in an exception other than WorkbenchException%n", total, others);
            kinds.forEach((k, n) -> System.out.println("  " + n + " x " + k));
            if (others > 0) {
                System.exit(1);
            }
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Small valid files of every format read (0.2 s of stereo music-like audio at 22.05 kHz). */
    static Map<String, byte[]> seeds(Path dir) throws IOException, InterruptedException {
        int fs = 22_050;
        int n = fs / 5;
        double[][] x = new double[2][n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            double t = (double) i / fs;
            x[0][i] = 0.4 * Math.sin(2 * Math.PI * 220 * t) + 0.05 * r.nextDouble(-1, 1);
            x[1][i] = 0.3 * Math.sin(2 * Math.PI * 330 * t) + 0.05 * r.nextDouble(-1, 1);
        }
        AudioBuffer a = AudioBuffer.of(fs, x);
        Map<String, byte[]> m = new LinkedHashMap<>();
        Path wav = dir.resolve("seed.wav");
        Audio.write(a, wav, SampleFormat.PCM_16, WriteDither.NONE);
        m.put("wav16", Files.readAllBytes(wav));
        Path w24 = dir.resolve("seed24.wav");
        Audio.write(a, w24, SampleFormat.PCM_24);
        m.put("wav24", Files.readAllBytes(w24));
        Path wf = dir.resolve("seedf.wav");
        Audio.write(a, wf, SampleFormat.FLOAT_32);
        m.put("wavfloat", Files.readAllBytes(wf));
        encode(m, "aiff", dir, List.of("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-c:a", "pcm_s16be"), "seed.aiff");
        encode(m, "flac", dir, List.of("flac", "-s", "-f", wav.toString(), "-o"), "seed.flac");
        encode(m, "mp3", dir, List.of("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-c:a", "libmp3lame", "-b:a", "64k"),
                "seed.mp3");
        encode(m, "ogg", dir, List.of("oggenc", "-Q", wav.toString(), "-o"), "seed.ogg");
        return m;
    }

    private static void encode(Map<String, byte[]> m, String name, Path dir, List<String> cmd, String out)
            throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(cmd);
        c.add(dir.resolve(out).toString());
        try {
            Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                m.put(name, Files.readAllBytes(dir.resolve(out)));
                return;
            }
        } catch (IOException e) {
            // the encoder is missing
        }
        System.out.println(name + ": no encoder here (" + c.get(0) + "); not fuzzed");
    }

    /** One seeded mutation: byte flips, a run of random bytes, a cut, a duplicated or deleted span, or several. */
    static byte[] mutate(byte[] good, SplittableRandom r) {
        byte[] b = good.clone();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds; k++) {
            // mutations near the start hit headers, where parsers are most fragile
            int at = r.nextInt(4) == 0 ? r.nextInt(Math.min(b.length, 128)) : r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(16));
                    for (int i = 0; i < len; i++) {
                        b[at + i] = (byte) r.nextInt(256);
                    }
                }
                case 2 -> b = java.util.Arrays.copyOf(b, Math.max(1, at));
                case 3 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
                case 4 -> {
                    int len = Math.min(b.length - at - 1, 1 + r.nextInt(64));
                    if (len > 0) {
                        byte[] c = new byte[b.length - len];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + len, c, at, b.length - at - len);
                        b = c;
                    }
                }
                default -> {
                    // an extreme value in a 32-bit field
                    int[] v = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1, 0x7FFF, 0xFFFF};
                    int val = v[r.nextInt(v.length)];
                    for (int i = 0; i < 4 && at + i < b.length; i++) {
                        b[at + i] = (byte) (val >> (8 * i));
                    }
                }
            }
            if (b.length == 0) {
                b = new byte[] {0};
            }
        }
        return b;
    }
}
