package mw.workflow;

import java.nio.file.Path;

/**
 * A file a {@link Study} could not analyse, and why (the message names the file).
 *
 * @param file    the file
 * @param message what was wrong, in words
 */
public record StudyFailure(Path file, String message) {
}
