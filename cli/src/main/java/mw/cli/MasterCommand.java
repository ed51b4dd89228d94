package mw.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "master", mixinStandardHelpOptions = true, description = "Render a master through a chain, to a loudness target under a true-peak ceiling.")
final class MasterCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARG")
    List<String> args;

    @Override
    public Integer call() {
        System.err.println("mw master: not available in this version yet");
        return 1;
    }
}
