package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example in the README and in {@code docs/} runs exactly as printed: each document's
 * {@code ```java} blocks, in order, as one JShell script ({@code ./mw script}), and each command line of
 * its {@code ```sh} blocks and each {@code $ } line of a transcript, through bash, in a folder that holds
 * the files the examples name ({@code mix.wav}, {@code master.wav}, {@code reference.flac}, ...: slices
 * of the bundled excerpts), with {@code ./mw} and {@code mw} running this build. A few commands are not
 * run, each for a reason listed in {@link #NOT_RUN}. A block fenced {@code ```java excerpt} shows part of
 * a class and is not run; a line commented {@code // WorkbenchException: ...} must throw it.
 */
class DocsExamplesTest {
    /** Command prefixes not run here, and why. */
    static final List<String[]> NOT_RUN = List.of(
            new String[] {"./mvnw", "builds and tests the project: this test is part of that run"},
            new String[] {"apt-get", "installs system packages"},
            new String[] {"./mw notebook", "starts a Jupyter server that waits for a browser"},
            new String[] {"./mw kernel install", "changes the user's Jupyter kernels (KernelCommandTest covers it in a temporary folder)"},
            new String[] {"/usr/bin/python3 scripts/execute-notebooks.py", "executes every notebook: NotebooksTest does exactly this"},
            new String[] {"./mw catalog", "runs Apache Spark, which the command line's class path does not have:"
                    + " CatalogJobTest in the catalog module runs these lines"},
            new String[] {"./mw live", "its timelines need the whole 20 s excerpts: LiveCommandTest runs these lines as printed"},
            new String[] {"java -jar bench/", "a benchmark run of minutes"},
            new String[] {"bench/", "a benchmark run of minutes"},
            new String[] {"scripts/assistant/build-corpus.sh", "renders the training corpus with fluidsynth: tens of minutes"},
            new String[] {"./mw style train", "retrains the style model from that corpus: tens of minutes"},
            new String[] {"scripts/assistant/build-real-settings-corpus.sh", "downloads about 1.9 GB of Debian packages and cuts"
                    + " their music into excerpts: minutes (SettingsLearnerTest checks the learning on data it makes)"},
            new String[] {"java -cp cli/target/mw.jar scripts/assistant/TrainRealSettings.java", "learns the settings from"
                    + " that corpus: minutes"},
            new String[] {"java -cp bench/", "a benchmark run of minutes"},
            new String[] {"java -Xmx192m -jar cli/target/mw.jar master in60min.wav", "a one-hour render measured for the benchmarks"});

    private static final Pattern BLOCK = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```", Pattern.DOTALL);
    static Path root;
    static Path work;

    @BeforeAll
    static void fixtures() throws IOException {
        root = Path.of("").toAbsolutePath().getParent();
        work = Path.of("target", "docs-examples").toAbsolutePath();
        if (Files.exists(work)) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work);
        for (String link : List.of("scripts", "notebooks")) {
            Files.createSymbolicLink(work.resolve(link), root.resolve(link));
        }
        // the example files the docs name (states and presets); docs/ itself stays out of reach of outputs
        Files.createSymbolicLink(Files.createDirectories(work.resolve("docs")).resolve("examples"), root.resolve("docs/examples"));
        // sample-audio/: the bundled excerpts cut to 4 s (FLAC again when the flac encoder is here), so
        // the examples that study the whole folder run in seconds
        Path samples = Files.createDirectories(work.resolve("sample-audio"));
        boolean flac = onPath("flac");
        try (Stream<Path> s = Files.list(root.resolve("sample-audio"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".flac")).sorted().toList()) {
                Path target = samples.resolve(f.getFileName());
                if (!flac) {
                    Files.createSymbolicLink(target, f);
                    continue;
                }
                Path wav = samples.resolve(f.getFileName().toString().replace(".flac", ".wav"));
                // the repair guide cuts 6 s of the acoustic excerpt and finds its noise-only stretch there
                double seconds = f.getFileName().toString().startsWith("acoustic") ? 6 : 4;
                Audio.write(Audio.read(f).sliceSeconds(0, seconds), wav, SampleFormat.PCM_16);
                Process p = new ProcessBuilder("flac", "-s", "-f", "-o", target.toString(), wav.toString()).inheritIO().start();
                try {
                    assertEquals(0, p.waitFor());
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                Files.delete(wav);
            }
        }
        // the files the examples name: short slices of the bundled excerpts
        var rock = Audio.read(root.resolve("sample-audio/rock-hedgewars-rock.flac")).sliceSeconds(0, 4);
        var electro = Audio.read(root.resolve("sample-audio/electronic-through-space.flac")).sliceSeconds(0, 4);
        for (String wav : List.of("mix.wav", "master.wav", "x.wav", "a.wav", "long-live-set.wav", "long-programme.wav",
                "01.wav", "02.wav", "03.wav")) {
            Audio.write(wav.startsWith("0") || wav.equals("a.wav") ? electro : rock, work.resolve(wav), SampleFormat.PCM_24);
        }
        Files.copy(samples.resolve("electronic-through-space.flac"), work.resolve("reference.flac"));
        Files.copy(samples.resolve("acoustic-traveling-minstrels.flac"), work.resolve("b.flac"));
        Files.copy(samples.resolve("acoustic-traveling-minstrels.flac"), work.resolve("01.flac"));
        Files.copy(samples.resolve("orchestral-heroes-rite.flac"), work.resolve("02.flac"));
        // a profile file of one's own: the bundled Spotify profile under another id
        ObjectMapper json = new ObjectMapper();
        ObjectNode bundled;
        try (var in = DocsExamplesTest.class.getResourceAsStream("/mw/platforms/platforms.json")) {
            bundled = (ObjectNode) json.readTree(in);
        }
        ObjectNode mine = json.createObjectNode().put("set", "mine").put("description", "my own profiles");
        ObjectNode p = ((ObjectNode) bundled.get("profiles").get(0)).deepCopy().put("id", "my_radio").put("name", "My radio");
        ArrayNode profiles = mine.putArray("profiles");
        profiles.add(p);
        json.writerWithDefaultPrettyPrinter().writeValue(work.resolve("my-profiles.json").toFile(), mine);
        // ./mw and mw run this build
        String cp = String.join(File.pathSeparator, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isBlank()).map(e -> Path.of(e).toAbsolutePath().toString()).toList());
        Path mw = work.resolve("mw");
        // short runs: C1 only and serial GC keep a command's CPU time at a fraction of the defaults
        Files.writeString(mw, "#!/usr/bin/env bash\nexec java -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true -Dmw.root='" + root
                + "' -cp '" + cp + "' mw.cli.Main \"$@\"\n");
        mw.toFile().setExecutable(true);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRunsAsPrinted() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(Path.of("..", "README.md"));
        try (Stream<Path> s = Files.list(Path.of("..", "docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : docs) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            String name = doc.getFileName().toString();
            StringBuilder java = new StringBuilder();
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = text.substring(0, m.start()).split("\n", -1).length;
                String lang = m.group(1);
                String body = m.group(2);
                if (lang.equals("java")) {
                    java.append("// ").append(name).append(" line ").append(line).append('\n').append(body);
                } else if (lang.equals("sh") || lang.isEmpty()) {
                    // a line ending in a backslash goes on on the next line, as in the shell
                    for (String cmd : body.replace("\\\n", " ").split("\n")) {
                        String c = lang.isEmpty() ? (cmd.startsWith("$ ") ? cmd.substring(2) : null) : cmd.strip();
                        if (c == null || c.isBlank() || c.startsWith("#") || notRun(c) != null) {
                            continue;
                        }
                        tests.add(DynamicTest.dynamicTest(name + " line " + line + ": " + c, () -> runShell(c)));
                    }
                }
            }
            if (java.length() > 0) {
                String script = java.toString();
                tests.add(DynamicTest.dynamicTest(name + ": the java examples", () -> runJava(name, script)));
            }
        }
        return tests.stream();
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static String notRun(String command) {
        for (String[] n : NOT_RUN) {
            if (command.startsWith(n[0])) {
                return n[1];
            }
        }
        return null;
    }

    private static final Pattern THROWS = Pattern.compile("^(\\s*)(.*;)(\\s*// WorkbenchException: .*)$");

    /**
     * A line whose comment says it fails ({@code // WorkbenchException: ...}) runs as printed inside a
     * check that it does throw that exception.
     */
    static String expectingDocumentedErrors(String script) {
        StringBuilder sb = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            Matcher m = THROWS.matcher(line);
            sb.append(m.matches() ? m.group(1) + "try { " + m.group(2)
                    + " throw new AssertionError(\"documented to fail but ran\"); } catch (mw.WorkbenchException expected) { }" + m.group(3)
                    : line).append('\n');
        }
        return sb.toString();
    }

    private static void runJava(String doc, String script) throws Exception {
        Path f = work.resolve(doc.replace(".md", "") + "-examples.jsh");
        Files.writeString(f, expectingDocumentedErrors(script));
        runShell("./mw script " + f.getFileName());
    }

    private static void runShell(String command) throws Exception {
        Path log = Files.createTempFile(work, "run", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command)
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PATH", work + File.pathSeparator + System.getenv("PATH"));
        Process p = pb.start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "timed out: " + command + "\n" + out);
        assertEquals(0, p.exitValue(), command + "\n" + out);
        assertFalse(out.contains("Exception in thread"), out);
    }
}
