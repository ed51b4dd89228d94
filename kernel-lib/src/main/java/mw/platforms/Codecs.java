package mw.platforms;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mw.WorkbenchException;
import mw.loudness.Loudness;

/**
 * Codec checks: encode a master the way a platform delivers it (ffmpeg with the profile's
 * {@link Profile.CodecCheck}), decode it to 32-bit float and measure the true peak that listeners get.
 * Lossy codecs overshoot: a master at -1 dBTP can decode above 0 dBTP. ffmpeg is the only encoder set
 * on the machine that covers Vorbis, AAC, Opus and MP3, so it is run as an external program.
 */
public final class Codecs {
    private Codecs() {
    }

    /** True when ffmpeg is on the PATH. */
    public static boolean ffmpegAvailable() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "ffmpeg"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The true peak (dBTP) of {@code master} after encoding with the given codec and decoding.
     *
     * @throws WorkbenchException when ffmpeg is missing, lacks the encoder, or fails on the file
     */
    public static double decodedTruePeakDbtp(Path master, Profile.CodecCheck codec) {
        if (!ffmpegAvailable()) {
            throw new WorkbenchException("ffmpeg is not on the PATH; the codec check needs it (Debian: apt-get install ffmpeg)");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mw-codec");
            Path enc = dir.resolve("encoded." + codec.extension());
            Path dec = dir.resolve("decoded.wav");
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", master.toString(),
                    "-vn", "-c:a", codec.encoder(), "-b:a", codec.bitrateKbps() + "k"));
            if (codec.encoder().equals("libopus")) {
                cmd.addAll(List.of("-ar", "48000")); // Opus codes at 48 kHz
            }
            cmd.add(enc.toString());
            run(cmd, master, codec);
            run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", enc.toString(), "-c:a", "pcm_f32le", dec.toString()),
                    master, codec);
            return Loudness.of(dec).truePeakDbtp();
        } catch (IOException e) {
            throw new WorkbenchException(master, "codec check with " + codec.encoder() + " failed: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try (var s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // temporary files only
                }
            }
        }
    }

    private static void run(List<String> cmd, Path master, Profile.CodecCheck codec) throws IOException {
        Path log = Files.createTempFile("mw-ffmpeg", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new WorkbenchException(master, "codec check with " + codec.encoder() + " timed out");
            }
            if (p.exitValue() != 0) {
                String out = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw new WorkbenchException(master, "codec check with ffmpeg encoder " + codec.encoder() + " failed: "
                        + (out.length() > 300 ? out.substring(0, 300) : out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkbenchException(master, "codec check interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
