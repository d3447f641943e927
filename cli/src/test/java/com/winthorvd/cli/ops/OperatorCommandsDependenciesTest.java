package com.winthorvd.cli.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The commands that act on a deployed stack need only shared/ and the AWS SDK: none of them reaches the testkit (local
 * AWS, simulators) or the benchmarks, so they can ship without either.
 */
class OperatorCommandsDependenciesTest {
    private static final List<String> ALLOWED = List.of("java.", "com.winthorvd.shared.", "com.winthorvd.cli.ops.", "picocli.",
            "com.winthorvd.cli.panel.", "io.javalin.", "org.thymeleaf.",
            "com.fasterxml.jackson.", "software.amazon.awssdk.");
    private static final Pattern PROJECT_NAME = Pattern.compile("\\bcom\\.winthorvd\\.([a-z]+(?:\\.[a-z]+)?)");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void operatorCommandsUseOnlySharedTheSdkAndTheJdk() throws IOException {
        Path sources = Path.of("src/main/java/com/winthorvd/cli/ops");
        List<String> violations = new ArrayList<>();
        List<Path> files;
        // The panel too: it serves a deployed stack with the same operations.
        try (Stream<Path> listing = Stream.concat(Files.list(sources), Files.list(Path.of("src/main/java/com/winthorvd/cli/panel")))) {
            files = listing.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "the operator commands were not found in " + sources.toAbsolutePath());
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher imports = IMPORT.matcher(text);
            while (imports.find()) {
                String name = imports.group(1);
                if (ALLOWED.stream().noneMatch(name::startsWith)) {
                    violations.add(file.getFileName() + " imports " + name);
                }
            }
            Matcher names = PROJECT_NAME.matcher(text);
            while (names.find()) {
                String module = names.group(1);
                if (!module.startsWith("shared") && !module.equals("cli.ops") && !module.equals("cli.panel")) {
                    violations.add(file.getFileName() + " names com.winthorvd." + module);
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
