import java.nio.file.Path;
import mw.matching.*;
/**
 * Predicted mid spectral distance of every pair of the given files matched to one another, with the defaults
 * and with the content guard off under several EQ limits and smoothing widths. Run from the repository root:
 * {@code java -cp cli/target/mw.jar bench/match/MatchLimits.java a.wav b.wav c.wav ...}
 */
public class MatchLimits {
    public static void main(String[] f) {
        MatchProfile[] p = new MatchProfile[f.length];
        for (int i = 0; i < f.length; i++) p[i] = MatchProfile.of(Path.of(f[i]));
        double[][] lim = {{6, 1}, {12, 1}, {24, 1}, {6, 1.0 / 3}, {12, 1.0 / 3}, {24, 1.0 / 3}};
        System.out.println("pair | before | guard on, 6/1oct | guard off: 6 dB 1 oct | 12 dB 1 oct | 24 dB 1 oct | 6 dB 1/3 oct | 12 dB 1/3 oct | 24 dB 1/3 oct");
        for (int i = 0; i < f.length; i++) for (int j = 0; j < f.length; j++) {
            if (i == j) continue;
            StringBuilder sb = new StringBuilder(Path.of(f[i]).getFileName() + " -> " + Path.of(f[j]).getFileName());
            MatchPlan g = Match.plan(p[i], p[j], MatchSettings.defaults());
            sb.append(String.format(" | %.2f | %.2f", g.before().midDistanceDb(), g.after().midDistanceDb()));
            for (double[] l : lim) {
                MatchPlan m = Match.plan(p[i], p[j], MatchSettings.defaults().withContentGuard(false).withLimits(l[0], l[0]).withSmoothingOctaves(l[1]));
                sb.append(String.format(" | %.2f", m.after().midDistanceDb()));
            }
            System.out.println(sb);
        }
    }
}
