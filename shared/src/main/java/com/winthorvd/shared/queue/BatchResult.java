package com.winthorvd.shared.queue;

import java.util.List;

/**
 * What a batch came to: the ids SQS must keep (everything else is deleted), and how many were handled,
 * failed, backed off, skipped because an earlier message of their FIFO group failed, or dead-lettered as malformed.
 */
public record BatchResult(List<String> failedMessageIds, int succeeded, int failed, int backedOff, int skipped, int deadLettered) {
}
