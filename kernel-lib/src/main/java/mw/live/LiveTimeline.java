package mw.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mw.WorkbenchException;

/**
 * A scripted game session: at which times the game asks for which state, optionally with the
 * transition's duration and curve. Written as {@code 0:menu,12:exploration,30:combat/2s,55:boss/0.5s/exp}:
 * time in seconds, a colon, the state, then optionally {@code /DURATION} (in {@code s} or {@code ms})
 * and {@code /CURVE}. The first cue sets the starting state (at time 0 it is there from the start);
 * later cues without a duration use the transition the states define.
 */
public final class LiveTimeline {
    /**
     * One cue.
     *
     * @param atSeconds  when the game asks for the state
     * @param state      the state's name
     * @param transition the transition to use, or {@code null} for the one the states define
     */
    public record Cue(double atSeconds, String state, LiveTransition transition) {
    }

    private final List<Cue> cues;

    private LiveTimeline(List<Cue> cues) {
        this.cues = List.copyOf(cues);
    }

    /** A timeline of cues (times strictly increasing, the first at or after 0). */
    public static LiveTimeline of(List<Cue> cues) {
        if (cues.isEmpty()) {
            throw new WorkbenchException("the timeline is empty; accepted: cues such as 0:menu,12:combat/2s");
        }
        for (int i = 0; i < cues.size(); i++) {
            Cue c = cues.get(i);
            if (!(c.atSeconds() >= 0) || Double.isInfinite(c.atSeconds())) {
                throw new WorkbenchException("timeline cue " + (i + 1) + " at " + c.atSeconds() + " s: times must be 0 or more seconds");
            }
            if (i > 0 && !(c.atSeconds() > cues.get(i - 1).atSeconds())) {
                throw new WorkbenchException(String.format(Locale.ROOT,
                        "timeline is out of order: cue %d (%s at %s s) does not come after cue %d (%s at %s s)", i + 1, c.state(),
                        LiveParameter.fmt(c.atSeconds()), i, cues.get(i - 1).state(), LiveParameter.fmt(cues.get(i - 1).atSeconds())));
            }
        }
        return new LiveTimeline(cues);
    }

    /** Parses {@code 0:menu,12:exploration,30:combat/2s,55:boss/0.5s/exp}. */
    public static LiveTimeline parse(String spec) {
        List<Cue> cues = new ArrayList<>();
        for (String item : spec.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.indexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new WorkbenchException("timeline cue \"" + s + "\" is not TIME:STATE[/DURATION[/CURVE]], such as 30:combat/2s");
            }
            double at;
            try {
                at = Double.parseDouble(s.substring(0, colon).trim());
            } catch (NumberFormatException e) {
                throw new WorkbenchException("timeline cue \"" + s + "\": " + s.substring(0, colon) + " is not a time in seconds");
            }
            String[] parts = s.substring(colon + 1).split("/");
            String state = parts[0].trim();
            LiveTransition t = null;
            if (parts.length > 3) {
                throw new WorkbenchException("timeline cue \"" + s + "\" has too many parts; accepted: TIME:STATE[/DURATION[/CURVE]]");
            }
            if (parts.length >= 2) {
                double sec = duration(s, parts[1].trim());
                TransitionCurve c = parts.length == 3 ? TransitionCurve.parse(parts[2]) : TransitionCurve.LINEAR;
                try {
                    t = new LiveTransition(sec, c);
                } catch (WorkbenchException e) {
                    throw new WorkbenchException("timeline cue \"" + s + "\": " + e.getMessage());
                }
            }
            cues.add(new Cue(at, state, t));
        }
        return of(cues);
    }

    private static double duration(String cue, String d) {
        String k = d.toLowerCase(Locale.ROOT);
        double scale = 1;
        if (k.endsWith("ms")) {
            k = k.substring(0, k.length() - 2);
            scale = 0.001;
        } else if (k.endsWith("s")) {
            k = k.substring(0, k.length() - 1);
        }
        try {
            return Double.parseDouble(k.trim()) * scale;
        } catch (NumberFormatException e) {
            throw new WorkbenchException("timeline cue \"" + cue + "\": " + d + " is not a duration such as 2s or 500ms");
        }
    }

    public List<Cue> cues() {
        return cues;
    }

    /** Checks the cues against the states (known names) and the audio's duration (every cue inside it). */
    void check(LiveStates states, double durationSeconds, String audioName) {
        for (Cue c : cues) {
            states.get(c.state());
            if (c.atSeconds() >= durationSeconds) {
                throw new WorkbenchException(String.format(Locale.ROOT, "timeline cue %s at %s s is beyond the end of %s (%.3f s)",
                        c.state(), LiveParameter.fmt(c.atSeconds()), audioName, durationSeconds));
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Cue c : cues) {
            sb.append(sb.length() == 0 ? "" : ",").append(LiveParameter.fmt(c.atSeconds())).append(':').append(c.state());
            if (c.transition() != null) {
                sb.append('/').append(LiveParameter.fmt(c.transition().seconds())).append("s/").append(c.transition().curve().id());
            }
        }
        return sb.toString();
    }
}
