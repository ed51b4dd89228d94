package mw.cli;

import java.io.InputStream;
import java.util.Properties;
import mw.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mw} command line.
 *
 * <p>The commands are listed in {@link #COMMANDS}, not in the {@code @Command} annotation: picocli
 * builds the model of every command it is given by reflection, which costs about a quarter of a second
 * of CPU for all of them at every start, so a run that names a command builds only that one (help, an
 * unknown name or no command builds them all, so usage and errors list every command).
 */
@Command(name = "mw", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Mastering Workbench: loudness, analysis, mastering chains and platform outcomes.")
public final class Main implements Runnable {
    /** Every command, in the order help lists them (a new command is added here). */
    static final Class<?>[] COMMANDS = {
        StudyCommand.class, InfoCommand.class, LoudnessCommand.class, AnalyzeCommand.class,
        MasterCommand.class, MatchCommand.class, RepairCommand.class, SplitCommand.class, PlatformsCommand.class, DeliverCommand.class,
        LiveCommand.class, AssistCommand.class, StyleCommand.class,
        KernelCommand.class, NotebookCommand.class, ScriptCommand.class,
        CommandLine.HelpCommand.class};

    /** Exit status for bad input: a file that cannot be read, a bad parameter. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null);
        return cl.execute(args);
    }

    /** The command line with every command. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The command line for a run whose first argument is {@code first}: only that command when it names one. */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = null;
        for (Class<?> c : COMMANDS) {
            if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
                only = c;
            }
        }
        for (Class<?> c : COMMANDS) {
            if (only == null || c == only) {
                cl.addSubcommand(c);
            }
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            while (!(t instanceof WorkbenchException) && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof WorkbenchException) {
                commandLine.getErr().println("mw: " + t.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine where = ex.getCommandLine();
            var subcommands = where.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !subcommands.isEmpty()
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                where.getErr().println("mw: unknown command '" + u.getUnmatched().get(0) + "'; accepted: "
                        + String.join(", ", subcommands) + " (mw --help explains each)");
            } else {
                where.getErr().println("mw: " + ex.getMessage() + " (see: "
                        + where.getCommandSpec().qualifiedName(" ") + " --help)");
            }
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    /**
     * What to say about an exception that is not the workbench's own (a defect, not bad input): what could
     * not be done, without a stack trace or a library's internal message.
     */
    static String internal(RuntimeException e) {
        return "cannot be analysed: an internal error occurred (" + e.getClass().getSimpleName()
                + "); the other files are not affected; please report it with this file";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/mw-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"mw " + p.getProperty("version", "unknown")
                    + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
