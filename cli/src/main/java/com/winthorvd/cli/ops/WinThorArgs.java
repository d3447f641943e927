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

/** A real WTA from the command line: --winthor-url and --user, the password from WINTHOR_PASSWORD (never an argument). */
final class WinThorArgs {
    private WinThorArgs() {
    }

    static WinThorApi api(Args args, Map<String, String> env, int pageSize) {
        String password = env.get("WINTHOR_PASSWORD");
        if (password == null) {
            throw new Args.UsageException("set WINTHOR_PASSWORD in the environment (never on the command line)");
        }
        WinThorHttp http = new WinThorHttp(URI.create(required(args, "winthor-url")), Duration.ofSeconds(5), Duration.ofSeconds(60), null);
        PasswordRule rule = "asTyped".equalsIgnoreCase(env.getOrDefault("WINTHOR_PASSWORD_CASE", "upper")) ? PasswordRule.AS_TYPED : PasswordRule.UPPER;
        String token = new WinThorLogin(http).login(required(args, "user"), rule.senha(password));
        return new WinThorApi(new WinThorClient(http, TokenSource.fixed(token)), pageSize);
    }

    static String required(Args args, String option) {
        return args.option(option).orElseThrow(() -> new Args.UsageException("--" + option + " is required with --winthor-url"));
    }
}
