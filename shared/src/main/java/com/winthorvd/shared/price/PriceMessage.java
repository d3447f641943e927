package com.winthorvd.shared.price;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.store.StorePort.FixedPrice;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.util.Hash;
import com.winthorvd.shared.winthor.model.PriceItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One SKU's prices to publish: the rows of one or more of its (branch, price region) pairs, each for that pair's store
 * price table (one of them the SKU's base price when {@code base}). The scan puts every table of a SKU that changed
 * together in one message, so the apply can publish them in one store call. {@code version} is the start of the scan
 * that read them; each table's {@code hash} is the content the state compares with, so an unchanged row is never sent
 * again.
 */
public record PriceMessage(String sku, long storeSkuId, List<TablePrice> tables, long version) {

    public PriceMessage {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a price message of SKU " + sku + " without a price table");
        }
        tables = List.copyOf(tables);
    }

    /** A price that cannot be published: the reason's parameters. */
    public record Rejection(Reason reason, List<String> params) {
    }

    /** One price table's row of the SKU: WinThor's row, its store table, whether it is the base row, its hash. */
    public record TablePrice(String table, boolean base, PriceItem row, String hash) {
        public static TablePrice of(PriceItem row, String table, boolean base) {
            return new TablePrice(table, base, row, PriceMessage.hash(row, table, base));
        }

        /** Any price WinThor gives that is zero or negative: never published, whatever else the row carries. */
        public Optional<Rejection> rejection() {
            String[][] checks = {{"Preço", "price"}, {"Preço de oferta", "offer"}, {"Preço de atacado", "wholesale"}};
            BigDecimal[] values = {row.price(), row.offerPrice(), row.wholesalePrice()};
            for (int i = 0; i < values.length; i++) {
                boolean missing = i == 0 && values[i] == null;
                if (missing || values[i] != null && values[i].signum() <= 0) {
                    return Optional.of(new Rejection(Reason.PRICE_NOT_POSITIVE, List.of(checks[i][0], row.skuKey(), row.branchId(),
                            row.regionId(), missing ? "sem preço" : values[i].setScale(2, RoundingMode.HALF_EVEN).toPlainString(), table)));
                }
            }
            return Optional.empty();
        }

        /**
         * The fixed prices of this table: the price from one pack; the offer within its dates (WinThor's local time in
         * {@code zone}) unless it is over; the wholesale price from its minimum quantity of packs, when that is above 1.
         */
        public List<FixedPrice> fixedPrices(ZoneId zone, Instant now) {
            List<FixedPrice> prices = new ArrayList<>();
            prices.add(new FixedPrice(table, row.price(), 1, null, null));
            if (row.offerPrice() != null && row.offerEnd() != null) {
                Instant to = row.offerEnd().atZone(zone).toInstant();
                if (to.isAfter(now)) {
                    Instant from = row.offerStart() == null ? now : row.offerStart().atZone(zone).toInstant();
                    prices.add(new FixedPrice(table, row.offerPrice(), 1, from, to));
                }
            }
            if (row.wholesalePrice() != null && row.wholesaleMinQuantity() != null) {
                int minimum = row.wholesaleMinQuantity().setScale(0, RoundingMode.CEILING).intValueExact();
                if (minimum > 1) {
                    prices.add(new FixedPrice(table, row.wholesalePrice(), minimum, null, null));
                }
            }
            return prices;
        }

        private void write(ObjectNode node) {
            node.put("table", table);
            node.put("base", base);
            node.put("branch", row.branchId());
            node.put("region", row.regionId());
            node.put("productId", row.productId());
            node.put("price", text(row.price()));
            node.put("offerPrice", text(row.offerPrice()));
            node.put("offerStart", row.offerStart() == null ? null : row.offerStart().toString());
            node.put("offerEnd", row.offerEnd() == null ? null : row.offerEnd().toString());
            node.put("wholesalePrice", text(row.wholesalePrice()));
            node.put("wholesaleMinQuantity", text(row.wholesaleMinQuantity()));
            node.put("hash", hash);
        }

        private static TablePrice read(String sku, JsonNode node) {
            for (String field : new String[] {"table", "branch", "region", "hash"}) {
                if (!node.hasNonNull(field)) {
                    throw new IllegalArgumentException("price message without \"" + field + "\"");
                }
            }
            PriceItem row = new PriceItem(sku, node.path("productId").asLong(), node.get("branch").asText(),
                    node.get("region").asText(), decimal(node, "price"), decimal(node, "offerPrice"), date(node, "offerStart"),
                    date(node, "offerEnd"), decimal(node, "wholesalePrice"), decimal(node, "wholesaleMinQuantity"));
            return new TablePrice(node.get("table").asText(), node.path("base").asBoolean(false), row, node.get("hash").asText());
        }
    }

    /** A message of one table. */
    public static PriceMessage of(PriceItem row, long storeSkuId, String table, boolean base, long version) {
        return new PriceMessage(row.skuKey(), storeSkuId, List.of(TablePrice.of(row, table, base)), version);
    }

    /** What the state compares: the row's prices and dates (scale ignored), its table and whether it is the base row. */
    public static String hash(PriceItem row, String table, boolean base) {
        return Hash.of(String.join("|", table, Boolean.toString(base), plain(row.price()), plain(row.offerPrice()),
                String.valueOf(row.offerStart()), String.valueOf(row.offerEnd()), plain(row.wholesalePrice()),
                plain(row.wholesaleMinQuantity())));
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    /** The FIFO deduplication id: the same SKU, version and tables' contents sent again (a resumed scan) is dropped. */
    public String deduplicationId() {
        StringBuilder key = new StringBuilder(sku).append('|').append(version);
        tables.forEach(t -> key.append('|').append(t.table()).append('=').append(t.hash()));
        return Hash.of(key.toString());
    }

    public String toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("sku", sku);
        node.put("storeSkuId", storeSkuId);
        node.put("version", version);
        ArrayNode array = node.putArray("tables");
        tables.forEach(t -> t.write(array.addObject()));
        return Json.write(node);
    }

    /** A message; one written before messages carried several tables (the table's fields at the top) is read as one table. */
    public static PriceMessage parse(String body) {
        JsonNode node = Json.read(body);
        for (String field : new String[] {"sku", "storeSkuId", "version"}) {
            if (!node.hasNonNull(field)) {
                throw new IllegalArgumentException("price message without \"" + field + "\"");
            }
        }
        String sku = node.get("sku").asText();
        List<TablePrice> tables = new ArrayList<>();
        if (node.has("tables")) {
            node.get("tables").forEach(t -> tables.add(TablePrice.read(sku, t)));
        } else {
            tables.add(TablePrice.read(sku, node));
        }
        return new PriceMessage(sku, node.get("storeSkuId").asLong(), tables, node.get("version").asLong());
    }

    /** Money travels as text, so its scale (12.90) survives; a number is read as well. */
    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return node.hasNonNull(field) ? new BigDecimal(node.get(field).asText()) : null;
    }

    private static LocalDateTime date(JsonNode node, String field) {
        return node.hasNonNull(field) ? LocalDateTime.parse(node.get(field).asText()) : null;
    }
}
