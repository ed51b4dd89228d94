package mw.assistant;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mw.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the model file: missing, corrupt, another version, another feature set — each a clear error. */
class AssistantModelTest {
    @TempDir
    Path dir;

    @Test
    void bundledModelLoadsAndRoundTrips() throws Exception {
        AssistantModel m = AssistantModel.bundled();
        assertTrue(m.styles().size() >= 8);
        Path f = dir.resolve("m.json");
        m.save(f);
        AssistantModel back = AssistantModel.load(f);
        assertTrue(java.util.Arrays.deepEquals(m.weights(), back.weights()));
        assertTrue(Files.size(f) < 400_000, "the model file stays small: " + Files.size(f));
    }

    @Test
    void missingCorruptAndForeignFilesAreClearErrors() throws Exception {
        var e = assertThrows(WorkbenchException.class, () -> AssistantModel.load(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

        Path corrupt = dir.resolve("corrupt.json");
        Files.writeString(corrupt, "{\"format\": \"mw-assistant-model\", \"version\": 1, \"features\": [", StandardCharsets.UTF_8);
        e = assertThrows(WorkbenchException.class, () -> AssistantModel.load(corrupt));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());

        String json = AssistantModel.bundled().toJson();
        Path v2 = dir.resolve("v2.json");
        Files.writeString(v2, json.replaceFirst("\"version\" : 1", "\"version\" : 2"), StandardCharsets.UTF_8);
        e = assertThrows(WorkbenchException.class, () -> AssistantModel.load(v2));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());

        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"format\": \"something-else\"}", StandardCharsets.UTF_8);
        e = assertThrows(WorkbenchException.class, () -> AssistantModel.load(other));
        assertTrue(e.getMessage().contains("not an assistant model"), e.getMessage());

        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, json.replaceFirst("\"temperature\" : [0-9.eE+-]+", "\"temperature\" : 0"), StandardCharsets.UTF_8);
        e = assertThrows(WorkbenchException.class, () -> AssistantModel.load(truncated));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());

        Path badMove = dir.resolve("bad-move.json");
        Files.writeString(badMove, json.replaceFirst("\"move\" : \"point\"", "\"move\" : \"sideways\""), StandardCharsets.UTF_8);
        e = assertThrows(WorkbenchException.class, () -> AssistantModel.load(badMove));
        assertTrue(e.getMessage().contains("move 'sideways'"), e.getMessage());
    }
}
