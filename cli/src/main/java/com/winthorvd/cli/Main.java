package com.winthorvd.cli;

import com.winthorvd.bench.ValuesBench;
import com.winthorvd.cli.ops.Args;
import com.winthorvd.cli.ops.CatalogAdminCommand;
import com.winthorvd.cli.ops.CheckCommand;
import com.winthorvd.cli.ops.OperationsCommand;
import com.winthorvd.cli.ops.OrderCommand;
import com.winthorvd.cli.ops.StoreCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code ./winthor-vd}: the implementer's and developer's tool. Every command takes {@code --json} and then prints
 * its report as one JSON object on stdout. Exit codes: 0 all good, 1 the check or demo found a problem, 2 bad usage.
 * The commands that act on a deployed stack or a real WTA live in {@code cli.ops} and need only shared/ and the AWS
 * SDK; demo, run and bench reach the testkit and the benchmarks.
 */
public final class Main {
    static final String USAGE = """
            usage: ./winthor-vd <command> [options]

            commands:
              demo [--json]
                  the whole integration locally (local AWS, simulators, runner); exits 0 only if every
                  result matches what the demo data says should happen
              local up [--speed 1] [--products 100] [--json]
                       [--winthor-url URL --user USER --branches 1,2] [--store-url URL [--store-pricing-url URL] --app-key KEY]
                  the whole integration running locally until Ctrl-C: the local AWS with the template deployed, both
                  simulators (or a real WTA with WINTHOR_PASSWORD, a real store with STORE_APP_TOKEN), every schedule
                  firing (--speed times faster), every queue consumed, the webhook served; prints every endpoint and
                  the control API (place an order, invoice or cancel it in WinThor, faults, rotate the AppToken,
                  fire a schedule): GET <controlUrl> lists it
              check --winthor-url URL --user USER [--branches 1,2,3] [--json]
                    [--conformance [--save-samples DIR] [--packagings-path PATH]]
                    [--store-url URL [--store-pricing-url URL] --app-key KEY [--warehouses 1=wh1,2=wh2]]
                  logs in to a WinThor WTA (password from WINTHOR_PASSWORD, or WINTHOR_PASSWORD_MD5) and reports
                  each required WTA service, its version and the configured branches; with --store-url, also
                  that the store answers (STORE_APP_TOKEN) and every branch's warehouse exists there; with
                  --conformance, one page of every feed the flows read, field by field (present, absent, of
                  another type, which variant was read, what it means); --save-samples writes each first record
                  masked; exits 0 only when the login works, every required service is online, every warehouse
                  exists and no feed lacks a field the flows need
              store hook install --url URL --secret-from VAR --store-url URL --app-key KEY [--states a,b] [--force]
                  points the store's order hook at the webhook (the stack's OrderHookUrl) with the secret from
                  the environment variable VAR (STORE_APP_TOKEN too); refuses to replace a hook pointing elsewhere
                  without --force
              status --stack STACK [--json]
                  one screen of a deployed stack (or the one local up runs): each WTA service and the store as the
                  health check (routine 812) last saw them, each flow's last run, the queues and their DLQs, the
                  catalog by status; exits 0 when healthy, 1 when something needs attention (for cron)
              runs --stack STACK --flow FLOW [--last 10] [--json]
                  the flow's run log (RUN#<flow>), newest first: status, duration, counts, errors
              rejections --stack STACK [--entity E] [--reason R] [--format table|csv|json]
                  every REJECTED and FAILED catalog record with its reason in Portuguese and the WinThor routine to
                  fix it; the CSV (UTF-8 with BOM, ';') opens as columns in a pt-BR spreadsheet
              logs --stack STACK --flow FLOW [--since 1h] [--key KEY] [--json]
                  a flow's log lines (routine 810), masked: from CloudWatch Logs for a deployed stack, from the
                  function log for the one local up runs; --key one business key (ORDER#<id>, MAP#product#<code>...)
              explain product <CODPROD> | sku <codauxiliar-codprod> | customer <CODCLI or CNPJ/CPF> | order <store order id>
                      | department|section|category|brand <key>  --stack STACK [--winthor-url URL --user USER] [--json]
                  "why isn't it in the store?": the state (status, reason in Portuguese with the WinThor routine,
                  version applied, what it waits on), what WinThor has now with its credentials (WINTHOR_PASSWORD; a
                  CNPJ/CPF is looked up there), and the next step in one sentence
              redrive --stack STACK --queue catalog|stock|price|orders|all [--dry-run] [--json]
                  a DLQ back to its queue once the cause is fixed: standard queues by SQS's move task, the FIFO ones
                  message by message in their groups, each deleted from the DLQ only once sent; a second run moves
                  nothing twice
              order show <store order id> --table STATE_TABLE [--json]
                  where a store order stands: status (RECEIVED, CREATING, UNKNOWN_OUTCOME, ERP_CREATED,
                  HANDLING_STARTED, REJECTED, CANCELLED), WinThor order number, reason with its routine
              order retry <store order id> --table STATE_TABLE --queue-url ORDER_QUEUE_URL
                  queues a REJECTED order again once its cause is fixed (AWS credentials from the environment)
              catalog plan [--products 100] [--json]
                  what a full catalog sync would do now (create, update, unchanged, deactivate, each rejection
                  with its reason and the WinThor routine to fix it, waits), writing nothing; on the local world
              catalog plan --winthor-url URL --user USER --branches 1,2 [--table STATE_TABLE] [--json]
                  the same for a real WTA, against a deployed stack's state with --table, else against an empty state
                  (everything would be created) (WINTHOR_PASSWORD, CATALOG_SCOPE, CATALOG_CLASSIFIER_MODE... and, with
                  --table, AWS credentials from the environment)
              catalog reset --table STATE_TABLE --mode DSC|DS|SC|DC --source ERP|WEB
                  changes the locked classifier mode of a deployed stack: records the new mapping and clears the
                  watermarks, so the next scan re-applies the whole catalog (AWS credentials from the environment)
              catalog deactivate --table STATE_TABLE [--run RUN_ID --queue-url CATALOG_QUEUE_URL --confirm]
                  the deactivations a full run held back because they were more than one run may make
                  (CatalogDeactivationMaxPercent, CatalogDeactivationMinRecords); --confirm queues them, once
                  WinThor shows those records really left e-commerce (AWS credentials from the environment)
              run catalog-sync [--full] [--products 100] [--json]
                  one catalog scan, then the queue drained through the apply function, on the local world;
                  prints counts per entity and exits 0 only if store and state match the demo data's manifest
              run catalog-sync [--full] [--winthor-url URL --user USER --branches 1,2] [--store-url URL
                               [--store-pricing-url URL] --app-key KEY] [--json]
                  the same with either side real (a real WTA into the store simulator, say), state and queues on the
                  local AWS (passwords from WINTHOR_PASSWORD and STORE_APP_TOKEN); exits 0 when the run completed
                  with an empty DLQ
              run stock-sync [--products 100] [--json]
                  on the local world: the catalog synced, then one stock scan and the queue drained through the
                  apply function; exits 0 only if every inventory matches the demo data's manifest
              run price-sync [--products 100] [--json]
                  the same for prices: the catalog synced, one full price scan, the FIFO queue drained; exits 0
                  only if every base and fixed price (offers, wholesale) matches the manifest
              bench cold-start [--runs 10] [--json]
                  the token-refresh function's cold start: fresh JVMs running its shaded jar against the
                  local stack, from process start to the first response (median, min, max)
              bench catalog [--products 2000] [--heap-products 10000,100000] [--store-pace production|unpaced] [--json]
                  catalog full sync (records/s, store, DynamoDB and SQS calls, peak heap), reruns without change
                  (store calls must be 0), a 1% change run (store calls per changed product), and the scan
                  alone in a fresh JVM with -Xmx128m at each --heap-products size (peak heap)
              bench stock [--rows 20000] [--lag-samples 10] [--schedule-seconds 60] [--appliers 4] [--store-pace P] [--json]
              bench price [--skus 3000] [--lag-samples 10] [--schedule-seconds 60] [--appliers 4] [--store-pace P] [--json]
                  from a store seeded with the demo catalog: full load (rows/s), rerun without change (store
                  calls must be 0), 1% change (store calls per changed row, target 1.0), and the lag from a
                  change in WinThor to the store with the scan fired every --schedule-seconds (median, worst)
              bench orders [--orders 1000] [--faults 0.2] [--per-second 5] [--pollers 4] [--cold-start-runs 10] [--store-pace P] [--json]
                  store orders end to end (hook, webhook, FIFO queue, push, WinThor), that share of them with one
                  fault each (dropped or repeated hook, wrong secret, malformed call, WinThor 500, timeout, reset,
                  lost answer, revoked token, store 500, new buyer, unknown SKU, unmapped payment, two customers,
                  cancellation before and after the push); each order checked against what it must become;
                  prints duplicates and lost (must be 0), rejected by reason, DLQ, webhook response p50/p99,
                  hook-to-WinThor p50/p99 and the webhook's cold start (fresh JVM to first 200, median)
                  (bench catalog, stock, price, orders: --store-pace production, the default, paces the store client
                  at the template's StoreRateLimits as deployed; unpaced lifts it to see the pipeline's own speed)
              bench simulators [--products 100000] [--writes 2000] [--json]
                  demo data generation time, WinThor list pages of 500 items, single writes to each simulator
            """;

    private Main() {
    }

    private static OperationsCommand operations(PrintStream out, java.util.Map<String, String> env) {
        return new OperationsCommand(out, env, java.time.Clock.systemUTC());
    }

    public static void main(String[] argv) {
        if (argv.length > 0 && argv[0].equals("bench")) {
            // Figures of the integration, not of the local IAM check in front of the local DynamoDB (the tests keep it).
            System.setProperty(com.winthorvd.testkit.stack.LocalAws.IAM_CHECK_PROPERTY, "false");
        }
        System.exit(run(argv, System.out, System.err, System.getenv()));
    }

    public static int run(String[] argv, PrintStream out, PrintStream err, java.util.Map<String, String> env) {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help") || argv[0].equals("-h")) {
            out.print(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        try {
            return switch (argv[0]) {
                case "demo" -> new DemoCommand(out).run(Args.parse(rest, Set.of(), Set.of("json")));
                case "local" -> {
                    Args args = Args.parse(rest, Set.of("speed", "products", "winthor-url", "user", "branches", "store-url",
                            "store-pricing-url", "app-key"), Set.of("json"));
                    if (!args.positionals().equals(java.util.List.of("up"))) {
                        throw new Args.UsageException("local needs: up");
                    }
                    yield new LocalUpCommand(out, env, StopSignal.onShutdown()).run(args);
                }
                case "bench" -> new BenchCommand(out).run(Args.parse(rest, Set.of("runs", "products", "writes", "heap-products", "rows", "skus",
                        "lag-samples", "schedule-seconds", "appliers", "orders", "faults", "per-second", "pollers", "cold-start-runs", "store-pace"),
                        Set.of("json")));
                case "order" -> new OrderCommand(out, env).run(Args.parse(rest, Set.of("table", "queue-url"), Set.of("json")));
                case "status" -> operations(out, env).status(Args.parse(rest, Set.of("stack"), Set.of("json")));
                case "runs" -> operations(out, env).runs(Args.parse(rest, Set.of("stack", "flow", "last"), Set.of("json")));
                case "rejections" -> operations(out, env).rejections(Args.parse(rest, Set.of("stack", "entity", "reason", "format"),
                        Set.of("json")));
                case "logs" -> operations(out, env).logs(Args.parse(rest, Set.of("stack", "flow", "since", "key"), Set.of("json")));
                case "explain" -> operations(out, env).explain(Args.parse(rest,
                        Set.of("stack", "winthor-url", "user"), Set.of("json")));
                case "redrive" -> operations(out, env).redrive(Args.parse(rest, Set.of("stack", "queue"), Set.of("json", "dry-run")));
                case "store" -> {
                    Args args = Args.parse(rest, Set.of("url", "secret-from", "states", "store-url", "store-pricing-url", "app-key"),
                            Set.of("force"));
                    if (!args.positionals().equals(java.util.List.of("hook", "install"))) {
                        throw new Args.UsageException("store needs: hook install");
                    }
                    yield new StoreCommand(out, env).installHook(args);
                }
                case "check" -> new CheckCommand(out, env).run(
                        Args.parse(rest, Set.of("winthor-url", "user", "branches", "store-url", "store-pricing-url", "app-key",
                                "warehouses", "save-samples", "packagings-path"), Set.of("json", "conformance")));
                case "catalog" -> {
                    Args args = Args.parse(rest, Set.of("products", "table", "mode", "source", "winthor-url", "user", "branches",
                            "run", "queue-url"), Set.of("json", "confirm"));
                    if (args.positionals().equals(java.util.List.of("reset"))) {
                        yield new CatalogAdminCommand(out).reset(args, env);
                    }
                    if (args.positionals().equals(java.util.List.of("deactivate"))) {
                        yield new CatalogAdminCommand(out).deactivate(args, env);
                    }
                    if (!args.positionals().equals(java.util.List.of("plan"))) {
                        throw new Args.UsageException("catalog needs: plan, reset or deactivate");
                    }
                    yield new CatalogCommand(out).plan(args, env);
                }
                case "run" -> {
                    Args args = Args.parse(rest, Set.of("products", "winthor-url", "user", "branches", "store-url", "store-pricing-url",
                            "app-key"), Set.of("json", "full"));
                    if (args.positionals().equals(java.util.List.of("stock-sync"))) {
                        yield new ValuesCommand(out).run(ValuesBench.STOCK, args);
                    }
                    if (args.positionals().equals(java.util.List.of("price-sync"))) {
                        yield new ValuesCommand(out).run(ValuesBench.PRICE, args);
                    }
                    if (!args.positionals().equals(java.util.List.of("catalog-sync"))) {
                        throw new Args.UsageException("run needs: catalog-sync, stock-sync or price-sync");
                    }
                    yield new CatalogCommand(out).runSync(args, env);
                }
                default -> throw new Args.UsageException("unknown command " + argv[0]);
            };
        } catch (Args.UsageException e) {
            err.println("winthor-vd: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("winthor-vd: " + argv[0] + " failed: " + e.getMessage());
            return 1;
        }
    }
}
