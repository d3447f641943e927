package com.winthorvd.cli;

import com.winthorvd.cli.ops.JsonOutput;
import com.winthorvd.cli.ops.Operations;
import com.winthorvd.cli.ops.StackResources;
import com.winthorvd.cli.ops.StoreOptions;
import com.winthorvd.cli.ops.WinThorOptions;
import com.winthorvd.shared.store.VtexStore;
import com.winthorvd.shared.winthor.WinThorApi;
import java.util.Optional;
import com.winthorvd.cli.ops.UsageException;
import com.winthorvd.cli.panel.PanelServer;
import com.winthorvd.shared.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code panel}: the implementer's web panel on 127.0.0.1, over a deployed stack (the user's own AWS credentials: nothing
 * new is exposed, no new IAM) or the one {@code local up} runs, until Ctrl-C.
 */
@Command(name = "panel", description = {"The implementer's panel in Portuguese, served on 127.0.0.1 only: overview, rejections, \"why isn't"
        + " it in the store?\", orders with Reenviar, queues with Reprocessar, runs with a chart.",
        "Reads and acts on a deployed stack with your own AWS credentials, or on the one ./winthor-vd local up runs (--local)."})
final class PanelCommand implements Callable<Integer> {
    @Option(names = "--stack", paramLabel = "STACK", description = "A deployed stack's name, or the one ./winthor-vd local up printed.")
    String stackName;
    @Option(names = "--local", description = "The stack ./winthor-vd local up runs on this machine.")
    boolean local;
    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "The port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0: any free one).")
    int port;
    @Mixin WinThorOptions winthor;
    @Mixin StoreOptions store;
    @Mixin JsonOutput json;

    private final PrintStream out;
    private final Map<String, String> env;
    private final Clock clock;
    private final Supplier<StopSignal> stopSignal;

    PanelCommand(PrintStream out, Map<String, String> env, Clock clock, Supplier<StopSignal> stopSignal) {
        this.out = out;
        this.env = env;
        this.clock = clock;
        this.stopSignal = stopSignal;
    }

    @Override
    public Integer call() throws InterruptedException {
        if ((stackName == null) == !local) {
            throw new UsageException("panel needs --stack <stack name> or --local");
        }
        StackResources stack = StackResources.resolve(local ? localStack() : stackName, env);
        StopSignal stop = stopSignal.get();
        Optional<VtexStore> liveStore = store.clientIfGiven(env);
        winthor.apiIfGiven(env, 100); // a wrong URL or password shows now, not at the first question
        Supplier<Optional<WinThorApi>> liveWinThor = () -> winthor.apiIfGiven(env, 100);
        try (PanelServer panel = new PanelServer(new Operations(stack, clock), clock, port, liveWinThor, liveStore)) {
            out.println(json.on() ? Json.write(Map.of("stack", stack.stackName(), "url", panel.url()))
                    : "winthor-vd panel for stack " + stack.stackName() + ": open " + panel.url() + " (Ctrl-C stops it)");
            out.flush();
            stop.awaitRequest();
            return 0;
        } finally {
            stop.finished();
        }
    }

    /** The one stack local up runs: its file in target/local-stacks. */
    private static String localStack() {
        Path dir = StackResources.localStacks();
        List<String> stacks;
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            stacks = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).map(f -> f.substring(0, f.length() - 5)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (stacks.size() != 1) {
            throw new UsageException(stacks.isEmpty() ? "no local stack runs: start ./winthor-vd local up first"
                    : "several local stacks run (" + String.join(", ", stacks) + "): name one with --stack");
        }
        return stacks.get(0);
    }
}
