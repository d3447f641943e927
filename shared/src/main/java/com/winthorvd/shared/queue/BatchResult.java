package com.winthorvd.shared.queue;

import java.util.List;

/**
 * What a batch came to: the ids SQS must keep (everything else is deleted), and how many were handled,
 * failed, backed off, or skipped because an earlier message of their FIFO group failed.
 */
public record BatchResult(List<String> failedMessageIds, int succeeded, int failed, int backedOff, int skipped) {
}
