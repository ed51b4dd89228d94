package mw.cli;

import java.nio.file.Path;
import mw.platforms.ProfileSet;
import picocli.CommandLine.Option;

/** The profile-set options shared by {@code platforms}, {@code deliver} and {@code study}. */
final class ProfileOptions {
    @Option(names = "--set", paramLabel = "NAME",
            description = "bundled profile set: platforms (what platforms play back at, delivery specs) or seed"
                    + " (style targets of the original workflow); default: ${DEFAULT-VALUE}")
    String set = "platforms";

    @Option(names = "--profiles", paramLabel = "FILE",
            description = "a profile file (JSON) whose profiles are added to the set; same id replaces")
    Path profiles;

    /** The named set with the user's profile file merged in. */
    ProfileSet profileSet() {
        ProfileSet ps = ProfileSet.named(set);
        return profiles == null ? ps : ps.merge(ProfileSet.load(profiles));
    }
}
