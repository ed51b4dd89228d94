package mw.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.kernel.KernelSpec;
import mw.kernel.WorkbenchKernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mw kernel install}: writes the Jupyter kernelspec and installs it. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "The Jupyter kernel: 'mw kernel install' makes it available in Jupyter.",
        subcommands = {KernelCommand.Install.class})
final class KernelCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Write the kernelspec (absolute java and jar paths, heap size) and install it with "
                    + "'jupyter kernelspec install --user --name " + WorkbenchKernel.KERNEL_NAME + "'.")
    static final class Install implements Callable<Integer> {
        @Option(names = "--heap", defaultValue = "4g", description = "maximum heap of the kernel JVM (default ${DEFAULT-VALUE})")
        String heap;

        @Option(names = "--prefix", description = "install under PREFIX/share/jupyter/kernels instead of the user's folder")
        String prefix;

        @Option(names = "--print", description = "only print kernel.json, install nothing")
        boolean print;

        @Override
        public Integer call() throws IOException {
            Path tmp = Files.createTempDirectory("mw-kernelspec");
            try {
                Path dir = tmp.resolve(WorkbenchKernel.KERNEL_NAME);
                KernelSpec.write(dir, KernelSpec.currentJava(), KernelSpec.currentClasspath(), heap);
                if (print) {
                    System.out.println(Files.readString(dir.resolve("kernel.json")));
                    return 0;
                }
                return install(dir, prefix);
            } finally {
                deleteTree(tmp);
            }
        }
    }

    /** Deletes a folder this command created for itself, with everything in it. */
    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary folder: the system's cleaning removes what is left
        }
    }

    /** Installs a written spec folder with jupyter; throws a message naming what to install when Jupyter is missing. */
    static int install(Path specDir, String prefix) {
        requireJupyter("jupyter");
        List<String> cmd = KernelSpec.installCommand(specDir, prefix);
        int rc = Jupyter.run(cmd);
        if (rc != 0) {
            throw new WorkbenchException("'" + String.join(" ", cmd) + "' failed (exit " + rc
                    + "); is jupyter-client installed? " + KernelSpec.INSTALL_JUPYTER);
        }
        System.out.println("installed the Jupyter kernel '" + WorkbenchKernel.DISPLAY_NAME + "' ("
                + WorkbenchKernel.KERNEL_NAME + ")");
        return 0;
    }

    static void requireJupyter(String tool) {
        if (!KernelSpec.onPath(tool)) {
            throw new WorkbenchException("Jupyter is not installed; install it with: " + KernelSpec.INSTALL_JUPYTER);
        }
    }

    /** Runs jupyter commands with the terminal attached. */
    static final class Jupyter {
        private Jupyter() {
        }

        static int run(List<String> cmd) {
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
            try {
                return pb.start().waitFor();
            } catch (IOException e) {
                throw new WorkbenchException("cannot run " + cmd.get(0) + ": " + e.getMessage()
                        + "; install Jupyter with: " + KernelSpec.INSTALL_JUPYTER);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }

        static String output(List<String> cmd) {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
            pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            try {
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return p.waitFor() == 0 ? out : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
