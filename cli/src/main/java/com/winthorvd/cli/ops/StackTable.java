package com.winthorvd.cli.ops;

import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.util.Sleeper;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A deployed stack's state table, reached with the AWS credentials and region of the environment. */
final class StackTable {
    private StackTable() {
    }

    static StateTable open(AwsClients aws, String tableName) {
        return new StateTable(aws.configure(DynamoDbClient.builder(), AwsClients.ENDPOINT_DYNAMODB).build(), tableName, Sleeper.REAL);
    }

    static StateTable open(Map<String, String> env, String tableName) {
        return open(new AwsClients(Env.of(env)), tableName);
    }
}
