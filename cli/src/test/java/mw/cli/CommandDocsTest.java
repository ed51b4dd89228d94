package mw.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/commands.md documents every command and every option the command line accepts. */
class CommandDocsTest {
    @Test
    void everyCommandAndOptionIsInTheReference() throws Exception {
        Path doc = Path.of("..", "docs", "commands.md");
        String text = Files.readString(doc);
        check(Main.commandLine(), text);
    }

    private static void check(CommandLine cl, String text) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        if (!name.endsWith(" help")) {
            assertTrue(text.contains("## `" + name + "`"), "docs/commands.md has no section for `" + name + "`");
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                assertTrue(text.contains(o.longestName()),
                        "docs/commands.md does not mention " + o.longestName() + " of `" + name + "`");
            }
        }
        cl.getSubcommands().values().forEach(sub -> check(sub, text));
    }
}
