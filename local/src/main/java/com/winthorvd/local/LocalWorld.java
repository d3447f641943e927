package com.winthorvd.local;

import com.winthorvd.local.runner.LocalRunner;
import com.winthorvd.local.sim.WinThorSimulator;
import com.winthorvd.local.stack.LocalAws;
import com.winthorvd.local.stack.LocalDeployment;
import com.winthorvd.local.stack.Template;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.util.MutableClock;
import com.winthorvd.shared.util.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The whole integration on this machine: the local AWS (moto + ElasticMQ), template.yaml deployed on it under a
 * fresh stack name, the WinThor simulator, and the runner playing Lambda, all on one movable clock. The demo,
 * the end-to-end tests and the benchmarks start one of these.
 */
public final class LocalWorld implements AutoCloseable {
    public static final String USER = "INTEGRACAO";
    public static final String PASSWORD = "Integra@2026";
    public static final String BRANCHES = "1,2,3";
    public static final Duration LOCAL_MAX_VISIBILITY = Duration.ofSeconds(2);

    public final MutableClock clock;
    public final WinThorSimulator winthor;
    public final LocalAws aws;
    public final LocalDeployment deployment;
    public final LocalRunner runner;
    public final StateTable table;

    private LocalWorld(MutableClock clock, WinThorSimulator winthor, LocalAws aws, LocalDeployment deployment) {
        this.clock = clock;
        this.winthor = winthor;
        this.aws = aws;
        this.deployment = deployment;
        this.runner = new LocalRunner(deployment, clock);
        this.table = new StateTable(aws.dynamo(), deployment.physicalId("StateTable"), Sleeper.REAL);
    }

    public static LocalWorld start() {
        return start(LocalAws.shared());
    }

    public static LocalWorld start(LocalAws aws) {
        MutableClock clock = MutableClock.at("2026-11-30T12:00:00Z");
        WinThorSimulator winthor = new WinThorSimulator(clock).user(USER, PASSWORD);
        seedDemoData(winthor);
        Template template = Template.load(repoRoot().resolve("template.yaml"));
        String stack = "wvd-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDeployment deployment = LocalDeployment.deploy(aws, template, stack, Map.of(
                "WinThorUrl", winthor.url(),
                "WinThorUser", USER,
                "WinThorBranches", BRANCHES),
                Map.of("WinThorPasswordSecret", PASSWORD), LOCAL_MAX_VISIBILITY);
        return new LocalWorld(clock, winthor, aws, deployment);
    }

    /** Branches 1-3 and a few departments: enough for the check's probes until the generator arrives. */
    private static void seedDemoData(WinThorSimulator winthor) {
        winthor.branch("1", "DISTRIBUIDORA MATRIZ").branch("2", "FILIAL CAMPINAS").branch("3", "FILIAL RIBEIRAO PRETO");
        LocalDateTime changed = LocalDateTime.of(2026, 11, 1, 8, 0);
        winthor.department(1, "ALIMENTOS", true, changed).department(2, "BEBIDAS", true, changed)
                .department(3, "LIMPEZA", false, changed);
    }

    /** The repository root (where template.yaml is): the system property, else the nearest parent with one. */
    public static Path repoRoot() {
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

    @Override
    public void close() {
        runner.close();
        winthor.close();
    }
}
