package com.winthorvd.local.cli;

import com.winthorvd.local.LocalWorld;
import com.winthorvd.local.bench.ColdStart;
import com.winthorvd.shared.json.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code bench}: benchmarks that print figures (never timed unit tests). */
final class BenchCommand {
    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    int run(Args args) {
        String which = args.positionals().isEmpty() ? "" : args.positionals().get(0);
        if (!which.equals("cold-start")) {
            throw new Args.UsageException("bench needs one of: cold-start");
        }
        int runs = Integer.parseInt(args.option("runs").orElse("10"));
        if (runs < 1) {
            throw new Args.UsageException("--runs must be at least 1");
        }
        try (LocalWorld world = LocalWorld.start()) {
            ColdStart.Result result = ColdStart.run(world, "TokenRefreshFunction", "events/token-refresh-scheduled.json", runs);
            boolean ok = result.responses().stream().allMatch(r -> r.contains("status=SUCCEEDED"));
            if (args.flag("json")) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("function", result.function());
                report.put("jarBytes", result.jarBytes());
                report.put("runs", runs);
                report.put("wallMillisMedian", result.median(result.wallMillis()));
                report.put("jvmMillisMedian", result.median(result.jvmMillis()));
                report.put("wallMillis", result.wallMillis());
                report.put("jvmMillis", result.jvmMillis());
                report.put("ok", ok);
                out.println(Json.write(report));
            } else {
                out.printf("cold start of %s (shaded jar %.1f MiB), %d fresh JVMs, each: config, table, lease, secret, WinThor login, write%n",
                        result.function(), result.jarBytes() / 1048576.0, runs);
                out.printf("  process start -> first response: median %d ms (min %d, max %d)%n", result.median(result.wallMillis()),
                        result.wallMillis().stream().min(Long::compare).orElseThrow(), result.wallMillis().stream().max(Long::compare).orElseThrow());
                out.printf("  JVM start -> first response:     median %d ms%n", result.median(result.jvmMillis()));
                out.println("  all responses SUCCEEDED: " + ok);
            }
            return ok ? 0 : 1;
        }
    }
}
