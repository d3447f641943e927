package com.winthorvd.bench;

import com.winthorvd.testkit.stack.RepoRoot;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.stack.FunctionSpec;
import com.winthorvd.shared.state.Keys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of a function: N fresh JVMs, each running the function's shaded jar with its template environment
 * against the local stack, from process start to the handler's first response. The stored token is removed
 * before each run, so every run takes the whole path (table, lease, secret, WinThor login, write).
 */
public final class ColdStart {
    /** @param peakHeapBytes per run, the largest heap the probe JVM used (sum of the heap pools' peaks) */
    public record Result(String function, long jarBytes, List<Long> wallMillis, List<Long> jvmMillis, List<Long> peakHeapBytes,
                         List<String> responses) {
        public long median(List<Long> values) {
            List<Long> sorted = values.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    private ColdStart() {
    }

    public static Result run(LocalWorld world, String function, String eventFile, int runs) {
        return run(world, function, eventFile, runs, List.of(), Duration.ofSeconds(30));
    }

    /**
     * As {@link #run(LocalWorld, String, String, int)} with extra JVM options (a heap limit, say) and the time budget the
     * probe's Lambda context reports.
     */
    public static Result run(LocalWorld world, String function, String eventFile, int runs, List<String> jvmOptions, Duration budget) {
        Path root = RepoRoot.find();
        FunctionSpec spec = world.runner.function(function);
        Path jar = root.resolve(spec.codeUri());
        Path probeClasses = root.resolve("bench/target/classes");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(probeClasses)) {
            throw new IllegalStateException(jar + " or " + probeClasses + " is missing: run mvn package first");
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Long> wall = new ArrayList<>();
        List<Long> jvm = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        List<Long> heaps = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            world.table.deleteIf(Keys.token("winthor"), Keys.ONE, com.winthorvd.shared.state.Condition.of("attribute_exists(pk)"));
            List<String> command = new ArrayList<>(List.of(javaBin, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + probeClasses, ColdStartProbe.class.getName(),
                    spec.handlerClass(), root.resolve(eventFile).toString(), Long.toString(budget.toMillis())));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(world.aws.runtimeEnv());
            spec.env().declared().forEach((name, value) -> env.put(name, value));
            env.remove("JAVA_TOOL_OPTIONS"); // given on the command line above, without the JVM's notice on stderr
            long start = System.nanoTime();
            try {
                Process process = builder.start();
                String line;
                String found = null;
                StringBuilder output = new StringBuilder();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    while ((line = out.readLine()) != null) {
                        output.append(line).append('\n');
                        if (line.startsWith("COLDSTART ")) {
                            found = line;
                            wall.add((System.nanoTime() - start) / 1_000_000);
                        }
                    }
                }
                process.waitFor(budget.toSeconds() + 60, TimeUnit.SECONDS);
                if (found == null) {
                    throw new IllegalStateException("the probe JVM gave no response:\n" + output);
                }
                String[] parts = found.split(" ", 4);
                jvm.add(Long.parseLong(parts[1]));
                heaps.add(Long.parseLong(parts[2]));
                responses.add(parts[3]);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a JVM: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        try {
            return new Result(function, Files.size(jar), wall, jvm, heaps, responses);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
