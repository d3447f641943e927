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

/**
 * What the benchmarks measure around one step: wall time, store calls and 429s, DynamoDB calls and capacity units, SQS
 * calls, Lambda invocations and GB-seconds, messages queued, peak heap; and what the step would cost on AWS.
 */
final class Measure {
    private Measure() {
    }

    /** @param scanFirings the scan's invocations: more than one where the read outgrew one invocation and resumed */
    record Step(double seconds, int scanFirings, long storeCalls, Map<String, Integer> storeCallsByGroup, int throttled, long dynamoCalls,
                CapacityMeter.Units dynamoUnits, long sqsCalls, long invocations, double gbSeconds, long queued, double peakHeapMiB,
                AwsPrices prices) {
        Map<String, Object> figures(Map<String, Object> extra) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("seconds", seconds);
            if (scanFirings > 0) {
                out.put("scanFirings", scanFirings);
            }
            out.put("storeCalls", storeCalls);
            out.put("storeCallsByGroup", storeCallsByGroup);
            out.put("store429s", throttled);
            out.put("dynamoDbCalls", dynamoCalls);
            out.put("dynamoDbReadUnits", Math.round(dynamoUnits.read() * 10) / 10.0);
            out.put("dynamoDbWriteUnits", Math.round(dynamoUnits.write() * 10) / 10.0);
            out.put("sqsCalls", sqsCalls);
            out.put("lambdaInvocations", invocations);
            out.put("lambdaGbSeconds", Math.round(gbSeconds * 100) / 100.0);
            out.put("queued", queued);
            out.put("peakHeapMiBThisJvm", peakHeapMiB);
            out.putAll(extra);
            out.put("awsCost", cost());
            return out;
        }

        /** The step at AWS list prices. */
        Map<String, Object> cost() {
            return prices.cost(gbSeconds, invocations, dynamoUnits.write(), dynamoUnits.read(), sqsCalls);
        }

        /**
         * The floor, the time the store's steady limits allow for the step's calls (the client does not spend the
         * account's burst credits, which are there for other callers too): each group's calls over its limit, the
         * slowest group bounding the step, as the groups' buckets run side by side; and efficiency = floor / time.
         * Nothing without limits (unpaced).
         *
         * @param limits the store's limit (per second, burst credits) per group, as the simulator enforces them
         */
        Map<String, Object> againstLimits(Map<String, double[]> limits) {
            Map<String, Object> out = new LinkedHashMap<>();
            String bound = null;
            double floor = 0;
            for (Map.Entry<String, Integer> calls : storeCallsByGroup.entrySet()) {
                double[] limit = limits.get(calls.getKey());
                if (limit != null && calls.getValue() / limit[0] > floor) {
                    floor = calls.getValue() / limit[0];
                    bound = calls.getKey();
                }
            }
            if (bound != null) {
                out.put("floorSeconds", Math.round(floor * 100) / 100.0);
                out.put("floorGroup", bound);
                out.put("efficiency", ratio(floor, seconds));
            }
            return out;
        }

        /** Per record: store, DynamoDB and SQS calls, capacity units. */
        Map<String, Object> perRecord(long records) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("storeCalls", ratio(storeCalls, records));
            out.put("dynamoDbCalls", ratio(dynamoCalls, records));
            out.put("dynamoDbReadUnits", ratio(dynamoUnits.read(), records));
            out.put("dynamoDbWriteUnits", ratio(dynamoUnits.write(), records));
            out.put("sqsCalls", ratio(sqsCalls, records));
            return out;
        }
    }

    /** Runs the step (scan invocations returning their responses, queues drained) and measures it. */
    static Step step(LocalWorld world, AwsPrices prices, Supplier<List<Map<?, ?>>> sync) {
        CapacityMeter.start();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long store = world.store.totalRequests();
        Map<String, Integer> storeByGroup = world.store.requestsByGroup();
        int throttled = world.store.throttled();
        CapacityMeter.Units units = CapacityMeter.now();
        long[] lambda = lambda(world);
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
        long[] lambdaAfter = lambda(world);
        Map<String, Integer> byGroup = new java.util.TreeMap<>();
        world.store.requestsByGroup().forEach((group, count) -> {
            if (count > storeByGroup.getOrDefault(group, 0)) {
                byGroup.put(group, count - storeByGroup.getOrDefault(group, 0));
            }
        });
        return new Step(elapsed, runs.size(), world.store.totalRequests() - store, byGroup, world.store.throttled() - throttled, AwsClients.calls("DynamoDB") - dynamo,
                CapacityMeter.now().minus(units), AwsClients.calls("SQS") - sqs, lambdaAfter[0] - lambda[0],
                (lambdaAfter[1] - lambda[1]) / 1000.0, queued, mib(peak), prices);
    }

    /** Invocations and GB-milliseconds of every function so far: Lambda's bill. */
    private static long[] lambda(LocalWorld world) {
        long invocations = 0;
        long gbMillis = 0;
        for (var usage : world.runner.usage()) {
            invocations += usage.invocations();
            gbMillis += (long) usage.memoryMb() * usage.billedMillis() / 1024;
        }
        return new long[] {invocations, gbMillis};
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
