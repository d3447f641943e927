package com.winthorvd.shared.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.JsonLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The store's order hook, received: the caller is authenticated by the shared secret header configured on the hook
 * (constant-time compare; missing or wrong is 401 and nothing is queued), the hook's ping is answered, the payload is
 * validated (a bad one is 400 naming the field) and a change to one of the configured states is queued on the FIFO
 * order queue. Nothing here reads the store, WinThor or the state table: the answer comes well inside the hook's 5 s.
 */
public final class OrderIntakeService {
    public static final String SECRET_HEADER = "X-WinthorVD-Hook-Secret";
    static final int MAX_BODY_BYTES = 16 * 1024;

    /** An HTTP answer: status and JSON body. */
    public record Reply(int status, String body) {
        static Reply of(int status, String key, String value) {
            return new Reply(status, Json.write(Map.of(key, value)));
        }
    }

    private final Supplier<String> secret;
    private final Set<String> states;
    private final Consumer<OrderChange> queue;
    private final JsonLog log;

    public OrderIntakeService(Supplier<String> secret, Set<String> states, Consumer<OrderChange> queue, JsonLog log) {
        this.secret = secret;
        this.states = states;
        this.queue = queue;
        this.log = log;
    }

    /** The reply to one hook call; a refused call is also a data point (WebhookUnauthorized, WebhookMalformed) for its alarm. */
    public Reply receive(Map<String, String> headers, String body) {
        Reply reply = reply(headers, body);
        if (reply.status() == 401) {
            log.metric("WebhookUnauthorized", 1, "order-hook", "hook call without the right " + SECRET_HEADER + " header: refused, nothing queued", Map.of());
        } else if (reply.status() == 400) {
            log.metric("WebhookMalformed", 1, "order-hook", "hook payload refused, nothing queued: " + reply.body(), Map.of());
        }
        return reply;
    }

    private Reply reply(Map<String, String> headers, String body) {
        if (!authenticated(headers)) {
            return Reply.of(401, "message", "missing or wrong " + SECRET_HEADER + " header");
        }
        if (body == null || body.isBlank()) {
            return Reply.of(400, "message", "the body is empty: an order hook payload (OrderId, State, LastChange) is expected");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return Reply.of(400, "message", "the body is larger than " + MAX_BODY_BYTES + " bytes: not an order hook payload");
        }
        JsonNode payload;
        try {
            payload = Json.read(body);
        } catch (RuntimeException e) {
            return Reply.of(400, "message", "the body is not JSON");
        }
        if (!payload.isObject()) {
            return Reply.of(400, "message", "the body must be a JSON object");
        }
        if (payload.has("hookConfig")) {
            return Reply.of(200, "hookConfig", "pong");
        }
        OrderChange change;
        try {
            change = OrderChange.fromHook(payload);
        } catch (IllegalArgumentException e) {
            return Reply.of(400, "message", e.getMessage());
        }
        if (!states.contains(change.state())) {
            return Reply.of(200, "ignored", "state " + change.state() + " is not integrated");
        }
        queue.accept(change);
        log.info(change.orderId(), "order change queued", Map.of("state", change.state(), "lastChange", change.lastChange()));
        return Reply.of(200, "queued", change.orderId());
    }

    private boolean authenticated(Map<String, String> headers) {
        String given = null;
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (header.getKey() != null && header.getKey().toLowerCase(Locale.ROOT).equals(SECRET_HEADER.toLowerCase(Locale.ROOT))) {
                    given = header.getValue();
                }
            }
        }
        String expected = secret.get();
        if (given == null || expected == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
