package com.winthorvd.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.winthorvd.shared.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP exchange as the simulators see it: method, path, query, body, and ways to answer. */
public final class SimHttp {
    private final HttpExchange exchange;
    private final Map<String, String> query;
    private String body;
    private boolean answered;
    private boolean dropAnswer;
    private java.util.function.UnaryOperator<JsonNode> reshape = java.util.function.UnaryOperator.identity();
    private int refuseAfterWrite;

    SimHttp(HttpExchange exchange) {
        this.exchange = exchange;
        this.query = query(exchange.getRequestURI().getRawQuery());
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public String path() {
        return exchange.getRequestURI().getPath();
    }

    public Map<String, String> query() {
        return query;
    }

    public String param(String name) {
        return query.get(name);
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    public String body() {
        if (body == null) {
            try {
                body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
        }
        return body;
    }

    /** The body as JSON, or a 400 answer (and null) if it is not JSON. */
    public JsonNode jsonBody() {
        try {
            return Json.read(body());
        } catch (IllegalArgumentException e) {
            json(400, Map.of("message", "Corpo da requisição inválido", "detailedMessage", e.getMessage()));
            return null;
        }
    }

    public boolean answered() {
        return answered;
    }

    public void json(int status, Object value) {
        boolean success = status >= 200 && status < 300;
        if (success && refuseAfterWrite > 0) {
            send(refuseAfterWrite, "application/json;charset=utf-8", Json.write(Map.of("message", "Requisição recusada (simulado)")), Map.of());
            return;
        }
        Object body = success ? reshape.apply(Json.MAPPER.valueToTree(value)) : value;
        send(status, "application/json;charset=utf-8", Json.write(body), Map.of());
    }

    /** The request is served (and its writes happen) but answered with this error status instead of its success. */
    void refuseAfterWrite(int status) {
        refuseAfterWrite = status;
    }

    /** A successful JSON answer goes out changed by this (a fault that bends a page's shape). */
    void reshape(java.util.function.UnaryOperator<JsonNode> change) {
        reshape = change;
    }

    /** The request is served (and its writes happen) but the answer is never sent: the caller sees a reset. */
    public void dropAnswer() {
        dropAnswer = true;
    }

    public void send(int status, String contentType, String text, Map<String, String> headers) {
        if (answered) {
            return;
        }
        if (dropAnswer) {
            drop();
            return;
        }
        answered = true;
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (status == 204 || bytes.length == 0) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to answer to.
        } finally {
            exchange.close();
        }
    }

    /** Closes the connection without any answer (a reset, as far as the client can tell). */
    public void drop() {
        answered = true;
        try {
            exchange.getResponseBody().close();
        } catch (IOException ignored) {
            // already gone
        }
        exchange.close();
    }

    /** Decodes a raw query string into its parameters (the last value wins). */
    public static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    /** Jetty's error page, as the WTA's Karaf/Pax Web answers when a bundle is down or a call blows up. */
    public static String jettyErrorPage(int status, String reason, String uri) {
        return "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=ISO-8859-1\"/>\n"
                + "<title>Error " + status + " " + reason + "</title>\n</head>\n<body><h2>HTTP ERROR " + status + "</h2>\n"
                + "<p>Problem accessing " + uri + ". Reason:\n<pre>    " + reason + "</pre></p>"
                + "<hr><a href=\"http://eclipse.org/jetty\">Powered by Jetty:// 9.4.z</a><hr/>\n</body>\n</html>\n";
    }
}
