package com.winthorvd.testkit.e2e;

import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.stack.LocalAws;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Which local AWS the end-to-end tests run on: dynalite + ElasticMQ + the local Secrets Manager by default, or LocalStack in a container with
 * {@code mvn -Plocalstack verify} (which needs a Docker engine and LOCALSTACK_AUTH_TOKEN). Without Docker the
 * LocalStack run is skipped with its reason printed, never failed.
 */
public final class TestAws {
    /** Pinned, so a LocalStack release cannot change the tests' results. */
    static final String LOCALSTACK_IMAGE = "localstack/localstack-pro:4.9.2";
    private static LocalAws localStack;

    private TestAws() {
    }

    static boolean localStackSelected() {
        return "localstack".equals(System.getProperty("winthorvd.stack"));
    }

    public static synchronized LocalAws aws() {
        if (!localStackSelected()) {
            return LocalAws.shared();
        }
        if (localStack == null) {
            boolean docker;
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                docker = false;
            }
            String reason = "LocalStack profile skipped: no Docker engine on this machine (the dynalite + ElasticMQ run covers the same tests)";
            if (!docker) {
                System.out.println(reason);
            }
            Assumptions.assumeTrue(docker, reason);
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            Assumptions.assumeTrue(token != null && !token.isBlank(), "LocalStack profile skipped: LOCALSTACK_AUTH_TOKEN is not set");
            @SuppressWarnings("resource")
            LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE)
                    .asCompatibleSubstituteFor("localstack/localstack"))
                    .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS,
                            LocalStackContainer.Service.SECRETSMANAGER)
                    .withEnv("LOCALSTACK_AUTH_TOKEN", token);
            container.start();
            localStack = LocalAws.at(container.getEndpoint().toString());
        }
        return localStack;
    }

    public static LocalWorld world() {
        return LocalWorld.start(aws());
    }

    public static LocalWorld world(int products, java.util.Map<String, String> parameters) {
        return LocalWorld.start(aws(), products, parameters);
    }
}
