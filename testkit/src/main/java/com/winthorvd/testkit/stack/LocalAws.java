package com.winthorvd.testkit.stack;

import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.Env;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local AWS: dynalite (DynamoDB, a Node child process), ElasticMQ (SQS) and the local Secrets Manager (both
 * inside this JVM), started once per JVM and shared by every test, the demo and the benchmarks; each user deploys
 * its own stack with its own names, so they do not meet.
 */
public final class LocalAws {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";

    private static LocalAws shared;

    /**
     * "false" runs the local DynamoDB without its IAM check (the benchmarks: their figures are the integration's, and
     * the check's extra hop costs about 1 ms a call here); read when the JVM's local AWS starts.
     */
    public static final String IAM_CHECK_PROPERTY = "winthorvd.localIamCheck";

    private final DynamoPolicyGate gate;

    private final String dynamoEndpoint;
    private final String sqsEndpoint;
    private final String secretsEndpoint;
    private final AwsClients clients;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final SecretsManagerClient secrets;

    private LocalAws(DynamoPolicyGate gate, String dynamoEndpoint, String sqsEndpoint, String secretsEndpoint) {
        this.gate = gate;
        this.dynamoEndpoint = dynamoEndpoint;
        this.sqsEndpoint = sqsEndpoint;
        this.secretsEndpoint = secretsEndpoint;
        this.clients = new AwsClients(Env.of(runtimeEnv()));
        this.dynamo = clients.configure(DynamoDbClient.builder(), AwsClients.ENDPOINT_DYNAMODB).build();
        this.sqs = clients.configure(SqsClient.builder(), AwsClients.ENDPOINT_SQS).build();
        this.secrets = clients.configure(SecretsManagerClient.builder(), AwsClients.ENDPOINT_SECRETS_MANAGER).build();
    }

    /** The JVM's local AWS, started on first use and stopped when the JVM exits. */
    public static synchronized LocalAws shared() {
        if (shared == null) {
            DynaliteServer dynalite = DynaliteServer.start(RepoRoot.find());
            ElasticMq elasticMq = ElasticMq.start(REGION, ACCOUNT_ID);
            Runtime.getRuntime().addShutdownHook(new Thread(elasticMq::close, "elasticmq-stop"));
            LocalSecretsManager secrets = LocalSecretsManager.start(REGION, ACCOUNT_ID);
            if (Boolean.parseBoolean(System.getProperty(IAM_CHECK_PROPERTY, "true"))) {
                DynamoPolicyGate gate = DynamoPolicyGate.start(dynalite.endpoint());
                shared = new LocalAws(gate, gate.endpoint(), elasticMq.endpoint(), secrets.endpoint());
            } else {
                shared = new LocalAws(null, dynalite.endpoint(), elasticMq.endpoint(), secrets.endpoint());
            }
        }
        return shared;
    }

    /** Another local AWS already running (LocalStack in a container, say): one endpoint for every service. */
    public static LocalAws at(String endpoint) {
        return new LocalAws(null, endpoint, endpoint, endpoint);
    }

    /** The IAM check in front of the local DynamoDB; empty on another local AWS (which checks nothing, or its own way). */
    public java.util.Optional<DynamoPolicyGate> gate() {
        return java.util.Optional.ofNullable(gate);
    }

    /**
     * The variables Lambda's runtime would give a function (region, credentials), plus the local endpoints.
     * Functions get these in addition to their template's Environment.Variables.
     */
    public Map<String, String> runtimeEnv() {
        return runtimeEnv("local");
    }

    /** The same, signing with this access key (a function's own, which the gate knows its policy by). */
    public Map<String, String> runtimeEnv(String accessKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put(AwsClients.ENDPOINT_DYNAMODB, dynamoEndpoint);
        env.put(AwsClients.ENDPOINT_SECRETS_MANAGER, secretsEndpoint);
        env.put(AwsClients.ENDPOINT_SQS, sqsEndpoint);
        return env;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public SecretsManagerClient secrets() {
        return secrets;
    }
}
