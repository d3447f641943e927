package com.winthorvd.shared.token;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunStatus;
import com.winthorvd.shared.run.RunRecord;
import java.util.Map;

/**
 * The scheduled renewal: once 75% of the token's lifetime has passed (or it is missing or was refused), log in
 * again so no flow ever meets an expired token on its hot path. Each run is recorded in the run log.
 */
public final class TokenRefreshService {
    public static final String FLOW = "token-refresh";
    static final double RENEW_AT_SHARE = 0.75;

    private final TokenProvider tokens;
    private final RunLog runLog;
    private final JsonLog log;

    public TokenRefreshService(TokenProvider tokens, RunLog runLog, JsonLog log) {
        this.tokens = tokens;
        this.runLog = runLog;
        this.log = log;
    }

    /** Renews if due; a failed login is recorded in the run log and rethrown so the invocation counts as failed. */
    public RunRecord refresh() {
        RunLog.Run run = runLog.start(FLOW, null);
        JsonLog runLogger = log.forRun(run.runId());
        try {
            TokenProvider.RefreshOutcome outcome = tokens.refreshIfDue(RENEW_AT_SHARE);
            run.count("token", outcome.kind().name().toLowerCase(java.util.Locale.ROOT), 1);
            runLogger.info("TOKEN#winthor", "token " + outcome.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    outcome.expiresAt() == null ? Map.of() : Map.of("expiresAt", outcome.expiresAt().toString()));
            return run.finish(RunStatus.COMPLETED, outcome.expiresAt() == null ? null : outcome.expiresAt().toString());
        } catch (RuntimeException e) {
            run.count("token", "failed", 1);
            run.error(e.getMessage());
            runLogger.error("TOKEN#winthor", "token renewal failed", e);
            run.finish(RunStatus.FAILED, null);
            throw e;
        }
    }
}
