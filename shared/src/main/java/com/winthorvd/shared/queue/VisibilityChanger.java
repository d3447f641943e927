package com.winthorvd.shared.queue;

import java.time.Duration;

/** Changes how long a received message stays invisible (SQS ChangeMessageVisibility). */
@FunctionalInterface
public interface VisibilityChanger {
    void change(String queueArn, String receiptHandle, Duration visibility);
}
