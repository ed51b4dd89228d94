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

    @Test
    void everyHelpTextInTheReferenceIsWhatTheCommandPrints() throws Exception {
        String text = Files.readString(Path.of("..", "docs", "commands.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```text\n(Usage: (mw(?: [a-z]+)*).*?)\n```", java.util.regex.Pattern.DOTALL)
                .matcher(text);
        int n = 0;
        while (m.find()) {
            if (m.group(2).equals("mw catalog")) {
                continue;   // run by the launcher on Spark's class path, not by this command line: the catalog module checks it
            }
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(m.group(2).split(" ")));
            args.remove(0);
            args.add("--help");
            Cli.Result r = Cli.run(args.toArray(new String[0]));
            org.junit.jupiter.api.Assertions.assertEquals(r.out().strip(), m.group(1).strip(),
                    "docs/commands.md: the help of `" + m.group(2) + "` differs from what it prints");
            n++;
        }
        assertTrue(n >= 10, "help blocks found: " + n);
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
