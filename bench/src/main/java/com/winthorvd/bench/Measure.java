package com.winthorvd.bench;

import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.shared.aws.AwsClients;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What the benchmarks measure around one step: wall time, store, DynamoDB and SQS calls, messages queued, peak heap. */
final class Measure {
    private Measure() {
    }

    record Step(double seconds, long storeCalls, long dynamoCalls, long sqsCalls, long queued, double peakHeapMiB) {
        Map<String, Object> figures(Map<String, Object> extra) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("seconds", seconds);
            out.put("storeCalls", storeCalls);
            out.put("dynamoDbCalls", dynamoCalls);
            out.put("sqsCalls", sqsCalls);
            out.put("queued", queued);
            out.put("peakHeapMiBThisJvm", peakHeapMiB);
            out.putAll(extra);
            return out;
        }
    }

    /** Runs the step (scan invocations returning their responses, queues drained) and measures it. */
    static Step step(LocalWorld world, Supplier<List<Map<?, ?>>> sync) {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long store = world.store.totalRequests();
        long dynamo = AwsClients.calls("DynamoDB");
        long sqs = AwsClients.calls("SQS");
        long start = System.nanoTime();
        List<Map<?, ?>> runs = sync.get();
        double elapsed = seconds(System.nanoTime() - start);
        long queued = 0;
        for (Map<?, ?> run : runs) {
            for (Map.Entry<?, ?> count : ((Map<?, ?>) run.get("counts")).entrySet()) {
                if (String.valueOf(count.getKey()).endsWith(".queued")) {
                    queued += ((Number) count.getValue()).longValue();
                }
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return new Step(elapsed, world.store.totalRequests() - store, AwsClients.calls("DynamoDB") - dynamo,
                AwsClients.calls("SQS") - sqs, queued, mib(peak));
    }

    static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    static double mib(long bytes) {
        return Math.round(bytes / 1048576.0 * 10) / 10.0;
    }

    static double ratio(double a, double b) {
        return b == 0 ? 0 : Math.round(a / b * 1000) / 1000.0;
    }
}
