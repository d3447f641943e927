package com.winthorvd.shared.queue;

import com.winthorvd.shared.util.Sleeper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A dead-letter queue back to its source queue, once its cause is fixed. A standard queue is moved by SQS itself
 * ({@code StartMessageMoveTask}, waited for until it ends). SQS has no move task for FIFO queues, so a FIFO DLQ is
 * moved message by message: each sent to the source with its MessageGroupId (its order within the group kept) and a
 * deduplication id of its own ({@code redrive-<DLQ message id>}: not the original's, which SQS may still remember,
 * and the same if a redrive is repeated after a send whose delete failed, so SQS drops the second copy), and deleted
 * from the DLQ only once that send succeeded. Nothing is lost: a failure stops the move with what remains in the DLQ.
 */
public final class Redrive {
    /** How long a received DLQ message stays hidden while it is moved: ample for one send and one delete. */
    static final int MOVE_VISIBILITY_SECONDS = 60;
    static final Duration TASK_POLL = Duration.ofMillis(500);
    static final int TASK_POLLS = 600;

    private final SqsClient sqs;
    private final Sleeper sleeper;

    public Redrive(SqsClient sqs, Sleeper sleeper) {
        this.sqs = sqs;
        this.sleeper = sleeper;
    }

    /** What one redrive did: messages found in the DLQ before, moved, and how ("move task" or "message by message, FIFO"). */
    public record Result(String deadLetterQueue, String sourceQueue, long foundBefore, long moved, String how, boolean dryRun) {
    }

    public Result run(String deadLetterQueueUrl, String sourceQueueUrl, boolean dryRun) {
        Map<QueueAttributeName, String> dlq = sqs.getQueueAttributes(b -> b.queueUrl(deadLetterQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.FIFO_QUEUE)).attributes();
        long found = Long.parseLong(dlq.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
        boolean fifo = Boolean.parseBoolean(dlq.getOrDefault(QueueAttributeName.FIFO_QUEUE, "false"));
        String how = fifo ? "message by message, FIFO" : "move task";
        if (dryRun || found == 0) {
            return new Result(deadLetterQueueUrl, sourceQueueUrl, found, 0, how, dryRun);
        }
        long moved = fifo ? moveOneByOne(deadLetterQueueUrl, sourceQueueUrl)
                : moveTask(dlq.get(QueueAttributeName.QUEUE_ARN), sqs.getQueueAttributes(b -> b.queueUrl(sourceQueueUrl)
                        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN));
        return new Result(deadLetterQueueUrl, sourceQueueUrl, found, moved, how, false);
    }

    private long moveTask(String dlqArn, String sourceArn) {
        String handle = sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn).destinationArn(sourceArn)).taskHandle();
        for (int poll = 0; poll < TASK_POLLS; poll++) {
            List<ListMessageMoveTasksResultEntry> tasks = sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn).maxResults(10)).results();
            ListMessageMoveTasksResultEntry task = tasks.stream().filter(t -> handle.equals(t.taskHandle())).findFirst()
                    .orElse(tasks.isEmpty() ? null : tasks.get(0));
            if (task != null && !"RUNNING".equals(task.status())) {
                if (!"COMPLETED".equals(task.status())) {
                    throw new IllegalStateException("the move task ended " + task.status() + ": " + task.failureReason()
                            + " (" + task.approximateNumberOfMessagesMoved() + " moved, the rest still in the DLQ)");
                }
                return task.approximateNumberOfMessagesMoved() == null ? 0 : task.approximateNumberOfMessagesMoved();
            }
            try {
                sleeper.sleep(TASK_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the move task " + handle + " (it goes on in SQS)", e);
            }
        }
        throw new IllegalStateException("the move task " + handle + " is still running; its progress: aws sqs list-message-move-tasks");
    }

    private long moveOneByOne(String dlqUrl, String sourceUrl) {
        long moved = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(MOVE_VISIBILITY_SECONDS).messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return moved;
            }
            for (Message message : batch) {
                Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
                sqs.sendMessage(b -> b.queueUrl(sourceUrl).messageBody(message.body())
                        .messageGroupId(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                        .messageDeduplicationId("redrive-" + message.messageId())
                        .messageAttributes(attributes.isEmpty() ? null : attributes));
                sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(message.receiptHandle()));
                moved++;
            }
        }
    }
}
