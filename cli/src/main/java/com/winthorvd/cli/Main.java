package com.winthorvd.cli;

import com.winthorvd.bench.ValuesBench;
import com.winthorvd.cli.ops.CatalogAdminCommand;
import com.winthorvd.cli.ops.CheckCommand;
import com.winthorvd.cli.ops.OperationsCommand;
import com.winthorvd.cli.ops.OrderCommand;
import com.winthorvd.cli.ops.StoreCommand;
import com.winthorvd.cli.ops.UsageException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./winthor-vd}: the implementer's and developer's tool (picocli). Every command takes {@code --json} and then
 * prints its report as one JSON object on stdout, and {@code --help}. Exit codes: 0 all good, 1 the command found a
 * problem (or failed), 2 bad usage. The commands that act on a deployed stack or a real WTA live in {@code cli.ops} and
 * need only shared/ and the AWS SDK; demo, local, run and bench reach the testkit and the benchmarks.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        if (argv.length > 0 && argv[0].equals("bench")) {
            // Figures of the integration, not of the local IAM check in front of the local DynamoDB (the tests keep it).
            System.setProperty(com.winthorvd.testkit.stack.LocalAws.IAM_CHECK_PROPERTY, "false");
        }
        System.exit(run(argv, System.out, System.err, System.getenv()));
    }

    public static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env) {
        return commandLine(out, err, env, Clock.systemUTC(), StopSignal::onShutdown).execute(argv);
    }

    /** The root: a command is needed. */
    @Command(name = "winthor-vd", synopsisSubcommandLabel = "COMMAND",
            description = "The WinThor to Venda Digital integration: try it locally, check a WTA, operate a deployed stack.")
    static final class Group implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), spec.qualifiedName() + " needs a command");
        }
    }

    /** -h / --help on every command. */
    static final class HelpOption {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this command's help.")
        boolean help;
    }

    /** The whole command tree, each command built with what it needs. */
    static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env, Clock clock, Supplier<StopSignal> stop) {
        OperationsCommand operations = new OperationsCommand(out, env, clock);
        OrderCommand order = new OrderCommand(out, env);
        CatalogAdminCommand catalogAdmin = new CatalogAdminCommand(out, env);
        CatalogCommand catalog = new CatalogCommand(out, env, catalogAdmin);
        ValuesCommand values = new ValuesCommand(out);
        BenchCommand bench = new BenchCommand(out);

        CommandLine root = new CommandLine(new Group());
        root.addSubcommand(new DemoCommand(out));
        root.addSubcommand(group("local", "The whole integration running locally.", new LocalUpCommand(out, env, stop)));
        root.addSubcommand(new CheckCommand(out, env));
        root.addSubcommand(group("store", "The store's side of the integration.",
                group("hook", "The store's order hook.", new StoreCommand(out, env))));
        for (Object command : new Object[] {operations.new StatusCommand(), operations.new RunsCommand(), operations.new RejectionsCommand(),
                operations.new LogsCommand(), operations.new ExplainCommand(), operations.new RedriveCommand()}) {
            root.addSubcommand(command);
        }
        root.addSubcommand(new PanelCommand(out, env, clock, stop));
        root.addSubcommand(group("order", "A store order in a deployed stack.", order.new ShowCommand(), order.new RetryCommand()));
        root.addSubcommand(group("catalog", "What a catalog sync would do, and the catalog's administration in a deployed stack.",
                catalog.new PlanCommand(), catalogAdmin.new ResetCommand(), catalogAdmin.new DeactivateCommand()));
        root.addSubcommand(group("run", "One flow's run on the local world.", catalog.new SyncCommand(),
                named(values.new SyncCommand(ValuesBench.STOCK), ValuesCommand.names().get(ValuesBench.STOCK)),
                named(values.new SyncCommand(ValuesBench.PRICE), ValuesCommand.names().get(ValuesBench.PRICE))));
        root.addSubcommand(group("bench", "Benchmarks that print figures (never timed unit tests).", bench.new ColdStartCommand(),
                bench.new SimulatorsCommand(), bench.new CatalogBenchCommand(), bench.new StockBenchCommand(), bench.new PriceBenchCommand(),
                bench.new OrdersBenchCommand()));
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().name("completion").usageMessage().hidden(false).description(
                "Prints the bash/zsh completion script: source <(./winthor-vd completion), or save it in /etc/bash_completion.d.");
        root.addSubcommand(completion);
        root.addSubcommand(new CommandLine.HelpCommand());
        withHelp(root);

        root.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        root.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof UsageException) {
                command.getErr().println("winthor-vd: " + e.getMessage());
                command.usage(command.getErr());
                return CommandLine.ExitCode.USAGE;
            }
            command.getErr().println(command.getCommandSpec().qualifiedName() + " failed: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        });
        return root;
    }

    /** A command whose class serves several: its name and description as given. */
    private static CommandLine named(Object command, String[] nameAndDescription) {
        CommandLine named = new CommandLine(command);
        named.getCommandSpec().name(nameAndDescription[0]).usageMessage().description(nameAndDescription[1]);
        return named;
    }

    private static CommandLine group(String name, String description, Object... commands) {
        CommandLine group = new CommandLine(new Group());
        group.getCommandSpec().name(name).usageMessage().description(description);
        for (Object command : commands) {
            group.addSubcommand(command);
        }
        return group;
    }

    private static void withHelp(CommandLine command) {
        if (command.getCommandSpec().optionsMap().get("--help") == null) {
            command.getCommandSpec().addMixin("help", CommandSpec.forAnnotatedObject(new HelpOption()));
        }
        command.getSubcommands().values().forEach(Main::withHelp);
    }
}
