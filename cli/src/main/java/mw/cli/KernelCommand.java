package mw.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "kernel", mixinStandardHelpOptions = true, description = "Install the Jupyter kernel (kernel install).")
final class KernelCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARG")
    List<String> args;

    @Override
    public Integer call() {
        System.err.println("mw kernel: not available in this version yet");
        return 1;
    }
}
