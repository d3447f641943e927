package com.winthorvd.shared.catalog;

import com.winthorvd.shared.queue.OutgoingMessage;
import com.winthorvd.shared.queue.QueueSender;
import java.util.List;

/** Where catalog changes are queued: the scan's output and the apply's re-queues (children, siblings). */
@FunctionalInterface
public interface CatalogQueue {
    void send(List<CatalogMessage> messages);

    static CatalogQueue sqs(QueueSender sender, String queueUrl) {
        return messages -> sender.send(queueUrl, messages.stream().map(m -> OutgoingMessage.standard(m.toJson())).toList());
    }
}
