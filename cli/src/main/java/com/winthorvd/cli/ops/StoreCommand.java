package com.winthorvd.cli.ops;

import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.order.OrderIntakeFlow;
import com.winthorvd.shared.order.OrderIntakeService;
import com.winthorvd.shared.store.StorePort.HookConfig;
import com.winthorvd.shared.store.VtexStore;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code store hook install}: points the store's order hook (one per AppKey) at the deployed webhook, with the shared
 * secret header, for the integrated states. It refuses to replace a hook pointing elsewhere unless told to (--force):
 * another integration of the same AppKey would silently stop receiving its orders.
 */
@Command(name = "install", description = {"Points the store's order hook at the webhook (the stack's OrderHookUrl) with the secret from"
        + " the environment variable --secret-from (STORE_APP_TOKEN too).", "Refuses to replace a hook pointing elsewhere without --force."})
public final class StoreCommand implements Callable<Integer> {
    private final PrintStream out;
    private final Map<String, String> env;

    public StoreCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The stack's OrderHookUrl output.")
    String url;
    @Option(names = "--secret-from", required = true, paramLabel = "VAR",
            description = "The environment variable holding the hook secret (the stack's OrderHookSecretArn).")
    String variable;
    @Option(names = "--states", split = ",", paramLabel = "STATE",
            description = "The order states the hook sends (default: the integration's).")
    List<String> states;
    @Option(names = "--force", description = "Replace a hook that points elsewhere.")
    boolean force;
    @Mixin StoreOptions storeOptions;
    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url must be an http(s) URL");
        }
        String secret = env.get(variable);
        if (secret == null || secret.isBlank()) {
            throw new UsageException(variable + " is not set: put the hook secret (the stack's OrderHookSecretArn) in it");
        }
        List<String> hookStates = states == null ? OrderIntakeFlow.DEFAULT_STATES
                : states.stream().map(String::trim).filter(x -> !x.isEmpty()).toList();
        VtexStore store = storeOptions.client(env);
        Optional<HookConfig> current = store.hook();
        if (current.isPresent() && !current.get().url().equals(url) && !force) {
            report(json, false, current.get().url(), "the store's order hook points at " + current.get().url() + ", not " + url
                    + ": left as it is. An AppKey has one hook; replace it with --force only if that URL is no longer in use.");
            return 1;
        }
        store.configureHook(new HookConfig(url, hookStates, Map.of(OrderIntakeService.SECRET_HEADER, secret)));
        report(json, true, url, "order hook " + (current.isPresent() ? "updated" : "installed") + ": " + url + " for "
                + String.join(", ", hookStates) + " (secret in " + OrderIntakeService.SECRET_HEADER + ")");
        return 0;
    }

    private void report(JsonOutput json, boolean installed, String hookUrl, String message) {
        out.println(json.on() ? Json.write(Map.of("installed", installed, "hookUrl", hookUrl, "message", message)) : message);
    }
}
