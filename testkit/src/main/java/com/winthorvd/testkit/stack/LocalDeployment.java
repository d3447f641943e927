package com.winthorvd.testkit.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * template.yaml deployed on the local AWS: its DynamoDB tables, SQS queues (DLQs and redrive included) and
 * Secrets Manager secrets are created from their template definitions, with only the visibility timeouts
 * shortened; each function's environment is its template Environment.Variables resolved to the local
 * resources. Names are prefixed with the stack name, so several deployments can share one local AWS.
 */
public final class LocalDeployment {
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";
    public static final String SECRET = "AWS::SecretsManager::Secret";
    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String API = "AWS::Serverless::Api";

    private static final java.util.concurrent.atomic.AtomicBoolean TTL_SKIP_LOGGED = new java.util.concurrent.atomic.AtomicBoolean();

    private final LocalAws aws;
    private final Template template;
    private final String stackName;
    private final Map<String, Resolver.PhysicalResource> resources = new LinkedHashMap<>();
    private final Resolver resolver;
    /** For each table and index ARN, its partition key attribute (what the IAM gate reads LeadingKeys from). */
    private final Map<String, String> partitionKeys = new LinkedHashMap<>();

    private LocalDeployment(LocalAws aws, Template template, String stackName, Map<String, String> parameters) {
        this.aws = aws;
        this.template = template;
        this.stackName = stackName;
        this.resolver = new Resolver(template, parameters, resources, LocalAws.REGION, LocalAws.ACCOUNT_ID, stackName);
    }

    /**
     * @param secretValues     the value to put in each secret the stack creates, by logical id
     * @param maxVisibility    locally, no queue's visibility timeout is longer than this
     */
    public static LocalDeployment deploy(LocalAws aws, Template template, String stackName, Map<String, String> parameters,
                                         Map<String, String> secretValues, Duration maxVisibility) {
        LocalDeployment deployment = new LocalDeployment(aws, template, stackName, parameters);
        deployment.create(secretValues, maxVisibility);
        return deployment;
    }

    private boolean enabled(String logicalId) {
        return template.condition(logicalId).map(resolver::condition).orElse(true);
    }

    private void create(Map<String, String> secretValues, Duration maxVisibility) {
        for (String id : template.resourcesOfType(TABLE)) {
            if (enabled(id)) {
                createTable(id);
            }
        }
        List<String> queues = template.resourcesOfType(QUEUE).stream().filter(this::enabled).toList();
        for (String id : queues) {
            createQueue(id, maxVisibility);
        }
        for (String id : queues) {
            Object redrive = template.properties(id).get("RedrivePolicy");
            if (redrive != null) {
                Map<String, Object> policy = Template.map(resolver.resolve(redrive));
                String json = "{\"deadLetterTargetArn\":\"" + policy.get("deadLetterTargetArn")
                        + "\",\"maxReceiveCount\":" + policy.get("maxReceiveCount") + "}";
                aws.sqs().setQueueAttributes(b -> b.queueUrl(queueUrl(id))
                        .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, json)));
            }
        }
        for (String id : template.resourcesOfType(SECRET)) {
            if (enabled(id)) {
                createSecret(id, secretValues.get(id));
            }
        }
        for (String id : template.resourcesOfType(FUNCTION)) {
            if (enabled(id)) {
                String name = stackName + "-" + id;
                resources.put(id, new Resolver.PhysicalResource(name, Map.of("Arn",
                        "arn:aws:lambda:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT_ID + ":function:" + name)));
            }
        }
        aws.gate().ifPresent(gate -> {
            for (String id : template.resourcesOfType(FUNCTION)) {
                if (enabled(id)) {
                    gate.register(DynamoPolicyGate.accessKey(stackName, id), id, partitionKeys, policy(id));
                }
            }
        });
        // An API is served by the runner's own HTTP server: locally it is only a name its events refer to.
        for (String id : template.resourcesOfType(API)) {
            if (enabled(id)) {
                resources.put(id, new Resolver.PhysicalResource(stackName + "-" + id, Map.of()));
            }
        }
    }

    /** The function's Allow statements as deployed: its Policies' statements with every condition resolved. */
    public List<DynamoPolicyGate.Statement> policy(String logicalId) {
        List<DynamoPolicyGate.Statement> out = new ArrayList<>();
        for (Object policy : Template.list(resolver.resolve(template.properties(logicalId).getOrDefault("Policies", List.of())))) {
            for (Object s : Template.list(Template.map(policy).get("Statement"))) {
                Map<String, Object> statement = Template.map(s);
                if ("Allow".equals(statement.get("Effect"))) {
                    out.add(new DynamoPolicyGate.Statement(strings(statement.get("Action")), strings(statement.get("Resource")),
                            Template.map(statement.getOrDefault("Condition", Map.of()))));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    /**
     * Writes {@code <dir>/<stack>.json}: every resource's physical id by its template name, the local AWS's endpoints
     * and credentials, and where the functions' log lines go (null: nowhere to read), which the operator commands
     * ({@code status --stack <stack>}, {@code logs}...) find it by.
     */
    public java.nio.file.Path writeStackFile(java.nio.file.Path dir, java.nio.file.Path functionLog) {
        Map<String, Object> file = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        resources.forEach((id, resource) -> ids.put(id, resource.ref()));
        file.put("stack", stackName);
        file.put("resources", ids);
        file.put("env", aws.runtimeEnv());
        if (functionLog != null) {
            file.put("functionLog", functionLog.toAbsolutePath().toString());
        }
        java.nio.file.Path path = dir.resolve(stackName + ".json");
        try {
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(path, com.winthorvd.shared.json.Json.write(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the local stack file " + path + ": " + e.getMessage(), e);
        }
        return path;
    }

    /** The access keys this deployment's functions sign with. */
    public java.util.Set<String> functionAccessKeys() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String id : template.resourcesOfType(FUNCTION)) {
            if (enabled(id)) {
                out.add(DynamoPolicyGate.accessKey(stackName, id));
            }
        }
        return out;
    }

    private void createTable(String id) {
        Map<String, Object> p = Template.map(resolver.resolve(template.properties(id)));
        String name = p.containsKey("TableName") ? String.valueOf(p.get("TableName")) : stackName + "-" + id;
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object a : Template.list(p.get("AttributeDefinitions"))) {
            Map<String, Object> attribute = Template.map(a);
            attributes.add(AttributeDefinition.builder().attributeName(String.valueOf(attribute.get("AttributeName")))
                    .attributeType(String.valueOf(attribute.get("AttributeType"))).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object g : Template.list(p.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = Template.map(g);
            Map<String, Object> projection = Template.map(index.get("Projection"));
            List<String> projected = Template.list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList();
            indexes.add(GlobalSecondaryIndex.builder().indexName(String.valueOf(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(Projection.builder().projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")))
                            .nonKeyAttributes(projected.isEmpty() ? null : projected).build())
                    .build());
        }
        aws.dynamo().createTable(b -> b.tableName(name).attributeDefinitions(attributes)
                .keySchema(keySchema(p.get("KeySchema"))).billingMode(BillingMode.PAY_PER_REQUEST)
                .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes));
        Map<String, Object> ttl = Template.map(p.get("TimeToLiveSpecification"));
        if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled"))) && TTL_SKIP_LOGGED.compareAndSet(false, true)) {
            // dynalite has no UpdateTimeToLive; nothing local waits for an expiry (expired items are ignored by
            // their readers), and a template test checks the table's TTL attribute.
            System.err.println("local DynamoDB: TimeToLiveSpecification of " + id + " not applied (dynalite has no TTL)");
        }
        String arn = "arn:aws:dynamodb:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT_ID + ":table/" + name;
        resources.put(id, new Resolver.PhysicalResource(name, Map.of("Arn", arn)));
        partitionKeys.put(arn, hashKey(p.get("KeySchema")));
        for (Object g : Template.list(p.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = Template.map(g);
            partitionKeys.put(arn + "/index/" + index.get("IndexName"), hashKey(index.get("KeySchema")));
        }
    }

    private static String hashKey(Object schema) {
        return keySchema(schema).stream().filter(k -> k.keyTypeAsString().equals("HASH")).findFirst().orElseThrow().attributeName();
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        List<KeySchemaElement> out = new ArrayList<>();
        for (Object k : Template.list(schema)) {
            Map<String, Object> key = Template.map(k);
            out.add(KeySchemaElement.builder().attributeName(String.valueOf(key.get("AttributeName")))
                    .keyType(String.valueOf(key.get("KeyType"))).build());
        }
        return out;
    }

    private void createQueue(String id, Duration maxVisibility) {
        Map<String, Object> unresolved = new LinkedHashMap<>(template.properties(id));
        unresolved.remove("RedrivePolicy"); // set once every queue exists (its DLQ may come later in the template)
        Map<String, Object> p = Template.map(resolver.resolve(unresolved));
        boolean fifo = Boolean.parseBoolean(String.valueOf(p.get("FifoQueue")));
        String name = p.containsKey("QueueName") ? String.valueOf(p.get("QueueName"))
                : stackName + "-" + id + (fifo ? ".fifo" : "");
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        copy(p, "ContentBasedDeduplication", attributes, QueueAttributeName.CONTENT_BASED_DEDUPLICATION);
        copy(p, "MessageRetentionPeriod", attributes, QueueAttributeName.MESSAGE_RETENTION_PERIOD);
        copy(p, "DelaySeconds", attributes, QueueAttributeName.DELAY_SECONDS);
        copy(p, "ReceiveMessageWaitTimeSeconds", attributes, QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);
        long visibility = Long.parseLong(String.valueOf(p.getOrDefault("VisibilityTimeout", "30")));
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(Math.min(visibility, maxVisibility.toSeconds())));
        String url = aws.sqs().createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        String arn = aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        resources.put(id, new Resolver.PhysicalResource(url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url)));
    }

    private static void copy(Map<String, Object> p, String property, Map<QueueAttributeName, String> out, QueueAttributeName name) {
        if (p.containsKey(property)) {
            out.put(name, String.valueOf(p.get(property)));
        }
    }

    private void createSecret(String id, String value) {
        Map<String, Object> p = Template.map(resolver.resolve(template.properties(id)));
        String name = p.containsKey("Name") ? String.valueOf(p.get("Name")) : stackName + "-" + id;
        String secretValue = value != null ? value : p.containsKey("GenerateSecretString")
                ? generated(Template.map(p.get("GenerateSecretString"))) : (String) p.get("SecretString");
        String arn = aws.secrets().createSecret(b -> b.name(name).secretString(secretValue)).arn();
        resources.put(id, new Resolver.PhysicalResource(arn, Map.of("Id", arn)));
    }

    /** As CloudFormation's GenerateSecretString: random letters and digits of PasswordLength (punctuation left out). */
    private static String generated(Map<String, Object> spec) {
        int length = Integer.parseInt(String.valueOf(spec.getOrDefault("PasswordLength", 32)));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    public String stackName() {
        return stackName;
    }

    public Template template() {
        return template;
    }

    public Resolver resolver() {
        return resolver;
    }

    public LocalAws aws() {
        return aws;
    }

    public String physicalId(String logicalId) {
        Resolver.PhysicalResource resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException(logicalId + " was not created locally");
        }
        return resource.ref();
    }

    public String queueUrl(String logicalId) {
        return physicalId(logicalId);
    }

    public String queueArn(String logicalId) {
        return resources.get(logicalId).attributes().get("Arn");
    }

    /** The SAM functions of the template, with their resolved environment and events. */
    public List<FunctionSpec> functions() {
        List<FunctionSpec> out = new ArrayList<>();
        for (String id : template.resourcesOfType(FUNCTION)) {
            if (enabled(id)) {
                out.add(FunctionSpec.of(id, template, resolver, aws.runtimeEnv(DynamoPolicyGate.accessKey(stackName, id))));
            }
        }
        return out;
    }

    public FunctionSpec function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template has no function " + logicalId));
    }
}
