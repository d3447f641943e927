package com.winthorvd.shared.price;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.catalog.CatalogState;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.run.LeasedScan;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.ScanResult;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.sync.PendingSkus;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WinThorClient;
import com.winthorvd.shared.winthor.WinThorException;
import com.winthorvd.shared.winthor.model.PriceItem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Queues the prices that changed. WinThor's price/list has no lastChange, so the full run reads every branch in every
 * region and compares each row's hash with what the state says was published; the frequent run only reads the
 * products of SKUs the catalog flow has just created ({@code PENDING#price-sync}). A full run short of time saves the
 * branch and page it reached and the next firing goes on from there.
 */
public final class PriceScanService {
    public static final String FLOW = "price-sync";

    private final PriceSettings settings;
    private final WinThorApi winthor;
    private final StateTable table;
    private final Consumer<List<PriceMessage>> queue;
    private final RunLog runLog;
    private final Clock clock;
    private final JsonLog log;

    public PriceScanService(PriceSettings settings, WinThorApi winthor, StateTable table, Consumer<List<PriceMessage>> queue,
                            RunLog runLog, Clock clock, JsonLog log) {
        this.settings = settings;
        this.winthor = winthor;
        this.table = table;
        this.queue = queue;
        this.runLog = runLog;
        this.clock = clock;
        this.log = log;
    }

    public ScanResult scan(boolean full, Supplier<Duration> remaining) {
        Duration initial = remaining.get();
        return LeasedScan.run(table, runLog, clock, FLOW, initial, (run, errors) -> {
            long version = clock.instant().toEpochMilli();
            try {
                pending(version, run);
                return full ? full(version, run, remaining, initial.dividedBy(10)) : "COMPLETED";
            } catch (WinThorException e) {
                errors.add("price list: " + e.getMessage());
                log.warn("price", "WinThor's prices could not be read; the next run reads them again", Map.of("error", e.getMessage()));
                return "FAILED";
            }
        });
    }

    private String full(long version, RunLog.Run run, Supplier<Duration> remaining, Duration reserve) {
        Item checkpoint = table.get(Keys.checkpoint(FLOW), Keys.ONE, StateTable.Read.CONSISTENT).orElse(null);
        int firstBranch = checkpoint == null ? 0 : checkpoint.number("branchIndex").orElse(0L).intValue();
        int firstPage = checkpoint == null ? 1 : checkpoint.number("page").orElse(1L).intValue();
        boolean started = false;
        for (int b = Math.min(firstBranch, settings.branches().size()); b < settings.branches().size(); b++) {
            WinThorApi.Feed feed = WinThorApi.priceFeed(settings.branches().get(b), settings.perPackaging(), null);
            for (int page = b == firstBranch ? firstPage : 1; ; page++) {
                if (started && remaining.get().compareTo(reserve) < 0) {
                    table.put(Item.key(Keys.checkpoint(FLOW), Keys.ONE).with("branchIndex", b).with("page", page)
                            .with("runId", run.runId()));
                    return "PARTIAL";
                }
                started = true;
                WinThorClient.Page read = winthor.page(feed, null, page);
                List<PriceItem> rows = new ArrayList<>();
                read.items().forEach(node -> rows.add(PriceItem.from((JsonNode) node)));
                process(rows, version, run);
                if (!read.hasNext()) {
                    break;
                }
            }
        }
        if (checkpoint != null) {
            table.deleteIf(Keys.checkpoint(FLOW), Keys.ONE, Condition.of("attribute_exists(pk)"));
        }
        return "COMPLETED";
    }

    /** SKUs the catalog flow created since the last run: their products' prices read directly, per branch. */
    private void pending(long version, RunLog.Run run) {
        PendingSkus pending = PendingSkus.take(table, FLOW);
        if (pending.size() == 0) {
            return;
        }
        List<PriceItem> rows = new ArrayList<>();
        for (long product : pending.products()) {
            for (String branch : settings.branches()) {
                winthor.items(WinThorApi.priceFeed(branch, settings.perPackaging(), product), null)
                        .forEachRemaining(node -> rows.add(PriceItem.from(node)));
            }
        }
        process(rows, version, run);
        run.count("sku", "read_after_create", pending.size());
        pending.done();
    }

    /**
     * Compares each row with what was published (one batch read of the SKUs' price items) and looks up the store id
     * only of the rows that changed: a full read without changes costs one key per SKU, not two.
     */
    private void process(List<PriceItem> rows, long version, RunLog.Run counts) {
        Map<String, Item> published = table.batchGet(rows.stream().map(row -> Item.key(Keys.price(row.skuKey()), Keys.ONE)).toList(),
                StateTable.Read.EVENTUAL);
        List<PriceItem> changed = new ArrayList<>();
        for (PriceItem row : rows) {
            Item item = published.get(Keys.price(row.skuKey()) + "|" + Keys.ONE);
            String priceTable = settings.tables().table(row.branchId(), row.regionId());
            String hash = PriceMessage.hash(row, priceTable, settings.isBase(row.branchId(), row.regionId()));
            if (item != null && hash.equals(item.string(PriceState.hash(priceTable)).orElse(null))) {
                counts.count("price", "unchanged", 1);
            } else {
                changed.add(row);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        Map<String, Item> skus = table.batchGet(changed.stream().map(row -> CatalogState.skuMapKey(row.skuKey())).toList(),
                StateTable.Read.EVENTUAL);
        List<PriceMessage> messages = new ArrayList<>();
        for (PriceItem row : changed) {
            Optional<Long> storeId = CatalogState.storeSkuId(skus, row.skuKey());
            if (storeId.isEmpty()) {
                counts.count("price", "not_in_store", 1);
                continue;
            }
            messages.add(PriceMessage.of(row, storeId.get(), settings.tables().table(row.branchId(), row.regionId()),
                    settings.isBase(row.branchId(), row.regionId()), version));
        }
        if (!messages.isEmpty()) {
            queue.accept(messages);
            counts.count("price", "queued", messages.size());
        }
    }

}
