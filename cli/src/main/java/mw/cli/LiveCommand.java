package mw.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.live.LiveEngine;
import mw.live.LiveMeters;
import mw.live.LivePlayer;
import mw.live.LiveRender;
import mw.live.LiveSession;
import mw.live.LiveStates;
import mw.live.LiveTimeline;
import mw.live.LiveTransition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mw live}: a game session through the live chain, rendered to a file or played. */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run audio through the live mastering chain while a scripted game session changes its state.",
            "Prints each transition, loudness and gain reduction per state, and the latency.",
            "Exit status: 0 done, 2 bad input or parameter (or no audio device for --play)."},
        footer = {"", "Examples:",
            "  mw live music.flac --states states.json --timeline \"0:menu,12:exploration,30:combat/2s,55:boss/0.5s\" -o out.wav",
            "  mw live music.flac --states states.json --timeline \"0:menu,8:combat/300ms/scurve\" --play --block 256"})
final class LiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "input audio file (WAV, AIFF, FLAC, MP3, Ogg Vorbis), mono or stereo")
    Path input;

    @Option(names = "--states", required = true, paramLabel = "FILE.json",
            description = "states: a JSON array of presets (presetName, compressionThreshold, compressionRatio, limiterCeiling, "
                    + "eqLowGain, eqMidGain, eqHighGain, stereoWidth, or chain parameters by name), or {states, defaultTransition, transitions}")
    Path states;

    @Option(names = "--timeline", required = true, paramLabel = "CUES",
            description = "TIME:STATE[/DURATION[/CURVE]],... in seconds, e.g. 0:menu,30:combat/2s,55:boss/500ms/scurve")
    String timeline;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "render to this WAV file (never the input)")
    Path output;

    @Option(names = "--play", description = "play through the default audio device, the cues following in real time")
    boolean play;

    @Option(names = "--block", paramLabel = "N", defaultValue = "512",
            description = "block size in frames, 32 to 4096 (default ${DEFAULT-VALUE})")
    int block;

    @Option(names = "--bits", paramLabel = "16|24|32f", defaultValue = "24",
            description = "output sample format (default ${DEFAULT-VALUE})")
    String bits;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (output == null && !play) {
            throw new WorkbenchException("give -o OUT.wav to render, or --play to listen");
        }
        if (block < 32 || block > 4096) {
            throw new WorkbenchException("--block " + block + " is out of range; accepted: 32 to 4096 frames");
        }
        SampleFormat format = MasterCommand.parseBits(bits);
        LiveStates st = LiveStates.read(states);
        LiveTimeline tl = LiveTimeline.parse(timeline);
        if (output != null && Files.exists(output) && Files.exists(input) && Files.isSameFile(input, output)) {
            throw new WorkbenchException(output, "is the input file; refusing to overwrite it");
        }
        AudioBuffer in = Audio.read(input);
        String name = input.getFileName().toString();
        if (play) {
            // check everything before opening the device
            LiveSession.render(in.sliceSeconds(0, Math.min(in.durationSeconds(), 0.1)), st, LiveTimeline.parse("0:" + tl.cues().get(0).state()), block, name);
            play(out, in, st, tl, name);
        }
        if (output != null) {
            LiveRender r = LiveSession.render(in, st, tl, block, name);
            Audio.writeGuarded(r.output(), output, format, List.of(input));
            out.printf(Locale.ROOT, "%s -> %s (%s), %d Hz, blocks of %d frames%n", input, output,
                    format.isFloat() ? format.label() : format.label() + " with TPDF dither", in.sampleRate(), block);
            report(out, st, r, in.sampleRate());
        }
        out.flush();
        return 0;
    }

    private static void report(PrintWriter out, LiveStates st, LiveRender r, int fs) {
        out.printf(Locale.ROOT, "states: %s (default transition %s)%n", st.names(), st.defaultTransition());
        out.println("transitions:");
        out.printf(Locale.ROOT, "  %8.3f s  start in %s%n", r.states().get(0).fromSeconds(), r.states().get(0).state());
        for (LiveRender.TransitionEvent e : r.transitions()) {
            out.println("  " + e);
        }
        out.println("per state (from its cue to the next, the transition into it included):");
        out.printf(Locale.ROOT, "  %-22s %17s %9s %9s %11s %10s%n", "state", "time (s)", "LUFS", "TP dBTP", "GR mean dB", "GR max dB");
        for (LiveRender.StateStats s : r.states()) {
            out.printf(Locale.ROOT, "  %-22s %7.2f - %7.2f %9.1f %9.1f %11.1f %10.1f%n", s.state(), s.fromSeconds(), s.toSeconds(),
                    s.integratedLufs(), s.truePeakDbtp(), s.meanGainReductionDb(), s.maxGainReductionDb());
        }
        int total = r.blockFrames() + r.lookaheadFrames();
        out.printf(Locale.ROOT, "latency: look-ahead %d frames (%.2f ms; measured with an impulse: %d frames) + one block of %d"
                        + " = %d frames (%.2f ms at %d Hz)%n", r.lookaheadFrames(), 1000.0 * r.lookaheadFrames() / fs,
                r.measuredLookaheadFrames(), r.blockFrames(), total, 1000.0 * total / fs, fs);
    }

    private void play(PrintWriter out, AudioBuffer in, LiveStates st, LiveTimeline tl, String name) throws InterruptedException {
        List<LiveTimeline.Cue> cues = tl.cues();
        LiveEngine engine = new LiveEngine(st, cues.get(0).state(), in.sampleRate(), in.channels(), block);
        out.printf(Locale.ROOT, "playing %s through the live chain (blocks of %d frames, latency %d frames + device buffer)%n",
                name, block, engine.latencyFrames(block));
        out.flush();
        String current = st.get(cues.get(0).state()).name();
        try (LivePlayer player = LivePlayer.open(engine, in)) {
            int next = cues.get(0).atSeconds() == 0 ? 1 : 0;
            double lastPrint = -1;
            while (player.playing()) {
                double t = player.positionSeconds();
                if (next < cues.size() && t >= cues.get(next).atSeconds()) {
                    LiveTimeline.Cue c = cues.get(next++);
                    String target = st.get(c.state()).name();
                    LiveTransition tr = c.transition() != null ? c.transition() : st.transition(current, target);
                    engine.transitionTo(target, tr.seconds(), tr.curve());
                    out.printf(Locale.ROOT, "  %8.3f s  %s -> %s over %s%n", t, current, target, tr);
                    current = target;
                }
                if (t - lastPrint >= 1) {
                    LiveMeters m = engine.meters();
                    out.printf(Locale.ROOT, "  %8.3f s  %s%n", t, m);
                    out.flush();
                    lastPrint = t;
                }
                Thread.sleep(5);
            }
        }
    }
}
