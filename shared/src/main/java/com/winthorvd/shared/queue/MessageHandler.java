package com.winthorvd.shared.queue;

/**
 * Handles one message. Returning normally means done (the message is deleted); throwing
 * {@link TransientFailure} backs the message off; any other exception fails it for SQS to retry and, past
 * maxReceiveCount, move to the DLQ. A rejection that needs a person is a handled outcome, not an exception.
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(QueueMessage message) throws Exception;
}
