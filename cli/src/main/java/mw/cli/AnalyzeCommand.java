package mw.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Spectra, features, stereo and dynamics; tables, charts and an HTML report.")
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARG")
    List<String> args;

    @Override
    public Integer call() {
        System.err.println("mw analyze: not available in this version yet");
        return 1;
    }
}
