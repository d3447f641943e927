package com.winthorvd.shared.order;

import com.winthorvd.shared.app.SecretReader;
import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.QueueSender;
import com.winthorvd.shared.util.Lazy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds the order intake from the webhook function's environment, once per container and without network I/O: the
 * hook secret is read from Secrets Manager (ORDER_HOOK_SECRET_ARN; locally ORDER_HOOK_SECRET) on the first call.
 */
public final class OrderIntakeFlow {
    public static final List<String> DEFAULT_STATES = List.of("ready-for-handling", "canceled");

    private OrderIntakeFlow() {
    }

    /**
     * The store gives its hook 5 s: the queue send (and, on a container's first hook, the secret read) must answer or
     * fail well within it, so the store retries the hook instead of timing it out. The shared client's 20 s socket
     * timeout would outlast the store's patience.
     */
    static final AwsClients.CallTimeouts HOOK_CALLS = new AwsClients.CallTimeouts(java.time.Duration.ofMillis(3500),
            java.time.Duration.ofMillis(1500));

    /** The webhook's AWS clients: every call bounded by {@link #HOOK_CALLS}. */
    static AwsClients aws(Env env) {
        return new AwsClients(env).bounded(HOOK_CALLS);
    }

    public static OrderIntakeService intake(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        AwsClients aws = aws(env);
        String queueUrl = config.required("ORDER_QUEUE_URL", "the FIFO order queue the hook fills");
        Set<String> states = states(config);
        Supplier<String> secret = secret(config, aws);
        config.validate();
        QueueSender sender = QueueSender.of(aws);
        return new OrderIntakeService(secret, states, change -> sender.send(queueUrl, List.of(change.message())),
                JsonLog.stdout("order-webhook", clock));
    }

    /** The configured order states (ORDER_STATES), by default ready-for-handling and canceled. */
    static Set<String> states(ConfigReader config) {
        Set<String> states = new java.util.LinkedHashSet<>(config.list("ORDER_STATES"));
        if (states.isEmpty()) {
            states.addAll(DEFAULT_STATES);
        }
        return states;
    }

    static Supplier<String> secret(ConfigReader config, AwsClients aws) {
        Optional<String> arn = config.optional("ORDER_HOOK_SECRET_ARN");
        if (arn.isPresent()) {
            SecretReader reader = new SecretReader(aws);
            return Lazy.of(() -> secretOf(reader.apply(arn.get())));
        }
        String local = config.optional("ORDER_HOOK_SECRET").orElse(null);
        if (local == null) {
            config.problem("no order hook secret: set ORDER_HOOK_SECRET_ARN (cloud) or ORDER_HOOK_SECRET (local)");
        }
        return () -> local;
    }

    /** The secret as stored: plain, or JSON with "secret". */
    static String secretOf(String stored) {
        String trimmed = stored.trim();
        if (trimmed.startsWith("{")) {
            var json = Json.read(trimmed);
            if (!json.hasNonNull("secret")) {
                throw new IllegalStateException("the order hook secret is JSON without \"secret\"");
            }
            return json.get("secret").asText();
        }
        return trimmed;
    }
}
