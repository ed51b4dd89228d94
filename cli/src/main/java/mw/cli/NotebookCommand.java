package mw.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.kernel.KernelSpec;
import mw.kernel.WorkbenchKernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mw notebook}: opens Jupyter on the notebooks folder, installing the kernel first when needed. */
@Command(name = "notebook", mixinStandardHelpOptions = true,
        description = "Open Jupyter on the notebooks folder (installs the kernel for the user if it is missing).")
final class NotebookCommand implements Callable<Integer> {
    @Option(names = "--dir", description = "folder to open (default: notebooks/ of the workbench)")
    Path dir;

    @Parameters(arity = "0..*", paramLabel = "JUPYTER_ARG", description = "passed on to 'jupyter notebook' (after --)")
    List<String> jupyterArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!KernelSpec.onPath("jupyter") || !KernelSpec.onPath("jupyter-notebook")) {
            throw new WorkbenchException("Jupyter is not installed; install it with: " + KernelSpec.INSTALL_JUPYTER);
        }
        Path folder = dir != null ? dir : Path.of(System.getProperty("mw.root", ".")).resolve("notebooks");
        if (!Files.isDirectory(folder)) {
            throw new WorkbenchException(folder, "is not a folder; give the notebooks folder with --dir");
        }
        String specs = KernelCommand.Jupyter.output(List.of("jupyter", "kernelspec", "list"));
        if (specs == null || !specs.contains(WorkbenchKernel.KERNEL_NAME)) {
            Path tmp = Files.createTempDirectory("mw-kernelspec");
            try {
                Path spec = tmp.resolve(WorkbenchKernel.KERNEL_NAME);
                KernelSpec.write(spec, KernelSpec.currentJava(), KernelSpec.currentClasspath(), "4g");
                KernelCommand.install(spec, null);
            } finally {
                KernelCommand.deleteTree(tmp);
            }
        }
        List<String> cmd = new ArrayList<>(List.of("jupyter", "notebook",
                "--notebook-dir=" + folder.toAbsolutePath().normalize()));
        if ("root".equals(System.getProperty("user.name")) && !jupyterArgs.contains("--allow-root")) {
            cmd.add("--allow-root");   // Jupyter refuses to start as root without it (containers, CI)
        }
        cmd.addAll(jupyterArgs);
        return KernelCommand.Jupyter.run(cmd);
    }
}
