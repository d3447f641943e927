package com.winthorvd.cli;

import com.winthorvd.cli.ops.Args;
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

/**
 * {@code local up}: the whole integration running on this machine until stopped ({@link LocalUp}), either side
 * optionally real. It prints every endpoint (one JSON object with {@code --json}) as soon as everything is up, then
 * waits for {@code stop} (Ctrl-C, SIGTERM) and stops everything.
 */
final class LocalUpCommand {
    private final PrintStream out;
    private final Map<String, String> env;
    private final StopSignal stop;

    LocalUpCommand(PrintStream out, Map<String, String> env, StopSignal stop) {
        this.out = out;
        this.env = env;
        this.stop = stop;
    }

    int run(Args args) {
        double speed = Double.parseDouble(args.option("speed").orElse("1"));
        if (!(speed > 0)) {
            throw new Args.UsageException("--speed must be a positive number (60: a 15-minute schedule every 15 s)");
        }
        int products = Integer.parseInt(args.option("products").orElse(Integer.toString(LocalWorld.DEMO_PRODUCTS)));
        PrintStream console = System.out;
        LocalWorld world = RealSides.from(args, env).start(products);
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
            if (args.flag("json")) {
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
