package com.winthorvd.shared.aws;

import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Region, credentials, HTTP client and (locally) endpoints for every AWS SDK client, set explicitly so
 * nothing is discovered at run time. Build clients once per container (in the handler's constructor).
 *
 * <p>Credentials: locally the access key comes from the {@link Env}; in Lambda, SnapStart functions get
 * container credentials and the others get environment variables, so the chain tries both.
 */
public final class AwsClients {
    /** API calls made by every client configured here, per service ("DynamoDB", "SQS"...): the benchmarks report them. */
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final ExecutionInterceptor COUNTER = new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String service = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)).toLowerCase(java.util.Locale.ROOT);
            CALLS.computeIfAbsent(service, k -> new LongAdder()).increment();
        }
    };

    /** Calls so far to one service ("dynamodb", "sqs", any case) by the clients of this process. */
    public static long calls(String service) {
        LongAdder adder = CALLS.get(service.toLowerCase(java.util.Locale.ROOT));
        return adder == null ? 0 : adder.sum();
    }

    public static final String ENDPOINT_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String ENDPOINT_SQS = "AWS_ENDPOINT_URL_SQS";
    public static final String ENDPOINT_SECRETS_MANAGER = "AWS_ENDPOINT_URL_SECRETS_MANAGER";

    /** A whole API call (retries included) and each attempt; null leaves the SDK's own (none, and the socket's 20 s). */
    public record CallTimeouts(Duration call, Duration attempt) {
    }

    private final Env env;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final CallTimeouts timeouts;

    public AwsClients(Env env) {
        this.env = env;
        ConfigReader config = new ConfigReader(env);
        this.region = Region.of(config.required("AWS_REGION", "set by Lambda; locally by the runner"));
        config.validate();
        this.credentials = credentials(env);
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
        this.timeouts = null;
    }

    private AwsClients(AwsClients base, CallTimeouts timeouts) {
        this.env = base.env;
        this.region = base.region;
        this.credentials = base.credentials;
        this.http = base.http;
        this.timeouts = timeouts;
    }

    /** The same, with every client it configures bounded by these timeouts (a caller with a budget of its own). */
    public AwsClients bounded(CallTimeouts timeouts) {
        return new AwsClients(this, timeouts);
    }

    private static AwsCredentialsProvider credentials(Env env) {
        Optional<String> key = env.get("AWS_ACCESS_KEY_ID");
        Optional<String> secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key.isPresent() && secret.isPresent() && env.get("AWS_SESSION_TOKEN").isEmpty()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.get(), secret.get()));
        }
        return AwsCredentialsProviderChain.of(
                ContainerCredentialsProvider.builder().build(),
                EnvironmentVariableCredentialsProvider.create());
    }

    /**
     * Sets region, credentials, HTTP client and the local endpoint (from {@code endpointVariable}) on a service
     * client builder. Callers name the service (e.g. {@code aws.configure(SqsClient.builder(), ENDPOINT_SQS)}) so
     * that a function's jar needs only the service clients it really uses.
     */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String endpointVariable) {
        builder.region(region).credentialsProvider(credentials);
        builder.overrideConfiguration(c -> {
            c.addExecutionInterceptor(COUNTER);
            if (timeouts != null) {
                c.apiCallTimeout(timeouts.call()).apiCallAttemptTimeout(timeouts.attempt());
            }
        });
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        env.get(endpointVariable).ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder;
    }
}
