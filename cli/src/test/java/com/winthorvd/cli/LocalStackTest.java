package com.winthorvd.cli;

import com.winthorvd.testkit.e2e.OrderWorldTest;
import com.winthorvd.testkit.stack.RepoRoot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test world found by its stack name, as {@code local up} leaves it: the stack file in target/local-stacks and the
 * functions' log lines (of every handler built from now on) in a file, as the operator commands and the panel read them.
 */
abstract class LocalStackTest extends OrderWorldTest {
    private Path stackFile;
    private Path functionLog;
    private PrintStream console;

    @BeforeEach
    void writeStackFile() throws IOException {
        System.setProperty("winthorvd.repoRoot", RepoRoot.find().toString());
        functionLog = RepoRoot.find().resolve("cli/target/ops-test-" + world.deployment.stackName() + ".log");
        Files.createDirectories(functionLog.getParent());
        console = System.out;
        System.setOut(new PrintStream(Files.newOutputStream(functionLog), true, StandardCharsets.UTF_8));
        stackFile = world.deployment.writeStackFile(RepoRoot.find().resolve("target/local-stacks"), functionLog);
    }

    @AfterEach
    void removeStackFile() throws IOException {
        System.out.close();
        System.setOut(console);
        Files.deleteIfExists(stackFile);
        Files.deleteIfExists(functionLog);
    }

    /** A health check, 5 minutes after the last. */
    protected void health() {
        world.clock.advance(java.time.Duration.ofMinutes(5));
        world.runner.fireSchedule("HealthCheckFunction", "Every5Minutes");
    }

    /** An order of a buyer WinThor does not have and the store gives no address for: REJECTED, routine 302. */
    protected String unregistrableOrder(String document) {
        var buyer = new com.winthorvd.shared.store.StorePort.Buyer(document, null, false, "Novo Cliente", null, "novo@cliente.com.br", null, null);
        return world.store.orders().place(buyer, PAYMENT, java.util.List.of(line(syncedPackaging(1), 1, 990)), 1500, 0);
    }

    /** That buyer registered in WinThor (routine 302), as the implementer would. */
    protected void registerInWinThor(String document) {
        com.winthorvd.shared.winthor.model.Customer customer = syncedCustomer();
        world.winthor.data().customers.put(new com.winthorvd.shared.winthor.model.Customer(990_002, "NOVO CLIENTE", "NOVO", document, "ISENTO",
                "F", "novo@cliente.com.br", null, customer.sellerId(), customer.activityId(), customer.regionId(), "1", true, false,
                java.util.List.of(), customer.lastChange()));
    }
}
