package com.winthorvd.testkit.e2e;

import com.winthorvd.testkit.LocalWorld;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** An end-to-end test on a local world of its own (started by the test's set-up), closed after each test. */
public abstract class WorldTest {
    protected LocalWorld world;

    /** Moves every message of a queue to its DLQ as SQS does past maxReceiveCount (group kept); how many moved. */
    protected int deadLetter(String queue, String deadLetterQueue) {
        var sqs = world.aws.sqs();
        int moved = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(world.deployment.queueUrl(queue)).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return moved;
            }
            for (Message m : batch) {
                String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                sqs.sendMessage(b -> b.queueUrl(world.deployment.queueUrl(deadLetterQueue)).messageBody(m.body())
                        .messageAttributes(m.messageAttributes().isEmpty() ? null : m.messageAttributes())
                        .messageGroupId(group).messageDeduplicationId(group == null ? null : m.messageId()));
                sqs.deleteMessage(b -> b.queueUrl(world.deployment.queueUrl(queue)).receiptHandle(m.receiptHandle()));
                moved++;
            }
        }
    }

    @AfterEach
    protected void closeWorld() {
        if (world != null) {
            world.close();
        }
    }
}
