package mw.platforms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mw.audio.AudioBuffer;
import mw.loudness.Loudness;

/**
 * What each platform does to a master, and whether a master meets each delivery specification.
 *
 * <p>The rules are pure functions of a track's integrated loudness {@code I} (LUFS), its true peak
 * {@code TP} (dBTP) and the profile:
 * <ul>
 *   <li>{@code none}: gain 0.</li>
 *   <li>{@code down_only}: gain = min(0, reference − I).</li>
 *   <li>{@code up_capped_by_peak}: gain = reference − I when that is negative; otherwise
 *       max(0, min(reference − I, ceiling − TP)), so a raised track's true peak stops at the ceiling
 *       (Spotify Normal: ceiling −1 dBTP, "leave 1 dB headroom").</li>
 *   <li>{@code up_with_limiter}: gain = reference − I; where TP + gain exceeds the limiter threshold the
 *       limiter acts and the playback true peak is the threshold (Spotify Loud: −1 dB).</li>
 *   <li>delivery specs and style targets apply nothing: the master is judged as it is.</li>
 * </ul>
 * Album mode computes one gain from the album's loudness and true peak and applies it to every track.
 * The verdict logic is described in {@code docs/platforms.md} and in {@link #outcome}.
 */
public final class Platforms {
    /** A track more than this far below its platform's reference gets a warning (LU). */
    public static final double QUIETER_WARN_LU = 1.0;
    /** Numbers closer than this are equal (guards tolerance edges against binary rounding). */
    static final double EPS = 1e-9;

    private Platforms() {
    }

    /** Outcomes of measured buffers on every bundled profile; tracks are named "track 1", "track 2", .... */
    public static Outcomes outcomes(AudioBuffer... tracks) {
        List<TrackLoudness> t = new ArrayList<>();
        for (int i = 0; i < tracks.length; i++) {
            t.add(TrackLoudness.of("track " + (i + 1), Loudness.of(tracks[i])));
        }
        return outcomes(t, ProfileSet.bundled());
    }

    /** Outcomes of files on every bundled profile. */
    public static Outcomes outcomes(Path... files) {
        List<TrackLoudness> t = new ArrayList<>();
        for (Path f : files) {
            t.add(TrackLoudness.of(f.getFileName().toString(), Loudness.of(f)));
        }
        return outcomes(t, ProfileSet.bundled());
    }

    /** Outcomes of each track on its own (track normalization) on every profile of the set. */
    public static Outcomes outcomes(List<TrackLoudness> tracks, ProfileSet profiles) {
        List<Outcome> out = new ArrayList<>();
        for (TrackLoudness t : tracks) {
            for (Profile p : profiles) {
                out.add(outcome(t, p));
            }
        }
        return new Outcomes(out);
    }

    /** One track on one profile, normalized as a single track. */
    public static Outcome outcome(TrackLoudness t, Profile p) {
        return judge(t, p, gain(p, t.integratedLufs(), t.truePeakDbtp()), false);
    }

    /**
     * Outcomes of the tracks played as one album. Profiles in album mode apply one gain, computed from
     * the album's loudness ({@link #albumLoudnessLufs}) and its highest true peak; other profiles treat
     * each track on its own. For a delivery spec with an album reference (AES TD1008) the loudest track
     * is judged against that reference.
     */
    public static Outcomes album(List<TrackLoudness> tracks, ProfileSet profiles) {
        double albumI = albumLoudnessLufs(tracks);
        double albumTp = tracks.stream().mapToDouble(TrackLoudness::truePeakDbtp).max().orElse(Double.NaN);
        double loudest = tracks.stream().mapToDouble(TrackLoudness::integratedLufs).filter(d -> !Double.isNaN(d))
                .max().orElse(Double.NaN);
        List<Outcome> out = new ArrayList<>();
        for (TrackLoudness t : tracks) {
            for (Profile p : profiles) {
                if (p.albumMode() != Profile.AlbumMode.ALBUM) {
                    out.add(outcome(t, p));
                } else if (p.kind() == Profile.Kind.STREAMING) {
                    out.add(judge(t, p, gain(p, albumI, albumTp), true));
                } else {
                    out.add(judgeAlbumSpec(t, p, loudest));
                }
            }
        }
        return new Outcomes(out);
    }

    /**
     * The loudness of tracks played in a row, as the power mean of their integrated loudness weighted
     * by duration (equal weights when a duration is unknown). This approximates ITU-R BS.1770 gating
     * over the whole album: it is exact when every track is above the album's relative gate throughout.
     * Tracks with undefined loudness (silence) are left out.
     */
    public static double albumLoudnessLufs(List<TrackLoudness> tracks) {
        boolean weighted = tracks.stream().allMatch(t -> t.durationSeconds() > 0);
        double energy = 0;
        double weight = 0;
        for (TrackLoudness t : tracks) {
            if (Double.isNaN(t.integratedLufs())) {
                continue;
            }
            double w = weighted ? t.durationSeconds() : 1.0;
            energy += w * Math.pow(10, t.integratedLufs() / 10);
            weight += w;
        }
        return weight == 0 ? Double.NaN : 10 * Math.log10(energy / weight);
    }

    /** The gain (dB) a profile applies to material of loudness {@code lufs} and true peak {@code tpDbtp}. */
    public static double gain(Profile p, double lufs, double tpDbtp) {
        if (p.kind() != Profile.Kind.STREAMING || Double.isNaN(lufs)) {
            return 0;
        }
        double toRef = p.referenceLufs() - lufs;
        return switch (p.normalization()) {
            case NONE -> 0;
            case DOWN_ONLY -> Math.min(0, toRef);
            case UP_CAPPED_BY_PEAK -> toRef <= 0 ? toRef : Math.max(0, Math.min(toRef, p.peakCeilingDbtp() - tpDbtp));
            case UP_WITH_LIMITER -> toRef;
        };
    }

    private static Outcome judge(TrackLoudness t, Profile p, double gainDb, boolean albumGain) {
        double i = t.integratedLufs();
        double tp = t.truePeakDbtp();
        List<String> fails = new ArrayList<>();
        List<String> warns = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (Double.isNaN(i)) {
            fails.add("integrated loudness is undefined (silence or shorter than one 400 ms block); nothing can be judged");
            return new Outcome(t.track(), i, tp, p.id(), p.name(), p.kind(), p.referenceLufs(), 0, Double.NaN, tp,
                    false, 0, Double.NaN, p.truePeakMaxDbtp() - tp, albumGain, Double.NaN, Verdict.FAIL, fails);
        }
        return switch (p.kind()) {
            case STREAMING -> judgeStreaming(t, p, gainDb, albumGain, fails, warns, notes);
            case DELIVERY -> judgeSpec(t, p, p.referenceLufs(), fails, warns, notes, false);
            case STYLE_TARGET -> judgeStyle(t, p, fails, warns, notes);
        };
    }

    private static Outcome judgeStreaming(TrackLoudness t, Profile p, double gainDb, boolean albumGain,
                                          List<String> fails, List<String> warns, List<String> notes) {
        double i = t.integratedLufs();
        double tp = t.truePeakDbtp();
        double playback = i + gainDb;
        double tpAfter = tp + gainDb;
        boolean limited = false;
        double reduction = 0;
        if (p.normalization() == Profile.Normalization.UP_WITH_LIMITER && tpAfter > p.limiterDbtp() + EPS) {
            limited = true;
            reduction = tpAfter - p.limiterDbtp();
            tpAfter = p.limiterDbtp();
        }
        double diff = p.normalizes() ? playback - p.referenceLufs() : Double.NaN;
        double headroom = p.truePeakMaxDbtp() - tpAfter;
        String scope = albumGain ? " (album gain)" : "";

        if (tpAfter > EPS) {
            fails.add(f("true peak at playback %+.1f dBTP is above 0 dBTP: it will clip in decoders and converters", tpAfter));
        } else if (headroom < -EPS) {
            warns.add(f("true peak at playback %.1f dBTP is above the recommended %.1f dBTP: lossy encoding may clip",
                    tpAfter, p.truePeakMaxDbtp()));
        }
        if (limited) {
            warns.add(f("the platform's limiter at %.1f dB acts: peaks reduced by up to %.1f dB", p.limiterDbtp(), reduction));
        }
        if (!p.normalizes()) {
            notes.add(f("no normalization: plays at the master's own %.1f LUFS", i));
        } else {
            if (diff < -QUIETER_WARN_LU - EPS && albumGain) {
                notes.add(f("plays %.1f LU below the reference %.1f LUFS: the album's own balance, kept by album gain",
                        -diff, p.referenceLufs()));
            } else if (diff < -QUIETER_WARN_LU - EPS) {
                String why;
                if (p.normalization() == Profile.Normalization.DOWN_ONLY) {
                    why = "the platform never turns tracks up";
                } else if (p.normalization() == Profile.Normalization.UP_CAPPED_BY_PEAK) {
                    why = f("raising it further would push its true peak above %.1f dBTP", p.peakCeilingDbtp());
                } else {
                    why = "the platform's limiter cannot make up more";
                }
                warns.add(f("plays %.1f LU below the reference %.1f LUFS, quieter than other tracks: %s",
                        -diff, p.referenceLufs(), why));
            }
            if (gainDb < -EPS) {
                notes.add(f("turned down %.1f dB%s to %.1f LUFS", -gainDb, scope, playback));
            } else if (gainDb > EPS) {
                notes.add(f("turned up %.1f dB%s to %.1f LUFS", gainDb, scope, playback));
            } else {
                notes.add(f("played as it is at %.1f LUFS", playback));
            }
        }
        return finish(t, p, p.referenceLufs(), gainDb, playback, tpAfter, limited, reduction, diff, headroom, albumGain,
                fails, warns, notes);
    }

    private static Outcome judgeSpec(TrackLoudness t, Profile p, double target, List<String> fails, List<String> warns,
                                     List<String> notes, boolean loudestTrackRule) {
        double i = t.integratedLufs();
        double tp = t.truePeakDbtp();
        double diff = i - target;
        double headroom = p.truePeakMaxDbtp() - tp;
        String what = loudestTrackRule ? "the album's loudest track" : "integrated loudness";
        if (Math.abs(diff) > p.toleranceLu() + EPS) {
            fails.add(f("%s %.1f LUFS is %.1f LU %s the target %.1f ±%.1f LU (needs %+.1f dB)", what,
                    loudestTrackRule ? target + diff : i, Math.abs(diff), diff > 0 ? "above" : "below", target,
                    p.toleranceLu(), -diff));
        } else {
            notes.add(f("%s %.1f LUFS is within %.1f ±%.1f LU", what, loudestTrackRule ? target + diff : i, target,
                    p.toleranceLu()));
        }
        if (headroom < -EPS) {
            fails.add(f("true peak %.1f dBTP exceeds the maximum %.1f dBTP", tp, p.truePeakMaxDbtp()));
        } else {
            notes.add(f("true peak %.1f dBTP is within the maximum %.1f dBTP", tp, p.truePeakMaxDbtp()));
        }
        if (p.dialogueGated()) {
            warns.add("the specification measures dialogue-gated loudness, which is not measured here: judged on programme loudness");
        }
        return finish(t, p, target, 0, i, tp, false, 0, diff, headroom, loudestTrackRule, fails, warns, notes);
    }

    private static Outcome judgeAlbumSpec(TrackLoudness t, Profile p, double loudestLufs) {
        if (Double.isNaN(p.albumReferenceLufs())) {
            return outcome(t, p);
        }
        List<String> fails = new ArrayList<>();
        List<String> warns = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        // The album is judged by its loudest track; each track's own true peak is still judged.
        TrackLoudness anchor = new TrackLoudness(t.track(), loudestLufs, t.truePeakDbtp(), t.durationSeconds());
        Outcome o = judgeSpec(anchor, p, p.albumReferenceLufs(), fails, warns, notes, true);
        double diff = t.integratedLufs() - p.albumReferenceLufs();
        return new Outcome(t.track(), t.integratedLufs(), t.truePeakDbtp(), p.id(), p.name(), p.kind(),
                p.albumReferenceLufs(), 0, t.integratedLufs(), t.truePeakDbtp(), false, 0, diff, o.headroomDb(), true,
                Double.NaN, o.verdict(), o.reasons());
    }

    private static Outcome judgeStyle(TrackLoudness t, Profile p, List<String> fails, List<String> warns, List<String> notes) {
        double i = t.integratedLufs();
        double tp = t.truePeakDbtp();
        double diff = i - p.referenceLufs();
        double headroom = p.truePeakMaxDbtp() - tp;
        if (Math.abs(diff) > p.toleranceLu() + EPS) {
            warns.add(f("%.1f LU %s the style target %.1f LUFS (a habit, not a platform rule; needs %+.1f dB to match)",
                    Math.abs(diff), diff > 0 ? "above" : "below", p.referenceLufs(), -diff));
        } else {
            notes.add(f("within %.1f LU of the style target %.1f LUFS", p.toleranceLu(), p.referenceLufs()));
        }
        if (tp > EPS) {
            fails.add(f("true peak %+.1f dBTP is above 0 dBTP: it will clip in decoders and converters", tp));
        } else if (headroom < -EPS) {
            warns.add(f("true peak %.1f dBTP is above the recommended %.1f dBTP", tp, p.truePeakMaxDbtp()));
        }
        return finish(t, p, p.referenceLufs(), 0, i, tp, false, 0, diff, headroom, false, fails, warns, notes);
    }

    private static Outcome finish(TrackLoudness t, Profile p, double ref, double gain, double playback, double tpAfter,
                                  boolean limited, double reduction, double diff, double headroom, boolean albumGain,
                                  List<String> fails, List<String> warns, List<String> notes) {
        Verdict v = !fails.isEmpty() ? Verdict.FAIL : !warns.isEmpty() ? Verdict.WARN : Verdict.OK;
        List<String> reasons = new ArrayList<>(fails);
        reasons.addAll(warns);
        reasons.addAll(notes);
        return new Outcome(t.track(), t.integratedLufs(), t.truePeakDbtp(), p.id(), p.name(), p.kind(), ref, gain,
                playback, tpAfter, limited, reduction, diff, headroom, albumGain, Double.NaN, v, reasons);
    }

    /**
     * The outcome with the result of a codec check: {@code decodedTruePeakDbtp} is the true peak of the
     * master after the platform's lossy encoding and decoding, before playback gain. The platform's gain
     * (and limiter) then apply; a playback true peak above 0 dBTP fails, above the recommendation warns.
     */
    public static Outcome withCodecTruePeak(Outcome o, Profile p, double decodedTruePeakDbtp, String codec) {
        double after = decodedTruePeakDbtp + o.gainDb();
        if (o.limited()) {
            after = Math.min(after, o.playbackTruePeakDbtp());
        }
        double overshoot = decodedTruePeakDbtp - o.truePeakDbtp();
        List<String> reasons = new ArrayList<>();
        Verdict v = o.verdict();
        String what = f("after %s the true peak at playback is %.1f dBTP (codec overshoot %+.1f dB)", codec, after, overshoot);
        if (after > EPS) {
            v = Verdict.FAIL;
            reasons.add(what + ": it will clip in fixed-point decoders and converters");
        } else if (after > p.truePeakMaxDbtp() + EPS) {
            v = v.worst(Verdict.WARN);
            reasons.add(what + f(": above the recommended %.1f dBTP", p.truePeakMaxDbtp()));
        }
        List<String> all = new ArrayList<>();
        if (v == Verdict.FAIL) {
            all.addAll(reasons);
            all.addAll(o.reasons());
        } else {
            all.addAll(o.reasons());
            all.addAll(reasons);
            if (reasons.isEmpty()) {
                all.add(what);
            }
        }
        return new Outcome(o.track(), o.integratedLufs(), o.truePeakDbtp(), o.profileId(), o.profileName(), o.kind(),
                o.referenceLufs(), o.gainDb(), o.playbackLufs(), o.playbackTruePeakDbtp(), o.limited(), o.limiterReductionDb(),
                o.differenceLu(), o.headroomDb(), o.albumGain(), after, v, all);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
