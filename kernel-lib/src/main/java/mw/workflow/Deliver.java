package mw.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.ClipCount;
import mw.io.Outputs;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;
import mw.platforms.Codecs;
import mw.platforms.Outcome;
import mw.platforms.Platforms;
import mw.platforms.Profile;
import mw.platforms.ProfileSet;
import mw.platforms.QcCheck;
import mw.platforms.QcReport;
import mw.platforms.QualityControl;
import mw.platforms.TrackLoudness;
import mw.processing.Chain;
import mw.processing.Resample;

/**
 * Delivery as a library call: one master per platform or delivery specification, each at the profile's
 * loudness target under its true-peak ceiling, in the profile's sample rate and word length, measured again
 * from the file and checked.
 *
 * <p>Per profile:
 * <ul>
 * <li>the loudness aimed for is the profile's target; a streaming platform that plays files as they are
 *     (SoundCloud, Bandcamp, a CD) has none, and its master keeps the input's loudness (at most 0 LUFS);</li>
 * <li>the master is made by {@link Master} with a gain stage and a true-peak limiter set
 *     {@value #CEILING_MARGIN_DB} dB under the ceiling, within {@value #TARGET_TOLERANCE_LU} LU of the aim
 *     unless that takes more limiting than {@link DeliverOptions#maxLimitingDb()};</li>
 * <li>a profile that names sample rates (broadcast, film and game specifications: 48 kHz; a CD: 44.1 kHz)
 *     gets the input converted by {@link Resample} when its rate is not among them, and a profile that names a
 *     word length (a CD: 16 bits) is written at it, with TPDF dither;</li>
 * <li>the file is measured again and checked: loudness on target, {@link QualityControl} against the profile's
 *     limits (true peak, clipping, DC, silence, phase, sample rate, bit depth), and with
 *     {@link DeliverOptions#codecCheck()} the true peak after the platform's lossy codec.</li>
 * </ul>
 * Listener settings (Spotify's Quiet and Loud) are outcomes a listener chooses, not deliverables:
 * they are refused with the list of deliverable ids.
 *
 * <pre>{@code
 * DeliveryResult d = Deliver.of(Path.of("master.wav"), List.of("spotify_normal", "cd", "ebu_r128"),
 *         DeliverOptions.into(Path.of("out/deliver")));
 * d.passed();  d.masters().get(1).file();  Show.table(d);
 * }</pre>
 */
public final class Deliver {
    /** A master is on target when its measured loudness is this close to the aim (LU). */
    public static final double TARGET_TOLERANCE_LU = 0.1;
    /** The limiter is set this far below the true-peak ceiling, so that requantization cannot land a hair above it (dB). */
    public static final double CEILING_MARGIN_DB = 0.05;

    private Deliver() {
    }

    /** Told as a delivery goes: each input as it starts, each master as it is written, each input that fails. */
    public interface Listener {
        /** An input starts ({@code index} from 1 of {@code total}). */
        default void started(Path input, int index, int total) {
        }

        /** A master is written and checked. */
        default void master(Path input, DeliverMaster master) {
        }

        /** An input could not be delivered; the batch goes on. */
        default void failed(Path input, String message) {
        }
    }

    private static final Listener QUIET = new Listener() {
    };

    /** Delivers a file to bundled profiles by id (see {@code ProfileSet.bundled()}). */
    public static DeliveryResult of(Path input, List<String> profileIds, DeliverOptions options) {
        return of(input, ProfileSet.bundled().only(profileIds), options, QUIET);
    }

    /** Delivers a file to every profile of a set. */
    public static DeliveryResult of(Path input, ProfileSet profiles, DeliverOptions options) {
        return of(input, profiles, options, QUIET);
    }

    /** Delivers a file, telling {@code listener} of each master as it is written. */
    public static DeliveryResult of(Path input, ProfileSet profiles, DeliverOptions options, Listener listener) {
        List<Profile> ps = deliverable(profiles);
        checkCodec(options);
        Outputs run = Outputs.of(List.of(input));
        String stem = Outputs.uniqueStems(List.of(input)).get(0);
        for (Profile p : ps) {
            run.claim(masterFile(options, stem, p));
        }
        return deliverOne(input, stem, ps, options, run, listener);
    }

    /**
     * Delivers several files (folders are expanded to the audio files in them), going on past a file that
     * cannot be read or delivered: it is listed in {@link DeliverBatch#failures()}. Every master path is
     * checked before the first render (never an input, never two outputs on one path).
     */
    public static DeliverBatch batch(List<Path> inputs, ProfileSet profiles, DeliverOptions options, Listener listener) {
        List<Profile> ps = deliverable(profiles);
        checkCodec(options);
        List<Path> files = expand(inputs);
        Outputs run = Outputs.of(files);
        List<String> stems = Outputs.uniqueStems(files);
        for (String stem : stems) {
            for (Profile p : ps) {
                run.claim(masterFile(options, stem, p));
            }
        }
        List<DeliveryResult> results = new ArrayList<>();
        List<DeliverBatch.Failure> failures = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            listener.started(f, i + 1, files.size());
            try {
                results.add(deliverOne(f, stems.get(i), ps, options, run, listener));
            } catch (WorkbenchException e) {
                String msg = e.about(f).getMessage();
                failures.add(new DeliverBatch.Failure(f, msg));
                listener.failed(f, msg);
            }
        }
        return new DeliverBatch(results, failures);
    }

    /** The files of a list of files and folders (each folder's audio files, sorted by name). */
    public static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                List<Path> in = Audio.listAudioFiles(p);
                if (in.isEmpty()) {
                    throw new WorkbenchException(p, "holds no audio files (WAV, AIFF, FLAC, MP3, Ogg Vorbis)");
                }
                files.addAll(in);
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            throw new WorkbenchException("no input files given");
        }
        return files;
    }

    /** The profiles of a set, refusing listener settings (they are outcomes, not deliverables). */
    public static List<Profile> deliverable(ProfileSet profiles) {
        List<String> settings = new ArrayList<>();
        for (Profile p : profiles) {
            if (!p.deliverable()) {
                settings.add(p.id());
            }
        }
        if (!settings.isEmpty()) {
            List<String> ok = ProfileSet.bundled().profiles().stream().filter(Profile::deliverable).map(Profile::id).toList();
            throw new WorkbenchException(String.format(Locale.ROOT, "%s %s a listener setting: what a listener who chooses it"
                            + " hears is an outcome (mw platforms shows it), not something a master is delivered to;"
                            + " accepted: %s", String.join(", ", settings), settings.size() == 1 ? "is" : "are",
                    String.join(", ", ok)));
        }
        if (profiles.size() == 0) {
            throw new WorkbenchException("no profiles to deliver to");
        }
        return profiles.profiles();
    }

    private static void checkCodec(DeliverOptions options) {
        if (options.codecCheck() && !Codecs.ffmpegAvailable()) {
            throw new WorkbenchException("ffmpeg is not on the PATH; the codec check needs it (Debian: apt-get install ffmpeg)");
        }
    }

    /** Where a profile's master of an input goes. */
    public static Path masterFile(DeliverOptions options, String stem, Profile p) {
        return options.outDir().resolve(stem + "." + p.id() + ".wav");
    }

    /** The loudness target of a profile, or NaN when the platform plays files as they are. */
    public static double target(Profile p) {
        return p.kind() == Profile.Kind.STREAMING && !p.normalizes() ? Double.NaN : p.referenceLufs();
    }

    private static DeliveryResult deliverOne(Path in, String stem, List<Profile> ps, DeliverOptions o, Outputs run,
                                             Listener listener) {
        try {
            AudioFileInfo info = Audio.info(in);
            AudioBuffer audio = Audio.read(in);
            LoudnessReport inLoud = Loudness.of(audio);
            if (Double.isNaN(inLoud.integratedLufs())) {
                throw new WorkbenchException(in, "has no measurable loudness (silence or shorter than 400 ms); nothing to deliver");
            }
            QcReport inQc = QualityControl.check(in.getFileName().toString(), audio, inLoud.truePeakDbtp(), info.bitsPerSample(),
                    QualityControl.Limits.music(-1.0));
            List<DeliverMaster> masters = new ArrayList<>();
            AudioBuffer[] converted = new AudioBuffer[1];
            for (Profile p : ps) {
                DeliverMaster m = master(audio, converted, inLoud, masterFile(o, stem, p), p, o, run);
                masters.add(m);
                listener.master(in, m);
            }
            return new DeliveryResult(in, info, inLoud, inQc, masters);
        } catch (WorkbenchException e) {
            throw e.about(in);
        }
    }

    /** The rate a profile takes: the input's when it is accepted, else the accepted rate nearest to it (upwards on a tie). */
    static int rateFor(Profile p, int inputRate) {
        if (p.sampleRatesHz().isEmpty() || p.sampleRatesHz().contains(inputRate)) {
            return inputRate;
        }
        int best = p.sampleRatesHz().get(0);
        for (int r : p.sampleRatesHz()) {
            if (Math.abs(r - inputRate) < Math.abs(best - inputRate)
                    || Math.abs(r - inputRate) == Math.abs(best - inputRate) && r > best) {
                best = r;
            }
        }
        return best;
    }

    /** The sample format a profile takes: its own word length when it names one, else the one asked for. */
    static SampleFormat formatFor(Profile p, SampleFormat asked) {
        return switch (p.bitsPerSample()) {
            case 16 -> SampleFormat.PCM_16;
            case 24 -> SampleFormat.PCM_24;
            case 32 -> asked == SampleFormat.FLOAT_32 ? asked : SampleFormat.PCM_32;
            default -> asked;
        };
    }

    /**
     * Renders, writes, measures and checks one master. {@code converted} caches the last resampled input so
     * that several 48 kHz profiles convert the input once.
     */
    private static DeliverMaster master(AudioBuffer audio, AudioBuffer[] converted, LoudnessReport inLoud, Path file,
                                        Profile p, DeliverOptions o, Outputs run) {
        List<String> conversions = new ArrayList<>();
        int rate = rateFor(p, audio.sampleRate());
        AudioBuffer src = audio;
        if (rate != audio.sampleRate()) {
            if (converted[0] == null || converted[0].sampleRate() != rate) {
                converted[0] = Resample.to(audio, rate);
            }
            src = converted[0];
            conversions.add(String.format(Locale.ROOT, "resampled from %d Hz to %d Hz (band-limited: flat to %.0f Hz, %.0f dB"
                    + " stopband)", audio.sampleRate(), rate, Resample.PASSBAND * Math.min(rate, audio.sampleRate()),
                    Resample.STOPBAND_DB));
        }
        SampleFormat format = formatFor(p, o.format());
        if (format != o.format()) {
            conversions.add(String.format(Locale.ROOT, "written as %s (the profile takes %d-bit samples)%s", format.label(),
                    p.bitsPerSample(), format.isFloat() ? "" : " with TPDF dither"));
        }
        double target = target(p);
        double ceiling = p.truePeakMaxDbtp();
        // a platform that plays files as they are keeps the input's loudness, up to 0 LUFS (the most a
        // master under a true-peak ceiling can be aimed at)
        double aim = Double.isNaN(target) ? Math.min(0, inLoud.integratedLufs()) : target;
        double limiterAt = Math.min(0, ceiling - CEILING_MARGIN_DB);
        MasterResult r = Master.of(src, Chain.of(), new MasterTarget(aim, limiterAt, o.maxLimitingDb()));
        String note;
        if (!r.reached()) {
            note = r.reason();
        } else if (Double.isNaN(target) && inLoud.integratedLufs() > 0) {
            note = String.format(Locale.ROOT, "the platform does not normalize; the input measures %+.2f LUFS, above 0 LUFS:"
                    + " the master is brought down to 0 LUFS, peaks under the ceiling", inLoud.integratedLufs());
        } else if (Double.isNaN(target)) {
            note = "the platform does not normalize: the master keeps the input's loudness, peaks under the ceiling";
        } else {
            note = String.format(Locale.ROOT, "gain %+.2f dB, limiter at %.2f dBTP", r.targetGainDb(), limiterAt);
        }
        if (!conversions.isEmpty()) {
            note = note + "; " + String.join("; ", conversions);
        }
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
        Outcome outcome = Platforms.outcome(TrackLoudness.of(file.getFileName().toString(), m), p);
        if (o.codecCheck() && p.codecCheck() != null && p.kind() == Profile.Kind.STREAMING) {
            Profile.CodecCheck cc = p.codecCheck();
            double decoded = Codecs.decodedTruePeakDbtp(file, cc);
            outcome = Platforms.withCodecTruePeak(outcome, p, decoded, cc.encoder() + " " + cc.bitrateKbps() + " kbit/s");
            boolean fine = outcome.codecTruePeakDbtp() <= 0;
            checks.add(new QcCheck("codec_true_peak", "True peak after the platform's codec", fine,
                    String.format(Locale.ROOT, "%.2f dBTP", outcome.codecTruePeakDbtp()), "≤ 0.0 dBTP at playback",
                    String.format(Locale.ROOT, "%s %d kbit/s decoded: %.2f dBTP, plus the platform's gain %+.2f dB%s",
                            cc.encoder(), cc.bitrateKbps(), decoded, outcome.gainDb(),
                            fine ? "" : ": clips in fixed-point decoders; lower the ceiling")));
        }
        return new DeliverMaster(p, file, format, mi.sampleRate(), conversions, target, aim, ceiling, r.targetGainDb(),
                r.limitingDb(), m, outcome, new QcReport(qc.subject(), checks), note, ClipCount.of(file));
    }
}
