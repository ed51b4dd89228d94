package mw.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.loudness.Loudness;
import mw.platforms.Codecs;
import mw.platforms.Outcomes;
import mw.platforms.Platforms;
import mw.platforms.Profile;
import mw.platforms.ProfileSet;
import mw.platforms.TrackLoudness;
import mw.view.OutcomesView;
import mw.view.Show;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "platforms", mixinStandardHelpOptions = true,
        description = {"What each streaming platform does to a master (gain, playback loudness, true peak, limiter)"
                + " and whether it meets each delivery specification.",
            "Verdicts: ok, warn (plays quieter than others, the platform's limiter acts, peaks above the"
                + " recommendation), fail (misses a delivery spec, or clips at playback).",
            "Exit status 2 when a file cannot be measured; the other files are still reported."})
final class PlatformsCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FILE", description = "audio files (masters)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--json", description = "one JSON object per file per line")
    boolean json;


    @CommandLine.Mixin
    ProfileOptions profileOptions = new ProfileOptions();

    @Option(names = "--only", paramLabel = "ID,ID", split = ",", description = "only these profile ids, in this order")
    List<String> only;

    @Option(names = "--album", description = "treat the files as one album, played in order (album normalization where the platform does it)")
    boolean album;

    @Option(names = "--codec-check",
            description = "encode each file to each platform's lossy codec with ffmpeg and report the decoded true peak at playback")
    boolean codecCheck;

    @Option(names = "--list", description = "list the profiles with their figures and sources, and exit")
    boolean list;

    @Override
    public Integer call() {
        ProfileSet ps = profileOptions.profileSet();
        if (only != null && !only.isEmpty()) {
            ps = ps.only(only);
        }
        chosen = ps;
        if (codecCheck && !Codecs.ffmpegAvailable()) {
            throw new WorkbenchException("ffmpeg is not on the PATH; --codec-check needs it (Debian: apt-get install ffmpeg)");
        }
        if (list) {
            System.out.print(describe(ps));
            return 0;
        }
        if (files.isEmpty()) {
            throw new WorkbenchException("no audio files given; usage: mw platforms [--json] [--profiles FILE] [--only id,id] FILE...");
        }
        List<TrackLoudness> measured = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Path f : files) {
            TrackLoudness t = measure(f, failed);
            if (t == null) {
                continue;
            }
            if (album) {
                measured.add(t);
            } else {
                print(Platforms.outcomes(List.of(t), ps));
            }
        }
        if (album && !measured.isEmpty()) {
            print(Platforms.album(measured, ps));
        }
        if (!failed.isEmpty()) {
            if (files.size() > 1) {
                System.err.println("mw: " + failed.size() + " of " + files.size() + " files failed: " + String.join(", ", failed));
            }
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }

    private void print(Outcomes o) {
        if (codecCheck) {
            o = codecCheck(o);
        }
        System.out.print(json ? OutcomesView.jsonLines(o) : Show.text(o));
        System.out.flush();
    }

    private ProfileSet chosen;

    /** Adds the decoded true peak of each platform's codec (one encode per file and codec setting). */
    private Outcomes codecCheck(Outcomes o) {
        java.util.Map<String, Double> cache = new java.util.HashMap<>();
        List<mw.platforms.Outcome> rows = new ArrayList<>();
        for (mw.platforms.Outcome x : o.rows()) {
            Profile p = chosen.get(x.profileId());
            Profile.CodecCheck cc = p.codecCheck();
            if (cc == null || p.kind() != Profile.Kind.STREAMING) {
                rows.add(x);
                continue;
            }
            String key = x.track() + "|" + cc;
            Double tp = cache.computeIfAbsent(key, k -> Codecs.decodedTruePeakDbtp(Path.of(x.track()), cc));
            rows.add(Platforms.withCodecTruePeak(x, p, tp, cc.encoder() + " " + cc.bitrateKbps() + " kbit/s"));
        }
        return new Outcomes(rows);
    }

    /** Measures one file; on failure prints its error and returns null so the batch goes on. */
    static TrackLoudness measure(Path f, List<String> failed) {
        try {
            return TrackLoudness.of(f.toString(), Loudness.of(f));
        } catch (WorkbenchException e) {
            System.err.println("mw: " + e.getMessage());
        } catch (RuntimeException e) {
            System.err.println("mw: " + f + ": cannot be measured: " + e);
        }
        failed.add(f.toString());
        return null;
    }

    static String describe(ProfileSet ps) {
        StringBuilder b = new StringBuilder();
        for (Profile p : ps) {
            b.append(p).append('\n');
            if (!p.notes().isEmpty()) {
                b.append("    ").append(p.notes()).append('\n');
            }
            for (Profile.Source s : p.sources()) {
                b.append(String.format(Locale.ROOT, "    [%s] %s: %s <%s> (published %s, checked %s)%n",
                        s.confidence().key(), String.join(", ", s.figures()), s.title(), s.url(), s.published(), s.checked()));
            }
        }
        return b.toString();
    }
}
