package com.winthorvd.shared.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.util.CachedSecret;
import com.winthorvd.shared.util.Deadline;
import com.winthorvd.shared.util.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * HTTP to the VTEX-compatible store: AppKey/AppToken headers, a token bucket per endpoint group narrowed by the
 * store's Ratelimit headers, 429 waited out (Retry-After, by every call of the group) when the wait is short and
 * reported with it when not, 5xx and network failures retried with
 * jittered backoff only for idempotent calls (a failed create has an unknown outcome and is reported as such), and
 * no other 4xx retried. A 401/403 reads the AppToken again and repeats the call once when it changed (a rotated
 * token); otherwise it is reported as an auth failure, to be retried once the secret is fixed. Pricing lives on its
 * own host.
 */
public final class VtexHttp {
    static final int ATTEMPTS = 4;
    static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(10);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final String accountUrl;
    private final String pricingUrl;
    private final String appKey;
    private final CachedSecret appToken;
    private final Duration timeout;
    private final RateLimits limits;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final HttpClient client;
    private final LongAdder calls = new LongAdder();

    public VtexHttp(URI accountUrl, URI pricingUrl, String appKey, CachedSecret appToken, Duration timeout,
                    RateLimits limits, Sleeper sleeper, DoubleSupplier random) {
        this.accountUrl = accountUrl.toString().replaceAll("/+$", "");
        this.pricingUrl = pricingUrl.toString().replaceAll("/+$", "");
        this.appKey = appKey;
        this.appToken = appToken;
        this.timeout = timeout;
        this.limits = limits;
        this.sleeper = sleeper;
        this.random = random;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Store calls made (every attempt counts), for the benchmarks' "store calls" figures. */
    public long calls() {
        return calls.sum();
    }

    /** What a refusal of a call says beyond its status. */
    public enum Refusals {
        /** 401/403: the credentials. */
        PLAIN,
        /** 404 is a missing piece of the store's set-up (a warehouse), not a missing record. */
        NOT_FOUND_IS_SETUP,
        /** An order's state change: 403 may be the order refusing it (an invoiced order cancelled), so only 401 is the credentials. */
        STATE_CHANGE
    }

    /**
     * One store operation: its name for errors, its rate-limit group, whether repeating it is harmless, and what its
     * refusals mean.
     */
    public record Call(String operation, RateLimits.Group group, String method, String path, Object body, boolean idempotent,
                       Refusals refusals) {
        public Call(String operation, RateLimits.Group group, String method, String path, Object body, boolean idempotent) {
            this(operation, group, method, path, body, idempotent, Refusals.PLAIN);
        }

        StoreException.Setup setup(int status) {
            if (status == 401 || (status == 403 && refusals != Refusals.STATE_CHANGE)) {
                return StoreException.Setup.AUTH;
            }
            return status == 404 && refusals == Refusals.NOT_FOUND_IS_SETUP ? StoreException.Setup.MISSING : StoreException.Setup.NONE;
        }

        boolean pricing() {
            return group == RateLimits.Group.PRICING_READ || group == RateLimits.Group.PRICING_WRITE;
        }
    }

    /** Sends the call; the JSON answer (a null node for an empty body). 404 and other 4xx throw with the store's message. */
    public JsonNode send(Call call) {
        String body = call.body() == null ? null : call.body() instanceof String text ? text : Json.write(call.body());
        URI uri = URI.create((call.pricing() ? pricingUrl : accountUrl) + call.path());
        Duration backoff = FIRST_BACKOFF;
        boolean tokenReread = false;
        for (int attempt = 1; ; attempt++) {
            limits.acquire(call.group());
            Duration bounded = Deadline.bound(timeout);
            if (bounded.isZero()) {
                // Not sent: nothing happened in the store, whatever the call.
                throw new StoreException(call.operation(), 0, "no time left in this invocation to call the store", null, false, null);
            }
            calls.increment();
            HttpResponse<String> response;
            String token = appToken.get();
            try {
                response = client.send(request(uri, call.method(), body, token, bounded), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                if (!pausedForRetry(call, attempt, backoff)) {
                    throw new StoreException(call.operation(), 0, "no answer within " + bounded.toMillis() + " ms", null, !call.idempotent(), e);
                }
                backoff = backoff.multipliedBy(2);
                continue;
            } catch (IOException e) {
                if (!pausedForRetry(call, attempt, backoff)) {
                    throw new StoreException(call.operation(), 0, "connection failed: " + e, null, !call.idempotent(), e);
                }
                backoff = backoff.multipliedBy(2);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(call.operation(), 0, "interrupted", null, true, e);
            }
            int status = response.statusCode();
            limits.observe(call.group(), response.headers());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (contentType.toLowerCase(java.util.Locale.ROOT).contains("html")) {
                // A proxy or gateway page, whatever its status: never data. The call may or may not have happened.
                throw new StoreException(call.operation(), status == 200 ? 502 : Math.max(status, 502),
                        "answered an HTML page (HTTP " + status + ") instead of JSON", null, !call.idempotent(), null);
            }
            if (status >= 200 && status < 300) {
                String text = response.body();
                return text == null || text.isBlank() ? Json.MAPPER.nullNode() : parse(text);
            }
            if (status == 429) {
                Duration wait = RateLimits.retryAfter(call.group(), response.headers());
                if (attempt == ATTEMPTS || wait.compareTo(MAX_INLINE_WAIT) > 0 || !Deadline.allows(wait)) {
                    throw new StoreException(call.operation(), 429, "rate limited; retry after " + wait.toSeconds() + " s", wait, false, null);
                }
                limits.hold(call.group(), wait); // every call of the group in this container waits, not only this one
                continue;
            }
            if (status >= 500) {
                if (!pausedForRetry(call, attempt, backoff)) {
                    throw new StoreException(call.operation(), status, message(response.body()), null, !call.idempotent(), null);
                }
                backoff = backoff.multipliedBy(2);
                continue;
            }
            StoreException.Setup setup = call.setup(status);
            if (setup == StoreException.Setup.AUTH && !tokenReread) {
                tokenReread = true;
                if (!appToken.reread(token).equals(token)) {
                    continue; // rotated: the same call with the new token (a refused call did nothing)
                }
            }
            throw new StoreException(call.operation(), status, message(response.body()), null, false, null, setup);
        }
    }

    private HttpRequest request(URI uri, String method, String body, String token, Duration bounded) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(bounded)
                .header("Accept", "application/json, text/plain") // some VTEX operations answer only text/plain
                .header("Content-Type", "application/json")
                .header("X-VTEX-API-AppKey", appKey)
                .header("X-VTEX-API-AppToken", token);
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /**
     * Waits out the jittered backoff before a retry, when the call may be repeated, attempts remain and the wait (the
     * jittered one, up to 1.5 times the backoff) still fits the invocation; false when there is to be no retry.
     */
    private boolean pausedForRetry(Call call, int attempt, Duration backoff) {
        Duration pause = Duration.ofMillis((long) (backoff.toMillis() * (0.5 + random.getAsDouble())));
        if (!call.idempotent() || attempt == ATTEMPTS || !Deadline.allows(pause)) {
            return false;
        }
        sleeper.pause(pause);
        return true;
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            // Some VTEX answers are bare text (an id, "OK"): keep them as a JSON string.
            return Json.MAPPER.getNodeFactory().textNode(text.trim());
        }
    }

    /** VTEX errors come as {"error":{"message"}}, {"Message"}, {"message"} or plain text. */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            for (JsonNode candidate : new JsonNode[] {json.path("error").path("message"), json.path("Message"), json.path("message")}) {
                if (candidate.isTextual()) {
                    return candidate.asText();
                }
            }
            return body.length() > 300 ? body.substring(0, 300) : body;
        } catch (IOException e) {
            return body.length() > 300 ? body.substring(0, 300) : body;
        }
    }
}
