package mw.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel without a Jupyter connection: evaluation, errors, completion, display data. */
class WorkbenchKernelTest {
    static WorkbenchKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new WorkbenchKernel(new JShellSession(0));
    }

    @AfterAll
    static void stop() {
        kernel.session().close();
    }

    @Test
    void executesAndReturnsTheLastExpression() {
        DisplayData d = kernel.eval("int a = 20;\nint b = 22;\na + b");
        assertEquals("42", d.getData(MIMEType.TEXT_PLAIN));
        assertEquals(null, kernel.eval("int c = 1;"), "a declaration shows nothing");
        assertEquals(null, kernel.eval("c = 5;"), "an assignment shows nothing");
        assertEquals("5", kernel.eval("c").getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void expressionLinesWithoutSemicolonRunAsTheJshellToolRunsThem() {
        JShellSession session = kernel.session();
        List<Object> echoed = new java.util.ArrayList<>();
        session.setEcho(echoed::add);
        try {
            // the README's shape: an expression line with a trailing comment, then more statements
            Object last = session.runCell("int q = 2\nq * 3   // six\nint r = q\n    + 1;\nString s = \"a\"\n    .repeat(r);\nq + r;\ns.length()", null);
            assertEquals(List.of(6), echoed, "expression lines without a semicolon that are not the last are shown; q + r; is not");
            assertEquals(3, last);
            assertTrue(session.lastValueWasBare());
            echoed.clear();
            assertEquals(7, session.runCell("q + 5;", null), "a cell's last expression is its value even with a semicolon");
            assertFalse(session.lastValueWasBare());
            assertEquals(List.of(), echoed);
        } finally {
            session.setEcho(null);
        }
    }

    @Test
    void completionOfAudioLeavesOutThePlumbing() {
        ReplacementOptions o = kernel.complete("Audio.", 6);
        List<String> r = o.getReplacements();
        assertTrue(r.stream().anyMatch(s -> s.startsWith("read(")) && r.stream().anyMatch(s -> s.startsWith("write(")), r.toString());
        assertFalse(r.stream().anyMatch(s -> s.startsWith("atomicWrite") || s.startsWith("Body") || s.startsWith("DITHER_SEED")
                || s.startsWith("writeGuarded")), r.toString());
    }

    @Test
    void nullPointerMessagesNameTheVariableNotJshellsWrapper() {
        CellException e = assertThrows(CellException.class, () -> kernel.eval("String nothing = null;\nnothing.length()"));
        assertTrue(e.getMessage().contains("\"nothing\" is null") && !e.getMessage().contains("JShell"), e.getMessage());
    }

    /** A Maven repository folder with mwtest:greeting:1.0, which depends on mwtest:words:2.0. */
    static Path fileRepository(Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        jarInRepo(dir, repo, "words", "2.0", "package words; public class Words { public static String hello() { return \"hello\"; } }",
                "", null);
        jarInRepo(dir, repo, "greeting", "1.0",
                "package greeting; public class Greeting { public static String of(String who) { return words.Words.hello() + \", \" + who; } }",
                "<dependencies><dependency><groupId>mwtest</groupId><artifactId>words</artifactId><version>2.0</version></dependency></dependencies>",
                repo.resolve("mwtest/words/2.0/words-2.0.jar"));
        return repo;
    }

    private static void jarInRepo(Path dir, Path repo, String artifact, String version, String source, String deps, Path cp)
            throws Exception {
        Path folder = Files.createDirectories(repo.resolve("mwtest").resolve(artifact).resolve(version));
        String cls = source.replaceAll("(?s).*public class (\\w+).*", "$1");
        String pkg = source.replaceAll("(?s)^package (\\w+);.*", "$1");
        Path src = Files.createDirectories(dir.resolve("src-" + artifact).resolve(pkg)).resolve(cls + ".java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes-" + artifact));
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString()));
        if (cp != null) {
            args.addAll(List.of("-cp", cp.toString()));
        }
        args.add(src.toString());
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0])));
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(folder.resolve(artifact + "-" + version + ".jar")))) {
            jar.putNextEntry(new java.util.jar.JarEntry(pkg + "/" + cls + ".class"));
            jar.write(Files.readAllBytes(classes.resolve(pkg).resolve(cls + ".class")));
            jar.closeEntry();
        }
        Files.writeString(folder.resolve(artifact + "-" + version + ".pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>mwtest</groupId><artifactId>" + artifact + "</artifactId><version>" + version + "</version>"
                + deps + "</project>");
    }

    @Test
    void mavenMagicResolvesAnArtifactWithItsDependencies(@TempDir Path dir) throws Exception {
        Path repo = fileRepository(dir);
        String old = System.getProperty("maven.repo.local");
        System.setProperty("maven.repo.local", dir.resolve("cache").toString());
        try {
            JShellSession s = new JShellSession(0);
            try {
                s.runCell("%addMavenRepo local " + repo.toUri(), null);
                assertEquals("hello, mix", s.runCell("%maven mwtest:greeting:1.0\ngreeting.Greeting.of(\"mix\")", null));
                assertTrue(Files.exists(dir.resolve("cache/mwtest/words/2.0/words-2.0.jar")), "the dependency is cached");
                CellException bad = assertThrows(CellException.class, () -> s.runCell("%maven mwtest-greeting", null));
                assertTrue(bad.getMessage().contains("group:artifact:version"), bad.getMessage());
            } finally {
                s.close();
            }
            JShellSession p = new JShellSession(0);
            try {
                String pom = "%%loadFromPOM\n<repositories><repository><id>local</id><url>" + repo.toUri() + "</url></repository></repositories>\n"
                        + "<dependencies><dependency><groupId>mwtest</groupId><artifactId>greeting</artifactId><version>1.0</version></dependency></dependencies>";
                p.runCell(pom, null);
                assertEquals("hello, POM", p.runCell("greeting.Greeting.of(\"POM\")", null));
            } finally {
                p.close();
            }
        } finally {
            if (old == null) {
                System.clearProperty("maven.repo.local");
            } else {
                System.setProperty("maven.repo.local", old);
            }
        }
    }

    @Test
    void lastCodeCharIgnoresCommentsAndLiterals() {
        assertEquals(')', JShellSession.lastCodeChar("f(x)  // done;"));
        assertEquals(';', JShellSession.lastCodeChar("f(\"a;b\"); /* x) */"));
        assertEquals('"', JShellSession.lastCodeChar("\"x;\""));
    }

    @Test
    void workbenchPackagesAreImported() {
        assertTrue(kernel.session().imports().contains("import mw.audio.*;"), kernel.session().imports().toString());
        assertTrue(kernel.session().imports().contains("import mw.io.*;"));
        DisplayData d = kernel.eval("AudioBuffer.silence(48000, ChannelLayout.STEREO, 480).frames()");
        assertEquals("480", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void stdoutGoesToSystemOut() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            kernel.eval("for (int i = 0; i < 3; i++) System.out.print(i);\nSystem.out.println(\"!\");");
        } finally {
            System.setOut(old);
        }
        assertEquals("012!", buf.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void compileErrorNamesTheLineAndHidesInternals() {
        CellException e = assertThrows(CellException.CompileError.class,
                () -> kernel.eval("int ok = 1;\n\nint bad = undefinedThing + 1;"));
        assertTrue(e.getMessage().startsWith("line 3: cannot find symbol"), e.getMessage());
        String all = String.join("\n", kernel.formatError(e));
        assertTrue(all.contains("undefinedThing"), all);
        assertFalse(all.contains("jdk.jshell") || all.contains("mw.kernel"), all);
    }

    @Test
    void runtimeErrorNamesTheExceptionAndTheLine() {
        CellException.EvaluationError e = assertThrows(CellException.EvaluationError.class,
                () -> kernel.eval("int[] xs = new int[2];\nint y = 1;\nxs[y + 5] = 3;"));
        assertEquals("java.lang.ArrayIndexOutOfBoundsException", e.exceptionClass());
        assertTrue(e.getMessage().startsWith("line 3: ArrayIndexOutOfBoundsException"), e.getMessage());
        String all = String.join("\n", kernel.formatError(e));
        assertFalse(all.contains("jdk.jshell") || all.contains("mw.kernel.") || all.contains("reflect"), all);
    }

    @Test
    void workbenchExceptionFromTheLibraryIsReadable() {
        CellException.EvaluationError e = assertThrows(CellException.EvaluationError.class,
                () -> kernel.eval("var x = Audio.read(\"/no/such/file.wav\");"));
        assertTrue(e.getMessage().contains("WorkbenchException") && e.getMessage().contains("/no/such/file.wav"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("line 1"), e.getMessage());
    }

    @Test
    void errorInAMethodDeclaredEarlierPointsIntoIt() {
        kernel.eval("int boom(int n) {\n  return 10 / n;\n}");
        CellException e = assertThrows(CellException.EvaluationError.class, () -> kernel.eval("boom(0)"));
        String all = String.join("\n", kernel.formatError(e));
        assertTrue(all.contains("ArithmeticException"), all);
        assertTrue(all.contains("at boom"), all);
    }

    @Test
    void completesMembersAndNames() {
        String code = "int total = 1;\nAudio.rea";
        ReplacementOptions o = kernel.complete(code, code.length());
        assertTrue(o.getReplacements().stream().anyMatch(s -> s.startsWith("read(")), o.getReplacements().toString());
        assertEquals(code.length() - 3, o.getSourceStart());
        assertEquals(code.length(), o.getSourceEnd());
        kernel.eval("double loudnessTargetLufs = -14;");
        ReplacementOptions v = kernel.complete("loudnessTar", 11);
        assertEquals(List.of("loudnessTargetLufs"), v.getReplacements());
    }

    @Test
    void inspectsSignatures() {
        DisplayData d = kernel.inspect("Math.max(", 9, false);
        assertNotNull(d);
        assertTrue(String.valueOf(d.getData(MIMEType.TEXT_PLAIN)).contains("max(int"), String.valueOf(d.getData(MIMEType.TEXT_PLAIN)));
    }

    @Test
    void isCompleteFollowsJavaSyntax() {
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int x = 1;"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("%timeout 5\nint x = 1;"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
    }

    @Test
    void chartDisplayDataIsPng() {
        DisplayData d = kernel.eval("var chart = new XYChartBuilder().width(320).height(200).title(\"t\").build();\n"
                + "chart.addSeries(\"s\", new double[] {1, 2, 3}, new double[] {3, 1, 2});\n"
                + "chart");
        String b64 = (String) d.getData(MIMEType.IMAGE_PNG);
        assertNotNull(b64, "image/png in " + d);
        byte[] png = Base64.getDecoder().decode(b64);
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
    }

    @Test
    void tableDisplayDataIsHtml() {
        DisplayData d = kernel.eval("Table.create(\"t\", DoubleColumn.create(\"lufs\", -14.0, -16.0))");
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertNotNull(html);
        assertTrue(html.contains("<table") && html.contains("<th>LUFS</th>") && html.contains("-16"), html);
    }

    @Test
    void recordDeclaredInTheNotebookRendersAsHtml() {
        DisplayData d = kernel.eval("record Band(double centreHz, double levelDb) {}\nnew Band(1000, -12.5)");
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<th>Centre (Hz)</th>") && html.contains("<td>-12.5</td>"), html);
    }

    @Test
    void timeoutStopsARunawayCellAndTheKernelGoesOn() {
        kernel.eval("%timeout 1");
        try {
            long t0 = System.nanoTime();
            CellException e = assertThrows(CellException.Timeout.class, () -> kernel.eval("long n = 0;\nwhile (true) { n++; }"));
            assertTrue(e.getMessage().contains("time limit of 1 s"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(8));
        } finally {
            kernel.eval("%timeout 0");
        }
        assertEquals("2", kernel.eval("1 + 1").getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void interruptStopsASleepingCell() throws Exception {
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                kernel.eval("Thread.sleep(60_000);");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(700);
        kernel.interrupt();
        Throwable t = run.get(10, TimeUnit.SECONDS);
        assertTrue(t instanceof CellException.Interrupted, String.valueOf(t));
        assertEquals("3", kernel.eval("1 + 2").getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void classpathMagicAddsAFolderOfClasses(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/extra/Greeter.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package extra; public class Greeter { public static String hi() { return \"hello from a jar\"; } }");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        assertEquals(0, rc);
        DisplayData d = kernel.eval("%classpath " + classes + "\nextra.Greeter.hi()");
        assertEquals("hello from a jar", d.getData(MIMEType.TEXT_PLAIN));
        assertThrows(CellException.class, () -> kernel.eval("%classpath " + dir.resolve("missing.jar")));
    }

    @Test
    void loadMagicRunsAJshFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("helpers.jsh");
        Files.writeString(f, "// helpers\ndouble dbToLinear(double db) {\n  return Math.pow(10, db / 20);\n}\n");
        kernel.eval("%load " + f);
        assertEquals("10.0", kernel.eval("dbToLinear(20)").getData(MIMEType.TEXT_PLAIN));
        Path bad = dir.resolve("bad.jsh");
        Files.writeString(bad, "int a = 1;\nint b = nope;\n");
        CellException e = assertThrows(CellException.class, () -> kernel.eval("%load " + bad));
        assertTrue(e.getMessage().contains("bad.jsh line 2"), e.getMessage());
    }
}
