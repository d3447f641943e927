package com.winthorvd.testkit.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (where template.yaml is): the local world reads the template and installs dynalite there. */
public final class RepoRoot {
    private RepoRoot() {
    }

    /** The system property {@code winthorvd.repoRoot}, else the nearest parent of the working folder with a template. */
    public static Path find() {
        String configured = System.getProperty("winthorvd.repoRoot");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found: run from the winthor-vd repository");
    }
}
