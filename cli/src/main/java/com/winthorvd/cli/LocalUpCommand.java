package com.winthorvd.cli;

import com.winthorvd.cli.ops.Args;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.util.MutableClock;
import com.winthorvd.testkit.LocalUp;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.stack.LocalAws;
import com.winthorvd.testkit.stack.RepoRoot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
        LocalWorld.RealWinThor winthor = null;
        if (args.option("winthor-url").isPresent()) {
            String password = env.get("WINTHOR_PASSWORD");
            if (password == null) {
                throw new Args.UsageException("set WINTHOR_PASSWORD in the environment (never on the command line)");
            }
            winthor = new LocalWorld.RealWinThor(args.option("winthor-url").get(), required(args, "user"), required(args, "branches"), password);
        }
        LocalWorld.RealStore store = null;
        if (args.option("store-url").isPresent()) {
            String appToken = env.get("STORE_APP_TOKEN");
            if (appToken == null) {
                throw new Args.UsageException("set STORE_APP_TOKEN in the environment (never on the command line)");
            }
            String url = args.option("store-url").get();
            store = new LocalWorld.RealStore(url, args.option("store-pricing-url").orElse(url), required(args, "app-key"), appToken);
        }
        PrintStream console = System.out;
        LocalWorld world = LocalWorld.start(LocalAws.shared(), products, Map.of(), MutableClock.at(Instant.now().toString()), winthor, store);
        Path logFile = RepoRoot.find().resolve("cli/target/local-up-" + world.deployment.stackName() + ".log");
        try (PrintStream functionLogs = logs(logFile); LocalUp up = new LocalUp(world, speed)) {
            System.setOut(functionLogs); // the functions log JSON to stdout, as in Lambda: here to a file
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

    private static String required(Args args, String option) {
        return args.option(option).orElseThrow(() -> new Args.UsageException("--" + option + " is required with --winthor-url/--store-url"));
    }
}
