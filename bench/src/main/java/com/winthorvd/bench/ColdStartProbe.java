package com.winthorvd.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose classpath is a function's shaded jar (plus this class): builds the handler with its
 * no-argument constructor, as Lambda does, from the process environment, and invokes it once with an events/
 * file. Prints the JVM-start-to-response time and the result. Uses only the JDK and what the jar carries.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long budget = args.length > 2 ? Long.parseLong(args[2]) : 30_000;
        long started = System.currentTimeMillis();
        Class<?> handlerClass = Class.forName(args[0]);
        Method handle = null;
        for (Method method : handlerClass.getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2 && !method.isBridge()) {
                handle = method;
            }
        }
        Object handler = handlerClass.getConstructor().newInstance();
        Class<?> mapper = Class.forName("com.winthorvd.shared.json.Json");
        Object input = mapper.getMethod("read", String.class, Class.class)
                .invoke(null, Files.readString(Path.of(args[1])), handle.getParameterTypes()[0]);
        Class<?> contextType = handle.getParameterTypes()[1];
        Object context = Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType},
                (proxy, method, methodArgs) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> (int) Math.max(0, budget - (System.currentTimeMillis() - started));
                    case "getMemoryLimitInMB" -> 512;
                    case "getAwsRequestId" -> "cold-start-probe";
                    case "getFunctionName" -> handlerClass.getSimpleName();
                    default -> null;
                });
        Object result = handle.invoke(handler, input, context);
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("COLDSTART " + sinceJvmStart + " " + peakHeap + " " + result);
    }
}
