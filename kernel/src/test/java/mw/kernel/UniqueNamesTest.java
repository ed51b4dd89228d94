package mw.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import mw.WorkbenchException;
import org.junit.jupiter.api.Test;

/**
 * A notebook imports every workbench package with a wildcard, so a public class name that exists in two
 * of them (or in one of them and in {@code java.util}, Tablesaw's or XChart's API) cannot be used
 * without its package. This compiles a reference to every public class of the library under exactly the
 * imports a session starts with, so a future duplicate fails the build.
 */
class UniqueNamesTest {
    /** Fully qualified names of the library's public top-level classes, keyed by package. */
    private static Map<String, List<String>> publicClasses() throws Exception {
        URI location = WorkbenchException.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        Path root = Path.of(location);
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> entries.add(root.relativize(f).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                jar.stream().forEach(e -> entries.add(e.getName()));
            }
        }
        Map<String, List<String>> byPackage = new TreeMap<>();
        for (String e : entries) {
            if (!e.endsWith(".class") || e.contains("$") || e.endsWith("package-info.class") || e.endsWith("module-info.class")) {
                continue;
            }
            String name = e.substring(0, e.length() - ".class".length()).replace('/', '.');
            Class<?> c = Class.forName(name, false, UniqueNamesTest.class.getClassLoader());
            if (Modifier.isPublic(c.getModifiers())) {
                byPackage.computeIfAbsent(c.getPackageName(), k -> new ArrayList<>()).add(name);
            }
        }
        return byPackage;
    }

    @Test
    void everyLibraryPackageIsImportedByTheKernel() throws Exception {
        Set<String> missing = new TreeSet<>(publicClasses().keySet());
        missing.removeAll(JShellSession.WORKBENCH_PACKAGES);
        assertTrue(missing.isEmpty(), "packages with public classes that sessions do not import: " + missing
                + "; add them to JShellSession.WORKBENCH_PACKAGES");
    }

    @Test
    void noSimpleNameIsInTwoLibraryPackages() throws Exception {
        Map<String, Set<String>> packagesOf = new TreeMap<>();
        publicClasses().forEach((pkg, names) -> names.forEach(n ->
                packagesOf.computeIfAbsent(n.substring(n.lastIndexOf('.') + 1), k -> new TreeSet<>()).add(pkg)));
        Map<String, Set<String>> twice = packagesOf.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertTrue(twice.isEmpty(), "class names in more than one package: " + twice);
    }

    @Test
    void everyPublicClassNameCompilesUnderTheSessionImports() throws Exception {
        Map<String, List<String>> classes = publicClasses();
        StringBuilder src = new StringBuilder();
        for (String pkg : classes.keySet()) {
            src.append("import ").append(pkg).append(".*;\n");
        }
        for (String imp : JShellSession.EXTRA_IMPORTS) {
            src.append(imp).append('\n');
        }
        src.append("class NotebookNames {\n    Object[] names = {\n");
        int count = 0;
        for (List<String> names : classes.values()) {
            for (String n : names) {
                src.append("        ").append(n.substring(n.lastIndexOf('.') + 1)).append(".class,\n");
                count++;
            }
        }
        src.append("    };\n}\n");
        assertTrue(count > 50, "found only " + count + " public classes");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///NotebookNames.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return src;
            }
        };
        Path out = Files.createTempDirectory("mw-names");
        try {
            List<String> options = List.of("-proc:none", "-Xlint:none", "-d", out.toString(),
                    "-classpath", String.join(java.io.File.pathSeparator, JShellSession.jvmClasspath()));
            boolean ok = javac.getTask(new StringWriter(), null, diagnostics, options, null, List.of(file)).call();
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                    .map(d -> d.getMessage(null)).collect(Collectors.joining("\n"));
            assertTrue(ok, "public class names that a notebook cannot use without their package:\n" + errors);
            assertFalse(errors.contains("ambiguous"), errors);
        } finally {
            deleteTree(out);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
