package mw.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "loudness", mixinStandardHelpOptions = true, description = "Loudness and true peak per ITU-R BS.1770-4 / EBU R 128.")
final class LoudnessCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARG")
    List<String> args;

    @Override
    public Integer call() {
        System.err.println("mw loudness: not available in this version yet");
        return 1;
    }
}
