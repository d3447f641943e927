package com.winthorvd.shared.queue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ChangeMessageVisibility through SQS; the queue URL is looked up once per queue ARN. */
public final class SqsVisibilityChanger implements VisibilityChanger {
    private final SqsClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public SqsVisibilityChanger(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public void change(String queueArn, String receiptHandle, Duration visibility) {
        String url = urls.computeIfAbsent(queueArn, this::lookUpUrl);
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(receiptHandle)
                .visibilityTimeout((int) visibility.toSeconds()));
    }

    private String lookUpUrl(String queueArn) {
        // arn:aws:sqs:<region>:<account>:<name>
        String[] parts = queueArn.split(":");
        if (parts.length < 6) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        return sqs.getQueueUrl(b -> b.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl();
    }
}
