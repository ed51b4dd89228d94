package mw.platforms;

import java.util.List;
import mw.WorkbenchException;

/**
 * A table of {@link Outcome}s (tracks × profiles), as data. {@code mw.view.Show} presents it (table, CSV,
 * Markdown, JSON, charts, terminal text; see {@code mw.view.OutcomesView}).
 */
public final class Outcomes {
    private final List<Outcome> rows;

    public Outcomes(List<Outcome> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The outcomes in order: for each track, every profile. */
    public List<Outcome> rows() {
        return rows;
    }

    /** The outcome of one track on one profile. */
    public Outcome get(String track, String profileId) {
        return rows.stream().filter(o -> o.track().equals(track) && o.profileId().equals(profileId)).findFirst()
                .orElseThrow(() -> new WorkbenchException("no outcome for track '" + track + "' on profile '" + profileId + "'"));
    }

    /** The tracks, in order of first appearance. */
    public List<String> tracks() {
        return rows.stream().map(Outcome::track).distinct().toList();
    }

    /** Outcomes of one track. */
    public List<Outcome> of(String track) {
        return rows.stream().filter(o -> o.track().equals(track)).toList();
    }

    /** The worst verdict in the table. */
    public Verdict worst() {
        return rows.stream().map(Outcome::verdict).reduce(Verdict.OK, Verdict::worst);
    }

    /** The outcomes of one track, as a table of their own. */
    public Outcomes track(String track) {
        List<Outcome> os = of(track);
        if (os.isEmpty()) {
            throw new WorkbenchException("no streaming-platform outcomes for track '" + track + "'; accepted: "
                    + String.join(", ", tracks()));
        }
        return new Outcomes(os);
    }

    @Override
    public String toString() {
        return "Outcomes[" + tracks().size() + " tracks x " + rows.stream().map(Outcome::profileId).distinct().count()
                + " profiles, worst " + worst().key() + "]";
    }
}
