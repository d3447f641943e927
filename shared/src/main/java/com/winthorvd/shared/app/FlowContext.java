package com.winthorvd.shared.app;

import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.token.TokenProvider;
import com.winthorvd.shared.token.TokenStore;
import com.winthorvd.shared.util.Sleeper;
import com.winthorvd.shared.winthor.PasswordSource;
import com.winthorvd.shared.winthor.WinThorClient;
import com.winthorvd.shared.winthor.WinThorHttp;
import com.winthorvd.shared.winthor.WinThorLogin;
import com.winthorvd.shared.winthor.WinThorSettings;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every WinThor-facing flow builds once per container from its environment: config (validated, every
 * problem reported at once), the state table, the run log, the token provider and the WinThor client.
 * Building it does no network I/O: the secret is read and the login made on first use.
 */
public final class FlowContext {
    public final Clock clock;
    public final JsonLog log;
    public final AwsClients aws;
    public final StateTable table;
    public final RunLog runLog;
    public final WinThorSettings winthorSettings;
    public final TokenProvider tokens;
    public final WinThorClient winthor;

    private FlowContext(Clock clock, JsonLog log, AwsClients aws, StateTable table, WinThorSettings winthorSettings,
                        TokenProvider tokens, WinThorClient winthor) {
        this.clock = clock;
        this.log = log;
        this.aws = aws;
        this.table = table;
        this.runLog = new RunLog(table, clock, log);
        this.winthorSettings = winthorSettings;
        this.tokens = tokens;
        this.winthor = winthor;
    }

    /** Reads the environment; throws a ConfigException listing every missing or bad variable. */
    public static FlowContext fromEnv(String flow, Env env, Clock clock) {
        return fromEnv(flow, env, clock, new ConfigReader(env));
    }

    /** As {@link #fromEnv(String, Env, Clock)}, with the flow's own settings already read from {@code config}: one report. */
    public static FlowContext fromEnv(String flow, Env env, Clock clock, ConfigReader config) {
        String tableName = config.required("STATE_TABLE", "the DynamoDB state table");
        WinThorSettings settings = WinThorSettings.read(config);
        AwsClients aws = new AwsClients(env);
        PasswordSource password = PasswordSource.read(config, settings.passwordRule(), new SecretReader(aws));
        config.validate();

        DynamoDbClient dynamo = aws.configure(DynamoDbClient.builder(), AwsClients.ENDPOINT_DYNAMODB).build();
        StateTable table = new StateTable(dynamo, tableName, Sleeper.REAL);
        WinThorHttp http = settings.http();
        WinThorLogin login = new WinThorLogin(http);
        TokenProvider tokens = new TokenProvider(new TokenStore(table), () -> login.login(settings.user(), password.senha()),
                clock, Sleeper.REAL, settings.tokenLifetime());
        return new FlowContext(clock, JsonLog.stdout(flow, clock), aws, table, settings, tokens, new WinThorClient(http, tokens));
    }
}
