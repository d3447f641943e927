package com.winthorvd.testkit.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local DynamoDB: dynalite (npm, pinned by the package-lock.json beside this class's resources) as a Node child
 * process on a loopback port it picks itself, in memory, with tables ACTIVE at once. It is installed with
 * {@code npm ci} into {@code target/dynalite-<lock hash>} of the repository (a folder the build owns; a new lock gets a
 * new folder), under a file lock so that parallel test JVMs install it once. The child's watchdog exits when this
 * JVM's end of its stdin closes, so it never outlives the JVM, not even one killed with SIGKILL.
 */
public final class DynaliteServer implements AutoCloseable {
    private static final String RESOURCES = "/dynalite/";
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "watchdog.js");

    private final Process process;
    private final int port;

    private DynaliteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public static DynaliteServer start(Path repoRoot) {
        NodeTools.require("node", "Node.js 20 or newer, for the local DynamoDB (dynalite)");
        Path folder = install(repoRoot);
        ProcessBuilder builder = new ProcessBuilder("node", folder.resolve("watchdog.js").toString(), folder.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node: " + e.getMessage(), e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite did not start within 60 s", e);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite failed to start: " + e.getMessage(), e);
        }
        if (line == null || !line.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite did not start (node printed: " + line + "); try deleting " + folder);
        }
        DynaliteServer server = new DynaliteServer(process, Integer.parseInt(line.substring("READY ".length()).trim()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dynalite-stop"));
        return server;
    }

    /** The install folder for the committed lock, installed by {@code npm ci} if it is not there yet. */
    static Path install(Path repoRoot) {
        byte[] lock = resource("package-lock.json");
        Path folder = repoRoot.resolve("target").resolve("dynalite-" + sha256(lock).substring(0, 12));
        Path done = folder.resolve("node_modules").resolve(".winthorvd-installed");
        if (Files.exists(done)) {
            return folder;
        }
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(folder.resolve(".install.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                if (!Files.exists(done)) { // another JVM may have installed it while we waited for the lock
                    for (String file : FILES) {
                        Files.write(folder.resolve(file), resource(file));
                    }
                    NodeTools.require("npm", "npm (it comes with Node.js 20 or newer), to install dynalite");
                    NodeTools.run(folder, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
                    Files.writeString(done, "npm ci of the lock in " + folder + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install dynalite into " + folder + ": " + e.getMessage(), e);
        }
        return folder;
    }

    private static byte[] resource(String name) {
        try (InputStream in = DynaliteServer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
        try {
            process.getOutputStream().close(); // the watchdog exits when its stdin closes
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    /** Finds node and npm on the PATH and runs them, with a message saying what to install when one is missing. */
    static final class NodeTools {
        private NodeTools() {
        }

        static void require(String command, String what) {
            try {
                Process probe = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
                String version = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                    throw new IllegalStateException(command + " --version failed (" + version + "). Install " + what + ".");
                }
                if (command.equals("node") && major(version) < 20) {
                    throw new IllegalStateException("node " + version + " is too old. Install " + what + ".");
                }
            } catch (IOException e) {
                throw new IllegalStateException(command + " was not found on the PATH. Install " + what + ".", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking for " + command, e);
            }
        }

        private static int major(String version) {
            String digits = version.startsWith("v") ? version.substring(1) : version;
            int dot = digits.indexOf('.');
            try {
                return Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        static void run(Path folder, String... command) {
            try {
                Path log = Files.createTempFile("winthor-vd-npm", ".log");
                Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    List<String> lines = Files.readAllLines(log);
                    throw new IllegalStateException(String.join(" ", command) + " failed in " + folder + ": "
                            + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
                }
                Files.deleteIfExists(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command[0], e);
            }
        }
    }
}
