package mw.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * What notebook code calls on the kernel; imported statically in every session, so a cell can say
 * {@code display(chart)}. Outside a notebook (in {@code mw script}) {@code display} prints the
 * object's text form, so the same code runs in both.
 */
public final class Notebook {
    private Notebook() {
    }

    /** Shows an object in the middle of a cell, rendered as its cell value would be. */
    public static void display(Object o) {
        BaseKernel k = kernel();
        if (k == null) {
            System.out.println(o);
            return;
        }
        System.out.flush();
        k.display(k.getRenderer().render(o));
    }

    /** Shows an object as the given MIME types (for example {@code "image/svg+xml"}). */
    public static void display(Object o, String... mimeTypes) {
        BaseKernel k = kernel();
        if (k == null) {
            System.out.println(o);
            return;
        }
        System.out.flush();
        k.display(k.getRenderer().renderAs(o, mimeTypes));
    }

    /** Shows HTML. */
    public static void displayHtml(String html) {
        BaseKernel k = kernel();
        if (k == null) {
            System.out.println(html);
            return;
        }
        DisplayData d = new DisplayData("(html)");
        d.putHTML(html);
        k.display(d);
    }

    /**
     * The workbench's root folder: {@code -Dmw.root} when set, else the nearest folder at or above the
     * working directory that holds {@code notebooks/} and {@code scripts/} (so notebooks run from the
     * repository root or from {@code notebooks/}), else the one above the workbench's own jar, else the
     * working directory.
     */
    public static Path projectRoot() {
        String prop = System.getProperty("mw.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path found = workbenchAbove(cwd);
        if (found == null) {
            try {
                var src = Notebook.class.getProtectionDomain().getCodeSource();
                if (src != null) {
                    found = workbenchAbove(Path.of(src.getLocation().toURI()).toAbsolutePath().normalize());
                }
            } catch (java.net.URISyntaxException | RuntimeException e) {
                found = null;
            }
        }
        return found != null ? found : cwd;
    }

    private static Path workbenchAbove(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("notebooks")) && Files.isDirectory(p.resolve("scripts"))) {
                return p;
            }
        }
        return null;
    }

    /** A path under the workbench's root, e.g. {@code projectFile("sample-audio")}. */
    public static Path projectFile(String relative) {
        return projectRoot().resolve(relative);
    }

    /** True inside a running notebook kernel. */
    public static boolean inNotebook() {
        return kernel() != null;
    }

    private static BaseKernel kernel() {
        try {
            return BaseKernel.notebookKernel();
        } catch (NullPointerException e) {
            return null;
        }
    }
}
