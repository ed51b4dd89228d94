package mw.analysis;

import java.util.ArrayList;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;

/**
 * Picks the signal an analysis looks at: the mono mix, one channel, or for stereo the mid
 * {@code M = (L + R) / 2} and side {@code S = (L - R) / 2} signals. With this scaling a centred
 * (identical-channel) signal has {@code M = L} and {@code S = 0}.
 */
public final class Signals {
    /** Name of the mono mix (the mean of all channels, as librosa's {@code to_mono}). */
    public static final String MIX = "mix";

    private Signals() {
    }

    /** The names {@link #select} accepts for this buffer: "mix", each channel's label, and "M", "S" for stereo. */
    public static List<String> names(AudioBuffer audio) {
        List<String> out = new ArrayList<>();
        out.add(MIX);
        for (int c = 0; c < audio.channels(); c++) {
            out.add(channelName(audio, c));
        }
        if (audio.channels() == 2) {
            out.add("M");
            out.add("S");
        }
        return out;
    }

    /**
     * The name of one channel: its speaker label, or "ch" and its number (from 1) when the layout does not
     * say which speaker it is for or gives two channels one label, so that every channel has its own name.
     */
    public static String channelName(AudioBuffer audio, int channel) {
        String label = audio.layout().speaker(channel).label();
        int same = 0;
        for (int c = 0; c < audio.channels(); c++) {
            if (audio.layout().speaker(c).label().equalsIgnoreCase(label)) {
                same++;
            }
        }
        boolean named = same == 1 && label.chars().anyMatch(Character::isLetterOrDigit)
                && !label.equalsIgnoreCase(MIX) && !(audio.channels() == 2 && (label.equalsIgnoreCase("M") || label.equalsIgnoreCase("S")));
        return named ? label : "ch" + (channel + 1);
    }

    /** The samples of a named signal (a fresh array). */
    public static double[] select(AudioBuffer audio, String name) {
        if (MIX.equalsIgnoreCase(name)) {
            if (audio.channels() == 1) {
                return audio.channel(0);
            }
            int n = audio.frames();
            int ch = audio.channels();
            double[] out = audio.channel(0);
            for (int c = 1; c < ch; c++) {
                for (int i = 0; i < n; i++) {
                    out[i] += audio.sample(c, i);
                }
            }
            for (int i = 0; i < n; i++) {
                out[i] /= ch;
            }
            return out;
        }
        if (audio.channels() == 2 && ("M".equalsIgnoreCase(name) || "S".equalsIgnoreCase(name))) {
            int n = audio.frames();
            double[] out = new double[n];
            double sign = "M".equalsIgnoreCase(name) ? 1 : -1;
            for (int i = 0; i < n; i++) {
                out[i] = 0.5 * (audio.sample(0, i) + sign * audio.sample(1, i));
            }
            return out;
        }
        for (int c = 0; c < audio.channels(); c++) {
            if (channelName(audio, c).equalsIgnoreCase(name)) {
                return audio.channel(c);
            }
        }
        throw new WorkbenchException("no signal \"" + name + "\" in " + audio.layout() + " audio; accepted: " + names(audio));
    }

    static void requireFinite(AudioBuffer audio, String what) {
        if (!audio.isFinite()) {
            throw new WorkbenchException(what + ": the audio contains NaN or infinite samples; accepted: finite samples only");
        }
    }
}
