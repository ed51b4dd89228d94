package mw.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel as Jupyter sees it: started from a kernelspec by jupyter_client, then execute (stream and
 * result), display data, an error reply, completion, is_complete and an interrupt over the protocol.
 * Skipped without Jupyter locally, required under CI.
 */
class KernelProtocolTest {
    @Test
    void answersOverTheJupyterProtocol(@TempDir Path tmp) throws Exception {
        Tools.requireTool("jupyter");
        Tools.require(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3");
        Tools.Result mods = Tools.run(60, null, Map.of(), List.of("/usr/bin/python3", "-c", "import jupyter_client"));
        Tools.require(mods.exitCode() == 0, "jupyter-client");

        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                cp.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        Path spec = KernelSpec.write(tmp.resolve("spec").resolve(WorkbenchKernel.KERNEL_NAME),
                KernelSpec.currentJava(), String.join(File.pathSeparator, cp), "1g");
        Path prefix = tmp.resolve("prefix");
        Map<String, String> env = Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString(),
                "PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Tools.Result install = Tools.run(120, null, env, KernelSpec.installCommand(spec, prefix.toString()));
        assertEquals(0, install.exitCode(), install.output());

        runKernelTestSuite(tmp, env);

        Path script = tmp.resolve("protocol_check.py");
        try (InputStream in = KernelProtocolTest.class.getResourceAsStream("/protocol_check.py")) {
            Files.copy(in, script);
        }
        Tools.Result r = Tools.run(400, tmp, env, List.of("/usr/bin/python3", script.toString(), WorkbenchKernel.KERNEL_NAME));
        assertEquals(0, r.exitCode(), r.output());
        for (String check : List.of("ok execute", "ok display", "ok error", "ok complete", "ok is_complete", "ok interrupt", "ok after interrupt")) {
            assertTrue(r.output().contains(check), check + " in\n" + r.output());
        }
    }

    /**
     * Jupyter's own kernel test suite (Debian's python3-jupyter-kernel-test): kernel_info, execute,
     * streams, errors, completion, is_complete, history (tail, range, search), inspect, display data.
     */
    private static void runKernelTestSuite(Path tmp, Map<String, String> env) throws Exception {
        Tools.Result has = Tools.run(60, null, Map.of(), List.of("/usr/bin/python3", "-c", "import jupyter_kernel_test"));
        Tools.require(has.exitCode() == 0, "python3-jupyter-kernel-test");
        Path suite = tmp.resolve("kernel_test_suite.py");
        try (InputStream in = KernelProtocolTest.class.getResourceAsStream("/kernel_test_suite.py")) {
            Files.copy(in, suite);
        }
        Tools.Result r = Tools.run(400, tmp, env, List.of("/usr/bin/python3", suite.toString(), WorkbenchKernel.KERNEL_NAME));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("OK") && !r.output().contains("skipped 'history"), r.output());
    }
}
