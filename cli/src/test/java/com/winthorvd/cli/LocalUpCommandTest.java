package com.winthorvd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.testkit.stack.RepoRoot;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code local up}: everything running on its schedules, a store order through the control API into WinThor and back. */
class LocalUpCommandTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Generous: these waits end as soon as their condition holds; the deadline only stops a broken run. */
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @Test
    void anOrderPlacedThroughTheControlApiReachesWinThorAndItsInvoiceTheStore() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StopSignal stop = new StopSignal();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> Main.commandLine(print, print, Map.of(),
                java.time.Clock.systemUTC(), () -> stop).execute("local", "up", "--json", "--speed", "300", "--products", "20"));
        try {
            String line = waitFor("the endpoints line", () -> {
                String text = out.toString(StandardCharsets.UTF_8);
                return text.contains("\n") ? text.substring(0, text.indexOf('\n')) : null;
            });
            JsonNode up = Json.read(line); // one JSON object, as soon as everything is up
            String control = up.get("controlUrl").asText();
            String webhook = up.get("webhookUrl").asText();
            String secret = up.get("hookSecret").asText();
            assertTrue(up.get("winthorSimulated").asBoolean() && up.get("storeSimulated").asBoolean(), line);
            for (String field : List.of("dynamodbEndpoint", "sqsEndpoint", "stateTable", "winthorUrl", "storeUrl", "storeAppKey", "storeAppToken")) {
                assertFalse(up.path(field).asText().isEmpty(), field + " in " + line);
            }
            assertTrue(up.get("queues").has("OrderQueue"), line);

            // The webhook answers a VTEX order hook: a ping with the secret, a refusal without it.
            assertEquals(200, post(webhook, "{\"hookConfig\":\"ping\"}", Map.of(up.get("hookSecretHeader").asText(), secret)).statusCode());
            assertEquals(401, post(webhook, "{\"hookConfig\":\"ping\"}", Map.of(up.get("hookSecretHeader").asText(), "wrong")).statusCode());

            // Once the catalog schedule has synced the store, a buyer's order goes through the hook into WinThor.
            String orderId = waitFor("an order placed (the catalog synced first)", () -> {
                HttpResponse<String> placed = post(control + "/store/orders", "{}", Map.of());
                return placed.statusCode() == 201 ? Json.read(placed.body()).get("orderId").asText() : null;
            });
            String numped = waitFor("the order in WinThor", () -> {
                for (JsonNode order : Json.read(get(control + "/winthor/orders").body())) {
                    if (order.get("storeOrderId").asText().equals(orderId)) {
                        return order.get("orderId").asText();
                    }
                }
                return null;
            });
            assertEquals(200, post(control + "/winthor/orders/" + orderId + "/invoice", "{}", Map.of()).statusCode());
            String storeUrl = up.get("storeUrl").asText();
            waitFor("the invoice in the store", () -> {
                HttpRequest read = HttpRequest.newBuilder(URI.create(storeUrl + "/api/oms/pvt/orders/" + orderId))
                        .header("X-VTEX-API-AppKey", up.get("storeAppKey").asText())
                        .header("X-VTEX-API-AppToken", up.get("storeAppToken").asText()).GET().build();
                JsonNode order = Json.read(send(read).body());
                return order.path("status").asText().equals("invoiced") ? order : null;
            });
            assertFalse(numped.isEmpty());

            // A bad control call is refused with what to do; a schedule fires on demand.
            HttpResponse<String> bad = post(control + "/faults", "{\"system\":\"mainframe\"}", Map.of());
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("store or winthor"), bad.body());
            assertEquals(200, post(control + "/schedules/TokenRefreshFunction/Refresh", "{}", Map.of()).statusCode(),
                    get(control + "/schedules").body());
        } finally {
            stop.request();
        }
        assertEquals(0, running.get(60, TimeUnit.SECONDS), "stopped cleanly");
    }

    /** The real thing: the CLI in its own JVM, stopped by SIGTERM as Ctrl-C would, leaves no process behind. */
    @Test
    void sigtermStopsEverythingWithinSecondsAndLeavesNoProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dwinthorvd.repoRoot=" + RepoRoot.find(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "local", "up", "--json", "--products", "10").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            JsonNode up = Json.read(lines.readLine());
            assertTrue(up.has("webhookUrl"), up.toString());
            List<ProcessHandle> children = process.descendants().toList();
            assertFalse(children.isEmpty(), "dynalite runs as a child process");
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(15, TimeUnit.SECONDS), "stopped within 15 s");
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "child " + child.pid() + " outlived local up");
            }
        } finally {
            process.destroyForcibly();
        }
    }

    /** Polls the condition until it gives a value; the deadline only ends a run that would never get there. */
    private static <T> T waitFor(String what, ThrowingSupplier<T> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            T value = condition.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
