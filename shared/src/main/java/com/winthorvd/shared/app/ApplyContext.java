package com.winthorvd.shared.app;

import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.BatchProcessor;
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

    /** Reads the environment (the flow's own settings already read from {@code config}); one report of every problem. */
    public static ApplyContext fromEnv(String flow, Env env, Clock clock, ConfigReader config) {
        String tableName = config.required("STATE_TABLE", "the DynamoDB state table");
        AwsClients aws = new AwsClients(env);
        StoreSettings storeSettings = StoreSettings.read(config, new SecretReader(aws));
        RetryBackoff backoff = RetryBackoff.read(config);
        config.validate();
        DynamoDbClient dynamo = aws.configure(DynamoDbClient.builder(), AwsClients.ENDPOINT_DYNAMODB).build();
        SqsClient sqs = aws.configure(SqsClient.builder(), AwsClients.ENDPOINT_SQS).build();
        JsonLog log = JsonLog.stdout(flow, clock);
        return new ApplyContext(clock, log, new StateTable(dynamo, tableName, Sleeper.REAL), storeSettings.store(),
                new QueueSender(sqs, Sleeper.REAL), new BatchProcessor(new SqsVisibilityChanger(sqs), backoff, log));
    }
}
