package mw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.Outputs;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;
import mw.platforms.Codecs;
import mw.platforms.Outcome;
import mw.processing.Chain;
import mw.processing.LoudnessTarget;
import mw.platforms.Platforms;
import mw.platforms.Profile;
import mw.platforms.ProfileSet;
import mw.platforms.QcCheck;
import mw.platforms.QcReport;
import mw.platforms.QualityControl;
import mw.platforms.TrackLoudness;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deliver", mixinStandardHelpOptions = true,
        description = {"One master per platform at its loudness target under its true-peak ceiling, each measured"
                + " again, with a delivery report (deliver.html, deliver.json) of technical specs and QC checks.",
            "Each master goes through a gain stage and a true-peak limiter at the platform's ceiling, rendered"
                + " until it measures within 0.1 LU of the target; when that needs more limiting than --max-limiting-db"
                + " the report says how far from the target the master is.",
            "Exit status 0 when every master passes, 1 when a check fails, 2 on bad input."})
final class DeliverCommand implements Callable<Integer> {
    /** A master is on target when its measured loudness is this close to the target (LU). */
    static final double TARGET_TOLERANCE_LU = 0.1;
    /** The limiter is set this far below the true-peak ceiling, so that requantization cannot land a hair above it (dB). */
    static final double CEILING_MARGIN_DB = 0.05;

    @Parameters(index = "0", paramLabel = "IN", description = "the master to deliver")
    Path in;

    @Option(names = "--platforms", paramLabel = "ID,ID", split = ",", required = true,
            description = "profile ids to deliver for (see: mw platforms --list)")
    List<String> platforms;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out = Path.of("out", "deliver");

    @CommandLine.Mixin
    ProfileOptions profileOptions = new ProfileOptions();


    @Option(names = "--max-limiting-db", paramLabel = "DB",
            description = "most limiter gain reduction accepted to reach a target (default ${DEFAULT-VALUE} dB)")
    double maxLimitingDb = LoudnessTarget.DEFAULT_MAX_LIMITING_DB;

    @Option(names = "--codec-check",
            description = "also encode each master with its platform's lossy codec (ffmpeg) and check the decoded true peak")
    boolean codecCheck;

    @Option(names = "--bits", paramLabel = "16|24|32f", description = "sample format of the masters: 16 or 24-bit PCM, or 32f"
            + " (32-bit float; 32 means the same); default ${DEFAULT-VALUE}")
    String bits = "24";

    private Outputs run = Outputs.of(List.of());

    /** One rendered master and its checks. */
    record Master(Profile profile, double targetLufs, double ceilingDbtp, double gainDb, Path file,
                  LoudnessReport measured, Outcome outcome, QcReport qc, String note) {
    }

    @Override
    public Integer call() {
        SampleFormat format = SampleFormat.forOutput(bits);
        ProfileSet ps = profileOptions.profileSet();
        ps = ps.only(platforms);
        if (codecCheck && !Codecs.ffmpegAvailable()) {
            throw new WorkbenchException("ffmpeg is not on the PATH; --codec-check needs it (Debian: apt-get install ffmpeg)");
        }
        AudioFileInfo info = Audio.info(in);
        AudioBuffer audio = Audio.read(in);
        LoudnessReport inLoud = Loudness.of(audio);
        if (Double.isNaN(inLoud.integratedLufs())) {
            throw new WorkbenchException(in, "has no measurable loudness (silence or shorter than 400 ms); nothing to deliver");
        }
        QcReport inQc = QualityControl.check(in.getFileName().toString(), audio, inLoud.truePeakDbtp(), info.bitsPerSample(),
                QualityControl.Limits.music(-1.0));
        String stem = in.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        // every output is checked before the long work: never the input, never two outputs on one path
        run = Outputs.of(List.of(in));
        for (Profile prof : ps) {
            run.claim(masterFile(stem, prof));
        }
        run.claim(out.resolve("deliver.json"));
        run.claim(out.resolve("deliver.html"));
        List<Master> masters = new ArrayList<>();
        try (Progress p = new Progress("deliver", ps.size())) {
            int i = 0;
            for (Profile prof : ps) {
                p.set(i++, prof.id());
                masters.add(render(audio, inLoud, stem, prof, format));
            }
        }
        ObjectNode json = json(info, inLoud, inQc, masters);
        String jsonText;
        try {
            jsonText = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WorkbenchException("cannot write the delivery report as JSON: " + e.getOriginalMessage(), e);
        }
        run.writeText(out.resolve("deliver.json"), jsonText);
        String html = html(info, inLoud, inQc, masters);
        run.writeText(out.resolve("deliver.html"), html);
        boolean pass = masters.stream().allMatch(m -> m.qc().passed());
        for (Master m : masters) {
            System.out.printf(Locale.ROOT, "%-20s %-5s %s%s%n", m.profile().id(), m.qc().result(),
                    m.file() == null ? "(no master)" : m.file().toString(),
                    m.qc().passed() ? "" : "  failed: " + String.join(", ", m.qc().failures().stream().map(QcCheck::id).toList()));
        }
        System.out.println("deliver: " + (pass ? "pass" : "FAIL") + "; report in " + out.resolve("deliver.html"));
        return pass ? 0 : 1;
    }

    private Path masterFile(String stem, Profile p) {
        return out.resolve(stem + "." + p.id() + ".wav");
    }

    /** The loudness target of a profile, or NaN when the platform plays files as they are. */
    static double target(Profile p) {
        return p.kind() == Profile.Kind.STREAMING && !p.normalizes() ? Double.NaN : p.referenceLufs();
    }

    /**
     * Renders one master with the processing chain's loudness-target rendering: a gain stage and a
     * true-peak limiter at the ceiling, iterated until the measured loudness is within 0.1 LU of the
     * target. A platform that does not normalize has no target: its master keeps the input's loudness
     * and only its peaks are brought under the ceiling. The master is written, measured again from the
     * file and checked.
     */
    Master render(AudioBuffer audio, LoudnessReport inLoud, String stem, Profile p, SampleFormat format) {
        double target = target(p);
        double ceiling = p.truePeakMaxDbtp();
        double aim = Double.isNaN(target) ? inLoud.integratedLufs() : target;
        LoudnessTarget.Result r = LoudnessTarget.render(audio, Chain.of(), aim, Math.min(0, ceiling - CEILING_MARGIN_DB),
                maxLimitingDb);
        String note;
        if (!r.reached()) {
            note = r.reason();
        } else if (Double.isNaN(target)) {
            note = "the platform does not normalize: the master keeps the input's loudness, peaks under the ceiling";
        } else {
            note = String.format(Locale.ROOT, "gain %+.2f dB, limiter at %.2f dBTP", r.gainDb(), ceiling - CEILING_MARGIN_DB);
        }
        Path file = masterFile(stem, p);
        Audio.writeGuarded(r.audio(), file, format, run.inputs());
        LoudnessReport m = Loudness.of(file);
        AudioFileInfo mi = Audio.info(file);
        QcReport qc = QualityControl.check(file.getFileName().toString(), Audio.read(file), m.truePeakDbtp(), mi.bitsPerSample(),
                QualityControl.Limits.forProfile(p));
        List<QcCheck> checks = new ArrayList<>();
        double diff = m.integratedLufs() - aim;
        boolean ok = Math.abs(diff) <= TARGET_TOLERANCE_LU;
        checks.add(new QcCheck("loudness_target", Double.isNaN(target) ? "Loudness kept" : "Loudness on target", ok,
                String.format(Locale.ROOT, "%.2f LUFS", m.integratedLufs()),
                String.format(Locale.ROOT, "%.2f ±%.1f LU", aim, TARGET_TOLERANCE_LU),
                ok ? "measured again from the written master"
                        : String.format(Locale.ROOT, "%+.2f LU from the target: %s", diff, note)));
        checks.addAll(qc.checks());
        Outcome o = Platforms.outcome(TrackLoudness.of(file.getFileName().toString(), m), p);
        if (codecCheck && p.codecCheck() != null && p.kind() == Profile.Kind.STREAMING) {
            Profile.CodecCheck cc = p.codecCheck();
            double decoded = Codecs.decodedTruePeakDbtp(file, cc);
            o = Platforms.withCodecTruePeak(o, p, decoded, cc.encoder() + " " + cc.bitrateKbps() + " kbit/s");
            boolean fine = o.codecTruePeakDbtp() <= 0;
            checks.add(new QcCheck("codec_true_peak", "True peak after the platform's codec", fine,
                    String.format(Locale.ROOT, "%.2f dBTP", o.codecTruePeakDbtp()), "≤ 0.0 dBTP at playback",
                    String.format(Locale.ROOT, "%s %d kbit/s decoded: %.2f dBTP, plus the platform's gain %+.2f dB%s",
                            cc.encoder(), cc.bitrateKbps(), decoded, o.gainDb(),
                            fine ? "" : ": clips in fixed-point decoders; lower the ceiling")));
        }
        QcReport all = new QcReport(qc.subject(), checks);
        return new Master(p, target, ceiling, r.gainDb(), file, m, o, all, note);
    }

    private static void num(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) {
            n.put(k, Math.round(v * 100) / 100.0);
        } else {
            n.putNull(k);
        }
    }

    private ObjectNode json(AudioFileInfo info, LoudnessReport l, QcReport inQc, List<Master> masters) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("input", in.toString());
        root.put("result", masters.stream().allMatch(m -> m.qc().passed()) ? "pass" : "fail");
        ObjectNode input = root.putObject("input_figures");
        input.put("container", info.container());
        input.put("codec", info.codec());
        input.put("sample_rate_hz", info.sampleRate());
        input.put("bits_per_sample", info.bitsPerSample());
        input.put("channels", info.channels());
        num(input, "integrated_lufs", l.integratedLufs());
        num(input, "true_peak_dbtp", l.truePeakDbtp());
        num(input, "loudness_range_lu", l.loudnessRangeLu());
        root.set("input_qc", qcJson(om, inQc));
        ArrayNode ms = root.putArray("masters");
        for (Master m : masters) {
            ObjectNode n = ms.addObject();
            n.put("platform", m.profile().id());
            n.put("name", m.profile().name());
            n.put("file", m.file().toString());
            num(n, "target_lufs", m.targetLufs());
            num(n, "ceiling_dbtp", m.ceilingDbtp());
            num(n, "gain_db", m.gainDb());
            num(n, "integrated_lufs", m.measured().integratedLufs());
            num(n, "true_peak_dbtp", m.measured().truePeakDbtp());
            n.put("note", m.note());
            n.put("platform_verdict", m.outcome().verdict().key());
            ArrayNode r = n.putArray("platform_reasons");
            m.outcome().reasons().forEach(r::add);
            n.set("qc", qcJson(om, m.qc()));
        }
        return root;
    }

    private static ObjectNode qcJson(ObjectMapper om, QcReport r) {
        ObjectNode n = om.createObjectNode();
        n.put("result", r.result());
        ArrayNode a = n.putArray("checks");
        for (QcCheck c : r.checks()) {
            ObjectNode x = a.addObject();
            x.put("id", c.id());
            x.put("result", c.result());
            x.put("measured", c.measured());
            x.put("limit", c.limit());
            x.put("detail", c.detail());
        }
        return n;
    }

    private String html(AudioFileInfo info, LoudnessReport l, QcReport inQc, List<Master> masters) {
        boolean pass = masters.stream().allMatch(m -> m.qc().passed());
        StringBuilder h = new StringBuilder("<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>Delivery report: ")
                .append(StudyReport.esc(in.getFileName().toString())).append("</title><style>body{font-family:system-ui,sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px}"
                        + ".pass{background:#e3f6e3}.fail{background:#fbdcdc}</style></head><body>\n");
        h.append("<h1>Delivery report: ").append(StudyReport.esc(in.toString())).append("</h1>\n");
        h.append("<p class=").append(pass ? "pass" : "fail").append("><b>Result: ").append(pass ? "pass" : "fail")
                .append("</b> (").append(masters.stream().filter(m -> m.qc().passed()).count()).append(" of ").append(masters.size())
                .append(" masters pass every check)</p>\n");
        h.append(String.format(Locale.ROOT, "<h2>Input</h2><p>%s, %s, %d Hz, %s, %d channels. Integrated %.2f LUFS,"
                        + " true peak %.2f dBTP, loudness range %.2f LU.</p>%n", StudyReport.esc(info.container()),
                StudyReport.esc(info.codec()), info.sampleRate(), info.bitsPerSample() == 0 ? "lossy" : info.bitsPerSample() + " bit",
                info.channels(), l.integratedLufs(), l.truePeakDbtp(), l.loudnessRangeLu()));
        h.append("<h3>QC of the input (music defaults, true peak ≤ -1 dBTP): ").append(inQc.result()).append("</h3>\n");
        qcTable(h, inQc);
        for (Master m : masters) {
            h.append("<h2>").append(StudyReport.esc(m.profile().name())).append(" (").append(StudyReport.esc(m.profile().id()))
                    .append("): <span class=").append(m.qc().result()).append(">").append(m.qc().result()).append("</span></h2>\n");
            h.append(String.format(Locale.ROOT, "<p>Target %s, ceiling %.1f dBTP, gain %+.2f dB. Master <code>%s</code>:"
                            + " %.2f LUFS, true peak %.2f dBTP. %s.</p>%n",
                    Double.isNaN(m.targetLufs()) ? "none" : String.format(Locale.ROOT, "%.1f LUFS", m.targetLufs()),
                    m.ceilingDbtp(), m.gainDb(), StudyReport.esc(m.file().getFileName().toString()),
                    m.measured().integratedLufs(), m.measured().truePeakDbtp(), StudyReport.esc(m.note())));
            h.append("<p>On the platform: ").append(m.outcome().verdict().key()).append(": ")
                    .append(StudyReport.esc(m.outcome().reasonText())).append("</p>\n");
            qcTable(h, m.qc());
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void qcTable(StringBuilder h, QcReport r) {
        h.append("<table><tr><th>check</th><th>result</th><th>measured</th><th>limit</th><th>detail</th></tr>\n");
        for (QcCheck c : r.checks()) {
            h.append("<tr class=").append(c.result()).append("><td>").append(StudyReport.esc(c.name())).append("</td><td>")
                    .append(c.result()).append("</td><td>").append(StudyReport.esc(c.measured())).append("</td><td>")
                    .append(StudyReport.esc(c.limit())).append("</td><td>").append(StudyReport.esc(c.detail())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

}
