package com.winthorvd.shared.queue;

/**
 * One received queue message, free of Lambda types: what the batch processor and the services need.
 *
 * @param messageGroupId the FIFO group, or null on a standard queue
 * @param receiveCount   SQS's ApproximateReceiveCount (1 on the first delivery)
 */
public record QueueMessage(String messageId, String receiptHandle, String body, String queueArn,
                           String messageGroupId, int receiveCount) {

    public boolean fromFifoQueue() {
        return messageGroupId != null || (queueArn != null && queueArn.endsWith(".fifo"));
    }
}
