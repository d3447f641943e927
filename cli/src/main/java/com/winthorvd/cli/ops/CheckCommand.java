package com.winthorvd.cli.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.store.StoreCheck;
import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.WinThorHttp;
import com.winthorvd.shared.winthor.WtaCheck;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code check}: the implementer's first step against a real WinThor. */
@Command(name = "check", description = {"Logs in to a WinThor WTA (password from WINTHOR_PASSWORD, or WINTHOR_PASSWORD_MD5) and reports"
        + " each required WTA service, its version and the configured branches.",
        "With --store-url, also that the store answers (STORE_APP_TOKEN) and every branch's warehouse exists there.",
        "With --conformance, one page of every feed the flows read, field by field (present, absent, of another type, which variant"
        + " was read, what it means); --save-samples writes each first record masked.",
        "Exits 0 only when the login works, every required service is online, every warehouse exists and no feed lacks a field the"
        + " flows need."})
public final class CheckCommand implements Callable<Integer> {
    private final PrintStream out;
    private final Map<String, String> env;

    public CheckCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    @Mixin SidesOptions sides;
    @Option(names = "--conformance", description = "Read one page of every feed and compare it field by field.")
    boolean conformanceCheck;
    @Option(names = "--save-samples", paramLabel = "DIR",
            description = "Write each feed's first record, masked (implies --conformance).")
    java.nio.file.Path samples;
    @Option(names = "--packagings-path", paramLabel = "PATH",
            description = "The packagings feed's path, when the WTA serves it elsewhere.")
    String packagingsPath;
    @Option(names = "--warehouses", paramLabel = "BRANCH=WAREHOUSE,...",
            description = "Each branch's store warehouse, as the StockWarehouses parameter (default filial<branch>).")
    String warehouses;
    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        if (!sides.winthor().given()) {
            throw new UsageException("check needs --winthor-url");
        }
        String url = sides.winthor().url();
        String user = sides.winthor().user();
        List<String> branches = sides.branches().list();
        List<WtaCheck.LoginAttempt> attempts = attempts(env);
        URI base;
        try {
            base = URI.create(url);
            if (base.getHost() == null || !base.getScheme().startsWith("http")) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--winthor-url must be an http(s) URL, e.g. https://wta.example.com.br:8443");
        }
        WinThorHttp http = new WinThorHttp(base, Duration.ofSeconds(5), Duration.ofSeconds(15), null);
        WtaCheck.Conformance conformance = conformanceCheck || samples != null
                ? new WtaCheck.Conformance(packagingsPath != null ? packagingsPath : com.winthorvd.shared.winthor.WtaConventions.PACKAGINGS_PATH, samples)
                : null;
        WtaCheck.Report report = new WtaCheck(http).run(user, attempts, branches, conformance);
        StoreCheck.Report store = sides.store().given() ? checkStore(sides.store(), warehouses, branches) : null;
        boolean ok = report.ok() && (store == null || store.ok());
        if (json.on()) {
            ObjectNode answer = Json.MAPPER.valueToTree(report);
            if (store != null) {
                answer.set("store", Json.MAPPER.valueToTree(store));
                answer.put("ok", ok);
            }
            out.println(Json.write(answer));
        } else {
            print(report, store, ok);
        }
        return ok ? 0 : 1;
    }

    /**
     * The store half: credentials from STORE_APP_TOKEN (never the command line), and each branch's warehouse as the
     * stock flow will use it (--warehouses branch=warehouse pairs, as the StockWarehouses parameter; else filial<branch>).
     */
    private StoreCheck.Report checkStore(StoreOptions storeOptions, String warehousesOption, List<String> branches) {
        ConfigReader config = new ConfigReader(Env.of(Map.of("STOCK_WAREHOUSES", warehousesOption == null ? "" : warehousesOption)));
        Map<String, String> warehouses = com.winthorvd.shared.config.Branches.warehouses(config, branches);
        config.validate();
        return new StoreCheck(storeOptions.client(env)).run(warehouses);
    }

    /** Password attempts: the MD5 as given, else the configured rule first and then the other one. */
    static List<WtaCheck.LoginAttempt> attempts(Map<String, String> env) {
        String md5 = env.getOrDefault("WINTHOR_PASSWORD_MD5", "");
        if (!md5.isBlank()) {
            if (!md5.trim().matches("[0-9A-Fa-f]{32}")) {
                throw new UsageException("WINTHOR_PASSWORD_MD5 must be 32 hexadecimal characters");
            }
            return List.of(new WtaCheck.LoginAttempt("md5", md5.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        String password = env.getOrDefault("WINTHOR_PASSWORD", "");
        if (password.isEmpty()) {
            throw new UsageException("set WINTHOR_PASSWORD (or WINTHOR_PASSWORD_MD5) in the environment; "
                    + "the password is never taken on the command line");
        }
        PasswordRule first = "asTyped".equalsIgnoreCase(env.getOrDefault("WINTHOR_PASSWORD_CASE", "upper"))
                ? PasswordRule.AS_TYPED : PasswordRule.UPPER;
        return List.of(new WtaCheck.LoginAttempt(first.toString(), first.senha(password)),
                new WtaCheck.LoginAttempt(first.other().toString(), first.other().senha(password)));
    }

    /** Per endpoint its verdict, and each field that is not as the client reads it first, with what it means. */
    private void printConformance(com.winthorvd.shared.winthor.ConformanceCheck.Result result) {
        out.println("  conformance (one page of every feed the flows read)");
        for (var endpoint : result.endpoints()) {
            out.printf("    %-12s %-16s %s%s%n", endpoint.endpoint(), endpoint.verdict(), endpoint.path(),
                    endpoint.detail() == null ? "" : "  -> " + endpoint.detail());
            for (var field : endpoint.fields()) {
                if (!field.status().equals("PRESENT")) {
                    out.println("      " + field.field() + ": " + field.status() + " - " + field.meaning());
                } else if (field.meaning() != null) {
                    out.println("      " + field.field() + ": " + field.meaning());
                }
            }
        }
    }

    private void print(WtaCheck.Report report, StoreCheck.Report store, boolean ok) {
        out.println("WinThor WTA at " + report.winthorUrl() + " (user " + report.user() + ")");
        WtaCheck.LoginResult login = report.login();
        out.println("  login      " + (login.ok() ? "OK    " : "FAILED") + "  " + login.message());
        out.println("  services");
        for (WtaCheck.ServiceStatus s : report.services()) {
            out.printf("    %-28s %-7s %5d ms  version %-12s%s  [%s]%n", s.name(), s.online() ? "online" : "OFFLINE",
                    s.millis(), s.installedVersion(),
                    s.availableVersion() == null ? "" : " (available " + s.availableVersion() + ")", s.probe());
            if (!s.online()) {
                out.println("      -> " + s.detail());
            }
            if (s.note() != null) {
                out.println("      (" + s.note() + ")");
            }
        }
        WtaCheck.BranchResult branches = report.branches();
        out.println("  branches   " + (branches.missing().isEmpty() ? "" : "MISSING ") + branches.detail()
                + (branches.configured().isEmpty() ? "" : " (configured " + String.join(",", branches.configured()) + ")"));
        if (report.conformance() != null) {
            printConformance(report.conformance());
        }
        if (store != null) {
            out.println("Store: " + (store.reachable() ? "OK      " : "FAILED  ") + store.detail());
            for (StoreCheck.WarehouseStatus w : store.warehouses()) {
                out.printf("  branch %-4s -> warehouse %-20s %s%n", w.branch(), w.warehouse(), w.present() ? "present"
                        : "MISSING: create it in the store (Inventory & shipping > Warehouses) or map the branch with --warehouses / StockWarehouses");
            }
        }
        out.println(ok ? "RESULT: ready" : "RESULT: not ready (see the lines above)");
    }
}
