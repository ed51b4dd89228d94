package mw.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel for Jupyter: {@code java -cp mw.jar mw.kernel.KernelMain CONNECTION_FILE}
 * (what the kernelspec written by {@code mw kernel install} runs).
 */
public final class KernelMain {
    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp mw.jar mw.kernel.KernelMain CONNECTION_FILE");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("mw.root") == null) {
            // project-relative paths (Audio.read("sample-audio/...")) resolve from notebooks/ too
            System.setProperty("mw.root", Notebook.projectRoot().toString());
        }
        String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        KernelConnectionProperties props = KernelConnectionProperties.parse(text);
        JupyterConnection connection = new JupyterConnection(props);
        WorkbenchKernel kernel = new WorkbenchKernel();
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }
}
