package com.winthorvd.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResource;

/**
 * A deployed stack's resources by their template names (StateTable, StockQueue, StockDeadLetterQueue...): the state
 * table's name, each queue's URL, each log group's name. A stack started by {@code ./winthor-vd local up} is found by
 * the file it writes under {@code target/local-stacks/}, with the local AWS's endpoints; any other name is asked of
 * CloudFormation (DescribeStackResources) with the AWS credentials and region of the environment.
 */
public final class StackResources {
    /** Where {@code local up} writes each local stack it runs: the repository's target/local-stacks. */
    public static Path localStacks() {
        return Path.of(System.getProperty("winthorvd.repoRoot", ".")).resolve("target/local-stacks");
    }

    private final String stackName;
    private final Map<String, String> physicalIds;
    private final AwsClients aws;
    private final Path functionLog;
    private final java.util.function.Supplier<com.winthorvd.shared.state.StateTable> stateTable;

    /** @param functionLog a local stack's function log file; null for a deployed stack (its logs are in CloudWatch) */
    public StackResources(String stackName, Map<String, String> physicalIds, Map<String, String> env, Path functionLog) {
        this.stackName = stackName;
        this.physicalIds = Map.copyOf(physicalIds);
        this.aws = new AwsClients(Env.of(Map.copyOf(env)));
        this.functionLog = functionLog;
        this.stateTable = com.winthorvd.shared.util.Lazy.of(() -> StackTable.open(aws, table()));
    }

    /** The stack of this name: the local one if {@code local up} runs it, else the deployed one. */
    public static StackResources resolve(String stackName, Map<String, String> env) {
        Path local = localStacks().resolve(stackName + ".json");
        if (Files.isRegularFile(local)) {
            JsonNode file;
            try {
                file = Json.read(Files.readString(local));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the local stack " + local + ": " + e.getMessage(), e);
            }
            Map<String, String> resources = new LinkedHashMap<>();
            file.path("resources").fields().forEachRemaining(e -> resources.put(e.getKey(), e.getValue().asText()));
            Map<String, String> localEnv = new LinkedHashMap<>(env);
            file.path("env").fields().forEachRemaining(e -> localEnv.put(e.getKey(), e.getValue().asText()));
            return new StackResources(stackName, resources, localEnv,
                    file.hasNonNull("functionLog") ? Path.of(file.get("functionLog").asText()) : null);
        }
        Map<String, String> resources = new LinkedHashMap<>();
        try (CloudFormationClient cloudFormation = new AwsClients(Env.of(env))
                .configure(CloudFormationClient.builder(), "AWS_ENDPOINT_URL_CLOUDFORMATION").build()) {
            for (StackResource resource : cloudFormation.describeStackResources(b -> b.stackName(stackName)).stackResources()) {
                resources.put(resource.logicalResourceId(), resource.physicalResourceId());
            }
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new IllegalStateException("stack " + stackName + ": not a local stack (no " + local + ") and CloudFormation did not"
                    + " answer its resources: " + e.getMessage(), e);
        }
        return new StackResources(stackName, resources, env, null);
    }

    public String stackName() {
        return stackName;
    }

    /** What AWS clients for this stack are built from (a local stack's endpoints and credentials included), built once. */
    public AwsClients aws() {
        return aws;
    }

    /** The stack's state table, its client built on first use and shared by every query of this stack (a panel makes many). */
    public com.winthorvd.shared.state.StateTable stateTable() {
        return stateTable.get();
    }

    /** A CloudWatch client for the stack's metrics (the caller closes it). */
    public software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch() {
        return aws.configure(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder(), "AWS_ENDPOINT_URL_CLOUDWATCH").build();
    }

    /** Each JSON line of a local stack's function log, in order: the functions' log lines and their metrics. */
    public void forEachFunctionLogLine(java.util.function.Consumer<String> line) {
        Path file = functionLog().orElseThrow(() -> new IllegalStateException("stack " + stackName + " is deployed: its logs are in CloudWatch"));
        try (java.util.stream.Stream<String> lines = Files.lines(file)) {
            lines.filter(text -> text.startsWith("{")).forEach(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local function log " + file, e);
        }
    }

    /** An SQS client for the stack's queues (the caller closes it). */
    public software.amazon.awssdk.services.sqs.SqsClient sqs() {
        return aws.configure(software.amazon.awssdk.services.sqs.SqsClient.builder(), AwsClients.ENDPOINT_SQS).build();
    }

    /** The physical id of a resource of the template: a table's name, a queue's URL, a log group's name. */
    public String physicalId(String logicalId) {
        String id = physicalIds.get(logicalId);
        if (id == null) {
            throw new IllegalStateException("stack " + stackName + " has no resource " + logicalId + " (an older template?)");
        }
        return id;
    }

    /** A local stack's function log (its functions' JSON lines); empty for a deployed stack. */
    public java.util.Optional<Path> functionLog() {
        return java.util.Optional.ofNullable(functionLog);
    }

    public boolean has(String logicalId) {
        return physicalIds.containsKey(logicalId);
    }

    public String table() {
        return physicalId("StateTable");
    }
}
