package mw.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.kernel.ScriptRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mw script FILE.jsh [ARGS...]}: runs a JShell study script with the workbench on the class path. */
@Command(name = "script", mixinStandardHelpOptions = true,
        description = {"Run a JShell study script (.jsh) with the workbench on the class path and imported.",
                "The script sees its arguments as String[] args and its own path as Path scriptPath.",
                "Put -- before arguments that start with '-'."})
final class ScriptCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.jsh", description = "the script")
    Path script;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "arguments for the script")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        if (!Files.isRegularFile(script)) {
            throw new WorkbenchException(script, "does not exist or is not a file; expected a JShell script (.jsh)");
        }
        return ScriptRunner.run(script, args, System.err);
    }
}
