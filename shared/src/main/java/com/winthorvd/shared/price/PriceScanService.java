package com.winthorvd.shared.price;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.catalog.CatalogState;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.run.Checkpoint;
import com.winthorvd.shared.run.ResumableScan;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunStatus;
import com.winthorvd.shared.run.ScanResult;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.sync.PendingSkus;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WinThorClient;
import com.winthorvd.shared.winthor.WinThorException;
import com.winthorvd.shared.winthor.WtaConventions;
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
        return new ResumableScan(table, runLog, clock, FLOW).run(full, remaining, scan -> {
            long version = clock.instant().toEpochMilli();
            try {
                pending(version, scan);
                return full ? full(version, scan) : RunStatus.COMPLETED;
            } catch (WinThorException e) {
                scan.error("price list: " + e.getMessage());
                log.warn("price", "WinThor's prices could not be read; the next run reads them again", Map.of("error", e.getMessage()));
                return RunStatus.FAILED;
            }
        });
    }

    /** Where a full read stands: the branch (its index in the configuration) and the page within it. */
    record Place(int branch, int page) implements Checkpoint {
        static Place read(Item item) {
            return new Place(item.number("branchIndex").orElse(0L).intValue(), item.number("page").orElse(1L).intValue());
        }

        @Override
        public Item write(Item into) {
            return into.with("branchIndex", branch).with("page", page);
        }
    }

    private RunStatus full(long version, ResumableScan.Scan scan) {
        Place place = scan.checkpoint(FLOW, Place::read).orElse(new Place(0, WtaConventions.FIRST_PAGE));
        for (int b = place.branch(); b < settings.branches().size(); b++) {
            WinThorApi.Feed feed = WinThorApi.priceFeed(settings.branches().get(b), settings.perPackaging(), null);
            for (int page = b == place.branch() ? place.page() : WtaConventions.FIRST_PAGE; ; page++) {
                if (!scan.another()) {
                    scan.save(FLOW, new Place(b, page));
                    return RunStatus.PARTIAL;
                }
                WinThorClient.Page read = winthor.page(feed, null, page);
                process(rows(read.items(), settings.branches().get(b), scan), version, scan);
                if (!read.hasNext()) {
                    break;
                }
                scan.save(FLOW, new Place(b, page + 1));
            }
            scan.save(FLOW, new Place(b + 1, WtaConventions.FIRST_PAGE));
        }
        scan.clear(FLOW);
        return RunStatus.COMPLETED;
    }

    /** SKUs the catalog flow created since the last run: their products' prices read directly, per branch. */
    private void pending(long version, ResumableScan.Scan run) {
        PendingSkus pending = PendingSkus.take(table, FLOW);
        if (pending.size() == 0) {
            return;
        }
        List<PriceItem> rows = new ArrayList<>();
        for (long product : pending.products()) {
            for (String branch : settings.branches()) {
                List<JsonNode> nodes = new ArrayList<>();
                winthor.items(WinThorApi.priceFeed(branch, settings.perPackaging(), product), null).forEachRemaining(nodes::add);
                rows.addAll(rows(nodes, branch, run));
            }
        }
        process(rows, version, run);
        run.count("sku", "read_after_create", pending.size());
        pending.done();
    }

    /**
     * The page's rows; one that names no SKU or is malformed is left out with its reason in the run log, so one bad
     * row never stops the branch's read.
     */
    private static List<PriceItem> rows(List<JsonNode> nodes, String branch, ResumableScan.Scan scan) {
        List<PriceItem> rows = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            try {
                rows.add(PriceItem.from(node, branch));
            } catch (IllegalArgumentException e) {
                scan.count("price", "invalid", 1);
                scan.error(Reason.PRICE_ROW_WITHOUT_SKU.message(List.of(branch,
                        String.valueOf(com.winthorvd.shared.winthor.model.WtaFields.text(node, "priceRegion", "regionId")), e.getMessage())));
            }
        }
        return rows;
    }

    /**
     * Compares each row with what was published (one batch read of the SKUs' price items) and looks up the store id
     * only of the rows that changed: a full read without changes costs one key per SKU, not two.
     */
    private void process(List<PriceItem> rows, long version, ResumableScan.Scan counts) {
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
