package com.winthorvd.shared.app;

import com.winthorvd.shared.aws.AwsClients;
import java.util.function.Function;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads a secret's text from Secrets Manager; the client is built on first use, once per container. */
public final class SecretReader implements Function<String, String> {
    private final AwsClients aws;
    private SecretsManagerClient client;

    public SecretReader(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public synchronized String apply(String arn) {
        if (client == null) {
            client = aws.configure(SecretsManagerClient.builder(), AwsClients.ENDPOINT_SECRETS_MANAGER).build();
        }
        return client.getSecretValue(b -> b.secretId(arn)).secretString();
    }
}
