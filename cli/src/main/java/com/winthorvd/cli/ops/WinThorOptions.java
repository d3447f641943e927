package com.winthorvd.cli.ops;

import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.TokenSource;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WinThorClient;
import com.winthorvd.shared.winthor.WinThorHttp;
import com.winthorvd.shared.winthor.WinThorLogin;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** A real WTA from the command line: --winthor-url and --user, the password from WINTHOR_PASSWORD (never an argument). */
public final class WinThorOptions {
    @Option(names = "--winthor-url", paramLabel = "URL", description = "A real WinThor WTA (password from WINTHOR_PASSWORD).")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "The WTA user (with --winthor-url).")
    String user;

    public boolean given() {
        return url != null;
    }

    public String url() {
        return url;
    }

    /** The user, which a WTA URL needs. */
    public String user() {
        if (user == null) {
            throw new UsageException("--user is required with --winthor-url");
        }
        return user;
    }

    /** The WTA logged in, when --winthor-url was given. */
    public Optional<WinThorApi> apiIfGiven(Map<String, String> env, int pageSize) {
        return given() ? Optional.of(api(env, pageSize)) : Optional.empty();
    }

    /** Logged in with WINTHOR_PASSWORD (and WINTHOR_PASSWORD_CASE), reading pages of {@code pageSize}. */
    public WinThorApi api(Map<String, String> env, int pageSize) {
        String password = env.get("WINTHOR_PASSWORD");
        if (password == null) {
            throw new UsageException("set WINTHOR_PASSWORD in the environment (never on the command line)");
        }
        WinThorHttp http = new WinThorHttp(URI.create(url), Duration.ofSeconds(5), Duration.ofSeconds(60), null);
        PasswordRule rule = "asTyped".equalsIgnoreCase(env.getOrDefault("WINTHOR_PASSWORD_CASE", "upper")) ? PasswordRule.AS_TYPED : PasswordRule.UPPER;
        String token = new WinThorLogin(http).login(user(), rule.senha(password));
        return new WinThorApi(new WinThorClient(http, TokenSource.fixed(token)), pageSize);
    }
}
