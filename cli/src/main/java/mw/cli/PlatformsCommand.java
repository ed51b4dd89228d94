package mw.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "platforms", mixinStandardHelpOptions = true, description = "What each streaming platform and delivery spec does to a master.")
final class PlatformsCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARG")
    List<String> args;

    @Override
    public Integer call() {
        System.err.println("mw platforms: not available in this version yet");
        return 1;
    }
}
