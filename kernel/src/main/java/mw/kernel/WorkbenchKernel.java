package mw.kernel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;

/**
 * The Mastering Workbench Jupyter kernel: Java cells evaluated by a {@link JShellSession} in this JVM,
 * results rendered by {@link Renderers}. Built on jjava-jupyter's {@link BaseKernel}, which speaks the
 * Jupyter protocol; this class supplies evaluation, completion, inspection, {@code is_complete},
 * interrupt and readable errors.
 */
public final class WorkbenchKernel extends BaseKernel {
    /** The kernel's name in Jupyter (the kernelspec folder). */
    public static final String KERNEL_NAME = "mastering-workbench";
    /** Shown in Jupyter's kernel menu. */
    public static final String DISPLAY_NAME = "Java (Mastering Workbench)";

    private final JShellSession session;

    /** A kernel with a new session; the cell time limit comes from {@link JShellSession#defaultCellTimeoutSeconds()}. */
    public WorkbenchKernel() {
        this(new JShellSession(JShellSession.defaultCellTimeoutSeconds()));
    }

    WorkbenchKernel(JShellSession session) {
        super(KERNEL_NAME, version(),
                new LanguageInfo.Builder("java")
                        .version(Runtime.version().toString())
                        .mimetype("text/x-java-source")
                        .fileExtension(".jshell")
                        .pygments("java")
                        .codemirror("java")
                        .build(),
                List.of(new HelpLink("Mastering Workbench kernel", "docs/kernel.md")),
                null, new JupyterIO(java.nio.charset.StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                null, new MagicsRegistry(), false,
                new StringStyler.Builder()
                        .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                        .addSecondaryStyle(TextColor.BOLD_RED_FG)
                        .addHighlightStyle(TextColor.BOLD_RESET_FG)
                        .addHighlightStyle(TextColor.RED_BG)
                        .withLinePrefix("")
                        .build());
        this.session = session;
        Renderers.registerAll(getRenderer());
        // expression lines without a semicolon in the middle of a cell are shown as the jshell tool shows them
        session.setEcho(v -> {
            System.out.flush();
            System.err.flush();
            display(getRenderer().render(v));
        });
    }

    private static String version() {
        String v = WorkbenchKernel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The JShell session cells run in. */
    public JShellSession session() {
        return session;
    }

    @Override
    public Object evalRaw(String source) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream lineOut = new PrintStream(new LineBufferedOutputStream(out), false, StandardCharsets.UTF_8);
        PrintStream lineErr = new PrintStream(new LineBufferedOutputStream(err), false, StandardCharsets.UTF_8);
        System.setOut(lineOut);
        System.setErr(lineErr);
        try {
            Object v = session.runCell(source, null);
            // System.out.printf(...) as a cell's last line returns the stream: nothing to show
            return v == JShellSession.NO_VALUE || v instanceof PrintStream ? null : v;
        } finally {
            lineOut.flush();
            lineErr.flush();
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<String> docs = session.documentation(code, at, extraDetail);
        if (docs.isEmpty()) {
            return null;
        }
        return new DisplayData(String.join("\n\n", docs));
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        JShellSession.Completions c = session.complete(code, at);
        return new ReplacementOptions(c.options(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        String r = session.isComplete(code);
        return switch (r) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            case "unknown" -> IS_COMPLETE_MAYBE;
            default -> r;
        };
    }

    @Override
    public void interrupt() {
        session.interrupt();
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellException ce) {
            List<String> lines = new ArrayList<>();
            lines.add(errorStyler.secondary(ce.getMessage()));
            for (String d : ce.details()) {
                lines.add(errorStyler.primary(d));
            }
            return lines;
        }
        return super.formatError(e);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        session.close();
    }
}
