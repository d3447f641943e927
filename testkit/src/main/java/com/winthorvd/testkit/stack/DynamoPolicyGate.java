package com.winthorvd.testkit.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.winthorvd.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM for the local DynamoDB: a proxy in front of dynalite that evaluates each function's template policy on every
 * call, as AWS would, so a grant narrower than what the code does fails the local tests instead of the first run in a
 * real account. A call is identified by its SigV4 access key: each locally deployed function signs with one of its
 * own ({@link #accessKey}); the local world's own clients (deployment, tests, the CLI) sign as {@code local}, an
 * administrator. Evaluated: the action, the table or index ARN, and the {@code dynamodb:LeadingKeys} condition
 * ({@code ForAllValues:StringLike} or {@code ForAllValues:StringEquals}) over every partition key the request names;
 * any other condition denies (fail closed). Every allowed call is recorded, so a test can find grants no call used.
 */
public final class DynamoPolicyGate implements AutoCloseable {
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String ADMIN = "local";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final Pattern KEY_EQUALS = Pattern.compile("([#\\w]+)\\s*=\\s*(:\\w+)");

    /** One statement of a function's policy, resolved (conditions applied, intrinsics gone). */
    public record Statement(List<String> actions, List<String> resources, Map<String, Object> condition) {
    }

    /** A function as the gate knows it: its logical id, its table's key attributes, its Allow statements. */
    private record Principal(String logicalId, Map<String, String> partitionKeyByResource, List<Statement> statements) {
    }

    /** What a call did, per partition key it named: who, which action, which resource, which key (empty: none named). */
    public record Use(String accessKey, String action, String resource, String leadingKey) {
    }

    private final String target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Principal> principals = new ConcurrentHashMap<>();
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Set<Use> uses = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> denials = new ConcurrentHashMap<>();

    private DynamoPolicyGate(String target) {
        this.target = target;
        server = LoopbackHttp.create("local-dynamodb-iam", 8, 128);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A gate in front of the DynamoDB at {@code target}. */
    public static DynamoPolicyGate start(String target) {
        return new DynamoPolicyGate(target);
    }

    public String endpoint() {
        return LoopbackHttp.url(server);
    }

    /** The access key the local deployment gives one of its functions (no '/', which ends it in a SigV4 credential). */
    public static String accessKey(String stackName, String logicalId) {
        return "fn." + stackName + "." + logicalId;
    }

    /**
     * Puts a function's policy in force for its access key.
     *
     * @param partitionKeyByResource for each table ARN and each index ARN, its partition key attribute
     */
    public void register(String accessKey, String logicalId, Map<String, String> partitionKeyByResource, List<Statement> statements) {
        principals.put(accessKey, new Principal(logicalId, Map.copyOf(partitionKeyByResource), List.copyOf(statements)));
    }

    /** From now on, records what the calls signed with these access keys did (distinct uses, kept until the JVM ends). */
    public void watch(Set<String> accessKeys) {
        watched.addAll(accessKeys);
    }

    /** Every call denied so far to these access keys, as AWS words it. */
    public List<String> denials(Set<String> accessKeys) {
        List<String> out = new ArrayList<>();
        accessKeys.forEach(k -> out.addAll(denials.getOrDefault(k, List.of())));
        return out;
    }

    /** What the watched access keys' allowed calls did so far. */
    public List<Use> uses(Set<String> accessKeys) {
        return uses.stream().filter(u -> accessKeys.contains(u.accessKey())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String accessKey = accessKey(exchange.getRequestHeaders().getFirst("Authorization"));
            Principal principal = accessKey == null ? null : principals.get(accessKey);
            if (principal != null) {
                String denied = evaluate(accessKey, principal, exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
                if (denied != null) {
                    denials.computeIfAbsent(accessKey, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(denied);
                    LoopbackHttp.send(exchange, 400, "application/x-amz-json-1.0", Json.write(Map.of(
                            "__type", "com.amazon.coral.service#AccessDeniedException", "message", denied)).getBytes(StandardCharsets.UTF_8));
                    return;
                }
            } else if (accessKey != null && !ADMIN.equals(accessKey)) {
                LoopbackHttp.send(exchange, 400, "application/x-amz-json-1.0", Json.write(Map.of(
                        "__type", "com.amazon.coral.service#UnrecognizedClientException",
                        "message", "The security token included in the request is invalid (access key " + accessKey + " is not a local function)"))
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            forward(exchange, body);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!Set.of("host", "content-length", "connection", "expect").contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted forwarding to the local DynamoDB", e);
        }
        String type = response.headers().firstValue("Content-Type").orElse("application/x-amz-json-1.0");
        response.headers().firstValue("x-amzn-RequestId").ifPresent(id -> exchange.getResponseHeaders().set("x-amzn-RequestId", id));
        response.headers().firstValue("x-amz-crc32").ifPresent(crc -> exchange.getResponseHeaders().set("x-amz-crc32", crc));
        LoopbackHttp.send(exchange, response.statusCode(), type, response.body());
    }

    private static String accessKey(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = CREDENTIAL.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    /** Null when every part of the request is allowed; otherwise AWS's kind of message. */
    private String evaluate(String accessKey, Principal principal, String targetHeader, byte[] body) {
        String operation = targetHeader == null || !targetHeader.startsWith(TARGET_PREFIX) ? "?" : targetHeader.substring(TARGET_PREFIX.length());
        String action = "dynamodb:" + operation;
        JsonNode request = Json.read(new String(body, StandardCharsets.UTF_8));
        List<Use> parts = new ArrayList<>();
        for (Map.Entry<String, Set<String>> resource : keysByResource(principal, operation, request).entrySet()) {
            if (principal.statements().stream().noneMatch(s -> allows(s, action, resource.getKey(), resource.getValue()))) {
                return "User: arn:aws:sts::" + LocalAws.ACCOUNT_ID + ":assumed-role/" + principal.logicalId()
                        + "Role is not authorized to perform: " + action + " on resource: " + resource.getKey()
                        + (resource.getValue().isEmpty() ? "" : " for leading keys " + resource.getValue())
                        + " because no identity-based policy allows the " + action + " action";
            }
            if (resource.getValue().isEmpty()) {
                parts.add(new Use(accessKey, action, resource.getKey(), ""));
            }
            resource.getValue().forEach(key -> parts.add(new Use(accessKey, action, resource.getKey(), key)));
        }
        if (watched.contains(accessKey)) {
            uses.addAll(parts);
        }
        return null;
    }

    /** The resources a request touches (table or index ARN), each with the partition key values it names. */
    private static Map<String, Set<String>> keysByResource(Principal principal, String operation, JsonNode request) {
        Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
        switch (operation) {
            case "GetItem", "DeleteItem", "UpdateItem" -> keys(principal, out, request.path("TableName").asText(), request.path("Key"));
            case "PutItem" -> keys(principal, out, request.path("TableName").asText(), request.path("Item"));
            case "Query" -> {
                String resource = tableArn(request.path("TableName").asText())
                        + (request.hasNonNull("IndexName") ? "/index/" + request.get("IndexName").asText() : "");
                String partitionKey = principal.partitionKeyByResource().get(resource);
                Set<String> values = out.computeIfAbsent(resource, r -> new TreeSet<>());
                Matcher m = KEY_EQUALS.matcher(request.path("KeyConditionExpression").asText());
                while (m.find()) {
                    String name = m.group(1).startsWith("#") ? request.path("ExpressionAttributeNames").path(m.group(1)).asText() : m.group(1);
                    if (name.equals(partitionKey)) {
                        values.add(request.path("ExpressionAttributeValues").path(m.group(2)).path("S").asText());
                    }
                }
            }
            case "BatchGetItem" -> request.path("RequestItems").fields().forEachRemaining(table ->
                    table.getValue().path("Keys").forEach(key -> keys(principal, out, table.getKey(), key)));
            case "BatchWriteItem" -> request.path("RequestItems").fields().forEachRemaining(table ->
                    table.getValue().forEach(write -> keys(principal, out, table.getKey(),
                            write.has("PutRequest") ? write.path("PutRequest").path("Item") : write.path("DeleteRequest").path("Key"))));
            default -> out.put(tableArn(request.path("TableName").asText()), Set.of());
        }
        return out;
    }

    private static void keys(Principal principal, Map<String, Set<String>> out, String tableName, JsonNode key) {
        String resource = tableArn(tableName);
        String partitionKey = principal.partitionKeyByResource().getOrDefault(resource, "pk");
        out.computeIfAbsent(resource, r -> new TreeSet<>()).add(key.path(partitionKey).path("S").asText());
    }

    private static String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT_ID + ":table/" + tableName;
    }

    private static boolean allows(Statement statement, String action, String resource, Set<String> leadingKeys) {
        return statement.actions().stream().anyMatch(a -> glob(a, action))
                && statement.resources().stream().anyMatch(r -> glob(r, resource))
                && conditionHolds(statement.condition(), leadingKeys);
    }

    private static boolean conditionHolds(Map<String, Object> condition, Set<String> leadingKeys) {
        for (Map.Entry<String, Object> operator : condition.entrySet()) {
            boolean like = operator.getKey().equals("ForAllValues:StringLike");
            if (!like && !operator.getKey().equals("ForAllValues:StringEquals")) {
                return false;
            }
            for (Map.Entry<String, Object> key : Template.map(operator.getValue()).entrySet()) {
                if (!key.getKey().equals("dynamodb:LeadingKeys")) {
                    return false;
                }
                List<String> patterns = Template.list(key.getValue()).stream().map(String::valueOf).toList();
                // ForAllValues over no values is true, as in IAM: a request naming no partition key passes.
                if (!leadingKeys.stream().allMatch(value -> patterns.stream().anyMatch(p -> like ? glob(p, value) : p.equals(value)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** IAM's StringLike: '*' any run of characters, '?' one. */
    public static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    /** The patterns of each LeadingKeys condition of these statements that none of these uses matched. */
    public static Set<String> unusedLeadingKeyPatterns(List<Statement> statements, List<Use> uses) {
        Set<String> unused = new LinkedHashSet<>();
        for (Statement statement : statements) {
            for (Object keys : statement.condition().values()) {
                for (Object pattern : Template.list(Template.map(keys).get("dynamodb:LeadingKeys"))) {
                    String p = String.valueOf(pattern);
                    if (uses.stream().noneMatch(u -> glob(p, u.leadingKey())
                            && allows(statement, u.action(), u.resource(), u.leadingKey().isEmpty() ? Set.of() : Set.of(u.leadingKey())))) {
                        unused.add(p);
                    }
                }
            }
        }
        return unused;
    }

    @Override
    public void close() {
        LoopbackHttp.stop(server);
    }
}
