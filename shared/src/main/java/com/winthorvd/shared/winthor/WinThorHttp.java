package com.winthorvd.shared.winthor;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.util.Deadline;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;

/**
 * HTTP to the WTA gateway, without authentication logic: java.net.http pinned to HTTP/1.1 (the WTA's Jetty
 * does not speak h2c), JSON in and out, and every failure turned into a typed {@link WinThorException}.
 * The content type is checked before any parsing, since the gateway can answer an HTML page with HTTP 200.
 */
public final class WinThorHttp {
    private final URI baseUrl;
    private final Duration requestTimeout;
    private final HttpClient client;
    private final LongAdder calls = new LongAdder();

    public WinThorHttp(URI baseUrl, Duration connectTimeout, Duration requestTimeout, SSLContext sslContext) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        this.requestTimeout = requestTimeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public long calls() {
        return calls.sum();
    }

    /** An answer with its status, content type and raw body; callers pick {@link #json} or inspect it. */
    public record Answer(String request, int status, String contentType, String body, long millis) {
        public boolean isJson() {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        }

        public boolean isHtml() {
            String lower = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
            return (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))
                    || lower.startsWith("<!doctype html") || lower.startsWith("<html");
        }
    }

    /**
     * Sends one request. {@code bearer} may be null (login, health). Throws only for transport failures
     * (timeout, refused, reset); any HTTP answer is returned.
     */
    public Answer exchange(String method, String path, Map<String, String> query, String jsonBody, String bearer) {
        String pathAndQuery = path + queryString(query);
        String request = method + " " + pathAndQuery;
        URI uri = URI.create(baseUrl + pathAndQuery);
        Duration timeout = Deadline.bound(requestTimeout);
        if (timeout.isZero()) {
            // Not sent, so nothing happened in WinThor (a create included): the caller retries it later.
            throw new WinThorConnectionException(request, baseUrl + path, new IllegalStateException("no time left in this invocation"));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long start = System.nanoTime();
        calls.increment();
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(request, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (HttpTimeoutException e) {
            throw new WinThorTimeoutException(request, baseUrl + path, timeout, e);
        } catch (IOException e) {
            throw new WinThorConnectionException(request, baseUrl + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WinThorConnectionException(request, baseUrl + path, e);
        }
    }

    /**
     * The JSON of a successful answer. An HTML page (whatever the status) is a gateway error; 401/403 an
     * auth error; any other non-2xx an API error carrying WinThor's message and detailedMessage.
     */
    public static JsonNode json(Answer answer) {
        if (answer.isHtml()) {
            throw new WinThorGatewayException(answer.request(), answer.status(), answer.contentType(), snippet(answer.body()));
        }
        JsonNode body = parseOrNull(answer);
        if (answer.status() == 401 || answer.status() == 403) {
            throw new WinThorAuthException(answer.request(), answer.status(), text(body, "message"), text(body, "detailedMessage"), false);
        }
        if (answer.status() < 200 || answer.status() > 299) {
            throw new WinThorApiException(answer.request(), answer.status(),
                    body == null ? snippet(answer.body()) : text(body, "message"), text(body, "detailedMessage"));
        }
        if (body == null && answer.body() != null && !answer.body().isBlank()) {
            throw new WinThorGatewayException(answer.request(), answer.status(), answer.contentType(), snippet(answer.body()));
        }
        return body == null ? Json.MAPPER.nullNode() : body;
    }

    private static JsonNode parseOrNull(Answer answer) {
        if (answer.body() == null || answer.body().isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        return body != null && body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String text = body.replaceAll("(?s)<style.*?</style>", " ").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    /** Query string with values encoded, except commas: WTA lists are comma-separated and read literally. */
    static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        query.forEach((name, value) -> {
            if (value != null) {
                joiner.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2C", ","));
            }
        });
        return joiner.toString();
    }
}
