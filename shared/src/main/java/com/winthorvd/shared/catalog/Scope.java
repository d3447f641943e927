package com.winthorvd.shared.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which part of the WinThor catalog the distributor integrates (CATALOG_SCOPE, JSON): include and exclude lists per
 * dimension. An empty include list means "all"; exclude wins over include. Dimensions: departments, sections,
 * categories (key "section-category"), brands, suppliers, and for customers branches, sellers (RCA), activities and
 * personTypes (F/J). Example: {@code {"departments":{"exclude":[6]},"customers":{"personTypes":["J"]}}}.
 */
public final class Scope {
    public static final List<String> DIMENSIONS = List.of("departments", "sections", "categories", "brands", "suppliers",
            "customerBranches", "customerSellers", "customerActivities", "customerPersonTypes");

    record Filter(Set<String> include, Set<String> exclude) {
        boolean allows(String key) {
            return key == null ? include.isEmpty() : !exclude.contains(key) && (include.isEmpty() || include.contains(key));
        }
    }

    private final Map<String, Filter> filters;
    private final String canonical;

    private Scope(Map<String, Filter> filters) {
        this.filters = filters;
        this.canonical = Json.write(filters);
    }

    public static Scope all() {
        return new Scope(Map.of());
    }

    /** Parses CATALOG_SCOPE; an unknown dimension or a malformed list is an error naming it. */
    public static Scope parse(String json) {
        if (json == null || json.isBlank()) {
            return all();
        }
        JsonNode root = Json.read(json);
        if (!root.isObject()) {
            throw new IllegalArgumentException("CATALOG_SCOPE must be a JSON object");
        }
        Map<String, Filter> filters = new LinkedHashMap<>();
        root.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            if (name.equals("customers")) {
                JsonNode customers = entry.getValue();
                customers.fields().forEachRemaining(c -> {
                    String dimension = "customer" + Character.toUpperCase(c.getKey().charAt(0)) + c.getKey().substring(1);
                    put(filters, dimension, c.getValue().isArray() ? includeOnly(c.getValue()) : c.getValue());
                });
            } else {
                put(filters, name, entry.getValue());
            }
        });
        return new Scope(filters);
    }

    private static JsonNode includeOnly(JsonNode list) {
        return Json.MAPPER.createObjectNode().set("include", list);
    }

    private static void put(Map<String, Filter> filters, String dimension, JsonNode node) {
        if (!DIMENSIONS.contains(dimension)) {
            throw new IllegalArgumentException("CATALOG_SCOPE: unknown dimension '" + dimension + "' (known: " + DIMENSIONS + ")");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("CATALOG_SCOPE." + dimension + " must be {\"include\":[...],\"exclude\":[...]}");
        }
        filters.put(dimension, new Filter(values(node, dimension, "include"), values(node, dimension, "exclude")));
    }

    private static Set<String> values(JsonNode node, String dimension, String list) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode values = node.path(list);
        if (!values.isMissingNode() && !values.isArray()) {
            throw new IllegalArgumentException("CATALOG_SCOPE." + dimension + "." + list + " must be a list");
        }
        values.forEach(v -> out.add(v.asText().trim()));
        return out;
    }

    /** Null when the key is in scope, else the setting that leaves it out (for the rejection's message). */
    public String excludedBy(String dimension, Object key) {
        Filter filter = filters.get(dimension);
        if (filter == null || filter.allows(key == null ? null : String.valueOf(key))) {
            return null;
        }
        return "CATALOG_SCOPE." + dimension;
    }

    /** A stable text of the scope, part of the catalog's configuration fingerprint. */
    public String canonical() {
        return canonical;
    }
}
