package com.winthorvd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The command tree as an operator meets it: help on every command, --json on every one, completion, usage errors exit 2. */
class CommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CommandLine tree() {
        return Main.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), Clock.systemUTC(), () -> {
                    throw new AssertionError("nothing here runs until stopped");
                });
    }

    private int run(String... argv) {
        out.reset();
        err.reset();
        return tree().execute(argv);
    }

    /** Every command that does something (not a group of commands, not help or completion). */
    private static List<CommandSpec> leaves(CommandLine command) {
        List<CommandSpec> leaves = new ArrayList<>();
        if (command.getSubcommands().isEmpty()) {
            leaves.add(command.getCommandSpec());
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> leaves.addAll(leaves(sub)));
        return leaves;
    }

    @Test
    void everyCommandHasHelpADescriptionAndJsonAndEveryOptionSaysWhatItIs() {
        List<CommandSpec> leaves = leaves(tree()).stream().filter(spec -> !List.of("help", "completion").contains(spec.name())).toList();
        assertTrue(leaves.size() >= 24, "every command: " + leaves.stream().map(CommandSpec::qualifiedName).toList());
        for (CommandSpec spec : leaves) {
            assertTrue(spec.usageMessage().description().length > 0, spec.qualifiedName() + " has a description");
            assertTrue(spec.optionsMap().containsKey("--help"), spec.qualifiedName() + " has --help");
            assertTrue(spec.optionsMap().containsKey("--json"), spec.qualifiedName() + " has --json");
            for (OptionSpec option : spec.options()) {
                assertTrue(option.description().length > 0 && !option.description()[0].isBlank(), spec.qualifiedName() + " " + option.longestName());
            }
        }
        assertEquals(0, run("rejections", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--format=FORMAT") && out.toString(StandardCharsets.UTF_8).contains("TABLE, CSV, JSON"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCompletionScriptOffersEveryCommandAndTheNamesAnOptionTakes() {
        assertEquals(0, run("completion"));
        String script = out.toString(StandardCharsets.UTF_8);
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script.substring(0, 40));
        for (String word : List.of("status", "rejections", "redrive", "explain", "bench", "cold-start", "--flow", "--since", "catalog-sync",
                "order-reconcile", "--dry-run")) {
            assertTrue(script.contains(word), word + " in the completion script");
        }
        assertTrue(script.contains("complete -F") && script.contains("winthor-vd"), "it registers itself for winthor-vd");
    }

    @Test
    void aWrongCommandLineExitsTwoWithTheCommandsUsageAndSaysWhatIsWrong() {
        assertEquals(2, run());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs a command"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("runs", "--stack", "s", "--flow", "catalog-sync", "--last", "ten"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'--last'") && err.toString(StandardCharsets.UTF_8).contains("Usage: winthor-vd runs"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("runs", "--stack", "s", "--flow", "nope"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not nope"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("logs", "--stack", "s", "--flow", "health", "--since", "a week"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("15m, 1h, 2d"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("rejections", "--stack", "s", "--format", "xml"));
        assertEquals(2, run("status"), "--stack is required");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--stack"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("bench", "orders", "--faults", "2"));
        assertEquals(2, run("unknown"));
        assertEquals(0, run("help", "status"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: winthor-vd status"), out.toString(StandardCharsets.UTF_8));
    }
}
