package com.winthorvd.shared.catalog;

import com.winthorvd.shared.catalog.CatalogRules.Decision;
import com.winthorvd.shared.catalog.CatalogRules.Link;
import com.winthorvd.shared.catalog.CatalogRules.ParentState;
import com.winthorvd.shared.catalog.CatalogRules.Status;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.model.Customer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a full sync would do now, without writing anything: reads every feed and the state, decides each record with
 * the same rules as the apply (parents decided in memory in dependency order), and says per entity what would be
 * created, updated, left alone, deactivated, rejected (with each reason) or left waiting.
 */
public final class CatalogPlan {
    public enum Action {
        CREATE, UPDATE, UNCHANGED, DEACTIVATE, REJECT, OUT_OF_SCOPE, WAIT;

        /** The count's name: lower case, apart from the outcomes' upper-case names. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One record the implementer has to look at: a rejection, an exclusion, a wait or a deactivation. */
    public record Line(CatalogEntity entity, String key, Action action, Reason reason, List<String> parameters) {
        public String message() {
            return reason == null ? "" : reason.message(parameters);
        }
    }

    /**
     * Counts per entity: the actions in lower case ("create", "update", "unchanged", "deactivate", "reject",
     * "out_of_scope", "wait"), and the outcomes after the run in upper case as {@link CatalogReport} counts them
     * ("SYNCED", "REJECTED:<REASON>", "OUT_OF_SCOPE", "WAITING_PARENT").
     */
    public record Result(Map<CatalogEntity, Map<String, Long>> counts, List<Line> lines) {
    }

    private final CatalogSettings settings;
    private final CatalogRules rules;
    private final WinThorApi winthor;
    private final CatalogState state;

    public CatalogPlan(CatalogSettings settings, WinThorApi winthor, CatalogState state) {
        this.settings = settings;
        this.rules = new CatalogRules(settings);
        this.winthor = winthor;
        this.state = state;
    }

    public Result plan() {
        Map<Link, ParentState> decided = new HashMap<>();
        Map<CatalogEntity, Map<String, Long>> counts = new LinkedHashMap<>();
        List<Line> lines = new ArrayList<>();
        String fingerprint = settings.fingerprint();
        for (CatalogScanService.FeedDef feed : CatalogScanService.feeds(settings)) {
            CatalogEntity entity = feed.entity();
            Map<String, Long> entityCounts = counts.computeIfAbsent(entity, e -> new TreeMap<>());
            List<CatalogRecord> records = new ArrayList<>();
            winthor.items(feed.feed(), null).forEachRemaining(node -> {
                try {
                    records.add(CatalogRecord.of(entity, node));
                } catch (IllegalArgumentException e) {
                    entityCounts.merge("invalid", 1L, Long::sum);
                }
            });
            Map<String, List<String>> emails = entity == CatalogEntity.CUSTOMER ? sharedEmails(records) : Map.of();
            Set<String> seen = new HashSet<>();
            for (int start = 0; start < records.size(); start += 100) {
                List<CatalogRecord> chunk = records.subList(start, Math.min(records.size(), start + 100));
                Map<String, Item> items = state.items(chunk.stream().map(r -> new Link(entity, r.key())).toList());
                for (CatalogRecord record : chunk) {
                    Link link = new Link(entity, record.key());
                    seen.add(record.key());
                    Decision decision = rules.decide(record, decided);
                    List<String> others = emails.getOrDefault(record.key(), List.of());
                    if (decision.status() == Status.SYNCED && !others.isEmpty()) {
                        decision = new Decision(Status.REJECTED, Reason.CUSTOMER_SHARED_EMAIL, List.of(record.key(), others.get(0)), null);
                    }
                    Item item = items.get(CatalogState.pk(link));
                    boolean inStore = item != null && "SYNCED".equals(item.string("status").orElse(null));
                    decided.put(link, new ParentState(decision.status(), decision.status() == Status.SYNCED ? "0" : null,
                            CatalogApplyService.displayName(record)));
                    Action action = switch (decision.status()) {
                        case SYNCED -> item == null || item.string("storeId").isEmpty() ? Action.CREATE
                                : inStore && record.hash(fingerprint).equals(item.string("hash").orElse(null)) ? Action.UNCHANGED : Action.UPDATE;
                        case OUT_OF_SCOPE -> inStore ? Action.DEACTIVATE : Action.OUT_OF_SCOPE;
                        case WAITING_PARENT -> Action.WAIT;
                        default -> inStore ? Action.DEACTIVATE : Action.REJECT;
                    };
                    entityCounts.merge(action.key(), 1L, Long::sum);
                    entityCounts.merge(decision.status() == Status.REJECTED ? "REJECTED:" + decision.reason().name()
                            : decision.status().name(), 1L, Long::sum);
                    if (action != Action.CREATE && action != Action.UPDATE && action != Action.UNCHANGED) {
                        lines.add(new Line(entity, record.key(), action, decision.reason(), decision.parameters()));
                    }
                }
            }
            state.table().forEachInIndex(StateTable.GSI1, CatalogState.statusPartition(entity, Status.SYNCED), item -> {
                String key = item.string("erpKey").orElse("");
                if (!seen.contains(key)) {
                    entityCounts.merge(Action.DEACTIVATE.key(), 1L, Long::sum);
                    lines.add(new Line(entity, key, Action.DEACTIVATE, Reason.LEFT_ECOMMERCE, List.of(entity.label(), key)));
                }
            });
        }
        return new Result(counts, lines);
    }

    /** Customer key -> the other customers (with another CNPJ/CPF) using its e-mail, smallest key first. */
    private static Map<String, List<String>> sharedEmails(List<CatalogRecord> customers) {
        Map<String, List<Customer>> byEmail = new HashMap<>();
        for (CatalogRecord record : customers) {
            Customer c = record.model(Customer.class);
            if (c.email() != null && c.document() != null) {
                byEmail.computeIfAbsent(CatalogState.emailKey(c.email()), k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, List<String>> out = new HashMap<>();
        for (List<Customer> users : byEmail.values()) {
            for (Customer c : users) {
                List<String> others = users.stream().filter(o -> !o.document().equals(c.document()))
                        .map(o -> Long.toString(o.id())).sorted().toList();
                if (!others.isEmpty()) {
                    out.put(Long.toString(c.id()), others);
                }
            }
        }
        return out;
    }
}
