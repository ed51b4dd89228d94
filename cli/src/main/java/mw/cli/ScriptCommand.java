package mw.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "script", mixinStandardHelpOptions = true, description = "Run a JShell study script (.jsh) with the workbench on the class path.")
final class ScriptCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARG")
    List<String> args;

    @Override
    public Integer call() {
        System.err.println("mw script: not available in this version yet");
        return 1;
    }
}
