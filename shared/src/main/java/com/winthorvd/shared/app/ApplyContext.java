package com.winthorvd.shared.app;

import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.BatchProcessor;
import com.winthorvd.shared.queue.DeadLetters;
import com.winthorvd.shared.queue.QueueSender;
import com.winthorvd.shared.queue.RetryBackoff;
import com.winthorvd.shared.queue.SqsVisibilityChanger;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.store.StoreSettings;
import com.winthorvd.shared.util.Sleeper;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What every store-facing apply function builds once per container: the state table, the store client, an SQS
 * sender, and the batch processor with the configured retry backoff (sharing one SQS client). No WinThor access.
 */
public final class ApplyContext {
    public final Clock clock;
    public final JsonLog log;
    public final StateTable table;
    public final StorePort store;
    public final QueueSender sender;
    public final BatchProcessor processor;

    private ApplyContext(Clock clock, JsonLog log, StateTable table, StorePort store, QueueSender sender, BatchProcessor processor) {
        this.clock = clock;
        this.log = log;
        this.table = table;
        this.store = store;
        this.sender = sender;
        this.processor = processor;
    }

    /**
     * For a queue consumer: reads the environment (the flow's own settings already read from {@code config}), its
     * DLQ included; one report of every problem.
     */
    public static ApplyContext fromEnv(String flow, Env env, Clock clock, ConfigReader config) {
        return build(flow, env, clock, config, true);
    }

    /** For a scheduled function that consumes no queue (no DLQ: its processor is never used). */
    public static ApplyContext forSchedule(String flow, Env env, Clock clock, ConfigReader config) {
        return build(flow, env, clock, config, false);
    }

    private static ApplyContext build(String flow, Env env, Clock clock, ConfigReader config, boolean consumer) {
        String tableName = config.required("STATE_TABLE", "the DynamoDB state table");
        AwsClients aws = new AwsClients(env);
        StoreSettings storeSettings = StoreSettings.read(config, new SecretReader(aws), clock);
        RetryBackoff backoff = RetryBackoff.read(config);
        String deadLetterQueue = consumer ? config.required("DEAD_LETTER_QUEUE_URL", "the DLQ a malformed message goes to at once") : null;
        config.validate();
        DynamoDbClient dynamo = aws.configure(DynamoDbClient.builder(), AwsClients.ENDPOINT_DYNAMODB).build();
        SqsClient sqs = aws.configure(SqsClient.builder(), AwsClients.ENDPOINT_SQS).build();
        JsonLog log = JsonLog.stdout(flow, clock);
        QueueSender sender = new QueueSender(sqs, Sleeper.REAL);
        return new ApplyContext(clock, log, new StateTable(dynamo, tableName, Sleeper.REAL), storeSettings.store(log), sender,
                new BatchProcessor(new SqsVisibilityChanger(sqs), backoff, log,
                        consumer ? DeadLetters.sqs(sender, deadLetterQueue) : DeadLetters.NONE));
    }
}
