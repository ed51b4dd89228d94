package mw.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "notebook", mixinStandardHelpOptions = true, description = "Open Jupyter on the notebooks folder.")
final class NotebookCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARG")
    List<String> args;

    @Override
    public Integer call() {
        System.err.println("mw notebook: not available in this version yet");
        return 1;
    }
}
