package com.winthorvd.shared.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

class QueueSenderTest {

    /** An SQS whose batch calls answer 200 but fail the entries the test picks, as real SQS can. */
    private static final class FlakySqs implements SqsClient {
        final List<List<String>> calls = new ArrayList<>();
        final List<String> delivered = new ArrayList<>();
        int failuresLeft;
        boolean senderFault;

        @Override
        public SendMessageBatchResponse sendMessageBatch(Consumer<SendMessageBatchRequest.Builder> request) {
            SendMessageBatchRequest built = SendMessageBatchRequest.builder().applyMutation(request).build();
            calls.add(built.entries().stream().map(SendMessageBatchRequestEntry::messageBody).toList());
            SendMessageBatchResponse.Builder response = SendMessageBatchResponse.builder();
            List<SendMessageBatchResultEntry> ok = new ArrayList<>();
            List<BatchResultErrorEntry> failed = new ArrayList<>();
            for (SendMessageBatchRequestEntry entry : built.entries()) {
                if (failuresLeft > 0) {
                    failuresLeft--;
                    failed.add(BatchResultErrorEntry.builder().id(entry.id()).code(senderFault ? "InvalidMessageContents" : "InternalError")
                            .message("simulated").senderFault(senderFault).build());
                } else {
                    delivered.add(entry.messageBody());
                    ok.add(SendMessageBatchResultEntry.builder().id(entry.id()).messageId("m" + delivered.size()).build());
                }
            }
            return response.successful(ok).failed(failed).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    private static List<OutgoingMessage> messages(int n) {
        return IntStream.range(0, n).mapToObj(i -> OutgoingMessage.standard("m" + i)).toList();
    }

    @Test
    void sendsInTensAndRetriesEntriesThatFailedInsideA200() {
        FlakySqs sqs = new FlakySqs();
        sqs.failuresLeft = 3;
        new QueueSender(sqs, d -> { }).send("url", messages(23));
        assertEquals(23, sqs.delivered.size());
        assertEquals(23, sqs.delivered.stream().distinct().count(), "no duplicates");
        assertEquals(10, sqs.calls.get(0).size());
        assertEquals(3, sqs.calls.get(1).size(), "the second call resends only the 3 failed entries");
        assertEquals(List.of("m0", "m1", "m2"), sqs.calls.get(1));
    }

    @Test
    void throwsNamingTheEntriesThatNeverWent() {
        FlakySqs sqs = new FlakySqs();
        sqs.failuresLeft = 1000;
        QueueSender.QueueSendException e = assertThrows(QueueSender.QueueSendException.class,
                () -> new QueueSender(sqs, d -> { }).send("url", messages(2)));
        assertTrue(e.getMessage().contains("2 message(s) not queued after 5 attempts"), e.getMessage());
    }

    @Test
    void doesNotRetryWhatSqsRefusedForItsContent() {
        FlakySqs sqs = new FlakySqs();
        sqs.failuresLeft = 1;
        sqs.senderFault = true;
        assertThrows(QueueSender.QueueSendException.class, () -> new QueueSender(sqs, d -> { }).send("url", messages(1)));
        assertEquals(1, sqs.calls.size());
    }

    @Test
    void splitsBatchesAtTheSizeLimit() {
        String big = "x".repeat(100 * 1024);
        List<List<OutgoingMessage>> batches = QueueSender.batches(List.of(OutgoingMessage.standard(big),
                OutgoingMessage.standard(big), OutgoingMessage.standard(big)));
        assertEquals(2, batches.size());
        assertThrows(IllegalArgumentException.class,
                () -> QueueSender.batches(List.of(OutgoingMessage.standard("x".repeat(257 * 1024)))));
    }
}
