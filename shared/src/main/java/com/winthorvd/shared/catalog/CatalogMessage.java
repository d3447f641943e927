package com.winthorvd.shared.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.json.Json;

/**
 * One change on the catalog queue. {@code version} orders changes of one record (WinThor's lastChange, or the scan's
 * start when WinThor gave none); {@code recheck} asks to decide the same version again (a parent or a sibling
 * changed); {@code run} is the scan run that saw it. A DEACTIVATE carries no record: the store is told from state.
 */
public record CatalogMessage(Op op, CatalogEntity entity, String key, long version, String hash, String run, boolean recheck,
                             JsonNode record) {
    public enum Op { APPLY, DEACTIVATE }

    public String toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("op", op.name());
        node.put("entity", entity.id());
        node.put("key", key);
        node.put("version", version);
        node.put("hash", hash);
        node.put("run", run);
        if (recheck) {
            node.put("recheck", true);
        }
        if (record != null) {
            node.set("record", record);
        }
        return Json.write(node);
    }

    /** Reads a message body; a malformed one is an IllegalArgumentException naming what is wrong. */
    public static CatalogMessage parse(String body) {
        JsonNode node = Json.read(body);
        for (String field : new String[] {"op", "entity", "key", "version"}) {
            if (!node.hasNonNull(field)) {
                throw new IllegalArgumentException("catalog message without \"" + field + "\"");
            }
        }
        Op op;
        try {
            op = Op.valueOf(node.get("op").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("catalog message with unknown op '" + node.get("op").asText() + "'");
        }
        JsonNode record = node.get("record");
        if (op == Op.APPLY && (record == null || !record.isObject())) {
            throw new IllegalArgumentException("catalog APPLY message without its \"record\"");
        }
        return new CatalogMessage(op, CatalogEntity.of(node.get("entity").asText()), node.get("key").asText(),
                node.get("version").asLong(), node.path("hash").asText(null), node.path("run").asText(null),
                node.path("recheck").asBoolean(false), record);
    }
}
