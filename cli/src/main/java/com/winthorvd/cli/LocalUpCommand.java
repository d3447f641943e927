package com.winthorvd.cli;

import com.winthorvd.cli.ops.JsonOutput;
import com.winthorvd.cli.ops.SidesOptions;
import com.winthorvd.cli.ops.UsageException;
import com.winthorvd.shared.json.Json;
import com.winthorvd.testkit.LocalUp;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.stack.RepoRoot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code local up}: the whole integration running on this machine until stopped ({@link LocalUp}), either side
 * optionally real. It prints every endpoint (one JSON object with {@code --json}) as soon as everything is up, then
 * waits for {@code stop} (Ctrl-C, SIGTERM) and stops everything.
 */
@Command(name = "up", description = {"The whole integration running locally until Ctrl-C: the local AWS with the template deployed,"
        + " both simulators (or a real WTA with WINTHOR_PASSWORD, a real store with STORE_APP_TOKEN), every schedule firing (--speed"
        + " times faster), every queue consumed, the webhook served.", "Prints every endpoint and the control API (place an order,"
        + " invoice or cancel it in WinThor, faults, rotate the AppToken, fire a schedule): GET <controlUrl> lists it."})
final class LocalUpCommand implements Callable<Integer> {
    private final PrintStream out;
    private final Map<String, String> env;
    private final Supplier<StopSignal> stopSignal;

    /** {@code stopSignal}: made when the command runs (the JVM's shutdown hook is installed only for a real {@code local up}). */
    LocalUpCommand(PrintStream out, Map<String, String> env, Supplier<StopSignal> stopSignal) {
        this.out = out;
        this.env = env;
        this.stopSignal = stopSignal;
    }

    @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
            description = "Schedules fire this many times faster (60: a 15-minute schedule every 15 s).")
    double speed;
    @Mixin DemoProducts products;
    @Mixin SidesOptions sides;
    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        if (!(speed > 0)) {
            throw new UsageException("--speed must be a positive number (60: a 15-minute schedule every 15 s)");
        }
        RealSides real = RealSides.from(sides, env);
        StopSignal stop = stopSignal.get();
        PrintStream console = System.out;
        LocalWorld world = real.start(products.count());
        Path logFile = RepoRoot.find().resolve("cli/target/local-up-" + world.deployment.stackName() + ".log");
        PrintStream functionLogs;
        try {
            functionLogs = logs(logFile);
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
        // The functions log JSON to stdout, as in Lambda: here to a file, from before the first schedule fires (a
        // function's log line must never come out before the endpoints).
        System.setOut(functionLogs);
        try (functionLogs; LocalUp up = new LocalUp(world, speed, logFile)) {
            Map<String, Object> endpoints = new java.util.LinkedHashMap<>(up.endpoints());
            endpoints.put("functionLogs", logFile.toString());
            if (json.on()) {
                out.println(Json.write(endpoints));
            } else {
                out.println("winthor-vd is up locally (stack " + endpoints.get("stack") + "); Ctrl-C stops it.");
                endpoints.forEach((name, value) -> out.println("  " + name + ": " + value));
                out.println("control API (curl " + up.controlUrl() + "):");
                out.print(LocalUp.ROUTES.indent(2));
            }
            out.flush();
            stop.awaitRequest();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            System.setOut(console);
            stop.finished(); // LocalUp and the world are closed by now
        }
    }

    private static PrintStream logs(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the function log " + file + ": " + e.getMessage(), e);
        }
    }
}
