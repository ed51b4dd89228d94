package mw.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * External tools for the kernel's tests (Jupyter). The rule of kernel-lib's ExternalTools: a missing
 * tool skips the test on a developer's machine but fails it under CI ({@code CI=true}).
 */
final class Tools {
    private Tools() {
    }

    static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips when {@code ok} is false, except under CI where that is a failure. */
    static void require(boolean ok, String what) {
        if (!ok && underCi()) {
            throw new AssertionError(what + " is required under CI but is missing");
        }
        assumeTrue(ok, what + " is missing; test skipped");
    }

    static void requireTool(String tool) {
        require(KernelSpec.onPath(tool), tool);
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command (stdout and stderr together), failing the test after {@code timeoutSeconds}. */
    static Result run(long timeoutSeconds, Path dir, Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile("mw-tool", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
                if (dir != null) {
                    pb.directory(dir.toFile());
                }
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                            + "\n" + Files.readString(out, StandardCharsets.UTF_8));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The repository root (the kernel module's parent). */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("notebooks")) && Files.exists(p.resolve("pom.xml")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new AssertionError("repository root not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
