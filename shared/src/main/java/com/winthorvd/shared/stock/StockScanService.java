package com.winthorvd.shared.stock;

import com.winthorvd.shared.catalog.CatalogState;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.run.ResumableScan;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunStatus;
import com.winthorvd.shared.run.ScanResult;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.state.Watermark;
import com.winthorvd.shared.sync.PendingSkus;
import com.winthorvd.shared.util.Hash;
import com.winthorvd.shared.winthor.FeedCursor;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WinThorException;
import com.winthorvd.shared.winthor.model.StockItem;
import com.winthorvd.shared.winthor.model.WtaFields;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads WinThor's available stock of the configured branches since the watermark and queues the inventories whose
 * published quantity changed. SKUs not in the store yet are counted and skipped; SKUs the catalog flow has just
 * created ({@code PENDING#stock-sync}) are read directly, so a SKU created after its last stock change still gets it.
 */
public final class StockScanService {
    public static final String FLOW = "stock-sync";
    static final Duration OVERLAP = Duration.ofMinutes(5);

    private final StockSettings settings;
    private final WinThorApi winthor;
    private final StateTable table;
    private final Consumer<List<StockMessage>> queue;
    private final RunLog runLog;
    private final java.util.function.Supplier<Reservations> reservations;
    private final Clock clock;
    private final java.time.ZoneId zone;
    private final JsonLog log;

    /** @param zone WinThor's time zone: a row's lastChange is a local time there, its version that instant */
    public StockScanService(StockSettings settings, WinThorApi winthor, StateTable table, Consumer<List<StockMessage>> queue,
                            RunLog runLog, java.util.function.Supplier<Reservations> reservations, Clock clock, java.time.ZoneId zone,
                            JsonLog log) {
        this.settings = settings;
        this.winthor = winthor;
        this.table = table;
        this.queue = queue;
        this.runLog = runLog;
        this.reservations = reservations;
        this.clock = clock;
        this.zone = zone;
        this.log = log;
    }

    String fingerprint() {
        return Hash.of(String.join("|", settings.branches().toString(), settings.warehouses().toString(),
                settings.sharePercent().toString(), settings.safetyUnits().toString(), Boolean.toString(settings.perPackaging())));
    }

    /**
     * Incremental (every minute): the rows changed since the watermark. {@code full}: every row of every branch (the
     * nightly reconcile), compared with what the store confirmed, so a value refused, dead-lettered or missed earlier
     * is sent again; a read without differences sends nothing. Either read saves its place after every page
     * ({@code CHECKPOINT#stock-sync} or {@code CHECKPOINT#stock-sync-full}) and the next firing goes on from there, so
     * a backlog larger than one invocation completes.
     */
    public ScanResult scan(boolean full, Supplier<Duration> remaining) {
        return new ResumableScan(table, runLog, clock, FLOW).run(full, remaining, scan -> {
            try {
                long version = clock.instant().toEpochMilli();
                Reservations reserved = reservations.get(); // once a scan: the open orders' packs now
                pending(version, reserved, scan);
                return read(full, version, reserved, scan);
            } catch (WinThorException e) {
                scan.error("stock feed: " + e.getMessage());
                log.warn("stock", "the stock feed could not be read; the next run goes on from the same place",
                        Map.of("error", e.getMessage()));
                return RunStatus.FAILED;
            }
        });
    }

    /** Reads the feed by lastChange ({@link FeedCursor}) from the checkpoint, else from the watermark (full: from the start). */
    private RunStatus read(boolean full, long version, Reservations reserved, ResumableScan.Scan scan) {
        String fingerprint = fingerprint();
        Watermark watermark = new Watermark(table, FLOW);
        String checkpoint = full ? FLOW + "-full" : FLOW;
        FeedCursor cursor = scan.checkpoint(checkpoint, FeedCursor::read).filter(saved -> saved.fingerprint().equals(fingerprint))
                .orElseGet(() -> FeedCursor.from(full ? null : watermark.since(fingerprint).orElse(null), fingerprint));
        LocalDateTime start = cursor.since();
        boolean ended = cursor.readToEnd(scan, checkpoint, winthor, WinThorApi.stockFeed(settings.branches(), settings.perPackaging()), page -> {
            List<StockItem> items = page.stream().map(StockItem::from).toList();
            process(items, version, reserved, scan);
            return items.stream().map(StockItem::lastChange).toList();
        });
        if (!ended) {
            return RunStatus.PARTIAL;
        }
        scan.clear(checkpoint);
        if (!full) {
            watermark.move(cursor.newest().map(newest -> newest.minus(OVERLAP)).orElse(start), scan.runId(), fingerprint, clock.instant());
        }
        return RunStatus.COMPLETED;
    }

    /** SKUs the catalog flow created since the last run: their products' stock read directly, per branch. */
    private void pending(long version, Reservations reserved, ResumableScan.Scan counts) {
        PendingSkus pending = PendingSkus.take(table, FLOW);
        if (pending.size() == 0) {
            return;
        }
        List<StockItem> items = new ArrayList<>();
        for (long product : pending.products()) {
            for (String branch : settings.branches()) {
                items.addAll(winthor.stockOfProduct(branch, product));
            }
        }
        process(items, version, reserved, counts);
        counts.count("sku", "read_again", pending.size());
        pending.done();
    }

    private void process(List<StockItem> items, long scanVersion, Reservations reserved, ResumableScan.Scan counts) {
        List<Item> keys = new ArrayList<>();
        for (StockItem item : items) {
            keys.add(CatalogState.skuMapKey(item.skuKey()));
            keys.add(Item.key(Keys.stock(item.skuKey(), item.branchId()), Keys.ONE));
        }
        Map<String, Item> found = table.batchGet(keys, StateTable.Read.EVENTUAL);
        List<StockMessage> messages = new ArrayList<>();
        for (StockItem item : items) {
            Optional<Long> storeId = CatalogState.storeSkuId(found, item.skuKey());
            if (storeId.isEmpty()) {
                counts.count("stock", "not_in_store", 1);
                continue;
            }
            long packs = settings.packs(item.branchId(), item.quantity(), item.unitMultiplier(),
                    reserved.packs(item.skuKey(), item.branchId()));
            Item applied = found.get(Keys.stock(item.skuKey(), item.branchId()) + "|" + Keys.ONE);
            boolean same = applied != null && applied.number("quantity").orElse(-1L) == packs
                    && Boolean.toString(item.unlimited()).equals(applied.string("unlimited").orElse(null));
            if (same) {
                counts.count("stock", "unchanged", 1);
                continue;
            }
            long version = WtaFields.version(item.lastChange(), zone, scanVersion);
            messages.add(new StockMessage(item.skuKey(), item.branchId(), settings.warehouse(item.branchId()),
                    storeId.get(), packs, item.unlimited(), version));
        }
        if (!messages.isEmpty()) {
            queue.accept(messages);
            counts.count("stock", "queued", messages.size());
        }
    }
}
