package com.winthorvd.testkit.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.winthorvd.shared.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local Secrets Manager: the calls the product and the local deployment make (CreateSecret, GetSecretValue,
 * PutSecretValue, DescribeSecret, DeleteSecret), spoken in AWS's JSON 1.1 protocol inside this JVM, so the functions
 * read their secrets through the real SDK client exactly as in AWS. A secret is found by its name or its ARN; a
 * missing one answers ResourceNotFoundException, as AWS does. Requests are not signature-checked (local only).
 */
public final class LocalSecretsManager implements AutoCloseable {
    private static final String TARGET_PREFIX = "secretsmanager.";
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private record Secret(String name, String arn, String value, String versionId, long createdSeconds) {
    }

    private final String region;
    private final String accountId;
    private final HttpServer server;
    private final Map<String, Secret> byName = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private LocalSecretsManager(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
        server = LoopbackHttp.create("local-secretsmanager", 4, 64);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LocalSecretsManager start(String region, String accountId) {
        return new LocalSecretsManager(region, accountId);
    }

    public String endpoint() {
        return LoopbackHttp.url(server);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            if (!"POST".equals(exchange.getRequestMethod()) || !target.startsWith(TARGET_PREFIX)) {
                answer(exchange, 400, error("InvalidRequestException", "expected a POST with X-Amz-Target secretsmanager.*"));
                return;
            }
            JsonNode request;
            try {
                request = Json.read(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                answer(exchange, 400, error("SerializationException", e.getMessage()));
                return;
            }
            String operation = target.substring(TARGET_PREFIX.length());
            try {
                answer(exchange, 200, switch (operation) {
                    case "CreateSecret" -> create(request);
                    case "GetSecretValue" -> value(find(request));
                    case "PutSecretValue" -> put(request);
                    case "DescribeSecret" -> describe(find(request));
                    case "DeleteSecret" -> delete(request);
                    default -> throw new Failure("InvalidActionException", operation + " is not served by the local Secrets Manager");
                });
            } catch (Failure e) {
                answer(exchange, 400, error(e.type, e.getMessage()));
            }
        }
    }

    private ObjectNode create(JsonNode request) {
        String name = required(request, "Name");
        String value = required(request, "SecretString");
        String arn = "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + suffix();
        Secret secret = new Secret(name, arn, value, UUID.randomUUID().toString(), System.currentTimeMillis() / 1000);
        if (byName.putIfAbsent(name, secret) != null) {
            throw new Failure("ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
        }
        return identity(secret);
    }

    private ObjectNode put(JsonNode request) {
        Secret old = find(request);
        Secret secret = new Secret(old.name, old.arn, required(request, "SecretString"), UUID.randomUUID().toString(),
                System.currentTimeMillis() / 1000);
        byName.put(old.name, secret);
        return identity(secret);
    }

    private ObjectNode delete(JsonNode request) {
        Secret secret = find(request);
        byName.remove(secret.name);
        ObjectNode out = identity(secret);
        out.put("DeletionDate", System.currentTimeMillis() / 1000);
        return out;
    }

    private Secret find(JsonNode request) {
        String id = required(request, "SecretId");
        Secret secret = byName.get(id);
        if (secret == null) {
            secret = byName.values().stream().filter(s -> s.arn.equals(id)).findFirst().orElse(null);
        }
        if (secret == null) {
            throw new Failure("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        return secret;
    }

    private static ObjectNode identity(Secret secret) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("ARN", secret.arn);
        out.put("Name", secret.name);
        out.put("VersionId", secret.versionId);
        return out;
    }

    private static ObjectNode value(Secret secret) {
        ObjectNode out = identity(secret);
        out.put("SecretString", secret.value);
        out.putArray("VersionStages").add("AWSCURRENT");
        out.put("CreatedDate", secret.createdSeconds);
        return out;
    }

    private static ObjectNode describe(Secret secret) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("ARN", secret.arn);
        out.put("Name", secret.name);
        out.put("LastChangedDate", secret.createdSeconds);
        out.putObject("VersionIdsToStages").putArray(secret.versionId).add("AWSCURRENT");
        return out;
    }

    private static String required(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new Failure("InvalidParameterException", "You must provide " + field + ".");
        }
        return value.asText();
    }

    private String suffix() {
        StringBuilder out = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            out.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return out.toString();
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("__type", type);
        out.put("message", message);
        return out;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        LoopbackHttp.send(exchange, status, "application/x-amz-json-1.1", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** An AWS error answer: its {@code __type} and message. */
    private static final class Failure extends RuntimeException {
        private final String type;

        Failure(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    @Override
    public void close() {
        LoopbackHttp.stop(server);
    }
}
