package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mw kernel install --print} and {@code mw script}. */
class KernelCommandTest {
    @Test
    void kernelspecHasAbsoluteJavaAndClasspathAndMessageInterrupts() throws Exception {
        Cli.Result r = Cli.run("kernel", "install", "--print", "--heap", "3g");
        assertEquals(0, r.exit(), r.err());
        JsonNode spec = new ObjectMapper().readTree(r.out());
        JsonNode argv = spec.get("argv");
        assertTrue(Path.of(argv.get(0).asText()).isAbsolute() && Files.isExecutable(Path.of(argv.get(0).asText())), argv.toString());
        assertEquals("-Xmx3g", argv.get(1).asText());
        int cp = 0;
        while (!argv.get(cp).asText().equals("-cp")) {
            cp++;
        }
        for (String entry : argv.get(cp + 1).asText().split(java.io.File.pathSeparator)) {
            assertTrue(Path.of(entry).isAbsolute(), entry);
        }
        assertEquals("mw.kernel.KernelMain", argv.get(cp + 2).asText());
        assertEquals("{connection_file}", argv.get(cp + 3).asText());
        assertEquals("message", spec.get("interrupt_mode").asText());
        assertEquals("java", spec.get("language").asText());
    }

    @Test
    void badHeapIsOneLineError() {
        Cli.Result r = Cli.run("kernel", "install", "--print", "--heap", "lots");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("mw: heap size 'lots'"), r.err());
    }

    @Test
    void scriptGetsItsArgumentsAndItsExitStatus(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("hello.jsh");
        Files.writeString(s, "System.out.println(\"args: \" + String.join(\",\", args));\n/exit 4\n");
        Cli.Result r = Cli.run("script", s.toString(), "one", "two");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.out().contains("args: one,two"), r.out());
        Cli.Result missing = Cli.run("script", dir.resolve("nope.jsh").toString());
        assertEquals(Main.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("nope.jsh"), missing.err());
    }
}
