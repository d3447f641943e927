package com.winthorvd.testkit.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.Env;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** The local Secrets Manager through the real SDK client, as the functions read their secrets. */
class LocalSecretsManagerTest {
    private static LocalSecretsManager server;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() {
        server = LocalSecretsManager.start(LocalAws.REGION, LocalAws.ACCOUNT_ID);
        AwsClients clients = new AwsClients(Env.of(Map.of("AWS_REGION", LocalAws.REGION, "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", AwsClients.ENDPOINT_SECRETS_MANAGER, server.endpoint())));
        client = clients.configure(SecretsManagerClient.builder(), AwsClients.ENDPOINT_SECRETS_MANAGER).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSecretIsReadByNameAndByArnAndARotatedValueReplacesIt() {
        String arn = client.createSecret(b -> b.name("stack-StoreAppTokenSecret").secretString("first")).arn();
        assertTrue(arn.startsWith("arn:aws:secretsmanager:us-east-1:000000000000:secret:stack-StoreAppTokenSecret-"), arn);
        assertEquals("first", client.getSecretValue(b -> b.secretId(arn)).secretString());
        assertEquals("first", client.getSecretValue(b -> b.secretId("stack-StoreAppTokenSecret")).secretString());
        client.putSecretValue(b -> b.secretId(arn).secretString("rotated"));
        assertEquals("rotated", client.getSecretValue(b -> b.secretId(arn)).secretString());
        assertEquals(arn, client.describeSecret(b -> b.secretId(arn)).arn());
    }

    @Test
    void aMissingOrRepeatedSecretIsRefusedAsAwsRefusesIt() {
        assertThrows(ResourceNotFoundException.class, () -> client.getSecretValue(b -> b.secretId("nope")));
        client.createSecret(b -> b.name("once").secretString("x"));
        assertThrows(ResourceExistsException.class, () -> client.createSecret(b -> b.name("once").secretString("y")));
        client.deleteSecret(b -> b.secretId("once"));
        assertThrows(ResourceNotFoundException.class, () -> client.getSecretValue(b -> b.secretId("once")));
    }
}
