package mw.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import mw.WorkbenchException;

/**
 * A JShell session that runs in this JVM with the workbench on its class path and its packages
 * imported. It evaluates cells (several snippets, magic lines), returns the last expression's real
 * object, and turns failures into {@link CellException}s that name the cell line. Used by the Jupyter
 * kernel and by {@code mw script}; it knows nothing about Jupyter.
 *
 * <p>Magic lines (a line whose first non-blank character is {@code %}):
 * {@code %classpath PATH...} adds jars, folders of classes, or every jar in a folder ({@code dir/*});
 * {@code %load FILE.jsh} evaluates a JShell file; {@code %timeout SECONDS} sets the cell time limit
 * (0 = none); {@code %imports} lists the default imports.
 */
public final class JShellSession implements AutoCloseable {
    /** Workbench packages imported on demand when they exist in this build. */
    public static final List<String> WORKBENCH_PACKAGES = List.of(
            "mw", "mw.audio", "mw.io", "mw.loudness", "mw.analysis", "mw.processing", "mw.platforms",
            "mw.matching", "mw.assistant", "mw.live", "mw.repair", "mw.catalog", "mw.workflow", "mw.view");
    /** Other imports every session starts with: the jshell tool's defaults, tables, charts, display. */
    public static final List<String> EXTRA_IMPORTS = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.regex.*;", "import java.util.stream.*;",
            "import tech.tablesaw.api.*;", "import org.knowm.xchart.*;", "import mw.kernel.Listen;",
            "import static mw.kernel.Notebook.*;");

    /** Returned by {@link #eval} when the last snippet has no value to show. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "(no value)";
        }
    };

    private final CellExecutionControl control;
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final List<String> imports = new ArrayList<>();
    private final Set<String> classpath = new LinkedHashSet<>();
    /** Snippet id to where it came from, for stack traces into earlier cells. */
    private final Map<String, Origin> snippetOrigins = new LinkedHashMap<>();

    /** Where a snippet's text came from: a cell (by number) or a file, and its first line there. */
    private record Origin(String source, int firstLine) {
    }
    private final List<DeclarationSnippet> pendingDeclarations = new ArrayList<>();
    /** Shown the value of each expression line without a semicolon that is not the cell's last. */
    private volatile java.util.function.Consumer<Object> echo;
    private Object pendingEcho;
    private boolean lastValueBare;
    private volatile boolean interruptRequested;
    private int cellNumber;

    /**
     * A session with the JVM's own class path.
     *
     * @param cellTimeoutSeconds time limit of one snippet, 0 for none
     */
    public JShellSession(double cellTimeoutSeconds) {
        this.control = new CellExecutionControl(Math.round(Math.max(0, cellTimeoutSeconds) * 1000));
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "mw-in-process";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .out(System.out).err(System.err)
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        this.analysis = shell.sourceCodeAnalysis();
        for (String entry : jvmClasspath()) {
            addClasspathEntry(entry);
        }
        for (String pkg : WORKBENCH_PACKAGES) {
            tryImport("import " + pkg + ".*;");
        }
        for (String imp : EXTRA_IMPORTS) {
            tryImport(imp);
        }
    }

    /** The time limit for one cell's snippets, from {@code -Dmw.kernel.cellTimeoutSeconds} or the environment. */
    public static double defaultCellTimeoutSeconds() {
        String v = System.getProperty("mw.kernel.cellTimeoutSeconds", System.getenv("MW_CELL_TIMEOUT_SECONDS"));
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * This JVM's class path, with the {@code Class-Path} manifest entries of its jars followed as the
     * JVM follows them (test runners start JVMs through a manifest-only jar).
     */
    static List<String> jvmClasspath() {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            out.add(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry)) {
                    java.util.jar.Manifest m = jar.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH);
                    if (cp != null) {
                        java.net.URI base = Path.of(entry).toAbsolutePath().getParent().toUri();
                        for (String u : cp.trim().split("\\s+")) {
                            try {
                                Path p = Path.of(base.resolve(u));
                                if (Files.exists(p)) {
                                    out.add(p.toString());
                                }
                            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException ignored) {
                                // not a file URL: nothing JShell could use
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // an unreadable jar adds nothing
                }
            }
        }
        return out;
    }

    private void tryImport(String source) {
        List<SnippetEvent> events = shell.eval(source);
        if (!events.isEmpty() && events.get(0).status() == Snippet.Status.VALID) {
            imports.add(source);
        } else if (!events.isEmpty()) {
            shell.drop(events.get(0).snippet());
        }
    }

    /** The imports the session started with (only packages that exist in this build). */
    public List<String> imports() {
        return Collections.unmodifiableList(imports);
    }

    /** Class path entries added so far. */
    public Set<String> classpath() {
        return Collections.unmodifiableSet(classpath);
    }

    private void addClasspathEntry(String entry) {
        if (classpath.add(entry)) {
            shell.addToClasspath(entry);
        }
    }

    /**
     * Adds a jar, a folder of classes, or every jar in a folder (written {@code dir/*}) to the class
     * path of the code that follows.
     *
     * @return the entries added
     */
    public List<String> addToClasspath(String spec) {
        List<String> added = new ArrayList<>();
        String s = spec.trim();
        if (s.endsWith("/*") || s.endsWith(File.separator + "*")) {
            Path dir = Path.of(s.substring(0, s.length() - 2)).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new WorkbenchException(dir, "is not a folder; %classpath accepts a jar, a folder of classes, or dir/* for every jar in a folder");
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
                        .forEach(p -> added.add(p.toString()));
            } catch (IOException e) {
                throw new WorkbenchException(dir, "cannot be listed: " + e.getMessage());
            }
        } else {
            Path p = Path.of(s).toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw new WorkbenchException(p, "does not exist; %classpath accepts a jar, a folder of classes, or dir/* for every jar in a folder");
            }
            added.add(p.toString());
        }
        added.forEach(this::addClasspathEntry);
        return added;
    }

    /** Sets the time limit of one snippet in seconds (0 = none). */
    public void setCellTimeoutSeconds(double seconds) {
        WorkbenchException.checkRange("cell timeout (s)", seconds, 0, 7 * 24 * 3600);
        control.setTimeoutMillis(Math.round(seconds * 1000));
    }

    public double cellTimeoutSeconds() {
        return control.timeoutMillis() / 1000.0;
    }

    /** Asks the running cell to stop (interrupt, then harder; see {@link CellExecutionControl}). */
    public void interrupt() {
        interruptRequested = true;
        control.interrupt();
    }

    /**
     * Runs a cell: Java snippets and magic lines. Returns the value of the last snippet when it is an
     * expression, else {@link #NO_VALUE}.
     *
     * @param cell       the cell's text
     * @param sourceName what to call the text in messages ({@code null}: "line N" of the cell)
     */
    public Object runCell(String cell, String sourceName) {
        interruptRequested = false;
        cellNumber++;
        pendingDeclarations.clear();
        pendingEcho = null;
        lastValueBare = false;
        try {
            return runText(cell, sourceName);
        } finally {
            pendingEcho = null;   // the cell's own value: the caller shows it
            // a declaration may use one declared further down: only what is still unresolved is worth a note
            for (DeclarationSnippet d : pendingDeclarations) {
                Snippet.Status st = shell.status(d);
                if (st == Snippet.Status.RECOVERABLE_DEFINED || st == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    System.err.println("note: " + d.name() + " is declared but cannot be used until "
                            + String.join(", ", shell.unresolvedDependencies(d).toList()) + " is declared");
                }
            }
            pendingDeclarations.clear();
        }
    }

    /**
     * Where the values of expression lines written without a semicolon go when they are not the last
     * snippet of a cell (as the jshell tool shows them): the kernel displays them, scripts print them.
     * {@code null} (the default) drops them.
     */
    public void setEcho(java.util.function.Consumer<Object> echo) {
        this.echo = echo;
    }

    /** Whether the value {@link #runCell} last returned came from an expression line without a semicolon. */
    public boolean lastValueWasBare() {
        return lastValueBare;
    }

    private void flushEcho() {
        Object v = pendingEcho;
        pendingEcho = null;
        java.util.function.Consumer<Object> e = echo;
        if (v != null && e != null) {
            e.accept(v);
        }
    }

    private final MavenDependencies maven = new MavenDependencies();

    private Object runText(String cell, String sourceName) {
        String stripped = cell.stripLeading();
        if (stripped.startsWith("%%")) {
            String first = stripped.lines().findFirst().orElse("").strip();
            String body = stripped.substring(stripped.indexOf(first) + first.length());
            if (first.equals("%%loadFromPOM")) {
                try {
                    return loadFromPom(body);
                } catch (WorkbenchException e) {
                    throw new CellException.EvaluationError(WorkbenchException.class.getName(),
                            where(sourceName, 1) + ": " + e.getMessage(), List.of());
                }
            }
            throw new CellException.EvaluationError(WorkbenchException.class.getName(), where(sourceName, 1)
                    + ": unknown cell magic " + first + "; accepted: %%loadFromPOM", List.of());
        }
        String[] lines = cell.split("\n", -1);
        StringBuilder code = new StringBuilder();
        int codeFirstLine = 1;
        Object value = NO_VALUE;
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (trimmed.startsWith("%") && !trimmed.startsWith("%%")) {
                if (!code.toString().isBlank()) {
                    value = eval(code.toString(), codeFirstLine, sourceName);
                }
                flushEcho();
                lastValueBare = false;
                value = magic(trimmed.substring(1), i + 1, sourceName);
                code.setLength(0);
                codeFirstLine = i + 2;
            } else {
                code.append(lines[i]).append('\n');
            }
        }
        if (!code.toString().isBlank()) {
            value = eval(code.toString(), codeFirstLine, sourceName);
        }
        return value;
    }

    private Object magic(String line, int lineNumber, String sourceName) {
        List<String> words = splitArgs(line);
        String name = words.isEmpty() ? "" : words.get(0);
        List<String> args = words.subList(Math.min(1, words.size()), words.size());
        try {
            switch (name) {
                case "classpath", "jars", "cp" -> {
                    if (args.isEmpty()) {
                        throw new WorkbenchException("%classpath needs a jar, a folder of classes, or dir/*");
                    }
                    List<String> added = new ArrayList<>();
                    for (String a : args) {
                        added.addAll(addToClasspath(a));
                    }
                    System.out.println("added to the class path: " + String.join(", ", added));
                    return NO_VALUE;
                }
                case "maven" -> {
                    if (args.isEmpty()) {
                        throw new WorkbenchException("%maven needs group:artifact:version (one or more)");
                    }
                    addResolved(maven.resolve(args));
                    return NO_VALUE;
                }
                case "addMavenRepo" -> {
                    if (args.size() != 2) {
                        throw new WorkbenchException("%addMavenRepo needs an id and a URL, e.g. %addMavenRepo jitpack https://jitpack.io");
                    }
                    maven.addRepository(args.get(0), args.get(1));
                    System.out.println("Maven repositories: " + String.join("; ", maven.repositoryUrls()));
                    return NO_VALUE;
                }
                case "load" -> {
                    if (args.size() != 1) {
                        throw new WorkbenchException("%load needs one .jsh file");
                    }
                    Path file = Path.of(args.get(0));
                    if (!file.isAbsolute() && !Files.exists(file)
                            && Files.exists(Notebook.projectFile("notebooks").resolve(file))) {
                        file = Notebook.projectFile("notebooks").resolve(file);
                    }
                    return loadFile(file);
                }
                case "timeout" -> {
                    if (args.size() != 1) {
                        System.out.println(String.format(Locale.ROOT, "cell time limit: %s",
                                cellTimeoutSeconds() == 0 ? "none" : cellTimeoutSeconds() + " s"));
                        return NO_VALUE;
                    }
                    double s;
                    try {
                        s = Double.parseDouble(args.get(0));
                    } catch (NumberFormatException e) {
                        throw new WorkbenchException("%timeout needs a number of seconds (0 = no limit), not '" + args.get(0) + "'");
                    }
                    setCellTimeoutSeconds(s);
                    return NO_VALUE;
                }
                case "imports" -> {
                    imports.forEach(System.out::println);
                    return NO_VALUE;
                }
                default -> throw new WorkbenchException("unknown magic %" + name
                        + "; accepted: %classpath (%jars), %maven, %addMavenRepo, %load, %timeout, %imports, and the cell magic %%loadFromPOM");
            }
        } catch (WorkbenchException e) {
            throw new CellException.EvaluationError(WorkbenchException.class.getName(),
                    where(sourceName, lineNumber) + ": " + e.getMessage(), List.of());
        }
    }

    private void addResolved(List<Path> jars) {
        List<String> added = new ArrayList<>();
        for (Path j : jars) {
            if (!classpath.contains(j.toString())) {
                addClasspathEntry(j.toString());
                added.add(j.getFileName().toString());
            }
        }
        System.out.println(added.isEmpty() ? "already on the class path" : "added to the class path: " + String.join(", ", added));
    }

    /**
     * {@code %%loadFromPOM}: the cell is a POM, or its {@code <dependencies>}/{@code <dependency>} and
     * {@code <repositories>} parts; the repositories are added and the dependencies resolved.
     */
    private Object loadFromPom(String xml) {
        String text = xml.strip();
        if (!text.startsWith("<project")) {
            text = "<project>" + text + "</project>";
        }
        org.w3c.dom.Document doc;
        try {
            var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(text)));
        } catch (Exception e) {
            throw new WorkbenchException("%%loadFromPOM: the cell is not well-formed XML (" + e.getMessage()
                    + "); accepted: a POM or its <dependencies> and <repositories>");
        }
        var repos = doc.getElementsByTagName("repository");
        for (int i = 0; i < repos.getLength(); i++) {
            var r = (org.w3c.dom.Element) repos.item(i);
            maven.addRepository(child(r, "id", "repo" + i), child(r, "url", ""));
        }
        List<String> coords = new ArrayList<>();
        var deps = doc.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            var d = (org.w3c.dom.Element) deps.item(i);
            String scope = child(d, "scope", "compile");
            if (scope.equals("test") || scope.equals("provided") || scope.equals("system")) {
                continue;
            }
            String type = child(d, "type", "jar");
            String classifier = child(d, "classifier", "");
            coords.add(child(d, "groupId", "") + ":" + child(d, "artifactId", "") + ":" + type
                    + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + child(d, "version", ""));
        }
        if (coords.isEmpty()) {
            throw new WorkbenchException("%%loadFromPOM: no <dependency> in the cell");
        }
        addResolved(maven.resolve(coords));
        return NO_VALUE;
    }

    private static String child(org.w3c.dom.Element e, String tag, String otherwise) {
        var l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? otherwise : l.item(0).getTextContent().strip();
    }

    /** Evaluates a JShell file (a study script) in this session. */
    public Object loadFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkbenchException(file, "cannot be read: " + e.getMessage());
        }
        return runText(text, file.toString());
    }

    static List<String> splitArgs(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    /**
     * Evaluates Java source (one or more snippets, no magics).
     *
     * @param firstLine the line of the cell where {@code source} starts (1-based)
     */
    public Object eval(String source, int firstLine, String sourceName) {
        Object value = NO_VALUE;
        for (int[] chunk : statementChunks(source)) {
            value = evalChunk(source.substring(chunk[0], chunk[1]), firstLine + countLines(source, chunk[0]), sourceName);
        }
        return value;
    }

    /**
     * Cuts source text where the jshell tool would run it: at the end of a line once what came before is
     * complete, so an expression line without a semicolon ({@code Loudness.of(mix)   // comment}) is a
     * snippet of its own. Unlike the tool, a line that begins by continuing the previous one (a leading
     * {@code .}, an operator, {@code else}, {@code catch}, {@code finally}) joins it, so fluent chains
     * written with the dot first still work.
     *
     * @return [start, end) offsets of each chunk
     */
    List<int[]> statementChunks(String source) {
        List<int[]> chunks = new ArrayList<>();
        int start = 0;
        int pos = 0;
        while (pos < source.length()) {
            int nl = source.indexOf('\n', pos);
            int lineEnd = nl < 0 ? source.length() : nl + 1;
            String sofar = source.substring(start, lineEnd);
            if (endsComplete(sofar) && !continuesPrevious(source, lineEnd)) {
                chunks.add(new int[] {start, lineEnd});
                start = lineEnd;
            }
            pos = lineEnd;
        }
        if (start < source.length() && !source.substring(start).isBlank()) {
            chunks.add(new int[] {start, source.length()});
        }
        return chunks;
    }

    /** Whether text is a whole number of complete snippets (blank or comments only counts as not yet). */
    private boolean endsComplete(String text) {
        String rest = text;
        boolean any = false;
        while (true) {
            int skip = skipBlankAndComments(rest);
            if (skip >= rest.length()) {
                return any && !unclosedComment(rest);
            }
            SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(rest);
            switch (ci.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    if (ci.remaining().length() >= rest.length()) {
                        return false;
                    }
                    rest = ci.remaining();
                    any = true;
                }
                case EMPTY -> {
                    return any;
                }
                default -> {
                    return false;
                }
            }
        }
    }

    /** The last character of code in Java source, outside comments and literals (0 when none). */
    static char lastCodeChar(String src) {
        char last = 0;
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                int nl = src.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                last = '"';
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                last = c;
            } else {
                if (!Character.isWhitespace(c)) {
                    last = c;
                }
                i++;
            }
        }
        return last;
    }

    private static boolean unclosedComment(String s) {
        int open = s.lastIndexOf("/*");
        return open >= 0 && s.indexOf("*/", open + 2) < 0;
    }

    private static final java.util.regex.Pattern CONTINUATION = java.util.regex.Pattern.compile(
            "^(\\.(?!\\.)|\\?|:(?!:)|&&|\\|\\||\\+|-(?!-)|\\*|/(?![/*])|%|==|!=|\\^|&|\\||\\)|\\]|,|else\\b|catch\\b|finally\\b|instanceof\\b)");

    /** Whether the next line with code starts by continuing what came before it. */
    private static boolean continuesPrevious(String source, int from) {
        String rest = source.substring(from);
        int skip = skipBlankAndComments(rest);
        return skip < rest.length() && CONTINUATION.matcher(rest.substring(skip)).lookingAt();
    }

    private Object evalChunk(String source, int firstLine, String sourceName) {
        Object value = NO_VALUE;
        String remaining = source;
        int offset = 0;
        while (!remaining.isBlank()) {
            if (interruptRequested) {
                throw new CellException.Interrupted("interrupted", List.of());
            }
            int skip = skipBlankAndComments(remaining);
            if (skip >= remaining.length()) {
                break;
            }
            SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(remaining);
            String snippetSource;
            int consumed;
            if (ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            } else if (ci.completeness().isComplete()) {
                consumed = remaining.length() - ci.remaining().length();
                snippetSource = remaining.substring(skip, Math.max(skip, consumed));
                if (ci.completeness() == SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) {
                    snippetSource = snippetSource + ";";
                }
            } else {
                consumed = remaining.length();
                snippetSource = remaining.substring(skip);
            }
            int startLine = firstLine + countLines(source, offset + skip);
            flushEcho();
            value = evalSnippet(snippetSource, startLine, sourceName, source, firstLine);
            lastValueBare = value != NO_VALUE && lastCodeChar(snippetSource) != ';';
            if (lastValueBare) {
                pendingEcho = value;
            }
            offset += consumed;
            remaining = remaining.substring(consumed);
            if (consumed == 0) {
                break;
            }
        }
        return value;
    }

    private Object evalSnippet(String src, int startLine, String sourceName, String wholeSource, int firstLine) {
        List<SnippetEvent> events = shell.eval(src);
        CellExecutionControl.Stop stop = control.takeStop();
        boolean abandoned = control.takeAbandoned();
        try {
            if (stop != null) {
                List<String> details = new ArrayList<>();
                if (abandoned) {
                    details.add("the cell's thread did not stop and keeps running in the background; restart the kernel to end it");
                }
                String at = " (" + where(sourceName, startLine) + ")";
                if (stop == CellExecutionControl.Stop.TIMEOUT) {
                    throw new CellException.Timeout(String.format(Locale.ROOT,
                            "stopped after the cell time limit of %s s%s; change it with %%timeout SECONDS",
                            fmt(cellTimeoutSeconds()), at), details);
                }
                throw new CellException.Interrupted("interrupted" + at, details);
            }
            Object value = NO_VALUE;
            for (SnippetEvent e : events) {
                if (e.causeSnippet() != null) {
                    continue;
                }
                Snippet s = e.snippet();
                snippetOrigins.put(s.id(), new Origin(sourceName != null ? sourceName : "cell [" + cellNumber + "]", startLine));
                if (e.status() == Snippet.Status.REJECTED) {
                    throw compileError(s, src, startLine, sourceName);
                }
                if (e.exception() != null) {
                    throw runtimeError(e.exception(), src, startLine, sourceName, s.id());
                }
                if ((e.status() == Snippet.Status.RECOVERABLE_DEFINED
                        || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) && s instanceof DeclarationSnippet d) {
                    pendingDeclarations.add(d);
                }
                value = NO_VALUE;
                if (shows(s) && CellExecutionControl.isKey(e.value())) {
                    Object v = control.take(e.value());
                    value = v == null ? NO_VALUE : v;
                }
            }
            return value;
        } finally {
            control.clearValues();
        }
    }

    private static boolean shows(Snippet s) {
        if (s instanceof ExpressionSnippet) {
            return s.subKind() != Snippet.SubKind.ASSIGNMENT_SUBKIND;
        }
        return s instanceof VarSnippet && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private CellException compileError(Snippet s, String src, int startLine, String sourceName) {
        List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).toList();
        if (diags.isEmpty()) {
            return new CellException.CompileError(where(sourceName, startLine) + ": the code was rejected", List.of());
        }
        List<String> details = new ArrayList<>();
        String first = null;
        String[] srcLines = src.split("\n", -1);
        for (Diag d : diags) {
            long pos = Math.max(0, Math.min(d.getStartPosition(), src.length()));
            int lineInSnippet = countLines(src, (int) pos);
            int col = (int) pos - (src.lastIndexOf('\n', (int) pos - 1) + 1);
            String msg = d.getMessage(Locale.ROOT);
            String head = where(sourceName, startLine + lineInSnippet) + ": " + msg.lines().findFirst().orElse("");
            if (first == null) {
                first = head;
            } else {
                details.add(head);
            }
            msg.lines().skip(1).filter(l -> !l.strip().startsWith("location: class")).forEach(l -> details.add("    " + l.strip()));
            if (lineInSnippet < srcLines.length) {
                String codeLine = srcLines[lineInSnippet];
                details.add("    " + codeLine);
                details.add("    " + " ".repeat(Math.max(0, Math.min(col, codeLine.length()))) + "^");
            }
        }
        return new CellException.CompileError(first, details);
    }

    private CellException runtimeError(JShellException ex, String src, int startLine, String sourceName,
                                       String currentId) {
        if (ex instanceof UnresolvedReferenceException u) {
            DeclarationSnippet d = u.getSnippet();
            String missing = String.join(", ", shell.unresolvedDependencies(d).toList());
            return new CellException.EvaluationError(UnresolvedReferenceException.class.getName(),
                    where(sourceName, startLine) + ": " + d.name() + " cannot be used until " + missing + " is declared",
                    List.of());
        }
        EvalException e = (EvalException) ex;
        String cls = e.getExceptionClassName();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        String msg = e.getMessage();
        List<String> details = new ArrayList<>();
        int userLine = startLine;
        boolean sawUser = false;
        List<String> pendingLib = new ArrayList<>();
        StackTraceElement[] frames = e.getStackTrace();
        String[] srcLines = src.split("\n", -1);
        for (int i = 0; i < frames.length; i++) {
            StackTraceElement f = frames[i];
            String file = f.getFileName();
            if (file != null && file.startsWith("#")) {
                details.addAll(pendingLib);
                pendingLib.clear();
                String id = file.substring(1);
                int line = Math.max(1, f.getLineNumber());
                boolean thisSnippet = id.equals(currentId);
                String method = f.getMethodName();
                if (thisSnippet) {
                    int cellLine = startLine + line - 1;
                    if (!sawUser) {
                        userLine = cellLine;
                    }
                    String code = line - 1 < srcLines.length ? srcLines[line - 1].strip() : "";
                    boolean topLevel = method.isEmpty() || method.startsWith("do_it$") || method.startsWith("<");
                    add(details, "  at " + where(sourceName, cellLine) + (topLevel ? "" : " (in " + method + ")") + ": " + code);
                } else {
                    Origin o = snippetOrigins.get(id);
                    add(details, "  at " + method + (o == null ? " (declared in an earlier cell)"
                            : " (" + o.source() + ", line " + (o.firstLine() + line - 1) + ")"));
                }
                sawUser = true;
            } else if (!sawUser && !hidden(f) && pendingLib.size() < 2 && !cls.equals(WorkbenchException.class.getName())) {
                pendingLib.add("  at " + f);
            }
        }
        if (!sawUser) {
            details.addAll(pendingLib);
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            String cn = c instanceof EvalException ce ? ce.getExceptionClassName() : c.getClass().getName();
            details.add("caused by " + cn + (c.getMessage() == null ? "" : ": " + withoutWrapperNames(c.getMessage())));
        }
        msg = withoutWrapperNames(msg);
        String head = where(sourceName, userLine) + ": " + simple + (msg == null || msg.isBlank() ? "" : ": " + msg);
        return new CellException.EvaluationError(cls, head, details);
    }

    private static final java.util.regex.Pattern WRAPPER = java.util.regex.Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]?[.$]");

    /**
     * A message without the names JShell gives its wrapper classes: a helpful NullPointerException says
     * {@code "REPL.$JShell$11.mix" is null}, which reads {@code "mix" is null} here.
     */
    static String withoutWrapperNames(String message) {
        return message == null ? null : WRAPPER.matcher(message).replaceAll("");
    }

    private static void add(List<String> lines, String line) {
        if (lines.isEmpty() || !lines.get(lines.size() - 1).equals(line)) {
            lines.add(line);
        }
    }

    private static boolean hidden(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("mw.kernel.") || c.startsWith("jdk.jshell.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("jdk.internal.") || c.startsWith("sun.reflect.") || c.equals("java.lang.Thread");
    }

    private static String where(String sourceName, int line) {
        return sourceName == null ? "line " + line : sourceName + " line " + line;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static int countLines(String s, int end) {
        int n = 0;
        for (int i = 0; i < end && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Length of the leading blanks and comments of {@code s}. */
    static int skipBlankAndComments(String s) {
        int i = 0;
        while (i < s.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
            } else if (s.startsWith("//", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl + 1;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    return i;
                }
                i = end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** Completion candidates and the range of the cell they replace. */
    public record Completions(List<String> options, int start, int end) {
    }

    /** Completions at {@code cursor} using JShell's source analysis. */
    public Completions complete(String cell, int cursor) {
        String code = blankMagicLines(cell);
        int start = snippetStart(code, cursor);
        String snippet = code.substring(start, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(snippet, snippet.length(), anchor);
        boolean anyTyped = suggestions.stream().anyMatch(SourceCodeAnalysis.Suggestion::matchesType);
        Class<?> qualifier = staticQualifier(snippet.substring(0, anchor[0]));
        LinkedHashSet<String> options = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            if ((!anyTyped || s.matchesType()) && !internal(qualifier, s.continuation())) {
                options.add(s.continuation());
            }
        }
        return new Completions(new ArrayList<>(options), start + anchor[0], cursor);
    }

    private static final java.util.regex.Pattern QUALIFIER = java.util.regex.Pattern.compile("([A-Z][A-Za-z0-9_]*)\\.\\s*$");

    /** The workbench class named just before a dot ({@code Audio.}), or null. */
    private Class<?> staticQualifier(String before) {
        java.util.regex.Matcher m = QUALIFIER.matcher(before);
        if (!m.find()) {
            return null;
        }
        for (String pkg : WORKBENCH_PACKAGES) {
            try {
                return Class.forName(pkg + "." + m.group(1), false, JShellSession.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // not in this package
            }
        }
        return null;
    }

    /** Whether every member of {@code type} with this name is marked {@link mw.Internal}. */
    private static boolean internal(Class<?> type, String continuation) {
        if (type == null) {
            return false;
        }
        String name = continuation.replaceAll("[(].*$", "");
        boolean any = false;
        boolean allInternal = true;
        for (java.lang.reflect.Method method : type.getMethods()) {
            if (method.getName().equals(name)) {
                any = true;
                allInternal &= method.isAnnotationPresent(mw.Internal.class);
            }
        }
        for (java.lang.reflect.Field f : type.getFields()) {
            if (f.getName().equals(name)) {
                any = true;
                allInternal &= f.isAnnotationPresent(mw.Internal.class);
            }
        }
        for (Class<?> c : type.getClasses()) {
            if (c.getSimpleName().equals(name)) {
                any = true;
                allInternal &= c.isAnnotationPresent(mw.Internal.class);
            }
        }
        return any && allInternal;
    }

    /** Signatures (and Javadoc when available) of what is at {@code cursor}. */
    public List<String> documentation(String cell, int cursor, boolean detail) {
        String code = blankMagicLines(cell);
        int start = snippetStart(code, cursor);
        String snippet = code.substring(start, cursor);
        List<String> out = new ArrayList<>();
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(snippet, snippet.length(), detail);
        if (docs.isEmpty() && !snippet.isEmpty() && Character.isJavaIdentifierPart(snippet.charAt(snippet.length() - 1))) {
            // the cursor on a method name (Math.max): JShell documents a call, so ask as if it were one
            docs = analysis.documentation(snippet + "(", snippet.length() + 1, detail);
        }
        for (SourceCodeAnalysis.Documentation d : docs) {
            out.add(d.signature() + (d.javadoc() == null || d.javadoc().isBlank() ? "" : "\n" + d.javadoc()));
        }
        return out;
    }

    /**
     * Whether a cell is ready to run: {@code "complete"}, {@code "invalid"}, {@code "unknown"}, or the
     * indent to continue an incomplete cell with.
     */
    public String isComplete(String cell) {
        String code = blankMagicLines(cell);
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(remaining);
            switch (ci.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> remaining = ci.remaining();
                case EMPTY -> {
                    return "complete";
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return "    ";
                }
                default -> {
                    return "invalid";
                }
            }
        }
        return "complete";
    }

    private static String blankMagicLines(String cell) {
        StringBuilder sb = new StringBuilder(cell.length());
        for (String line : cell.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(line.strip().startsWith("%") ? " ".repeat(line.length()) : line);
        }
        return sb.toString();
    }

    private int snippetStart(String code, int cursor) {
        int start = 0;
        while (start < cursor) {
            String rest = code.substring(start, cursor);
            SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(rest);
            if (!ci.completeness().isComplete() || ci.remaining().isEmpty()) {
                break;
            }
            int consumed = rest.length() - ci.remaining().length();
            if (consumed <= 0) {
                break;
            }
            start += consumed;
        }
        return start;
    }

    @Override
    public void close() {
        shell.close();
    }
}
