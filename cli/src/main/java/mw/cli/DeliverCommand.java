package mw.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "deliver", mixinStandardHelpOptions = true, description = "One master per platform, measured, with a delivery report.")
final class DeliverCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARG")
    List<String> args;

    @Override
    public Integer call() {
        System.err.println("mw deliver: not available in this version yet");
        return 1;
    }
}
