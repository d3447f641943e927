package com.winthorvd.shared.queue;

import com.winthorvd.shared.log.JsonLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partial batch response rules, written once for every SQS consumer:
 * <ul>
 *   <li>standard queue: every message is handled; only the failed ones are reported;</li>
 *   <li>FIFO queue: once a message fails, every later message of the same MessageGroupId is reported failed
 *       without being handled, so a group's order is never broken; other groups go on;</li>
 *   <li>a {@link TransientFailure} first gets a backed-off visibility (ChangeMessageVisibility), then is
 *       reported failed, so an outage is waited out instead of burning receives;</li>
 *   <li>a {@link MalformedMessage} goes to the dead-letter queue at once with its reason (and counts as handled);
 *       if that send fails, it is reported failed and comes back.</li>
 *   <li>a batch that runs short of time stops before the message that would not fit (the time left under
 *       {@link #RESERVE} plus the longest message so far): it and the rest are reported failed, unhandled, and come
 *       back within seconds, instead of the invocation being killed mid-call (which would bring back messages
 *       already applied and leave a claim held).</li>
 * </ul>
 */
public final class BatchProcessor {
    /** What a batch keeps in hand at its end: enough to answer Lambda and change the visibility of what it leaves. */
    static final Duration RESERVE = Duration.ofSeconds(3);
    /** How soon a message left for want of time is received again. */
    static final Duration LEFT_FOR_LATER = Duration.ofSeconds(1);
    private final VisibilityChanger visibility;
    private final RetryBackoff backoff;
    private final JsonLog log;
    private final DeadLetters deadLetters;

    public BatchProcessor(VisibilityChanger visibility, RetryBackoff backoff, JsonLog log, DeadLetters deadLetters) {
        this.visibility = visibility;
        this.backoff = backoff;
        this.log = log;
        this.deadLetters = deadLetters;
    }

    /** Without a time limit (a caller that has none). */
    public BatchResult process(List<QueueMessage> messages, MessageHandler handler) {
        return process(messages, handler, () -> Duration.ofDays(1));
    }

    /** @param remaining the invocation's time left (Lambda's context), looked at before each message */
    public BatchResult process(List<QueueMessage> messages, MessageHandler handler, java.util.function.Supplier<Duration> remaining) {
        List<String> failedIds = new ArrayList<>();
        Duration longest = Duration.ZERO;
        Duration previous = null; // the time left when the previous message started: what it took is the difference
        boolean outOfTime = false;
        Set<String> failedGroups = new HashSet<>();
        int succeeded = 0;
        int failed = 0;
        int backedOff = 0;
        int skipped = 0;
        int deadLettered = 0;
        for (QueueMessage message : messages) {
            String group = message.fromFifoQueue() ? String.valueOf(message.messageGroupId()) : null;
            if (!outOfTime) {
                Duration before = remaining.get();
                if (previous != null && previous.minus(before).compareTo(longest) > 0) {
                    longest = previous.minus(before);
                }
                previous = before;
                outOfTime = before.compareTo(RESERVE.plus(longest)) < 0;
            }
            if (outOfTime) {
                backOff(message, LEFT_FOR_LATER);
                failedIds.add(message.messageId());
                skipped++;
                continue;
            }
            if (group != null && failedGroups.contains(group)) {
                failedIds.add(message.messageId());
                skipped++;
                continue;
            }
            try {
                handler.handle(message);
                succeeded++;
            } catch (TransientFailure e) {
                Duration wait = backoff.after(message.receiveCount(), e);
                backOff(message, wait);
                Map<String, Object> fields = Map.of("receiveCount", message.receiveCount(), "retryInSeconds", wait.toSeconds());
                if (e.metric().isPresent()) {
                    log.metric(e.metric().get(), 1, message.messageId(), "set-up failure, retrying later: " + e.getMessage(), fields);
                } else {
                    log.warn(message.messageId(), "transient failure, retrying later: " + e.getMessage(), fields);
                }
                failedIds.add(message.messageId());
                backedOff++;
                if (group != null) {
                    failedGroups.add(group);
                }
            } catch (MalformedMessage e) {
                if (deadLetter(message, e)) {
                    deadLettered++;
                    continue;
                }
                failedIds.add(message.messageId());
                failed++;
                if (group != null) {
                    failedGroups.add(group);
                }
            } catch (Exception e) {
                log.error(message.messageId(), "message failed: " + e.getMessage(), e);
                failedIds.add(message.messageId());
                failed++;
                if (group != null) {
                    failedGroups.add(group);
                }
            }
        }
        if (outOfTime) {
            log.warn("batch", "the invocation ran short of time: the messages not handled come back at once", Map.of("skipped", skipped));
        }
        log.metrics(Map.of(), Map.of("MessagesHandled", succeeded, "MessagesFailed", failed, "MessagesBackedOff", backedOff,
                "MessagesDeadLettered", deadLettered, "MessagesLeftForLater", skipped));
        return new BatchResult(List.copyOf(failedIds), succeeded, failed, backedOff, skipped, deadLettered);
    }

    /** True once the message is in the DLQ; false (retried, nothing lost) when the DLQ could not take it. */
    private boolean deadLetter(QueueMessage message, MalformedMessage e) {
        try {
            deadLetters.send(message, e.getMessage());
            log.warn(message.messageId(), "malformed message sent to the dead-letter queue: " + e.getMessage(),
                    Map.of("receiveCount", message.receiveCount()));
            return true;
        } catch (RuntimeException sendFailure) {
            log.error(message.messageId(), "malformed message (" + e.getMessage() + ") could not reach the dead-letter queue; retried",
                    sendFailure);
            return false;
        }
    }

    private void backOff(QueueMessage message, Duration wait) {
        try {
            visibility.change(message.queueArn(), message.receiptHandle(), wait);
        } catch (RuntimeException e) {
            // The message still comes back after the queue's own visibility timeout: nothing is lost.
            log.warn(message.messageId(), "could not extend visibility: " + e.getMessage(), Map.of());
        }
    }
}
