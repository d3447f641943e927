package com.winthorvd.cli.ops;

import com.winthorvd.shared.order.OrderIntakeFlow;
import com.winthorvd.shared.order.OrderIntakeService;
import com.winthorvd.shared.store.StorePort.HookConfig;
import com.winthorvd.shared.store.VtexStore;
import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code store hook install}: points the store's order hook (one per AppKey) at the deployed webhook, with the shared
 * secret header, for the integrated states. It refuses to replace a hook pointing elsewhere unless told to (--force):
 * another integration of the same AppKey would silently stop receiving its orders.
 */
public final class StoreCommand {
    private final PrintStream out;
    private final Map<String, String> env;

    public StoreCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    public int installHook(Args args) {
        String url = args.option("url").orElseThrow(() -> new Args.UsageException("store hook install needs --url (the stack's OrderHookUrl output)"));
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--url must be an http(s) URL");
        }
        String variable = args.option("secret-from").orElseThrow(() -> new Args.UsageException(
                "store hook install needs --secret-from VAR (the environment variable holding the hook secret)"));
        String secret = env.get(variable);
        if (secret == null || secret.isBlank()) {
            throw new Args.UsageException(variable + " is not set: put the hook secret (the stack's OrderHookSecretArn) in it");
        }
        List<String> states = args.option("states").map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                .orElse(OrderIntakeFlow.DEFAULT_STATES);
        VtexStore store = StoreArgs.client(args, env);
        Optional<HookConfig> current = store.hook();
        if (current.isPresent() && !current.get().url().equals(url) && !args.flag("force")) {
            out.println("the store's order hook points at " + current.get().url() + ", not " + url + ": left as it is. "
                    + "An AppKey has one hook; replace it with --force only if that URL is no longer in use.");
            return 1;
        }
        store.configureHook(new HookConfig(url, states, Map.of(OrderIntakeService.SECRET_HEADER, secret)));
        out.println("order hook " + (current.isPresent() ? "updated" : "installed") + ": " + url + " for " + String.join(", ", states)
                + " (secret in " + OrderIntakeService.SECRET_HEADER + ")");
        return 0;
    }
}
