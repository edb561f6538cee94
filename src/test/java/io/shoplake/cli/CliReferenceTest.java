package io.shoplake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/cli.md is the CLI's own help, so it cannot drift: this test renders every command's usage and compares. After
 * changing a command, regenerate the page with {@code mvn test -Dtest=CliReferenceTest -Dshoplake.update-docs=true}.
 * The README's command table must name every command too.
 */
class CliReferenceTest {

    private static final Path PAGE = Path.of("docs", "cli.md");

    @Test
    void docsCliMdIsTheHelpOfEveryCommand() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("shoplake.update-docs")) {
            Files.writeString(PAGE, expected);
        }
        assertThat(Files.readString(PAGE))
                .as("docs/cli.md is out of date: run mvn test -Dtest=CliReferenceTest -Dshoplake.update-docs=true")
                .isEqualTo(expected);
    }

    @Test
    void theReadmeTableNamesEveryCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = new ArrayList<>();
        for (CommandLine command : leaves(new CommandLine(new Main()))) {
            String path = path(command);
            if (!readme.contains("`./shoplake " + path.substring("shoplake ".length()))) {
                missing.add(path);
            }
        }
        assertThat(missing)
                .as("commands missing from the README's command table")
                .isEmpty();
    }

    private static String render() {
        CommandLine root = new CommandLine(new Main());
        StringBuilder page = new StringBuilder();
        page.append("# Command reference\n\n")
                .append(
                        "Generated from the commands' own `--help` (CliReferenceTest keeps it in step). Exit codes: `0` ok,\n")
                .append(
                        "`1` the run failed (the message says why and what to do), `2` usage or configuration error.\n");
        for (CommandLine command : all(root)) {
            command.setUsageHelpWidth(110);
            command.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            page.append("\n## `")
                    .append(path(command))
                    .append("`\n\n```text\n")
                    .append(command.getUsageMessage().stripTrailing())
                    .append("\n```\n");
        }
        return page.toString();
    }

    private static List<CommandLine> all(CommandLine command) {
        List<CommandLine> all = new ArrayList<>();
        all.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> all.addAll(all(sub)));
        return all;
    }

    private static List<CommandLine> leaves(CommandLine command) {
        return all(command).stream().filter(c -> c.getSubcommands().isEmpty()).toList();
    }

    private static String path(CommandLine command) {
        return command.getCommandSpec().qualifiedName(" ");
    }
}
