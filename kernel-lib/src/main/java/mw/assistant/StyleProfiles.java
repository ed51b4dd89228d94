package mw.assistant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mw.WorkbenchException;

/**
 * The style profiles: what each style is usually mastered to, every figure with its source (see the bundled
 * {@code style-profiles.json}). A track's target is the probability-weighted blend ({@link #blend}).
 */
public final class StyleProfiles {
    /** Where the bundled profiles live on the class path. */
    public static final String RESOURCE = "/mw/assistant/style-profiles.json";
    /** Source keys a figure may name. */
    public static final Set<String> SOURCE_KINDS = Set.of("seed", "derived", "assumption");

    /**
     * One style's profile.
     *
     * @param id         style label, as the model names it
     * @param name       name for people
     * @param lufs       integrated loudness range {low, high}, LUFS
     * @param lraLu      loudness range {low, high}, LU
     * @param plrDb      peak-to-loudness ratio {low, high}, dB
     * @param ceilingDbtp limiter ceiling, dBTP
     * @param compression compression tendency in words
     * @param tendencies processing tendencies in words
     */
    public record Profile(String id, String name, double[] lufs, @JsonProperty("lufs_source") String lufsSource,
                          @JsonProperty("lra_lu") double[] lraLu, @JsonProperty("lra_source") String lraSource,
                          @JsonProperty("ceiling_dbtp") double ceilingDbtp, @JsonProperty("ceiling_source") String ceilingSource,
                          @JsonProperty("plr_db") double[] plrDb, @JsonProperty("plr_source") String plrSource,
                          String compression, @JsonProperty("compression_source") String compressionSource,
                          List<String> tendencies) {
    }

    /** The file's shape. */
    public record Data(String set, String description, Map<String, String> sources, List<Profile> profiles) {
    }

    /**
     * A blended target.
     *
     * @param lufs       {low, mid, high} LUFS
     * @param lraLu      {low, high} LU
     * @param plrDb      {low, mid, high} dB
     * @param ceilingDbtp dBTP
     */
    public record Target(double[] lufs, double[] lraLu, double[] plrDb, double ceilingDbtp) {
    }

    private final Data data;

    private StyleProfiles(Data data) {
        this.data = data;
    }

    /** The bundled profiles. */
    public static StyleProfiles bundled() {
        try (InputStream in = StyleProfiles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new WorkbenchException("the bundled style profiles " + RESOURCE + " are missing from the class path");
            }
            Data d = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(in, Data.class);
            return new StyleProfiles(d);
        } catch (IOException e) {
            throw new WorkbenchException("cannot read the bundled style profiles: " + e.getMessage(), e);
        }
    }

    public Data data() {
        return data;
    }

    public List<Profile> profiles() {
        return data.profiles();
    }

    /** The profile of a style. */
    public Profile get(String id) {
        return data.profiles().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new WorkbenchException("no style profile '" + id + "'; styles: "
                        + data.profiles().stream().map(Profile::id).toList()));
    }

    /** The probability-weighted blend of the profiles (probabilities by style id; they are renormalised). */
    public Target blend(Map<String, Double> probabilities) {
        double total = 0;
        double[] lufs = new double[2];
        double[] lra = new double[2];
        double[] plr = new double[2];
        double ceiling = 0;
        for (var e : probabilities.entrySet()) {
            Profile p = get(e.getKey());
            double w = e.getValue();
            total += w;
            for (int i = 0; i < 2; i++) {
                lufs[i] += w * p.lufs()[i];
                lra[i] += w * p.lraLu()[i];
                plr[i] += w * p.plrDb()[i];
            }
            ceiling += w * p.ceilingDbtp();
        }
        if (!(total > 0)) {
            throw new WorkbenchException("style probabilities sum to " + total + "; nothing to blend");
        }
        return new Target(new double[]{lufs[0] / total, (lufs[0] + lufs[1]) / (2 * total), lufs[1] / total},
                new double[]{lra[0] / total, lra[1] / total},
                new double[]{plr[0] / total, (plr[0] + plr[1]) / (2 * total), plr[1] / total}, ceiling / total);
    }
}
