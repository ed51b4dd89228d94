package mw.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mw.WorkbenchException;

/**
 * The Jupyter kernelspec ({@code kernel.json}) that starts this kernel: absolute java, absolute class
 * path (normally {@code cli/target/mw.jar}), a heap size, headless AWT, and message-mode interrupts.
 * See the Jupyter client documentation, "Kernel specs".
 */
public final class KernelSpec {
    /** What to tell someone without Jupyter. */
    public static final String INSTALL_JUPYTER =
            "apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client";

    private KernelSpec() {
    }

    /** The java executable running this JVM. */
    public static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath().toString();
    }

    /**
     * The class path the kernel should use: the jar this class was loaded from when it is a jar
     * (the shaded {@code mw.jar}), else this JVM's class path (tests, IDE runs).
     */
    public static String currentClasspath() {
        try {
            Path p = Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (p.toString().endsWith(".jar")) {
                return p.toAbsolutePath().toString();
            }
        } catch (Exception ignored) {
            // fall through to the JVM's class path
        }
        List<String> abs = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                abs.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, abs);
    }

    /** The {@code kernel.json} content. */
    public static Map<String, Object> json(String java, String classpath, String heap) {
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new WorkbenchException("heap size '" + heap + "' is not understood; accepted: a number with k, m or g, e.g. 4g");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("argv", List.of(java, "-Xmx" + heap, "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
                "-cp", classpath, KernelMain.class.getName(), "{connection_file}"));
        m.put("display_name", WorkbenchKernel.DISPLAY_NAME);
        m.put("language", "java");
        m.put("interrupt_mode", "message");
        // Java reads file names in the locale's character set: under LANG=C a non-ASCII path could not be
        // named, so on Linux the kernel always runs with a UTF-8 character set
        m.put("env", System.getProperty("os.name", "").startsWith("Linux") ? Map.of("LC_ALL", "C.UTF-8") : Map.of());
        m.put("metadata", Map.of("debugger", false));
        return m;
    }

    /** Writes {@code dir/kernel.json} and returns {@code dir}. */
    public static Path write(Path dir, String java, String classpath, String heap) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve("kernel.json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(f.toFile(), json(java, classpath, heap));
            return dir;
        } catch (IOException e) {
            throw new WorkbenchException(dir, "cannot write the kernelspec: " + e.getMessage());
        }
    }

    /**
     * The {@code jupyter kernelspec install} command for a spec folder.
     *
     * @param prefix install under this prefix ({@code PREFIX/share/jupyter/kernels}); null for {@code --user}
     */
    public static List<String> installCommand(Path specDir, String prefix) {
        List<String> cmd = new ArrayList<>(List.of("jupyter", "kernelspec", "install", "--name", WorkbenchKernel.KERNEL_NAME));
        if (prefix == null) {
            cmd.add("--user");
        } else {
            cmd.add("--prefix");
            cmd.add(Path.of(prefix).toAbsolutePath().toString());
        }
        cmd.add(specDir.toAbsolutePath().toString());
        return cmd;
    }

    /** True when an executable of that name is on the PATH. */
    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
