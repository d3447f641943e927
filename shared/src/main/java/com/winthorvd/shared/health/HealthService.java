package com.winthorvd.shared.health;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunRecord;
import com.winthorvd.shared.run.RunStatus;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StoreCheck;
import com.winthorvd.shared.winthor.TokenSource;
import com.winthorvd.shared.winthor.WtaCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Routine 812, every few minutes: the same login, WTA services, versions and branches check as {@code check}, and the
 * store's. Each service's state goes to a {@code SERVICE#<name>} item (online, version, response time, checked at,
 * online since, consecutive offline checks); a version change is kept as an event item beside it; and each check is
 * published as metrics (ServiceOnline per service, RequiredServicesOffline, WinThorLoginRefused, StoreUnreachable),
 * which the alarms watch.
 */
public final class HealthService {
    public static final String FLOW = "health";
    /** The store's item beside the WTA services'. */
    public static final String STORE = "store";
    static final Duration EVENT_RETENTION = Duration.ofDays(90);

    private final WtaCheck wta;
    private final String user;
    private final TokenSource tokens;
    private final List<String> branches;
    private final StoreCheck store;
    private final Map<String, String> branchWarehouses;
    private final StateTable table;
    private final RunLog runLog;
    private final JsonLog log;
    private final Clock clock;

    /**
     * @param tokens the integration's shared token (renewed by a login only when it has expired)
     * @param branchWarehouses branch -> the store warehouse its stock goes to (the store check looks each one up)
     */
    public HealthService(WtaCheck wta, String user, TokenSource tokens, List<String> branches, StoreCheck store,
                         Map<String, String> branchWarehouses, StateTable table, RunLog runLog, JsonLog log, Clock clock) {
        this.wta = wta;
        this.user = user;
        this.tokens = tokens;
        this.branches = List.copyOf(branches);
        this.store = store;
        this.branchWarehouses = Map.copyOf(branchWarehouses);
        this.table = table;
        this.runLog = runLog;
        this.log = log;
        this.clock = clock;
    }

    /** One service as the check left it: its item's fields. */
    public record ServiceState(String name, boolean online, String version, long millis, String checkedAt, String onlineSince,
                               long offlineChecks, String detail) {
        static ServiceState from(Item item) {
            return new ServiceState(item.string("name").orElse(item.pk().substring(PREFIX.length())),
                    item.string("online").map(Boolean::parseBoolean).orElse(false), item.string("version").orElse("unknown"),
                    item.number("millis").orElse(0L), item.string("checkedAt").orElse(null), item.string("onlineSince").orElse(null),
                    item.number("offlineChecks").orElse(0L), item.string("detail").orElse(""));
        }
    }

    /** What a check found: each WTA service and the store, the login, and the run it was logged as. */
    public record Report(List<ServiceState> services, boolean loginAccepted, String loginDetail, RunRecord run) {
        public boolean healthy() {
            return loginAccepted && services.stream().allMatch(ServiceState::online);
        }
    }

    static final String PREFIX = Keys.service("");

    /** The services' items as the last check left them (the CLI's status reads them): the WTA services, then the store. */
    public static List<ServiceState> lastStates(StateTable table, List<String> names) {
        List<ServiceState> out = new ArrayList<>();
        for (String name : names) {
            table.get(Keys.service(name), Keys.ONE, StateTable.Read.EVENTUAL).map(ServiceState::from).ifPresent(out::add);
        }
        return out;
    }

    public Report check() {
        RunLog.Run run = runLog.start(FLOW, null);
        Instant now = clock.instant();
        WtaCheck.Report wtaReport = wta.run(user, tokens, branches);
        StoreCheck.Report storeReport = store.run(branchWarehouses);
        List<ServiceState> states = new ArrayList<>();
        long offline = 0;
        for (WtaCheck.ServiceStatus service : wtaReport.services()) {
            ServiceState state = record(service.name(), service.online(), service.installedVersion(), service.millis(),
                    service.detail(), now, run);
            states.add(state);
            log.metrics(Map.of("Service", service.name()), Map.of("ServiceOnline", service.online() ? 1 : 0));
            offline += service.online() ? 0 : 1;
        }
        String storeDetail = storeReport.detail() + (storeReport.warehouses().stream().anyMatch(w -> !w.present())
                ? "; warehouses missing: " + storeReport.warehouses().stream().filter(w -> !w.present())
                .map(w -> w.warehouse() + " (branch " + w.branch() + ")").toList() : "");
        states.add(record(STORE, storeReport.ok(), "-", 0, storeDetail, now, run));
        boolean loginRefused = !wtaReport.login().ok();
        log.metrics(Map.of(), Map.of("RequiredServicesOffline", offline, "WinThorLoginRefused", loginRefused ? 1 : 0,
                "StoreUnreachable", storeReport.ok() ? 0 : 1));
        run.count("service", "online", states.stream().filter(ServiceState::online).count());
        run.count("service", "offline", states.stream().filter(s -> !s.online()).count());
        if (loginRefused) {
            run.error("WinThor login: " + wtaReport.login().message());
        }
        states.stream().filter(s -> !s.online()).forEach(s -> run.error(s.name() + " offline: " + s.detail()));
        RunRecord record = run.finish(loginRefused || offline > 0 || !storeReport.ok() ? RunStatus.PARTIAL : RunStatus.COMPLETED, null);
        return new Report(states, !loginRefused, wtaReport.login().message(), record);
    }

    /** Writes the service's item from this check and the one before; a version change becomes an event item. */
    private ServiceState record(String name, boolean online, String answered, long millis, String detail, Instant now, RunLog.Run run) {
        ServiceState before = table.get(Keys.service(name), Keys.ONE, StateTable.Read.CONSISTENT).map(ServiceState::from).orElse(null);
        // Routine 801's back end not answering this time ("unknown") does not forget the version last seen.
        String version = "unknown".equals(answered) && before != null ? before.version() : answered;
        String onlineSince = !online ? null : before != null && before.online() && before.onlineSince() != null ? before.onlineSince() : now.toString();
        long offlineChecks = online ? 0 : (before == null ? 0 : before.offlineChecks()) + 1;
        ServiceState state = new ServiceState(name, online, version, millis, now.toString(), onlineSince, offlineChecks, detail);
        Item item = Item.key(Keys.service(name), Keys.ONE).with("name", name).with("online", Boolean.toString(online))
                .with("version", version).with("millis", millis).with("checkedAt", now.toString())
                .with("offlineChecks", offlineChecks).with("detail", detail);
        if (onlineSince != null) {
            item.with("onlineSince", onlineSince);
        }
        table.put(item);
        boolean versionKnown = version != null && !version.equals("unknown") && !version.equals("-");
        if (before != null && versionKnown && !before.version().equals("unknown") && !before.version().equals(version)) {
            table.put(Item.key(Keys.service(name), "EVENT#" + now).with("name", name).with("event", "version")
                    .with("from", before.version()).with("to", version)
                    .with(Keys.TTL_ATTRIBUTE, now.plus(EVENT_RETENTION).getEpochSecond()));
            run.count("service", "version_changed", 1);
            log.info(Keys.service(name), name + " version changed from " + before.version() + " to " + version,
                    Map.of("from", before.version(), "to", version));
        }
        if (before != null && before.online() != online) {
            log.warn(Keys.service(name), name + (online ? " back online" : " went offline: " + detail), Map.of("online", online));
        }
        return state;
    }
}
