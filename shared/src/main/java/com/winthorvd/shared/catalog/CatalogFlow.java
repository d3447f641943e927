package com.winthorvd.shared.catalog;

import com.winthorvd.shared.app.FlowContext;
import com.winthorvd.shared.app.SecretReader;
import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.BatchProcessor;
import com.winthorvd.shared.queue.QueueSender;
import com.winthorvd.shared.queue.RetryBackoff;
import com.winthorvd.shared.queue.SqsVisibilityChanger;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StoreSettings;
import com.winthorvd.shared.util.Sleeper;
import com.winthorvd.shared.winthor.WinThorApi;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the catalog services from a function's environment, once per container; no network I/O here. */
public final class CatalogFlow {
    private CatalogFlow() {
    }

    public static CatalogScanService scan(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        CatalogSettings settings = CatalogSettings.read(config);
        FlowContext context = FlowContext.fromEnv(CatalogScanService.FLOW, env, clock, config);
        SqsClient sqs = context.aws.configure(SqsClient.builder(), AwsClients.ENDPOINT_SQS).build();
        return new CatalogScanService(settings, new WinThorApi(context.winthor, settings.pageSize()), new CatalogState(context.table),
                CatalogQueue.sqs(new QueueSender(sqs, Sleeper.REAL), settings.queueUrl()), context.runLog, clock, context.log);
    }

    /** The apply service and the batch processor its handler runs it in (sharing one SQS client). */
    public record Apply(CatalogApplyService service, BatchProcessor processor) {
    }

    /** The apply side needs no WinThor access: the record travels in the message. */
    public static Apply apply(Env env, Clock clock, Duration claimHold) {
        ConfigReader config = new ConfigReader(env);
        CatalogSettings settings = CatalogSettings.read(config);
        String tableName = config.required("STATE_TABLE", "the DynamoDB state table");
        AwsClients aws = new AwsClients(env);
        StoreSettings storeSettings = StoreSettings.read(config, new SecretReader(aws));
        RetryBackoff backoff = new RetryBackoff(config.seconds("RETRY_BACKOFF_FIRST_SECONDS", RetryBackoff.DEFAULT.first()),
                config.seconds("RETRY_BACKOFF_MAX_SECONDS", RetryBackoff.DEFAULT.max()));
        config.validate();
        DynamoDbClient dynamo = aws.configure(DynamoDbClient.builder(), AwsClients.ENDPOINT_DYNAMODB).build();
        SqsClient sqs = aws.configure(SqsClient.builder(), AwsClients.ENDPOINT_SQS).build();
        StateTable table = new StateTable(dynamo, tableName, Sleeper.REAL);
        JsonLog log = JsonLog.stdout("catalog-apply", clock);
        CatalogApplyService service = new CatalogApplyService(settings, new CatalogState(table), storeSettings.store(),
                CatalogQueue.sqs(new QueueSender(sqs, Sleeper.REAL), settings.queueUrl()), clock, log, claimHold);
        return new Apply(service, new BatchProcessor(new SqsVisibilityChanger(sqs), backoff, log));
    }
}
