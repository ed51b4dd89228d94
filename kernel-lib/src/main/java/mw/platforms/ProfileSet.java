package mw.platforms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mw.WorkbenchException;

/**
 * An ordered set of {@link Profile}s, loaded from JSON and validated on load. Two sets are bundled:
 * {@link #bundled()} (what platforms play back at, and delivery specifications) and {@link #seed()}
 * (the style targets of the original workflow sketch). Users add or replace profiles with their own
 * file ({@link #load(Path)}, then {@link #merge(ProfileSet)}).
 *
 * <p>The file format is documented in {@code docs/platforms.md}. Every error names the file, the
 * profile, the field, the value and what is accepted.
 */
public final class ProfileSet implements Iterable<Profile> {
    /** Accepted loudness range for references and targets (LUFS). */
    public static final double MIN_LUFS = -70.0;
    /** Upper end of the accepted loudness range (LUFS). */
    public static final double MAX_LUFS = 0.0;

    private static final Set<String> PROFILE_FIELDS = new LinkedHashSet<>(List.of(
            "id", "name", "kind", "reference_lufs", "normalization", "peak_ceiling_dbtp", "limiter_dbtp",
            "true_peak_max_dbtp", "tolerance_lu", "album_reference_lufs", "album_mode", "dialogue_gated", "sample_rates_hz", "bits_per_sample",
            "listener_setting", "codec",
            "codec_check", "notes", "sources"));
    private static final Set<String> SOURCE_FIELDS = new LinkedHashSet<>(List.of(
            "figures", "title", "url", "published", "checked", "confidence"));
    private static final Set<String> CODEC_FIELDS = new LinkedHashSet<>(List.of("encoder", "bitrate_kbps", "extension"));
    private static final Set<String> ENCODERS = new LinkedHashSet<>(List.of(
            "libvorbis", "aac", "libfdk_aac", "libopus", "libmp3lame", "flac"));

    private final String name;
    private final String description;
    private final Map<String, Profile> profiles;

    private ProfileSet(String name, String description, Map<String, Profile> profiles) {
        this.name = name;
        this.description = description;
        this.profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    }

    /** A set from profiles in memory (ids must be unique). */
    public static ProfileSet of(String name, List<Profile> profiles) {
        Map<String, Profile> m = new LinkedHashMap<>();
        for (Profile p : profiles) {
            if (m.put(p.id(), p) != null) {
                throw new WorkbenchException("profile set " + name + ": id '" + p.id() + "' appears twice; ids must be unique");
            }
        }
        return new ProfileSet(name, "", m);
    }

    /** The bundled platforms and delivery specifications. */
    public static ProfileSet bundled() {
        return resource("platforms.json");
    }

    /** The seed workflow's style targets (spotify -14, apple_music -16, ..., podcast -16). */
    public static ProfileSet seed() {
        return resource("seed-targets.json");
    }

    /** A bundled set by name: {@code platforms} or {@code seed}. */
    public static ProfileSet named(String setName) {
        return switch (setName.toLowerCase(Locale.ROOT)) {
            case "platforms", "bundled" -> bundled();
            case "seed" -> seed();
            default -> throw new WorkbenchException("profile set '" + setName + "' is unknown; accepted: platforms, seed");
        };
    }

    private static ProfileSet resource(String file) {
        try (InputStream in = ProfileSet.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new WorkbenchException("bundled profile file mw/platforms/" + file + " is missing from the class path");
            }
            return parse(in.readAllBytes(), "mw/platforms/" + file);
        } catch (IOException e) {
            throw new WorkbenchException("bundled profile file mw/platforms/" + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Loads and validates a profile file. */
    public static ProfileSet load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new WorkbenchException(file, "profile file does not exist or is not a file");
        }
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new WorkbenchException(file, "profile file cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses and validates profile JSON; {@code origin} names it in error messages. */
    public static ProfileSet parse(byte[] json, String origin) {
        JsonNode root;
        try {
            root = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(json);
        } catch (JsonProcessingException e) {
            throw new WorkbenchException(origin + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WorkbenchException(origin + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WorkbenchException(origin + ": expected a JSON object with a \"profiles\" list");
        }
        JsonNode list = root.get("profiles");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new WorkbenchException(origin + ": field \"profiles\" must be a non-empty list of profile objects");
        }
        String setName = root.path("set").asText(origin);
        String description = root.path("description").asText("");
        Map<String, Profile> m = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode n : list) {
            Profile p = new Reader(origin, i++, n).profile();
            if (m.put(p.id(), p) != null) {
                throw new WorkbenchException(origin + ": profile id '" + p.id() + "' appears twice; ids must be unique");
            }
        }
        return new ProfileSet(setName, description, m);
    }

    /** The set's name ({@code platforms}, {@code seed}, or the file it came from). */
    public String name() {
        return name;
    }

    /** The set's description from its file. */
    public String description() {
        return description;
    }

    /** The profiles in file order. */
    public List<Profile> profiles() {
        return List.copyOf(profiles.values());
    }

    /** The profile with this id. */
    public Profile get(String id) {
        Profile p = profiles.get(id);
        if (p == null) {
            throw new WorkbenchException("profile '" + id + "' is unknown; accepted: " + String.join(", ", profiles.keySet()));
        }
        return p;
    }

    /** Number of profiles. */
    public int size() {
        return profiles.size();
    }

    /** Only the given ids, in the order given; an unknown id is an error naming the accepted ones. */
    public ProfileSet only(List<String> ids) {
        Map<String, Profile> m = new LinkedHashMap<>();
        for (String id : ids) {
            String t = id.trim();
            if (!t.isEmpty()) {
                m.put(t, get(t));
            }
        }
        if (m.isEmpty()) {
            throw new WorkbenchException("no profile ids given; accepted: " + String.join(", ", profiles.keySet()));
        }
        return new ProfileSet(name, description, m);
    }

    /** Only the given comma-separated ids. */
    public ProfileSet only(String commaSeparatedIds) {
        return only(Arrays.asList(commaSeparatedIds.split(",")));
    }

    /** This set with the other set's profiles added; a profile with the same id replaces this set's one. */
    public ProfileSet merge(ProfileSet other) {
        Map<String, Profile> m = new LinkedHashMap<>(profiles);
        m.putAll(other.profiles);
        return new ProfileSet(name + "+" + other.name, description, m);
    }

    @Override
    public Iterator<Profile> iterator() {
        return profiles.values().iterator();
    }

    @Override
    public String toString() {
        return "ProfileSet " + name + " (" + profiles.size() + "): "
                + profiles.values().stream().map(Profile::id).collect(Collectors.joining(", "));
    }

    /** Reads one profile object, with messages that name where a problem is. */
    private static final class Reader {
        private final String origin;
        private final JsonNode n;
        private String where;

        Reader(String origin, int index, JsonNode n) {
            this.origin = origin;
            this.n = n;
            this.where = origin + ": profile #" + (index + 1);
        }

        private WorkbenchException bad(String field, Object value, String accepted) {
            return new WorkbenchException(where + ": field \"" + field + "\" = " + value + " is not accepted; accepted: " + accepted);
        }

        Profile profile() {
            if (!n.isObject()) {
                throw new WorkbenchException(where + ": expected a JSON object, found " + n.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            checkFields(n, PROFILE_FIELDS, where);
            String id = text("id", true);
            if (!id.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
                throw bad("id", "'" + id + "'", "1 to 64 characters of a-z, 0-9, _ . - starting with a letter or digit");
            }
            where = origin + ": profile '" + id + "'";
            String name = text("name", true);
            Profile.Kind kind = choice("kind", Profile.Kind.values(), null);
            Profile.Normalization norm = choice("normalization", Profile.Normalization.values(), null);
            double ref = number("reference_lufs", MIN_LUFS, MAX_LUFS);
            double ceiling = number("peak_ceiling_dbtp", -20, 3);
            double limiter = number("limiter_dbtp", -20, 3);
            double tpMax = number("true_peak_max_dbtp", -20, 3);
            double tol = number("tolerance_lu", 0, 10);
            double albumRef = number("album_reference_lufs", MIN_LUFS, MAX_LUFS);
            Profile.AlbumMode album = choice("album_mode", Profile.AlbumMode.values(), Profile.AlbumMode.NONE);
            boolean dialogue = n.has("dialogue_gated") && bool("dialogue_gated");
            List<Integer> rates = new ArrayList<>();
            JsonNode rn = n.get("sample_rates_hz");
            if (rn != null && !rn.isNull()) {
                if (!rn.isArray() || rn.isEmpty()) {
                    throw bad("sample_rates_hz", rn, "a non-empty list of sample rates in Hz (8000 to 768000)");
                }
                for (JsonNode r : rn) {
                    if (!r.canConvertToInt() || r.asInt() < 8000 || r.asInt() > 768000) {
                        throw bad("sample_rates_hz", rn, "a non-empty list of sample rates in Hz (8000 to 768000)");
                    }
                    rates.add(r.asInt());
                }
            }
            double bitsField = number("bits_per_sample", 8, 32);
            int bits = Double.isNaN(bitsField) ? 0 : (int) bitsField;
            if (!Double.isNaN(bitsField) && (bits != bitsField || bits % 8 != 0)) {
                throw bad("bits_per_sample", bitsField, "8, 16, 24 or 32");
            }
            boolean listener = n.has("listener_setting") && bool("listener_setting");
            String codec = text("codec", false);
            String notes = text("notes", false);

            if (Double.isNaN(tpMax)) {
                throw bad("true_peak_max_dbtp", "(missing)", "a number of dBTP from -20 to 3");
            }
            if (norm != Profile.Normalization.NONE && Double.isNaN(ref)) {
                throw bad("reference_lufs", "(missing)", "a number of LUFS from " + MIN_LUFS + " to " + MAX_LUFS
                        + " (required when normalization is " + norm.key() + ")");
            }
            if (norm == Profile.Normalization.UP_CAPPED_BY_PEAK && Double.isNaN(ceiling)) {
                throw bad("peak_ceiling_dbtp", "(missing)", "a number of dBTP from -20 to 3 (required by up_capped_by_peak)");
            }
            if (norm != Profile.Normalization.UP_CAPPED_BY_PEAK && !Double.isNaN(ceiling)) {
                throw bad("peak_ceiling_dbtp", ceiling, "only with normalization up_capped_by_peak");
            }
            if (norm == Profile.Normalization.UP_WITH_LIMITER && Double.isNaN(limiter)) {
                throw bad("limiter_dbtp", "(missing)", "a number of dBTP from -20 to 3 (required by up_with_limiter)");
            }
            if (norm != Profile.Normalization.UP_WITH_LIMITER && !Double.isNaN(limiter)) {
                throw bad("limiter_dbtp", limiter, "only with normalization up_with_limiter");
            }
            if (kind != Profile.Kind.STREAMING) {
                if (norm != Profile.Normalization.NONE) {
                    throw bad("normalization", norm.key(), "none for kind " + kind.key() + " (a " + kind.key()
                            + " is judged, not applied)");
                }
                if (Double.isNaN(ref)) {
                    throw bad("reference_lufs", "(missing)", "a target in LUFS from " + MIN_LUFS + " to " + MAX_LUFS
                            + " (required for kind " + kind.key() + ")");
                }
                if (Double.isNaN(tol)) {
                    throw bad("tolerance_lu", "(missing)", "a number of LU from 0 to 10 (required for kind " + kind.key() + ")");
                }
            } else if (!Double.isNaN(tol)) {
                throw bad("tolerance_lu", tol, "only for kinds delivery and style_target");
            }
            if (!Double.isNaN(albumRef) && album != Profile.AlbumMode.ALBUM) {
                throw bad("album_reference_lufs", albumRef, "only with album_mode album");
            }
            Profile.CodecCheck cc = codecCheck();
            List<Profile.Source> sources = sources();
            return new Profile(id, name, kind, ref, norm, ceiling, limiter, tpMax, tol, albumRef, album, dialogue, rates, bits, listener,
                    codec == null ? "" : codec, cc, notes == null ? "" : notes, sources);
        }

        private String text(String field, boolean required) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw bad(field, "(missing)", "a non-empty text");
                }
                return null;
            }
            if (!v.isTextual() || (required && v.asText().isBlank())) {
                throw bad(field, v, "a non-empty text");
            }
            return v.asText();
        }

        private boolean bool(String field) {
            JsonNode v = n.get(field);
            if (!v.isBoolean()) {
                throw bad(field, v, "true or false");
            }
            return v.asBoolean();
        }

        private double number(String field, double min, double max) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return Double.NaN;
            }
            String accepted = String.format(Locale.ROOT, "a number from %s to %s", fmt(min), fmt(max));
            if (!v.isNumber()) {
                throw bad(field, v, accepted);
            }
            double d = v.asDouble();
            if (!(d >= min && d <= max)) {
                throw bad(field, fmt(d), accepted);
            }
            return d;
        }

        private <E extends Enum<E>> E choice(String field, E[] values, E fallback) {
            JsonNode v = n.get(field);
            String accepted = Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            if (v == null || v.isNull()) {
                if (fallback != null) {
                    return fallback;
                }
                throw bad(field, "(missing)", accepted);
            }
            for (E e : values) {
                if (e.name().equalsIgnoreCase(v.asText())) {
                    return e;
                }
            }
            throw bad(field, v, accepted);
        }

        private Profile.CodecCheck codecCheck() {
            JsonNode v = n.get("codec_check");
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                throw bad("codec_check", v, "an object with encoder, bitrate_kbps, extension");
            }
            checkFields(v, CODEC_FIELDS, where + ", codec_check");
            String enc = v.path("encoder").asText("");
            if (!ENCODERS.contains(enc)) {
                throw bad("codec_check.encoder", v.get("encoder"), String.join(", ", ENCODERS));
            }
            JsonNode br = v.get("bitrate_kbps");
            if (br == null || !br.canConvertToInt() || br.asInt() < 8 || br.asInt() > 1536) {
                throw bad("codec_check.bitrate_kbps", br, "a whole number of kbit/s from 8 to 1536");
            }
            String ext = v.path("extension").asText("");
            if (!ext.matches("[a-z0-9]{1,5}")) {
                throw bad("codec_check.extension", v.get("extension"), "1 to 5 lower-case letters or digits");
            }
            return new Profile.CodecCheck(enc, br.asInt(), ext);
        }

        private List<Profile.Source> sources() {
            JsonNode v = n.get("sources");
            if (v == null || !v.isArray() || v.isEmpty()) {
                throw bad("sources", v == null ? "(missing)" : v, "a non-empty list: every figure needs a source");
            }
            List<Profile.Source> out = new ArrayList<>();
            int k = 0;
            for (JsonNode s : v) {
                String sw = where + ", source #" + (++k);
                if (!s.isObject()) {
                    throw new WorkbenchException(sw + ": expected an object with " + String.join(", ", SOURCE_FIELDS));
                }
                checkFields(s, SOURCE_FIELDS, sw);
                List<String> figures = new ArrayList<>();
                JsonNode f = s.get("figures");
                if (f == null || !f.isArray() || f.isEmpty()) {
                    throw new WorkbenchException(sw + ": field \"figures\" must list the profile fields it supports; accepted: "
                            + String.join(", ", PROFILE_FIELDS));
                }
                for (JsonNode x : f) {
                    if (!PROFILE_FIELDS.contains(x.asText())) {
                        throw new WorkbenchException(sw + ": field \"figures\" names '" + x.asText()
                                + "', which is not a profile field; accepted: " + String.join(", ", PROFILE_FIELDS));
                    }
                    figures.add(x.asText());
                }
                for (String req : List.of("title", "url", "checked")) {
                    if (!s.path(req).isTextual() || s.path(req).asText().isBlank()) {
                        throw new WorkbenchException(sw + ": field \"" + req + "\" = " + s.get(req) + " is not accepted; accepted: a non-empty text");
                    }
                }
                String checked = s.get("checked").asText();
                if (!checked.matches("\\d{4}-\\d{2}(-\\d{2})?")) {
                    throw new WorkbenchException(sw + ": field \"checked\" = '" + checked + "' is not accepted; accepted: a date YYYY-MM-DD or YYYY-MM");
                }
                Profile.Confidence conf = null;
                String c = s.path("confidence").asText("");
                for (Profile.Confidence e : Profile.Confidence.values()) {
                    if (e.key().equals(c)) {
                        conf = e;
                    }
                }
                if (conf == null) {
                    throw new WorkbenchException(sw + ": field \"confidence\" = " + s.get("confidence")
                            + " is not accepted; accepted: official, measured, hearsay");
                }
                out.add(new Profile.Source(figures, s.get("title").asText(), s.get("url").asText(),
                        s.path("published").asText("undated"), checked, conf));
            }
            return out;
        }

        private static void checkFields(JsonNode obj, Set<String> accepted, String where) {
            for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!accepted.contains(f)) {
                    throw new WorkbenchException(where + ": field \"" + f + "\" is unknown; accepted: " + String.join(", ", accepted));
                }
            }
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
