package com.winthorvd.shared.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.catalog.CatalogState;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.run.LeasedScan;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.ScanResult;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.state.Watermark;
import com.winthorvd.shared.sync.PendingSkus;
import com.winthorvd.shared.util.Hash;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WinThorClient;
import com.winthorvd.shared.winthor.WinThorException;
import com.winthorvd.shared.winthor.model.StockItem;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
    private final JsonLog log;

    public StockScanService(StockSettings settings, WinThorApi winthor, StateTable table, Consumer<List<StockMessage>> queue,
                            RunLog runLog, java.util.function.Supplier<Reservations> reservations, Clock clock, JsonLog log) {
        this.settings = settings;
        this.winthor = winthor;
        this.table = table;
        this.queue = queue;
        this.runLog = runLog;
        this.reservations = reservations;
        this.clock = clock;
        this.log = log;
    }

    String fingerprint() {
        return Hash.of(String.join("|", settings.branches().toString(), settings.warehouses().toString(),
                settings.sharePercent().toString(), settings.safetyUnits().toString(), Boolean.toString(settings.perPackaging())));
    }

    public ScanResult scan(Supplier<Duration> remaining) {
        Duration initial = remaining.get();
        return LeasedScan.run(table, runLog, clock, FLOW, initial, (run, errors) -> {
            String status = "COMPLETED";
            try {
                long version = clock.instant().toEpochMilli();
                Reservations reserved = reservations.get(); // once a scan: the open orders' packs now
                pending(version, reserved, run);
                String fingerprint = fingerprint();
                Watermark watermark = new Watermark(table, FLOW);
                LocalDateTime since = watermark.since(fingerprint).orElse(null);
                WinThorApi.Feed feed = WinThorApi.stockFeed(settings.branches(), settings.perPackaging());
                LocalDateTime maxSeen = null;
                Duration reserve = initial.dividedBy(10);
                for (int page = 1; ; page++) {
                    if (page > 1 && remaining.get().compareTo(reserve) < 0) {
                        // The watermark stays: the next run reads again from it (setting an inventory twice is harmless).
                        status = "PARTIAL";
                        break;
                    }
                    WinThorClient.Page read = winthor.page(feed, since, page);
                    List<StockItem> items = new ArrayList<>();
                    for (JsonNode node : read.items()) {
                        StockItem item = StockItem.from(node);
                        items.add(item);
                        if (item.lastChange() != null && (maxSeen == null || item.lastChange().isAfter(maxSeen))) {
                            maxSeen = item.lastChange();
                        }
                    }
                    process(items, version, reserved, run);
                    if (!read.hasNext()) {
                        break;
                    }
                }
                if (status.equals("COMPLETED")) {
                    watermark.move(maxSeen == null ? since : maxSeen.minus(OVERLAP), run.runId(), fingerprint, clock.instant());
                }
            } catch (WinThorException e) {
                status = "FAILED";
                errors.add("stock feed: " + e.getMessage());
                log.warn("stock", "the stock feed could not be read; the next run reads again from the same watermark",
                        Map.of("error", e.getMessage()));
            }
            return status;
        });
    }

    /** SKUs the catalog flow created since the last run: their products' stock read directly, per branch. */
    private void pending(long version, Reservations reserved, RunLog.Run counts) {
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

    private void process(List<StockItem> items, long scanVersion, Reservations reserved, RunLog.Run counts) {
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
            long version = item.lastChange() == null ? scanVersion : item.lastChange().toInstant(ZoneOffset.UTC).toEpochMilli();
            messages.add(new StockMessage(item.skuKey(), item.branchId(), settings.warehouse(item.branchId()),
                    storeId.get(), packs, item.unlimited(), version));
        }
        if (!messages.isEmpty()) {
            queue.accept(messages);
            counts.count("stock", "queued", messages.size());
        }
    }
}
