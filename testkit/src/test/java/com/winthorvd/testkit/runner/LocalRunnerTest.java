package com.winthorvd.testkit.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.e2e.TestAws;
import com.winthorvd.testkit.stack.LocalAws;
import com.winthorvd.testkit.stack.LocalDeployment;
import com.winthorvd.testkit.stack.Template;
import com.winthorvd.shared.util.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

class LocalRunnerTest {
    private LocalAws aws;
    private LocalDeployment deployment;
    private LocalRunner runner;

    @BeforeEach
    void deploy() {
        aws = TestAws.aws();
        Template template = Template.load(Path.of("src/test/resources/runner-template.yaml"));
        deployment = LocalDeployment.deploy(aws, template, "runner-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of(), Map.of(), Duration.ofSeconds(1));
        runner = new LocalRunner(deployment, MutableClock.at("2026-11-30T12:00:00Z"));
        ScriptedSqsHandler.received.clear();
        ScriptedSqsHandler.behaviour = event -> null;
        FifoBatchHandler.handled.clear();
        RecordingScheduledHandler.received.clear();
    }

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close();
        }
    }

    private void send(String queue, String... bodies) {
        List<SendMessageBatchRequestEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(bodies[i]).build());
        }
        aws.sqs().sendMessageBatch(b -> b.queueUrl(deployment.queueUrl(queue)).entries(entries));
    }

    private void sendFifo(String body, String group) {
        aws.sqs().sendMessage(b -> b.queueUrl(deployment.queueUrl("OrdersQueue")).messageBody(body)
                .messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString()));
    }

    private int count(String queue, QueueAttributeName attribute) {
        return Integer.parseInt(aws.sqs().getQueueAttributes(b -> b.queueUrl(deployment.queueUrl(queue))
                .attributeNames(attribute)).attributes().get(attribute));
    }

    private static SQSBatchResponse failing(String... ids) {
        return new SQSBatchResponse(java.util.Arrays.stream(ids).map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    @Test
    void deletesWhatSucceededAndKeepsWhatTheResponseListsWithRealSqsAttributes() {
        send("WorkQueue", "a", "b", "c");
        // A standard queue keeps no order: fail the message by its body, not by its place in the batch.
        ScriptedSqsHandler.behaviour = event -> failing(event.getRecords().stream().filter(r -> r.getBody().equals("b"))
                .map(SQSEvent.SQSMessage::getMessageId).toArray(String[]::new));
        LocalRunner.PollResult result = runner.pollOnce("WorkFunction", Duration.ofSeconds(1));
        assertEquals(new LocalRunner.PollResult(3, 2, 1, false), result);
        assertEquals(1, count("WorkQueue", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        SQSEvent.SQSMessage record = ScriptedSqsHandler.received.get(0).getRecords().get(0);
        assertEquals("1", record.getAttributes().get("ApproximateReceiveCount"));
        assertNotNull(record.getAttributes().get("SentTimestamp"));
        assertEquals(deployment.queueArn("WorkQueue"), record.getEventSourceArn());
        assertEquals("aws:sqs", record.getEventSource());

        ScriptedSqsHandler.behaviour = event -> null;
        runner.drain("WorkFunction", Duration.ofSeconds(10)); // comes back after the (local, 1 s) visibility timeout
        SQSEvent.SQSMessage again = ScriptedSqsHandler.received.get(ScriptedSqsHandler.received.size() - 1).getRecords().get(0);
        assertEquals("b", again.getBody());
        assertEquals("2", again.getAttributes().get("ApproximateReceiveCount"));
        assertEquals(0, runner.pending("WorkFunction"));
    }

    @Test
    void anEmptyFailureIdFailsTheWholeBatch() {
        send("WorkQueue", "a", "b");
        ScriptedSqsHandler.behaviour = event -> failing("");
        LocalRunner.PollResult result = runner.pollOnce("WorkFunction", Duration.ofSeconds(1));
        assertEquals(new LocalRunner.PollResult(2, 0, 2, true), result);
    }

    @Test
    void aFailureIdNotInTheBatchFailsTheWholeBatch() {
        send("WorkQueue", "a", "b");
        ScriptedSqsHandler.behaviour = event -> failing("not-a-message-of-this-batch");
        assertEquals(new LocalRunner.PollResult(2, 0, 2, true), runner.pollOnce("WorkFunction", Duration.ofSeconds(1)));
    }

    @Test
    void aHandlerErrorKeepsEveryMessageAndANullResponseDeletesThemAll() {
        send("WorkQueue", "a", "b");
        ScriptedSqsHandler.behaviour = event -> {
            throw new IllegalStateException("crash");
        };
        assertEquals(new LocalRunner.PollResult(2, 0, 2, true), runner.pollOnce("WorkFunction", Duration.ofSeconds(1)));
        ScriptedSqsHandler.behaviour = event -> null;
        assertEquals(2, runner.drain("WorkFunction", Duration.ofSeconds(10)));
    }

    @Test
    void eachConcurrentPollerIsAContainerOfItsOwnAndTheQueueIsConsumedWhileTheScanStillSends() {
        assertTrue(runner.handler("WorkFunction", 0) != runner.handler("WorkFunction", 1), "a handler per container");
        assertTrue(runner.handler("WorkFunction", 1) == runner.handler("WorkFunction", 1), "built once per container");
        String result = runner.whileDraining("WorkFunction", Duration.ofSeconds(30), 3, () -> {
            send("WorkQueue", "first");
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ScriptedSqsHandler.received.isEmpty() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertEquals(1, ScriptedSqsHandler.received.size(), "consumed while the producer still runs");
            send("WorkQueue", "second");
            return "sent";
        });
        assertEquals("sent", result);
        assertEquals(java.util.Set.of("first", "second"), ScriptedSqsHandler.received.stream()
                .flatMap(e -> e.getRecords().stream()).map(SQSEvent.SQSMessage::getBody).collect(java.util.stream.Collectors.toSet()));
        assertEquals(0, count("WorkQueue", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), "drained after the producer ended");
        assertEquals(java.util.List.of("WorkFunction"), runner.usage().stream().map(LocalRunner.Usage::function).distinct().toList());
        assertEquals(2, runner.usage().get(0).invocations(), "each invocation metered");
    }

    @Test
    void aMessageFailingPastMaxReceiveCountMovesToTheDlq() {
        send("WorkQueue", "poison");
        ScriptedSqsHandler.behaviour = event -> failing(event.getRecords().get(0).getMessageId());
        runner.drain("WorkFunction", Duration.ofSeconds(10));
        assertEquals(2, ScriptedSqsHandler.received.size(), "received maxReceiveCount times");
        assertEquals(1, count("WorkDlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    @Test
    void fifoFailureKeepsTheRestOfItsGroupOnlyAndOrderHolds() {
        sendFifo("A1", "A");
        sendFifo("B1", "B");
        sendFifo("fail-A2", "A");
        sendFifo("A3", "A");
        sendFifo("B2", "B");
        LocalRunner.PollResult first = runner.pollOnce("OrdersFunction", Duration.ofSeconds(1));
        assertEquals(5, first.received());
        assertEquals(2, first.kept(), "fail-A2 and A3 are kept");
        assertEquals(List.of("A1@A", "B1@B", "B2@B"), FifoBatchHandler.handled);
        assertTrue(ScriptedSqsHandler.received.isEmpty());
    }

    @Test
    void firesASchedulesInputIntoTheHandlersInputType() {
        assertEquals("ok", runner.fireSchedule("TickFunction", "Nightly"));
        assertEquals("catalog-sync", RecordingScheduledHandler.received.get(0).getFlow());
        assertTrue(RecordingScheduledHandler.received.get(0).full());
    }

    @Test
    void aReadBiggerThanOneInvocationIsFiredAgainUntilItCompletesAndOneThatNeverDoesIsAnError() {
        ResumingScanHandler.fired.set(0);
        ResumingScanHandler.firingsNeeded = 3;
        List<Map<?, ?>> runs = runner.fireUntilComplete("ResumingScanFunction", "EveryMinute");
        assertEquals(List.of("PARTIAL", "PARTIAL", "COMPLETED"), runs.stream().map(run -> run.get("status")).toList());

        ResumingScanHandler.fired.set(0);
        ResumingScanHandler.firingsNeeded = Integer.MAX_VALUE;
        IllegalStateException stuck = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> runner.fireUntilComplete("ResumingScanFunction", "EveryMinute"));
        assertTrue(stuck.getMessage().contains("still PARTIAL after " + LocalRunner.MAX_FIRINGS), stuck.getMessage());
        assertEquals(LocalRunner.MAX_FIRINGS, ResumingScanHandler.fired.get());
    }

    @Test
    void servesApiEventsOverHttpAsApiGatewayWould() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(runner.httpUrl() + "/hook"))
                .header("X-Hook-Secret", "s3cr3t").POST(HttpRequest.BodyPublishers.ofString("{\"OrderId\":\"1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, post.statusCode());
        assertEquals("POST /hook secret=s3cr3t body={\"OrderId\":\"1\"}", post.body());
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(runner.httpUrl() + "/hook")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, get.statusCode(), "a method without an integration");
    }

    @Test
    void buildsEachFunctionsEnvironmentFromItsTemplateEntry() {
        assertEquals(Map.of("FAIL_PREFIX", "fail"), runner.function("OrdersFunction").env().declared());
        assertEquals(LocalWorld.LOCAL_MAX_VISIBILITY.toSeconds() - 1,
                Integer.parseInt(aws.sqs().getQueueAttributes(b -> b.queueUrl(deployment.queueUrl("WorkQueue"))
                        .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT)),
                "the template's 180 s is shortened locally");
    }
}
