package mw.platforms;

import java.util.List;
import java.util.Locale;

/**
 * One platform or delivery specification: what it plays a master back at, or what it requires of one.
 * Profiles are data (see {@code mw/platforms/platforms.json}); {@link ProfileSet} loads and validates them.
 *
 * @param id                 short identifier used on the command line ({@code spotify_normal})
 * @param name               name for people
 * @param kind               what the figures mean: a platform's playback rule, a delivery spec, or a style target
 * @param referenceLufs      playback reference or delivery target (LUFS); {@link Double#NaN} when the platform does not normalize
 * @param normalization      how the platform changes the level at playback
 * @param peakCeilingDbtp    for {@link Normalization#UP_CAPPED_BY_PEAK}: the true peak a raised track may reach (dBTP); NaN otherwise
 * @param limiterDbtp        for {@link Normalization#UP_WITH_LIMITER}: where the platform's limiter engages (dBTP); NaN otherwise
 * @param truePeakMaxDbtp    recommended (streaming, style target) or required (delivery) maximum true peak (dBTP)
 * @param toleranceLu        for delivery specs and style targets: the accepted distance from the target (LU); NaN otherwise
 * @param albumReferenceLufs for album-mode delivery specs that anchor the loudest track (AES TD1008): its level (LUFS); NaN otherwise
 * @param albumMode          whether the platform keeps the level differences inside an album
 * @param dialogueGated      the specification measures dialogue-gated loudness, which this workbench does not measure
 * @param sampleRatesHz      sample rates a delivery must have (empty: any common rate)
 * @param bitsPerSample      the word length a delivery must have (16 for a CD: Red Book), 0 for any of 16 bits or more
 * @param listenerSetting    a setting listeners choose on a platform (Spotify's Quiet and Loud): an outcome to look at,
 *                           not something a master is delivered to
 * @param codec              the codec listeners get, in words
 * @param codecCheck         how to imitate that codec with ffmpeg, or {@code null}
 * @param notes              caveats in words
 * @param sources            where each figure comes from
 */
public record Profile(String id, String name, Kind kind, double referenceLufs, Normalization normalization,
                      double peakCeilingDbtp, double limiterDbtp, double truePeakMaxDbtp, double toleranceLu,
                      double albumReferenceLufs, AlbumMode albumMode, boolean dialogueGated, List<Integer> sampleRatesHz,
                      int bitsPerSample, boolean listenerSetting, String codec,
                      CodecCheck codecCheck, String notes, List<Source> sources) {

    public Profile {
        sources = List.copyOf(sources);
        sampleRatesHz = List.copyOf(sampleRatesHz);
    }

    /** What a profile's figures mean. */
    public enum Kind {
        /** A platform that plays a master back at its own reference: gain is applied, the outcome is ok/warn/fail. */
        STREAMING,
        /** A delivery specification: nothing is applied; the master passes (ok) or fails. */
        DELIVERY,
        /** A loudness people master to by habit; not a rule any platform applies. */
        STYLE_TARGET;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a platform changes a track's level at playback. */
    public enum Normalization {
        /** Plays the file as it is. */
        NONE,
        /** Turns loud tracks down to the reference; never raises quiet ones. */
        DOWN_ONLY,
        /** Turns loud tracks down; raises quiet ones only until the true peak reaches {@code peakCeilingDbtp}. */
        UP_CAPPED_BY_PEAK,
        /** Turns every track to the reference; a limiter at {@code limiterDbtp} catches the peaks of raised tracks. */
        UP_WITH_LIMITER;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether a platform normalizes albums as a whole. */
    public enum AlbumMode {
        /** Not applicable (no normalization, or a delivery spec judged per programme). */
        NONE,
        /** Every track on its own. */
        TRACK,
        /** One gain for the whole album when it is played in order. */
        ALBUM;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How sure a figure is. */
    public enum Confidence {
        /** The platform's or standards body's own document. */
        OFFICIAL,
        /** Measured and published by an independent party. */
        MEASURED,
        /** Repeated in guides; no primary source found. */
        HEARSAY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Where figures come from.
     *
     * @param figures    the profile fields this source supports
     * @param title      title of the document or page
     * @param url        its address
     * @param published  its publication date as it gives it, or "undated"
     * @param checked    the date the figure was last checked against it (ISO 8601)
     * @param confidence how sure the figures are
     */
    public record Source(List<String> figures, String title, String url, String published, String checked,
                         Confidence confidence) {
        public Source {
            figures = List.copyOf(figures);
        }
    }

    /**
     * How to imitate a platform's lossy codec with ffmpeg.
     *
     * @param encoder     ffmpeg encoder name ({@code libvorbis}, {@code aac}, {@code libopus}, {@code libmp3lame})
     * @param bitrateKbps bit rate in kbit/s
     * @param extension   file extension for the encoded file
     */
    public record CodecCheck(String encoder, int bitrateKbps, String extension) {
    }

    /** Whether a master can be delivered to this profile ({@code false} for listener settings). */
    public boolean deliverable() {
        return !listenerSetting;
    }

    /** True when the platform changes the level at playback at all. */
    public boolean normalizes() {
        return normalization != Normalization.NONE;
    }

    /** The lowest confidence among the sources of the given field, or {@code null} when no source names it. */
    public Confidence confidenceOf(String field) {
        Confidence worst = null;
        for (Source s : sources) {
            if (s.figures().contains(field) && (worst == null || s.confidence().ordinal() > worst.ordinal())) {
                worst = s.confidence();
            }
        }
        return worst;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(id).append(" (").append(name).append("): ").append(kind.key());
        if (!Double.isNaN(referenceLufs)) {
            b.append(String.format(Locale.ROOT, ", reference %.1f LUFS", referenceLufs));
        }
        b.append(", ").append(normalization.key());
        if (!Double.isNaN(peakCeilingDbtp)) {
            b.append(String.format(Locale.ROOT, " (peak ceiling %.1f dBTP)", peakCeilingDbtp));
        }
        if (!Double.isNaN(limiterDbtp)) {
            b.append(String.format(Locale.ROOT, " (limiter %.1f dBTP)", limiterDbtp));
        }
        if (!Double.isNaN(toleranceLu)) {
            b.append(String.format(Locale.ROOT, ", tolerance ±%.1f LU", toleranceLu));
        }
        b.append(String.format(Locale.ROOT, ", true peak max %.1f dBTP", truePeakMaxDbtp));
        return b.toString();
    }
}
