package com.winthorvd.testkit.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK HTTP servers of the local world (both simulators, the local API, the local Secrets Manager): on a free
 * loopback port, with daemon worker threads and TCP_NODELAY. Without TCP_NODELAY every answer to a request with a
 * body waits ~40 ms on delayed ACKs; the JDK reads the setting once, when its first server class loads, so every
 * server of this JVM must be made here.
 */
public final class LoopbackHttp {
    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackHttp() {
    }

    /** A server with {@code threads} workers named after it, not started yet; its executor stops with {@link #stop}. */
    public static HttpServer create(String name, int threads, int backlog) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + name + " server: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        return server;
    }

    public static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the exchange with this status and body (empty: no body). */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops the server at once and its worker threads with it. */
    public static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService executor) {
            executor.shutdownNow();
        }
    }
}
