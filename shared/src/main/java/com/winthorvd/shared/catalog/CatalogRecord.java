package com.winthorvd.shared.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.util.Hash;
import com.winthorvd.shared.winthor.model.Brand;
import com.winthorvd.shared.winthor.model.Category;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Department;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.Section;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One ERP record as a feed gave it (the raw WTA JSON travels in the queue message, so the apply side parses it with
 * the same tolerant readers) with its parsed model, key and lastChange. Parsing fails with a message naming the record.
 */
public final class CatalogRecord {
    private final CatalogEntity entity;
    private final JsonNode raw;
    private final Object model;
    private final String key;
    private final LocalDateTime lastChange;

    private CatalogRecord(CatalogEntity entity, JsonNode raw, Object model, String key, LocalDateTime lastChange) {
        this.entity = entity;
        this.raw = raw;
        this.model = model;
        this.key = key;
        this.lastChange = lastChange;
    }

    public static CatalogRecord of(CatalogEntity entity, JsonNode raw) {
        return switch (entity) {
            case DEPARTMENT -> {
                Department d = Department.from(raw);
                yield new CatalogRecord(entity, raw, d, Long.toString(d.id()), d.lastChange());
            }
            case SECTION -> {
                Section s = Section.from(raw);
                yield new CatalogRecord(entity, raw, s, Long.toString(s.id()), s.lastChange());
            }
            case CATEGORY -> {
                Category c = Category.from(raw);
                yield new CatalogRecord(entity, raw, c, c.key(), c.lastChange());
            }
            case BRAND -> {
                Brand b = Brand.from(raw);
                yield new CatalogRecord(entity, raw, b, Long.toString(b.id()), b.lastChange());
            }
            case PRODUCT -> {
                Product p = Product.from(raw);
                yield new CatalogRecord(entity, raw, p, Long.toString(p.id()), p.lastChange());
            }
            case SKU -> {
                Packaging p = Packaging.from(raw);
                yield new CatalogRecord(entity, raw, p, p.skuKey(), p.lastChange());
            }
            case CUSTOMER -> {
                Customer c = Customer.from(raw);
                yield new CatalogRecord(entity, raw, c, Long.toString(c.id()), c.lastChange());
            }
        };
    }

    /**
     * The record's key read from its identity fields alone, for a record whose body cannot be parsed: it is still seen
     * by a full run, so it is never deactivated for being unreadable. Empty when even the key cannot be read.
     */
    public static java.util.Optional<String> keyOf(CatalogEntity entity, JsonNode raw) {
        try {
            Object key = switch (entity) {
                case DEPARTMENT, SECTION, BRAND, PRODUCT -> com.winthorvd.shared.winthor.model.WtaFields.number(raw, "id");
                case CUSTOMER -> com.winthorvd.shared.winthor.model.WtaFields.number(raw, "id", "customerId");
                case CATEGORY -> {
                    Long section = Category.sectionOf(raw);
                    Long id = com.winthorvd.shared.winthor.model.WtaFields.number(raw, "id");
                    yield section == null || id == null ? null : section + "-" + id;
                }
                case SKU -> {
                    Packaging.Key k = Packaging.keyOf(raw);
                    yield k == null ? null : Packaging.skuKey(k.auxiliaryCode(), k.productId());
                }
            };
            return java.util.Optional.ofNullable(key).map(String::valueOf);
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // a key field that is not a number, say
        }
    }

    public CatalogEntity entity() {
        return entity;
    }

    public JsonNode raw() {
        return raw;
    }

    public String key() {
        return key;
    }

    /** WinThor's lastChange, or null when WinThor gave none (1900-01-01): then only the hash decides. */
    public LocalDateTime lastChange() {
        return lastChange;
    }

    @SuppressWarnings("unchecked")
    public <T> T model(Class<T> type) {
        return (T) model;
    }

    /**
     * The content hash: the record's fields in a canonical order without lastChange (a touch that changes nothing
     * sends nothing), plus the configuration fingerprint (a new mapping re-applies everything).
     */
    public String hash(String fingerprint) {
        return Hash.of(fingerprint + "|" + Json.write(canonical(raw)));
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("lastChange")) {
                    sorted.put(field.getKey(), canonical(field.getValue()));
                }
            }
            ObjectNode out = Json.MAPPER.createObjectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = Json.MAPPER.createArrayNode();
            node.forEach(child -> out.add(canonical(child)));
            return out;
        }
        return node;
    }
}
