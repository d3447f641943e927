package com.winthorvd.testkit.sim;

import com.sun.net.httpserver.HttpServer;
import com.winthorvd.testkit.stack.LoopbackHttp;
import java.util.function.Consumer;

/** The HTTP server of both simulators (see {@link LoopbackHttp}). */
final class SimServer implements AutoCloseable {
    private final HttpServer server;

    SimServer(String name, Consumer<SimHttp> handler) {
        server = LoopbackHttp.create(name + "-sim", 32, 256);
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
        return LoopbackHttp.url(server);
    }

    @Override
    public void close() {
        LoopbackHttp.stop(server);
    }
}
