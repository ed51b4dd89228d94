package mw.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;

/**
 * Listening in a notebook: HTML5 players for audio, and A/B comparison at equal loudness.
 *
 * <p>Engineers compare versions at the same loudness, because the louder one nearly always sounds
 * "better". {@link #ab(AudioBuffer, AudioBuffer)} measures both (integrated loudness, ITU-R BS.1770-4,
 * through {@link Loudness#of(AudioBuffer)}) and turns the louder one down to the quieter one; it never
 * turns anything up, so matching cannot clip. While the loudness meter is not available in a build
 * (it throws {@link UnsupportedOperationException}), the fallback is the ungated, unweighted mean power
 * summed over channels ({@code 10·log10(Σ mean(x²))}, in dB); the player says which measure was used.
 *
 * <p>Players carry 16-bit WAV (the library's WAV writer, with its seeded TPDF dither) in a data URI,
 * so the notebook keeps working offline and in exported HTML. Only the first {@link #maxSeconds()}
 * seconds are embedded, to keep notebooks small; more than two channels are mixed to mono.
 */
public final class Listen {
    private static volatile double maxSeconds = 45;

    private Listen() {
    }

    /** Longest stretch of audio a player embeds, in seconds. */
    public static double maxSeconds() {
        return maxSeconds;
    }

    /** Sets the longest stretch of audio a player embeds (1 s to 1 h). */
    public static void maxSeconds(double seconds) {
        maxSeconds = WorkbenchException.checkRange("maxSeconds", seconds, 1, 3600);
    }

    /** A player for one buffer (a buffer shown as a cell's value renders as this too). */
    public static Player to(AudioBuffer audio) {
        return new Player(audio, null);
    }

    /** A player for one buffer with a label. */
    public static Player to(AudioBuffer audio, String label) {
        return new Player(audio, label);
    }

    /** Two players, A and B, matched in loudness. */
    public static AB ab(AudioBuffer a, AudioBuffer b) {
        return new AB(a, b, "A", "B", true);
    }

    /**
     * Three players matched in loudness, for a reference match: A the target, B the result, C the reference
     * (pass the same passage of target and result, and a passage of the reference). As with {@link #ab}, the
     * louder ones are turned down to the quietest, so the players compare tone, width and dynamics, not level.
     */
    public static Compare abc(AudioBuffer target, AudioBuffer result, AudioBuffer reference) {
        return new Compare(new AudioBuffer[] {target, result, reference},
                new String[] {"A · target", "B · result", "C · reference"}, true);
    }

    /** A single player, shown as HTML in a notebook. */
    public record Player(AudioBuffer audio, String label) {
        /** The player's HTML. */
        public String toHtml() {
            return (label == null ? "" : "<b>" + Html.escape(label) + "</b> ") + playerHtml(audio);
        }
    }

    /** An A/B comparison. */
    public static final class AB {
        private final Compare c;

        AB(AudioBuffer a, AudioBuffer b, String labelA, String labelB, boolean matched) {
            if (a == null || b == null) {
                throw new WorkbenchException("Listen.ab needs two buffers");
            }
            this.c = new Compare(new AudioBuffer[] {a, b}, new String[] {labelA, labelB}, matched);
        }

        private AB(Compare c) {
            this.c = c;
        }

        /** The same comparison with other labels. */
        public AB labels(String a, String b) {
            return new AB(c.labels(a, b));
        }

        /** Matched in loudness (the default). */
        public AB loudnessMatched() {
            return new AB(c.loudnessMatched());
        }

        /** As they are, without matching. */
        public AB asIs() {
            return new AB(c.asIs());
        }

        /** Level of A in the unit of {@link #measure()}. */
        public double levelA() {
            return c.level(0);
        }

        /** Level of B in the unit of {@link #measure()}. */
        public double levelB() {
            return c.level(1);
        }

        /** What the levels are: "LUFS (integrated, BS.1770-4)" or the fallback's name. */
        public String measure() {
            return c.measure();
        }

        /** Gain applied to A for listening, in dB (0 or negative). */
        public double gainDbA() {
            return c.gainDb(0);
        }

        /** Gain applied to B for listening, in dB (0 or negative). */
        public double gainDbB() {
            return c.gainDb(1);
        }

        /** The two players and their levels as HTML. */
        public String toHtml() {
            return c.toHtml();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "A/B %s vs %s (%s): %s %.2f dB, %s %.2f dB",
                    c.labels[0], c.labels[1], c.matched ? "loudness matched" : "as is", c.labels[0], gainDbA(), c.labels[1], gainDbB());
        }
    }

    /** Players for two or more buffers, matched in loudness by turning the louder ones down to the quietest. */
    public static final class Compare {
        private final AudioBuffer[] audio;
        private final String[] labels;
        private final boolean matched;
        private double[] levels;
        private String measure;

        Compare(AudioBuffer[] audio, String[] labels, boolean matched) {
            for (AudioBuffer a : audio) {
                if (a == null) {
                    throw new WorkbenchException("Listen needs a buffer for every player; one is null");
                }
            }
            this.audio = audio.clone();
            this.labels = labels.clone();
            this.matched = matched;
        }

        /** The same players with other labels, one per buffer. */
        public Compare labels(String... names) {
            if (names.length != audio.length) {
                throw new WorkbenchException(audio.length + " labels are needed, one per player; got " + names.length);
            }
            return new Compare(audio, names, matched);
        }

        /** Matched in loudness (the default). */
        public Compare loudnessMatched() {
            return new Compare(audio, labels, true);
        }

        /** As they are, without matching. */
        public Compare asIs() {
            return new Compare(audio, labels, false);
        }

        private synchronized double[] levels() {
            if (levels == null) {
                double[] l = new double[audio.length];
                try {
                    for (int i = 0; i < audio.length; i++) {
                        l[i] = Loudness.of(audio[i]).integratedLufs();
                    }
                    measure = "LUFS (integrated loudness, ITU-R BS.1770-4)";
                } catch (UnsupportedOperationException e) {
                    for (int i = 0; i < audio.length; i++) {
                        l[i] = meanPowerDb(audio[i]);
                    }
                    measure = "dB mean power summed over channels (fallback: no loudness meter in this build)";
                }
                levels = l;
            }
            return levels;
        }

        /** Level of player {@code i} (from 0) in the unit of {@link #measure()}. */
        public double level(int i) {
            return levels()[i];
        }

        /** What the levels are: "LUFS (integrated, BS.1770-4)" or the fallback's name. */
        public String measure() {
            levels();
            return measure;
        }

        /** Gain applied to player {@code i} for listening, in dB (0 or negative). */
        public double gainDb(int i) {
            if (!matched) {
                return 0;
            }
            double[] l = levels();
            double min = Double.POSITIVE_INFINITY;
            for (double v : l) {
                if (!Double.isFinite(v)) {
                    return 0;
                }
                min = Math.min(min, v);
            }
            return min - l[i];
        }

        /** The players and their levels as HTML. */
        public String toHtml() {
            StringBuilder sb = new StringBuilder("<table class=\"mw-ab\"><thead><tr><th></th><th>level</th><th>gain for listening</th><th>player</th></tr></thead><tbody>");
            for (int i = 0; i < audio.length; i++) {
                double g = gainDb(i);
                sb.append("<tr><td><b>").append(Html.escape(labels[i])).append("</b></td><td>")
                        .append(Html.number(level(i))).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%+.2f dB", g)).append("</td><td>")
                        .append(playerHtml(g == 0 ? audio[i] : audio[i].gainDb(g))).append("</td></tr>");
            }
            sb.append("</tbody></table><div style=\"font-size:smaller\">")
                    .append(matched ? "matched in loudness; " : "as is (not matched); ")
                    .append("levels: ").append(Html.escape(measure())).append("</div>");
            return sb.toString();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(matched ? "players, loudness matched:" : "players, as is:");
            for (int i = 0; i < audio.length; i++) {
                sb.append(String.format(Locale.ROOT, " %s %+.2f dB;", labels[i], gainDb(i)));
            }
            return sb.substring(0, sb.length() - 1);
        }
    }

    /** {@code 10·log10(Σ_channels mean(x²))}: the fallback level; -inf for silence. */
    static double meanPowerDb(AudioBuffer audio) {
        double sum = 0;
        for (int c = 0; c < audio.channels(); c++) {
            double s = 0;
            for (int i = 0; i < audio.frames(); i++) {
                double v = audio.sample(c, i);
                s += v * v;
            }
            sum += audio.frames() == 0 ? 0 : s / audio.frames();
        }
        return 10 * Math.log10(sum);
    }

    /** An HTML5 audio player carrying the buffer as a 16-bit WAV data URI, with a one-line caption. */
    public static String playerHtml(AudioBuffer audio) {
        StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "%d Hz, %d ch, %.2f s",
                audio.sampleRate(), audio.channels(), audio.durationSeconds()));
        if (!audio.isFinite()) {
            return "<div>cannot play: the audio contains NaN or infinite samples (" + note + ")</div>";
        }
        AudioBuffer play = audio;
        if (play.durationSeconds() > maxSeconds) {
            play = play.sliceSeconds(0, maxSeconds);
            note.append(String.format(Locale.ROOT, "; first %.0f s embedded (Listen.maxSeconds)", maxSeconds));
        }
        if (play.channels() > 2) {
            play = play.mono();
            note.append("; mixed to mono for listening");
        }
        if (play.peak() > 1.0) {
            note.append("; peaks above 0 dBFS clip in this player");
        }
        String b64 = Base64.getEncoder().encodeToString(wav16(play));
        return "<div class=\"mw-audio\"><audio controls preload=\"metadata\" src=\"data:audio/wav;base64," + b64
                + "\"></audio><div style=\"font-size:smaller\">" + Html.escape(note.toString()) + "</div></div>";
    }

    /** The buffer as a 16-bit PCM WAV file's bytes (written by the library's WAV writer). */
    public static byte[] wav16(AudioBuffer audio) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("mw-listen", ".wav");
            Audio.write(audio, tmp, SampleFormat.PCM_16);
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
