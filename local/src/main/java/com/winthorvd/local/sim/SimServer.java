package com.winthorvd.local.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** A JDK HTTP server on a free loopback port, shared by both simulators. */
final class SimServer implements AutoCloseable {
    static {
        // Without TCP_NODELAY the JDK server's answer to a request with a body waits ~40 ms on delayed ACKs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;

    SimServer(String name, Consumer<SimHttp> handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + name + " simulator: " + e.getMessage(), e);
        }
        executor = Executors.newFixedThreadPool(32, runnable -> {
            Thread thread = new Thread(runnable, name + "-sim");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            SimHttp http = new SimHttp(exchange);
            try {
                handler.accept(http);
            } catch (RuntimeException e) {
                http.json(500, java.util.Map.of("message", "simulator error", "detailedMessage", String.valueOf(e)));
            } finally {
                if (!http.answered()) {
                    http.json(404, java.util.Map.of("message", "Not found: " + http.method() + " " + http.path()));
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
