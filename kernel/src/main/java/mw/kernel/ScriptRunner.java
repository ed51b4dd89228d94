package mw.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.WorkbenchException;

/**
 * Runs a JShell study script ({@code .jsh}) with the workbench on the class path and imported, as
 * {@code mw script FILE.jsh [ARGS...]} does. The script sees its arguments as {@code String[] args}
 * and its own path as {@code Path scriptPath}. Magic lines work as in a notebook; a line
 * {@code /exit [STATUS]} ends the script (so scripts also run under the {@code jshell} tool);
 * other JShell commands are refused with a message. As in the jshell tool, an expression line without
 * a semicolon prints its value ({@link ScriptEcho}: tables rounded, charts saved as PNG).
 */
public final class ScriptRunner {
    private static final Pattern COMMAND = Pattern.compile("^\\s*/([a-z!?][a-z]*)\\b(.*)$");
    private static volatile String[] args = new String[0];
    private static volatile Path scriptPath;

    private ScriptRunner() {
    }

    /** The running script's arguments (what {@code args} is bound to). */
    public static String[] args() {
        return args.clone();
    }

    /** The running script's path (what {@code scriptPath} is bound to). */
    public static Path scriptPath() {
        return scriptPath;
    }

    /**
     * Runs a script and returns its exit status: 0 when it ran to the end, the status of
     * {@code /exit N}, or 1 when a snippet failed (the error is printed to {@code err}).
     */
    public static int run(Path script, List<String> arguments, PrintStream err) {
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkbenchException(script, "cannot be read (" + e.getMessage() + "); expected a JShell script (.jsh)");
        }
        int exitStatus = 0;
        StringBuilder body = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = COMMAND.matcher(lines[i]);
            if (m.matches()) {
                if (m.group(1).equals("exit")) {
                    String st = m.group(2).strip().replace(";", "");
                    if (!st.isEmpty()) {
                        try {
                            exitStatus = Integer.parseInt(st);
                        } catch (NumberFormatException e) {
                            throw new WorkbenchException(script, "line " + (i + 1) + ": /exit takes a whole number, not '" + st + "'");
                        }
                    }
                    break;
                }
                throw new WorkbenchException(script, "line " + (i + 1) + ": the JShell command /" + m.group(1)
                        + " is not supported in scripts; accepted: /exit, and the magics %classpath and %load");
            }
            body.append(lines[i]).append('\n');
        }
        ScriptRunner.args = arguments.toArray(new String[0]);
        ScriptRunner.scriptPath = script.toAbsolutePath().normalize();
        try (JShellSession session = new JShellSession(JShellSession.defaultCellTimeoutSeconds())) {
            session.eval("String[] args = mw.kernel.ScriptRunner.args();\n"
                    + "java.nio.file.Path scriptPath = mw.kernel.ScriptRunner.scriptPath();\n", 1, "(setup)");
            ScriptEcho echo = new ScriptEcho(System.out, ScriptEcho.chartDirFor(script));
            session.setEcho(echo);
            try {
                Object last = session.runCell(body.toString(), script.toString());
                if (session.lastValueWasBare()) {
                    echo.accept(last);
                }
            } catch (CellException e) {
                System.out.flush();
                err.println("mw: " + e.getMessage());
                e.details().forEach(err::println);
                return 1;
            } finally {
                System.out.flush();
            }
        }
        return exitStatus;
    }
}
