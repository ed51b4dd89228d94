package mw.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every notebook runs top to bottom, headless, under Jupyter with this kernel (installed into a
 * temporary prefix, never the user's folder); a cell error fails the test. Executed notebooks are
 * exported as HTML to {@code docs/notebooks/}; the committed {@code .ipynb} files carry no outputs.
 */
class NotebooksTest {
    static final List<String> EXPECTED = List.of("01-loudness", "02-spectra-and-references",
            "03-mastering-chain", "04-platform-outcomes", "05-dynamics", "06-stereo", "07-dither-and-resampling",
            "08-reference-matching", "09-game-states");

    /** An executed page with its players as MP3 stays under this size (charts are PNG, the stylesheet is shared). */
    static final long MAX_HTML_BYTES = 1_500_000;

    static List<Path> notebooks() throws Exception {
        try (Stream<Path> s = Files.list(Tools.root().resolve("notebooks"))) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    void theSeriesIsThereAndCommittedWithoutOutputs() throws Exception {
        List<Path> nbs = notebooks();
        for (String name : EXPECTED) {
            assertTrue(nbs.stream().anyMatch(p -> p.getFileName().toString().equals(name + ".ipynb")), name);
        }
        ObjectMapper json = new ObjectMapper();
        for (Path nb : nbs) {
            JsonNode root = json.readTree(nb.toFile());
            assertEquals(WorkbenchKernel.KERNEL_NAME, root.at("/metadata/kernelspec/name").asText(), nb + " kernel");
            int code = 0;
            int checks = 0;
            int answers = 0;
            for (JsonNode cell : root.get("cells")) {
                String source = String.join("", json.convertValue(cell.get("source"), String[].class));
                if (cell.get("cell_type").asText().equals("markdown") && source.contains("<details>")) {
                    answers++;
                }
                if (cell.get("cell_type").asText().equals("code")) {
                    code++;
                    if (source.startsWith("check(")) {
                        checks++;
                    }
                    assertEquals(0, cell.get("outputs").size(), nb + ": a code cell has outputs");
                    assertTrue(cell.get("execution_count").isNull(), nb + ": a code cell has an execution count");
                }
            }
            assertTrue(code > 0, nb + " has code");
            assertTrue(checks >= 2, nb + ": exercises with check cells (a code cell starting with check(...))");
            assertTrue(answers >= checks, nb + ": every exercise has its answer folded in a <details> block");
        }
    }

    @Test
    void everyNotebookExecutesWithTheKernel(@TempDir Path tmp) throws Exception {
        Tools.requireTool("jupyter");
        Tools.require(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3");
        Tools.Result mods = Tools.run(60, null, Map.of(), List.of("/usr/bin/python3", "-c", "import nbformat, nbclient, nbconvert"));
        Tools.require(mods.exitCode() == 0, "python3-nbclient and jupyter-nbconvert");

        Path root = Tools.root();
        Path spec = KernelSpec.write(tmp.resolve("spec").resolve(WorkbenchKernel.KERNEL_NAME),
                KernelSpec.currentJava(), absoluteClasspath(), "2g");
        Path prefix = tmp.resolve("prefix");
        Map<String, String> env = Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString(),
                "PYDEVD_DISABLE_FILE_VALIDATION", "1", "MW_CELL_TIMEOUT_SECONDS", "300");
        Tools.Result install = Tools.run(120, null, env, KernelSpec.installCommand(spec, prefix.toString()));
        assertEquals(0, install.exitCode(), install.output());

        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", root.resolve("scripts/execute-notebooks.py").toString(),
                "--kernel", WorkbenchKernel.KERNEL_NAME, "--html-dir", root.resolve("docs/notebooks").toString()));
        notebooks().forEach(p -> cmd.add(p.toString()));
        Tools.Result run = Tools.run(900, root, env, cmd);
        System.out.println(run.output());
        assertEquals(0, run.exitCode(), run.output());
        for (Path nb : notebooks()) {
            String name = nb.getFileName().toString().replace(".ipynb", ".html");
            Path html = root.resolve("docs/notebooks").resolve(name);
            assertTrue(Files.size(html) > 1000, html.toString());
            assertTrue(Files.size(html) < MAX_HTML_BYTES, html + " is " + Files.size(html) + " bytes");
            String text = Files.readString(html);
            assertFalse(text.contains("CellExecutionError"), html.toString());
            assertTrue(text.contains("href=\"notebook.css\""), html + " links the shared stylesheet");
            assertTrue(text.contains("no answer yet"), html + ": the check cells ran on the starter values");
        }
        assertTrue(Files.isRegularFile(root.resolve("docs/notebooks/notebook.css")), "docs/notebooks/notebook.css");
    }

    private static String absoluteClasspath() {
        List<String> abs = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                abs.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, abs);
    }
}
