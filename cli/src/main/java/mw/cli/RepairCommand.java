package mw.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.repair.Declip;
import mw.repair.Repair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mw repair IN -o OUT [--declip] [--declick] [--denoise]}: rebuilds clipped runs, removes
 * clicks and lowers steady noise (all three when none is named), prints what it found and fixed.
 */
@Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Declip, declick and denoise a file (all three unless some are named); prints what was found and fixed.")
final class RepairCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "input audio file (WAV, AIFF, FLAC, MP3, Ogg Vorbis)")
    Path in;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "output WAV file (never the input)")
    Path out;

    @Option(names = "--declip", description = "rebuild clipped runs")
    boolean declip;

    @Option(names = "--declick", description = "remove clicks")
    boolean declick;

    @Option(names = "--denoise", description = "lower steady broadband noise")
    boolean denoise;

    @Option(names = "--declip-method", paramLabel = "M", defaultValue = "spade",
            description = "how clipped runs are rebuilt: spade (A-SPADE, sparse) or ar (AR interpolation) (default: ${DEFAULT-VALUE})")
    String declipMethod;

    @Option(names = "--declick-sensitivity", paramLabel = "S", defaultValue = "5",
            description = "click detection sensitivity, 1 (loud clicks only) to 10 (default: ${DEFAULT-VALUE})")
    double sensitivity;

    @Option(names = "--denoise-db", paramLabel = "DB", defaultValue = "20",
            description = "most the noise is lowered by, dB, 1 to 60 (default: ${DEFAULT-VALUE})")
    double denoiseDb;

    @Option(names = "--noise-from", paramLabel = "START-END",
            description = "noise-only excerpt in seconds, e.g. 0-0.8 (default: the quietest half second)")
    String noiseFrom;

    @Option(names = "--bits", paramLabel = "16|24|32f", defaultValue = "24", description = "output sample format (default: ${DEFAULT-VALUE})")
    String bits;

    @Override
    public Integer call() {
        SampleFormat format = MasterCommand.parseBits(bits);
        boolean all = !declip && !declick && !denoise;
        WorkbenchException.checkRange("--declick-sensitivity", sensitivity, 1, 10);
        WorkbenchException.checkRange("--denoise-db", denoiseDb, 1, 60);
        double from = Double.NaN;
        double to = Double.NaN;
        if (noiseFrom != null) {
            String[] p = noiseFrom.split("-");
            try {
                from = Double.parseDouble(p[0]);
                to = Double.parseDouble(p[1]);
            } catch (RuntimeException e) {
                throw new WorkbenchException("--noise-from " + noiseFrom + " is not START-END in seconds, e.g. 0-0.8");
            }
        }
        Declip.Method method;
        try {
            method = Declip.Method.parse(declipMethod);
        } catch (WorkbenchException e) {
            throw new WorkbenchException("--declip-method " + declipMethod + " is not known; accepted: spade, ar");
        }
        AudioBuffer audio = Audio.read(in);
        Repair.Result r;
        try {
            r = Repair.of(audio, new Repair.Settings(all || declick, all || declip, all || denoise, sensitivity, denoiseDb, from, to, method));
        } catch (WorkbenchException e) {
            throw new WorkbenchException(in, e.getMessage(), e);
        }
        Audio.writeGuarded(r.audio(), out, format, List.of(in));
        System.out.println(in.getFileName() + ":");
        for (String line : r.report().lines()) {
            System.out.println("  " + line);
        }
        System.out.println(String.format(Locale.ROOT, "  wrote %s", out));
        return 0;
    }
}
