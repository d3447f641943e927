package com.winthorvd.local.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * moto in server mode (DynamoDB, Secrets Manager) as a child process bound to 127.0.0.1 on a free port. It is
 * started through a small watchdog script that exits when this JVM's end of its stdin closes, so it never
 * outlives the JVM, not even one killed with SIGKILL; a shutdown hook also stops it on a normal exit.
 */
public final class MotoServer implements AutoCloseable {
    private static final String INSTALL_HINT = "moto's server is needed for the local DynamoDB and Secrets Manager. "
            + "Install it with:  pip install 'moto[server]'  (or point MOTO_PYTHON at a Python that has it).";

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public static MotoServer start() {
        String python = System.getenv().getOrDefault("MOTO_PYTHON", "python3");
        checkInstalled(python);
        Path script = extractScript();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            try {
                return launch(python, script, port);
            } catch (IllegalStateException e) {
                last = e; // the port may have been taken between our probe and moto's bind
            }
        }
        throw last;
    }

    private static MotoServer launch(String python, Path script, int port) {
        ProcessBuilder builder = new ProcessBuilder(python, script.toString(), Integer.toString(port))
                .redirectErrorStream(false);
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + python + ": " + e.getMessage() + ". " + INSTALL_HINT, e);
        }
        MotoServer server = new MotoServer(process, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-stop"));
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
            if (!"READY".equals(line)) {
                server.close();
                throw new IllegalStateException("moto server did not start on port " + port + ": "
                        + errors.getNow("").lines().reduce((a, b) -> b).orElse("no output"));
            }
            // Keep reading stdout so the child never blocks on a full pipe.
            Thread drainer = new Thread(() -> drain(process.getInputStream()), "moto-stdout");
            drainer.setDaemon(true);
            drainer.start();
            return server;
        } catch (TimeoutException e) {
            server.close();
            throw new IllegalStateException("moto server did not answer within 60 s", e);
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("moto server failed to start: " + e.getMessage(), e);
        }
    }

    private static void checkInstalled(String python) {
        try {
            Process probe = new ProcessBuilder(python, "-c", "import moto.server, flask, werkzeug")
                    .redirectErrorStream(true).start();
            String output = drain(probe.getInputStream());
            if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                throw new IllegalStateException("moto's server is not importable by " + python + " ("
                        + output.lines().reduce((a, b) -> b).orElse("") + "). " + INSTALL_HINT);
            }
        } catch (IOException e) {
            throw new IllegalStateException(python + " was not found. " + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for moto", e);
        }
    }

    private static Path extractScript() {
        try (InputStream in = MotoServer.class.getResourceAsStream("/moto_watchdog.py")) {
            Path file = Files.createTempFile("winthor-vd-moto", ".py");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the moto watchdog script: " + e.getMessage(), e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port", e);
        }
    }

    private static String drain(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        try {
            process.getOutputStream().close(); // the watchdog exits when its stdin closes
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
