package mw;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Independent tools the tests compare against (ffmpeg, sox, flac, oggenc). On a developer's machine a
 * missing tool skips the test; under CI ({@code CI=true}) it fails it, because CI installs them.
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    public static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the test when the tool is missing, except under CI where that is a failure. */
    public static void require(String tool) {
        boolean ok = available(tool);
        if (!ok && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(tool + " is required under CI but is not on the PATH");
        }
        assumeTrue(ok, tool + " is not installed; test skipped");
    }

    /** Result of a finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command, failing the test if it does not finish in {@code timeoutSeconds}. */
    public static Result run(long timeoutSeconds, String... command) {
        try {
            Path out = Files.createTempFile("mw-tool", ".out");
            Path err = Files.createTempFile("mw-tool", ".err");
            try {
                Process p = new ProcessBuilder(List.of(command)).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + String.join(" ", command));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command and fails the test with its stderr if it exits non-zero. */
    public static String runOk(long timeoutSeconds, String... command) {
        Result r = run(timeoutSeconds, command);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.stderr());
        }
        return r.stdout();
    }

    public static List<String> args(String... a) {
        return new ArrayList<>(List.of(a));
    }
}
