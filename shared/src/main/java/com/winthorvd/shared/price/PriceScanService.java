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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Queues the prices that changed, one message per SKU with every table of it that changed. WinThor's price/list has no
 * lastChange, so the full run reads every branch in every region and compares each row's hash with what the state says
 * was published; the frequent run only reads the products of SKUs the catalog flow has just created
 * ({@code PENDING#price-sync}). The full run reads page N of every branch before page N+1 of any: WinThor lists the
 * same products in the same order in each branch, so a SKU's rows of all branches meet in one step and its changed
 * tables go out in one message (one store call). A full run short of time saves the page it reached and the branches
 * already read to their end, and the next firing goes on from there.
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

    /**
     * Where a full read stands: the page every branch not yet read to its end goes on from, and the branches (their
     * indexes in the configuration) that are. A checkpoint of the older layout (branch by branch) starts over: a full
     * read again is harmless, as unchanged rows are not queued.
     */
    record Place(int page, java.util.Set<Integer> finished) implements Checkpoint {
        static Place read(Item item) {
            if (item.number("alignedPage").isEmpty()) {
                return new Place(WtaConventions.FIRST_PAGE, java.util.Set.of());
            }
            return new Place(item.number("alignedPage").orElseThrow().intValue(),
                    item.list("finishedBranches").stream().map(Integer::valueOf).collect(java.util.stream.Collectors.toSet()));
        }

        @Override
        public Item write(Item into) {
            return into.with("alignedPage", page).withList("finishedBranches", finished.stream().sorted().map(String::valueOf).toList());
        }
    }

    private RunStatus full(long version, ResumableScan.Scan scan) {
        Place place = scan.checkpoint(FLOW, Place::read).orElse(new Place(WtaConventions.FIRST_PAGE, java.util.Set.of()));
        java.util.Set<Integer> finished = new java.util.HashSet<>(place.finished());
        for (int page = place.page(); finished.size() < settings.branches().size(); page++) {
            if (!scan.another()) {
                scan.save(FLOW, new Place(page, finished));
                return RunStatus.PARTIAL;
            }
            List<PriceItem> rows = new ArrayList<>();
            for (int b = 0; b < settings.branches().size(); b++) {
                if (finished.contains(b)) {
                    continue;
                }
                String branch = settings.branches().get(b);
                WinThorClient.Page read = winthor.page(WinThorApi.priceFeed(branch, settings.perPackaging(), null), null, page);
                rows.addAll(rows(read.items(), branch, scan));
                if (!read.hasNext()) {
                    finished.add(b);
                }
            }
            process(rows, version, scan);
            scan.save(FLOW, new Place(page + 1, finished));
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
     * only of the rows that changed: a full read without changes costs one key per SKU, not two. The changed rows of
     * one SKU become one message.
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
        Map<String, List<PriceMessage.TablePrice>> bySku = new java.util.LinkedHashMap<>();
        for (PriceItem row : changed) {
            if (CatalogState.storeSkuId(skus, row.skuKey()).isEmpty()) {
                counts.count("price", "not_in_store", 1);
                continue;
            }
            bySku.computeIfAbsent(row.skuKey(), k -> new ArrayList<>()).add(PriceMessage.TablePrice.of(row,
                    settings.tables().table(row.branchId(), row.regionId()), settings.isBase(row.branchId(), row.regionId())));
        }
        List<PriceMessage> messages = new ArrayList<>();
        bySku.forEach((sku, tables) -> messages.add(new PriceMessage(sku, CatalogState.storeSkuId(skus, sku).orElseThrow(), tables, version)));
        if (!messages.isEmpty()) {
            queue.accept(messages);
            counts.count("price", "queued", bySku.values().stream().mapToInt(List::size).sum());
            counts.count("price", "messages", messages.size());
        }
    }

}
