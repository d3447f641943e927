package com.winthorvd.testkit.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.sun.net.httpserver.HttpServer;
import com.winthorvd.testkit.stack.FunctionSpec;
import com.winthorvd.testkit.stack.LocalDeployment;
import com.winthorvd.testkit.stack.Template;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Plays Lambda's part for a local deployment: builds each function's handler once per container (a warm container,
 * through its {@code (Env, Clock)} constructor, with the environment from the template; concurrent pollers of one
 * queue are containers of their own, as Lambda runs one invocation per container), fires scheduled handlers with
 * their schedule's Input, polls SQS event sources and invokes the consumer with a real {@link SQSEvent}, then
 * deletes or keeps the messages by the {@link SQSBatchResponse} rules, and serves Api events over HTTP.
 */
public final class LocalRunner implements AutoCloseable {
    /** A run still PARTIAL after this many firings is not making progress. */
    static final int MAX_FIRINGS = 1000;
    private final LocalDeployment deployment;
    private final Clock clock;
    private final Map<String, FunctionSpec> functions = new LinkedHashMap<>();
    /** Built handlers by function and container: {@code logicalId#container}. */
    private final Map<String, RequestHandler<Object, Object>> handlers = new ConcurrentHashMap<>();
    private HttpServer http;

    /** @param clock the time every handler sees (a movable clock in tests and the demo) */
    public LocalRunner(LocalDeployment deployment, Clock clock) {
        this.deployment = deployment;
        this.clock = clock;
        for (FunctionSpec function : deployment.functions()) {
            functions.put(function.logicalId(), function);
        }
    }

    /** Every function of the template, in its order. */
    public java.util.Collection<FunctionSpec> functions() {
        return java.util.Collections.unmodifiableCollection(functions.values());
    }

    public FunctionSpec function(String logicalId) {
        FunctionSpec function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in the template");
        }
        return function;
    }

    /**
     * Sets some of the function's environment variables, as {@code UpdateFunctionConfiguration} does: the next
     * invocation runs in a new container (a new handler) that reads them. Call it with no invocation in flight.
     */
    public synchronized void updateEnvironment(String logicalId, Map<String, String> variables) {
        FunctionSpec f = function(logicalId);
        functions.put(logicalId, new FunctionSpec(f.logicalId(), f.handlerClass(), f.handlerMethod(), f.codeUri(), f.timeoutSeconds(),
                f.memoryMb(), f.env().with(variables), f.events()));
        handlers.keySet().removeIf(key -> key.startsWith(logicalId + "#"));
    }

    /** The function's handler in its first container, built on first use as Lambda builds it once per container. */
    public RequestHandler<Object, Object> handler(String logicalId) {
        return handler(logicalId, 0);
    }

    /** The function's handler in container {@code container} (0, 1, ...), each built on its first use. */
    @SuppressWarnings("unchecked")
    public RequestHandler<Object, Object> handler(String logicalId, int container) {
        return handlers.computeIfAbsent(logicalId + "#" + container, key -> {
            FunctionSpec function = function(logicalId);
            try {
                Class<?> type = Class.forName(function.handlerClass());
                return (RequestHandler<Object, Object>) type.getConstructor(Env.class, Clock.class).newInstance(function.env(), clock);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(logicalId + ": handler class " + function.handlerClass() + " not found", e);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(logicalId + ": " + function.handlerClass()
                        + " needs a public constructor (Env, Clock) for the local runner", e);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(logicalId + ": cannot build " + function.handlerClass(), e);
            }
        });
    }

    /** The type the handler's handleRequest takes (its event type). */
    public static Class<?> inputType(Class<?> handlerClass) {
        for (Method method : handlerClass.getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2 && !method.isBridge()
                    && method.getParameterTypes()[1] == Context.class) {
                return method.getParameterTypes()[0];
            }
        }
        throw new IllegalArgumentException(handlerClass.getName() + " has no handleRequest(event, Context)");
    }

    public Object invoke(String logicalId, Object event) {
        return invoke(logicalId, event, LocalContext.wallClock(Duration.ofSeconds(function(logicalId).timeoutSeconds())));
    }

    /**
     * Invokes with the time left given by the caller instead of the wall clock (tests of checkpoint and resume: a
     * budget that runs out after so many checks, whatever this machine's speed).
     */
    public Object invoke(String logicalId, Object event, java.util.function.Supplier<Duration> remaining) {
        return invoke(logicalId, 0, event, remaining);
    }

    private Object invoke(String logicalId, int container, Object event, java.util.function.Supplier<Duration> remaining) {
        RequestHandler<Object, Object> handler = handler(logicalId, container);
        long start = System.nanoTime();
        try {
            return handler.handleRequest(event, new LocalContext(deployment.stackName() + "-" + logicalId, remaining));
        } finally {
            usage.computeIfAbsent(logicalId, id -> new Meter()).add(System.nanoTime() - start);
        }
    }

    /** What Lambda bills of a function: its invocations and their durations, each rounded up to the millisecond. */
    public record Usage(String function, int memoryMb, long invocations, long billedMillis) {
        public double gbSeconds() {
            return memoryMb / 1024.0 * billedMillis / 1000.0;
        }
    }

    private static final class Meter {
        final java.util.concurrent.atomic.LongAdder invocations = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder millis = new java.util.concurrent.atomic.LongAdder();

        void add(long nanos) {
            invocations.increment();
            millis.add((nanos + 999_999) / 1_000_000);
        }
    }

    private final Map<String, Meter> usage = new ConcurrentHashMap<>();

    /** Every function's invocations so far and their billed time (this machine's durations: see the benchmarks' notes). */
    public List<Usage> usage() {
        List<Usage> out = new ArrayList<>();
        functions.values().forEach(f -> {
            Meter meter = usage.get(f.logicalId());
            if (meter != null) {
                out.add(new Usage(f.logicalId(), f.memoryMb(), meter.invocations.sum(), meter.millis.sum()));
            }
        });
        return out;
    }

    /** Invokes a scheduled function with its schedule's Input. */
    public Object fireSchedule(String logicalId, String eventName) {
        return invoke(logicalId, scheduleInput(logicalId, eventName));
    }

    /** A schedule's Input (EventBridge Scheduler delivers it alone, no envelope), read into the handler's input type. */
    public Object scheduleInput(String logicalId, String eventName) {
        FunctionSpec.EventSpec event = event(logicalId, eventName);
        if (!event.type().startsWith("Schedule")) {
            throw new IllegalArgumentException(logicalId + "." + eventName + " is a " + event.type() + " event, not a schedule");
        }
        String input = String.valueOf(event.properties().getOrDefault("Input", "{}"));
        Class<?> type = inputType(handler(logicalId).getClass());
        return Json.read(input, type);
    }

    /**
     * Fires the schedule, and again while its run reports PARTIAL (out of time, it saved its place: the schedule's next
     * firing goes on from there), as a backlog bigger than one invocation completes in AWS; every firing's result.
     */
    public List<Map<?, ?>> fireUntilComplete(String logicalId, String eventName) {
        Duration timeout = Duration.ofSeconds(function(logicalId).timeoutSeconds());
        return invokeUntilComplete(logicalId, scheduleInput(logicalId, eventName), () -> LocalContext.wallClock(timeout));
    }

    /**
     * As {@link #fireUntilComplete}, with the caller's input and each invocation's time left from {@code budget} (a
     * fresh one per invocation: tests of checkpoint and resume give one that runs out after so many looks).
     */
    public List<Map<?, ?>> invokeUntilComplete(String logicalId, Object input,
                                               java.util.function.Supplier<java.util.function.Supplier<Duration>> budget) {
        List<Map<?, ?>> results = new ArrayList<>();
        for (int firing = 0; firing < MAX_FIRINGS; firing++) {
            Map<?, ?> result = (Map<?, ?>) invoke(logicalId, input, budget.get());
            results.add(result);
            if (!"PARTIAL".equals(result.get("status"))) {
                return results;
            }
        }
        throw new IllegalStateException(logicalId + " still PARTIAL after " + MAX_FIRINGS + " invocations");
    }

    private FunctionSpec.EventSpec event(String logicalId, String eventName) {
        return function(logicalId).events().stream().filter(e -> e.name().equals(eventName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no event " + eventName));
    }

    private FunctionSpec.EventSpec sqsEvent(String logicalId) {
        return function(logicalId).events().stream().filter(e -> e.type().equals("SQS")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no SQS event"));
    }

    /** The event source's MaximumConcurrency: how many containers Lambda runs at most for the function's queue. */
    public int maximumConcurrency(String logicalId) {
        Object scaling = sqsEvent(logicalId).properties().get("ScalingConfig");
        return Integer.parseInt(String.valueOf(Template.map(scaling).getOrDefault("MaximumConcurrency", 2)));
    }

    /** What one poll did. */
    public record PollResult(int received, int deleted, int kept, boolean wholeBatchFailed) {
    }

    /**
     * Receives one batch from the function's queue (up to its BatchSize), invokes the handler and applies the
     * batch response: handler error, or a failure id that is empty or not in the batch -> the whole batch is
     * kept; otherwise the listed messages are kept and the rest deleted.
     */
    public PollResult pollOnce(String logicalId, Duration wait) {
        return pollOnce(logicalId, 0, wait);
    }

    /** As {@link #pollOnce(String, Duration)}, invoking the function's handler in container {@code container}. */
    public PollResult pollOnce(String logicalId, int container, Duration wait) {
        FunctionSpec.EventSpec event = sqsEvent(logicalId);
        String queueArn = String.valueOf(event.properties().get("Queue"));
        String queueUrl = queueUrlForArn(queueArn);
        int batchSize = Integer.parseInt(String.valueOf(event.properties().getOrDefault("BatchSize", 10)));
        boolean reportsFailures = Template.list(event.properties().get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        List<Message> messages = deployment.aws().sqs().receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(10, batchSize))
                .waitTimeSeconds((int) wait.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return new PollResult(0, 0, 0, false);
        }
        SQSEvent sqsEvent = sqsEvent(messages, queueArn);
        Set<String> keep;
        boolean wholeBatch = false;
        try {
            Object response = invoke(logicalId, container, sqsEvent,
                    LocalContext.wallClock(Duration.ofSeconds(function(logicalId).timeoutSeconds())));
            keep = reportsFailures ? failedIds(response, messages) : Set.of();
            if (keep == null) {
                wholeBatch = true;
                keep = allIds(messages);
            }
        } catch (RuntimeException e) {
            System.err.println("[runner] " + logicalId + " failed the whole batch: " + e);
            wholeBatch = true;
            keep = allIds(messages);
        }
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (Message message : messages) {
            if (!keep.contains(message.messageId())) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(deletes.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!deletes.isEmpty()) {
            // A batch that outlived the (locally shortened) visibility timeout was received again by another poller, as
            // in Lambda: its old receipt handles no longer delete, and the handlers, idempotent, see it once more.
            var failed = deployment.aws().sqs().deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(deletes)).failed().stream()
                    .filter(f -> !"ReceiptHandleIsInvalid".equals(f.code())).toList();
            if (!failed.isEmpty()) {
                throw new IllegalStateException(logicalId + ": SQS did not delete " + failed.size() + " handled message(s): "
                        + failed.stream().map(f -> f.code() + " " + f.message()).toList());
            }
        }
        return new PollResult(messages.size(), deletes.size(), messages.size() - deletes.size(), wholeBatch);
    }

    /** The ids to keep, or null when the response fails the whole batch (an empty or unknown id). */
    static Set<String> failedIds(Object response, List<Message> messages) {
        if (response == null) {
            return Set.of();
        }
        if (!(response instanceof SQSBatchResponse batch)) {
            throw new IllegalStateException("a ReportBatchItemFailures handler returned " + response.getClass().getName());
        }
        if (batch.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> inBatch = allIds(messages);
        Set<String> keep = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : batch.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            if (id == null || id.isEmpty() || !inBatch.contains(id)) {
                return null;
            }
            keep.add(id);
        }
        return keep;
    }

    private static Set<String> allIds(List<Message> messages) {
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.messageId()));
        return ids;
    }

    private SQSEvent sqsEvent(List<Message> messages, String queueArn) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(com.winthorvd.testkit.stack.LocalAws.REGION);
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> {
                SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType(value.dataType());
                attribute.setStringValue(value.stringValue());
                messageAttributes.put(name, attribute);
            });
            record.setMessageAttributes(messageAttributes);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    private String queueUrlForArn(String arn) {
        return queueUrls.computeIfAbsent(arn, a -> {
            String name = a.substring(a.lastIndexOf(':') + 1);
            return deployment.aws().sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();
        });
    }

    /** Messages waiting plus in flight on the function's queue. */
    public int pending(String logicalId) {
        return pendingAt(queueUrlForArn(String.valueOf(sqsEvent(logicalId).properties().get("Queue"))));
    }

    /** Messages waiting plus in flight on a queue of the template (a DLQ, say), by its logical id. */
    public int pendingOn(String queueLogicalId) {
        return pendingAt(deployment.queueUrl(queueLogicalId));
    }

    private int pendingAt(String queueUrl) {
        Map<QueueAttributeName, String> attributes = deployment.aws().sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /**
     * Polls until the function's queue has nothing waiting or in flight, or the time is up; messages that
     * keep failing stay in flight and come back after their visibility timeout, as in SQS.
     */
    public int drain(String logicalId, Duration maxTime) {
        return drain(logicalId, maxTime, 1);
    }

    /**
     * As {@link #drain(String, Duration)} with {@code concurrency} pollers at once, as Lambda runs up to the event
     * source's MaximumConcurrency invocations, each poller in a container of its own (its own handler, store client and
     * rate budget), as Lambda gives each concurrent invocation its own container.
     */
    public int drain(String logicalId, Duration maxTime, int concurrency) {
        return drained(logicalId, maxTime, concurrency, () -> null).handled();
    }

    /**
     * Runs {@code producer} (a scan that fills the function's queue) while {@code concurrency} containers drain that
     * queue, as Lambda consumes while a scan is still sending; returns the producer's result once the queue is empty
     * after it has finished.
     */
    public <T> T whileDraining(String logicalId, Duration maxTime, int concurrency, java.util.function.Supplier<T> producer) {
        return drained(logicalId, maxTime, concurrency, producer).result();
    }

    /** What a drain alongside a producer gave: the producer's result and the messages handled. */
    private record Drained<T>(T result, int handled) {
    }

    private <T> Drained<T> drained(String logicalId, Duration maxTime, int concurrency, java.util.function.Supplier<T> producer) {
        java.util.concurrent.atomic.AtomicBoolean producing = new java.util.concurrent.atomic.AtomicBoolean(true);
        int containers = Math.max(1, concurrency);
        ExecutorService pool = Executors.newFixedThreadPool(containers);
        try {
            List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < containers; i++) {
                int container = i;
                runs.add(pool.submit(() -> drainOne(logicalId, container, maxTime, producing::get)));
            }
            T result;
            try {
                result = producer.get();
            } finally {
                producing.set(false);
            }
            int handled = 0;
            for (java.util.concurrent.Future<Integer> run : runs) {
                handled += run.get();
            }
            return new Drained<>(result, handled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls until the queue has nothing waiting or in flight while nothing is producing, or the time is up. */
    private int drainOne(String logicalId, int container, Duration maxTime, java.util.function.BooleanSupplier producing) {
        long deadline = System.nanoTime() + maxTime.toNanos();
        int handled = 0;
        Duration wait = Duration.ZERO; // an empty queue is seen at once; a long poll only while messages are delayed or in flight
        while (System.nanoTime() < deadline) {
            boolean mayGetMore = producing.getAsBoolean(); // read before the poll: a producer that ends after it is seen next time
            PollResult result = pollOnce(logicalId, container, wait);
            handled += result.deleted();
            if (result.received() == 0) {
                if (!mayGetMore && pending(logicalId) == 0) {
                    return handled;
                }
                wait = Duration.ofSeconds(1);
            } else {
                wait = Duration.ZERO;
            }
        }
        return handled;
    }

    /** Serves the template's Api events at {@code url() + Path}; a handler error is a 502, as API Gateway does. */
    public synchronized String httpUrl() {
        if (http == null) {
            http = com.winthorvd.testkit.stack.LoopbackHttp.create("local-api", 8, 64);
            for (FunctionSpec function : functions.values()) {
                for (FunctionSpec.EventSpec event : function.events()) {
                    if (event.type().equals("Api")) {
                        String path = String.valueOf(event.properties().get("Path"));
                        String method = String.valueOf(event.properties().getOrDefault("Method", "ANY")).toUpperCase();
                        http.createContext(path, exchange -> serveApi(function.logicalId(), path, method, exchange));
                    }
                }
            }
            http.start();
        }
        return com.winthorvd.testkit.stack.LoopbackHttp.url(http);
    }

    private void serveApi(String logicalId, String resourcePath, String method, com.sun.net.httpserver.HttpExchange exchange)
            throws IOException {
        int status;
        String body;
        Map<String, String> headers = new HashMap<>();
        if (!method.equals("ANY") && !method.equals(exchange.getRequestMethod())) {
            status = 403; // API Gateway's answer for a method with no integration
            body = "{\"message\":\"Missing Authentication Token\"}";
        } else {
            APIGatewayProxyRequestEvent request = new APIGatewayProxyRequestEvent();
            request.setHttpMethod(exchange.getRequestMethod());
            request.setPath(exchange.getRequestURI().getPath());
            request.setResource(resourcePath);
            Map<String, String> requestHeaders = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> requestHeaders.put(name, String.join(",", values)));
            request.setHeaders(requestHeaders);
            request.setQueryStringParameters(com.winthorvd.testkit.sim.SimHttp.query(exchange.getRequestURI().getRawQuery()));
            request.setBody(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            request.setIsBase64Encoded(false);
            try {
                APIGatewayProxyResponseEvent response = (APIGatewayProxyResponseEvent) invoke(logicalId, request);
                status = response.getStatusCode() == null ? 200 : response.getStatusCode();
                body = response.getBody() == null ? "" : response.getBody();
                if (response.getHeaders() != null) {
                    headers.putAll(response.getHeaders());
                }
            } catch (RuntimeException e) {
                status = 502;
                body = "{\"message\":\"Internal server error\"}";
            }
        }
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        if (http != null) {
            com.winthorvd.testkit.stack.LoopbackHttp.stop(http);
        }
    }
}
