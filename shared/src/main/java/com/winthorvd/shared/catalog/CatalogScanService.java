package com.winthorvd.shared.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.catalog.CatalogRules.Link;
import com.winthorvd.shared.catalog.CatalogRules.Status;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.run.Checkpoint;
import com.winthorvd.shared.run.ResumableScan;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunStatus;
import com.winthorvd.shared.run.ScanResult;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.state.Watermark;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WinThorClient;
import com.winthorvd.shared.winthor.WinThorException;
import com.winthorvd.shared.winthor.model.WtaFields;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the WinThor catalog feeds in dependency order, page by page since each feed's watermark, and queues only the
 * records whose content hash differs from the state. A checkpoint after every queued page lets a run stop before the
 * time limit and resume in the next invocation without missing or repeating a page; a lease keeps two scans apart.
 * A full run reads everything, stamps every record it sees, and, only when it completed without a page error,
 * queues the deactivation of mapped records it did not see (a record leaving e-commerce vanishes from the feed).
 */
public final class CatalogScanService {
    public static final String FLOW = "catalog-sync";
    /** Watermarks step back this much: WinThor commits are not ordered by lastChange. */
    static final Duration OVERLAP = Duration.ofMinutes(5);
    static final int DEACTIVATION_PAGE = 100;

    /** One feed of the scan: which entity, read from where. */
    record FeedDef(CatalogEntity entity, WinThorApi.Feed feed) {
    }

    private final CatalogSettings settings;
    private final WinThorApi winthor;
    private final CatalogState state;
    private final CatalogQueue queue;
    private final RunLog runLog;
    private final Clock clock;
    private final java.time.ZoneId zone;
    private final JsonLog log;
    private final DeactivationLimit limit;

    /** @param zone WinThor's time zone: a record's lastChange is a local time there, its version that instant */
    public CatalogScanService(CatalogSettings settings, WinThorApi winthor, CatalogState state, CatalogQueue queue, RunLog runLog,
                              Clock clock, java.time.ZoneId zone, JsonLog log, DeactivationLimit limit) {
        this.settings = settings;
        this.winthor = winthor;
        this.state = state;
        this.queue = queue;
        this.runLog = runLog;
        this.clock = clock;
        this.zone = zone;
        this.log = log;
        this.limit = limit;
    }

    static List<FeedDef> feeds(CatalogSettings settings) {
        List<FeedDef> feeds = new ArrayList<>();
        for (CatalogEntity level : List.of(CatalogEntity.DEPARTMENT, CatalogEntity.SECTION, CatalogEntity.CATEGORY)) {
            if (settings.mode().maps(level)) {
                feeds.add(new FeedDef(level, switch (level) {
                    case DEPARTMENT -> WinThorApi.departmentsFeed();
                    case SECTION -> WinThorApi.sectionsFeed();
                    default -> WinThorApi.categoriesFeed();
                }));
            }
        }
        feeds.add(new FeedDef(CatalogEntity.BRAND, WinThorApi.brandsFeed()));
        feeds.add(new FeedDef(CatalogEntity.PRODUCT, WinThorApi.productsFeed()));
        feeds.add(new FeedDef(CatalogEntity.SKU, WinThorApi.packagingsFeed(settings.packagingsPath(), settings.catalogBranch())));
        feeds.add(new FeedDef(CatalogEntity.CUSTOMER, WinThorApi.customersFeed(settings.branches())));
        return feeds;
    }

    /** Where a run stands; saved after every page. */
    private static final class Place implements Checkpoint {
        String runId;
        boolean full;
        long startedAt;
        String phase = "SCAN";
        int feed;
        int page = 1;
        String maxSeen;
        long pageErrors;
        int entity;
        String cursor;
        boolean limitChecked; // the current entity's deactivations were counted and are within the limit
        boolean held;

        @Override
        public Item write(Item into) {
            return into.with("runId", runId).with("full", Boolean.toString(full))
                    .with("startedAt", startedAt).with("phase", phase).with("feed", feed).with("page", page)
                    .with("maxSeen", maxSeen).with("pageErrors", pageErrors).with("entity", entity).with("cursor", cursor)
                    .with("limitChecked", Boolean.toString(limitChecked)).with("held", Boolean.toString(held));
        }

        static Place read(Item item) {
            Place c = new Place();
            c.runId = item.string("runId").orElseThrow();
            c.full = Boolean.parseBoolean(item.string("full").orElse("false"));
            c.startedAt = item.number("startedAt").orElse(0L);
            c.phase = item.string("phase").orElse("SCAN");
            c.feed = item.number("feed").orElse(0L).intValue();
            c.page = item.number("page").orElse(1L).intValue();
            c.maxSeen = item.string("maxSeen").orElse(null);
            c.pageErrors = item.number("pageErrors").orElse(0L);
            c.entity = item.number("entity").orElse(0L).intValue();
            c.cursor = item.string("cursor").orElse(null);
            c.limitChecked = Boolean.parseBoolean(item.string("limitChecked").orElse("false"));
            c.held = Boolean.parseBoolean(item.string("held").orElse("false"));
            return c;
        }
    }

    /**
     * Scans until done or until the time left gets short.
     *
     * @param full      a full resync (else incremental since the watermarks); a run in progress of the same or a
     *                  smaller kind is resumed first
     * @param remaining the invocation's time left (Lambda's context)
     */
    public ScanResult scan(boolean full, Supplier<Duration> remaining) {
        StateTable table = state.table();
        return new ResumableScan(table, runLog, clock, FLOW).run(full, remaining, scan -> {
            checkLock();
            Place place = scan.checkpoint(FLOW, Place::read).filter(c -> c.full || !full).orElse(null);
            if (place == null) {
                place = new Place();
                place.runId = UUID.randomUUID().toString();
                place.full = full;
                place.startedAt = clock.millis();
                if (full) {
                    // A new full run decides afresh what left: an older run's hold would deactivate what this one sees.
                    held(table, null).forEach(stale -> drop(table, stale));
                }
            } else {
                scan.count("scan", "resumed", 1);
            }
            scan.resumes(place.runId, place.full);
            return run(place, scan);
        });
    }

    /** The classifier mode and classification source are locked once mapping starts: a change needs `catalog reset`. */
    private void checkLock() {
        StateTable table = state.table();
        Item lock = Item.key(Keys.config("catalog"), Keys.ONE).with("mode", settings.mode().name())
                .with("source", settings.source().name()).with("lockedAt", clock.instant().toString());
        if (table.putIf(lock, Condition.of("attribute_not_exists(pk)"))) {
            return;
        }
        Item current = table.get(Keys.config("catalog"), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow();
        String mode = current.string("mode").orElse("");
        String source = current.string("source").orElse("");
        if (!mode.equals(settings.mode().name()) || !source.equals(settings.source().name())) {
            throw new IllegalStateException("the catalog is mapped with classifier mode " + mode + " and source " + source
                    + " (locked since " + current.string("lockedAt").orElse("?") + "), but the configuration says "
                    + settings.mode() + "/" + settings.source() + ": change it back, or run `./winthor-vd catalog reset --mode "
                    + settings.mode() + " --source " + settings.source() + "` to remap the whole catalog");
        }
    }

    /** Starts the lock over with a new mode: the next scan re-reads and re-applies every record under it. */
    public static void reset(StateTable table, ClassifierMode mode, CatalogSettings.ClassificationSource source, Clock clock) {
        table.put(Item.key(Keys.config("catalog"), Keys.ONE).with("mode", mode.name()).with("source", source.name())
                .with("lockedAt", clock.instant().toString()));
        Condition exists = Condition.of("attribute_exists(pk)");
        table.deleteIf(Keys.checkpoint(FLOW), Keys.ONE, exists);
        for (CatalogEntity entity : CatalogEntity.values()) {
            table.deleteIf(Keys.watermark(FLOW + "-" + entity.id()), Keys.ONE, exists);
        }
    }

    private RunStatus run(Place c, ResumableScan.Scan scan) {
        List<FeedDef> feeds = feeds(settings);
        String fingerprint = settings.fingerprint();
        while (c.phase.equals("SCAN") && c.feed < feeds.size()) {
            FeedDef feed = feeds.get(c.feed);
            LocalDateTime since = c.full ? null : watermark(feed.entity(), fingerprint);
            while (true) {
                if (!scan.another()) {
                    scan.save(FLOW, c);
                    return RunStatus.PARTIAL;
                }
                WinThorClient.Page page;
                String pageError;
                try {
                    page = readPage(feed, since, c.page);
                    // A full run acts on the list's end (it deactivates what it did not see): an end it cannot trust
                    // is a page error, retried from this page next time; an incremental run just stops there.
                    pageError = c.full ? page.anomaly() : null;
                } catch (WinThorException e) {
                    page = null;
                    pageError = e.getMessage();
                }
                if (pageError != null) {
                    c.pageErrors++;
                    scan.save(FLOW, c);
                    scan.error(feed.entity().id() + " page " + c.page + ": " + pageError);
                    log.warn(feed.entity().id(), "page could not be read; the run resumes here next time",
                            Map.of("page", c.page, "error", pageError));
                    return RunStatus.FAILED;
                }
                process(feed.entity(), page.items(), c, fingerprint, scan);
                if (!page.hasNext()) {
                    break;
                }
                c.page++;
                scan.save(FLOW, c);
            }
            moveWatermark(feed.entity(), c, fingerprint);
            c.feed++;
            c.page = 1;
            c.maxSeen = null;
            scan.save(FLOW, c);
        }
        if (c.full && c.pageErrors == 0) {
            c.phase = "DEACTIVATE";
            List<CatalogEntity> order = new ArrayList<>(feeds.stream().map(FeedDef::entity).toList());
            java.util.Collections.reverse(order);
            while (c.entity < order.size()) {
                if (!scan.another()) {
                    scan.save(FLOW, c);
                    return RunStatus.PARTIAL;
                }
                CatalogEntity entity = order.get(c.entity);
                if (!c.limitChecked) {
                    // Counted before anything is queued, so a short read can never take a whole entity out.
                    Unseen unseen = unseen(entity, c.runId);
                    if (unseen.count() > limit.allowed(unseen.synced())) {
                        hold(entity, unseen, c, scan);
                        c.held = true;
                        c.entity++;
                        c.cursor = null;
                        scan.save(FLOW, c);
                        continue;
                    }
                    c.limitChecked = true;
                }
                StateTable.Page page = state.table().queryIndexPage(StateTable.GSI1, CatalogState.statusPartition(entity, Status.SYNCED),
                        cursor(c.cursor), DEACTIVATION_PAGE);
                List<CatalogMessage> messages = deactivations(entity, page.items(), c.runId);
                if (!messages.isEmpty()) {
                    queue.send(messages);
                    scan.count(entity.id(), "deactivate", messages.size());
                }
                c.cursor = page.cursor() == null ? null : Json.write(page.cursor().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s())));
                if (c.cursor == null) {
                    c.entity++;
                    c.limitChecked = false;
                }
                scan.save(FLOW, c);
            }
        } else if (c.full) {
            scan.error("full run had " + c.pageErrors + " page error(s): nothing deactivated (the next full run decides)");
            scan.count("scan", "deactivation_skipped", 1);
        }
        scan.clear(FLOW);
        scan.count("scan", c.full ? "full_completed" : "incremental_completed", 1);
        return c.held ? RunStatus.DEACTIVATION_HELD : RunStatus.COMPLETED;
    }

    /** An entity's synced records and how many of them this run did not see. */
    private record Unseen(long synced, long count) {
    }

    private Unseen unseen(CatalogEntity entity, String runId) {
        long[] synced = {0};
        long[] unseen = {0};
        state.table().forEachInIndex(StateTable.GSI1, CatalogState.statusPartition(entity, Status.SYNCED), item -> {
            synced[0]++;
            if (!runId.equals(item.string("seenRun").orElse(null))) {
                unseen[0]++;
            }
        });
        return new Unseen(synced[0], unseen[0]);
    }

    /** The deactivation of each synced record of the page this run did not see, at the version it is stored with. */
    private static List<CatalogMessage> deactivations(CatalogEntity entity, List<Item> items, String runId) {
        List<CatalogMessage> messages = new ArrayList<>();
        for (Item item : items) {
            if (!runId.equals(item.string("seenRun").orElse(null))) {
                messages.add(new CatalogMessage(CatalogMessage.Op.DEACTIVATE, entity, item.string("erpKey").orElseThrow(),
                        item.number("version").orElse(0L), item.string("hash").orElse(null), runId, false, null));
            }
        }
        return messages;
    }

    private void hold(CatalogEntity entity, Unseen unseen, Place c, ResumableScan.Scan scan) {
        long allowed = limit.allowed(unseen.synced());
        state.table().put(Item.key(Keys.held(FLOW), holdKey(c.runId, entity)).with("runId", c.runId).with("entity", entity.id())
                .with("unseen", unseen.count()).with("synced", unseen.synced()).with("allowed", allowed)
                .with("heldAt", clock.instant().toString()));
        scan.count(entity.id(), "deactivation_held", unseen.count());
        String why = entity.id() + ": " + unseen.count() + " of " + unseen.synced() + " synced records were not in this full run, over the "
                + allowed + " one run may deactivate (" + limit.percent() + "%, at least " + limit.minRecords() + "): held; if WinThor"
                + " really dropped them, `./winthor-vd catalog deactivate --run " + c.runId + " --confirm` deactivates them";
        scan.error(why);
        log.metric("DeactivationsHeld", unseen.count(), entity.id(), why, Map.of("runId", c.runId, "synced", unseen.synced()));
    }

    /** What a full run held back: per entity, how many records it did not see out of how many synced. */
    public record Held(String runId, CatalogEntity entity, long unseen, long synced, long allowed, String heldAt) {
    }

    /** The deactivations held by a run (every run's with an empty id), oldest first. */
    public static List<Held> held(StateTable table, String runId) {
        return table.query(Keys.held(FLOW), runId == null ? "" : runId + "#", false, 1000).stream()
                .map(i -> new Held(i.string("runId").orElseThrow(), CatalogEntity.of(i.string("entity").orElseThrow()), i.number("unseen").orElse(0L), i.number("synced").orElse(0L),
                        i.number("allowed").orElse(0L), i.string("heldAt").orElse(""))).toList();
    }

    /**
     * Releases what a run held: queues the deactivation of every synced record of the held entities that the run did not
     * see, then forgets the hold. (The next full run drops every older hold, so a record it saw again is never taken out.)
     * Returns the deactivations queued per entity.
     */
    public static Map<CatalogEntity, Long> release(StateTable table, CatalogQueue queue, String runId) {
        Map<CatalogEntity, Long> queued = new LinkedHashMap<>();
        for (Held held : held(table, runId)) {
            long count = 0;
            Map<String, AttributeValue> cursor = null;
            do {
                StateTable.Page page = table.queryIndexPage(StateTable.GSI1, CatalogState.statusPartition(held.entity(), Status.SYNCED),
                        cursor, DEACTIVATION_PAGE);
                List<CatalogMessage> messages = deactivations(held.entity(), page.items(), runId);
                if (!messages.isEmpty()) {
                    queue.send(messages);
                    count += messages.size();
                }
                cursor = page.cursor();
            } while (cursor != null);
            queued.put(held.entity(), count);
            drop(table, held);
        }
        return queued;
    }

    /** The sort key of a run's hold on an entity: {@code <runId>#<entity>}. */
    private static String holdKey(String runId, CatalogEntity entity) {
        return runId + "#" + entity.id();
    }

    private static void drop(StateTable table, Held held) {
        table.deleteIf(Keys.held(FLOW), holdKey(held.runId(), held.entity()), Condition.of("attribute_exists(pk)"));
    }

    /** A page, read again once if the first read fails (a passing gateway error should not cost a whole run). */
    private WinThorClient.Page readPage(FeedDef feed, LocalDateTime since, int page) {
        try {
            return winthor.page(feed.feed(), since, page);
        } catch (WinThorException first) {
            if (!first.isTransient()) {
                throw first;
            }
            return winthor.page(feed.feed(), since, page);
        }
    }

    private void process(CatalogEntity entity, List<JsonNode> raw, Place c, String fingerprint, ResumableScan.Scan counts) {
        List<CatalogRecord> records = new ArrayList<>();
        List<Link> unreadable = new ArrayList<>();
        for (JsonNode node : raw) {
            try {
                records.add(CatalogRecord.of(entity, node));
            } catch (IllegalArgumentException e) {
                counts.count(entity.id(), "invalid", 1);
                String key = CatalogRecord.keyOf(entity, node).orElse(null);
                counts.error(entity.id() + (key == null ? "" : " " + key) + ": " + e.getMessage());
                if (key != null) {
                    unreadable.add(new Link(entity, key));
                }
            }
        }
        Map<String, Item> items = state.items(records.stream().map(r -> new Link(entity, r.key())).toList());
        List<CatalogMessage> messages = new ArrayList<>();
        List<Link> seen = new ArrayList<>();
        for (CatalogRecord record : records) {
            Link link = new Link(entity, record.key());
            String hash = record.hash(fingerprint);
            Item item = items.get(CatalogState.pk(link));
            String status = item == null ? null : item.string("status").orElse(null);
            boolean changed = item == null || !hash.equals(item.string("hash").orElse(null))
                    || (c.full && Status.FAILED.name().equals(status));
            long version = WtaFields.version(record.lastChange(), zone, c.startedAt);
            if (changed) {
                messages.add(new CatalogMessage(CatalogMessage.Op.APPLY, entity, record.key(), version, hash, c.runId, false, record.raw()));
            }
            if (c.full && item != null) {
                seen.add(link);
            }
            if (record.lastChange() != null) {
                String text = WtaFields.format(record.lastChange());
                if (c.maxSeen == null || text.compareTo(c.maxSeen) > 0) {
                    c.maxSeen = text;
                }
            }
        }
        counts.count(entity.id(), "read", raw.size());
        if (!messages.isEmpty()) {
            queue.send(messages);
            counts.count(entity.id(), "queued", messages.size());
        }
        counts.count(entity.id(), "unchanged", records.size() - messages.size());
        // Stamped after queueing: an item is marked seen only once its change, if any, is safely on the queue. A
        // record WinThor sent but that cannot be read is still there: seen too, so it is never deactivated for it.
        if (c.full) {
            seen.addAll(unreadable);
        }
        for (Link link : seen) {
            state.stamp(link, c.runId);
        }
    }

    private LocalDateTime watermark(CatalogEntity entity, String fingerprint) {
        return new Watermark(state.table(), FLOW + "-" + entity.id()).since(fingerprint).orElse(null);
    }

    private void moveWatermark(CatalogEntity entity, Place c, String fingerprint) {
        Watermark watermark = new Watermark(state.table(), FLOW + "-" + entity.id());
        if (c.maxSeen == null) {
            // Nothing newer was read: the watermark stays, but a new configuration still gets recorded.
            Item current = watermark.item().orElse(null);
            if (current == null ? !c.full : fingerprint.equals(current.string("fingerprint").orElse(null))) {
                return;
            }
        }
        watermark.move(c.maxSeen == null ? null : LocalDateTime.parse(c.maxSeen, WtaFields.LOCAL).minus(OVERLAP), c.runId, fingerprint,
                clock.instant());
    }

    private static Map<String, AttributeValue> cursor(String json) {
        if (json == null) {
            return null;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        Json.read(json).fields().forEachRemaining(e -> out.put(e.getKey(), AttributeValue.fromS(e.getValue().asText())));
        return out;
    }
}
