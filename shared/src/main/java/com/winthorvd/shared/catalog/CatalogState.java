package com.winthorvd.shared.catalog;

import com.winthorvd.shared.catalog.CatalogRules.Link;
import com.winthorvd.shared.catalog.CatalogRules.ParentState;
import com.winthorvd.shared.catalog.CatalogRules.Status;
import com.winthorvd.shared.state.Claims;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.util.Hash;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The catalog's items in the state table: {@code MAP#<entity>#<key>} per ERP record, indexed by entity and status
 * (gsi1, {@code STATUS#<entity>#<status>}) and, while blocked, by the parent it waits on or was rejected for (gsi2,
 * {@code PARENT#<entity>#<key>}); {@code EMAIL#<hash>} items tell which customers use one e-mail address.
 *
 * <p>An apply first <em>claims</em> the item for its version: the claim fails for an older version than the one
 * applied, and while another applier holds a live claim, so two racing invocations never write the store in the
 * wrong order.
 */
public final class CatalogState {
    static final String SYNCED = Status.SYNCED.name();

    private final StateTable table;
    private final Claims claims;

    public CatalogState(StateTable table) {
        this.table = table;
        this.claims = new Claims(table);
    }

    public StateTable table() {
        return table;
    }

    public static String pk(Link link) {
        return Keys.map(link.entity().id(), link.key());
    }

    /** The key of a SKU's mapping item, to read it in a batch. */
    public static Item skuMapKey(String skuKey) {
        return Item.key(Keys.map(CatalogEntity.SKU.id(), skuKey), Keys.ONE);
    }

    /** The store id of a SKU synced to the store, from a batch read's result; empty while it is not in the store. */
    public static Optional<Long> storeSkuId(Map<String, Item> found, String skuKey) {
        Item sku = found.get(Keys.map(CatalogEntity.SKU.id(), skuKey) + "|" + Keys.ONE);
        if (sku == null || !SYNCED.equals(sku.string("status").orElse(null))) {
            return Optional.empty();
        }
        return sku.string("storeId").map(Long::parseLong);
    }

    public static String statusPartition(CatalogEntity entity, Status status) {
        return "STATUS#" + entity.id() + "#" + status.name();
    }

    public static String parentPartition(Link parent) {
        return "PARENT#" + parent.id();
    }

    /** Claims the record's item for a change (see {@link Claims}); a DEACTIVATE applies only to a synced record not seen by its run. */
    public Claims.Claim claim(CatalogMessage message, String owner, Instant now, Instant holdUntil) {
        Condition applies;
        if (message.op() == CatalogMessage.Op.DEACTIVATE) {
            applies = Condition.of("#status = :synced AND (attribute_not_exists(#seenRun) OR #seenRun <> :run)")
                    .name("#status", "status").name("#seenRun", "seenRun").value(":synced", SYNCED).value(":run", message.run());
        } else if (message.recheck()) {
            applies = Condition.of("attribute_not_exists(#version) OR #version <= :v").name("#version", "version");
        } else {
            applies = Condition.of("attribute_not_exists(#version) OR #version < :v OR (#version = :v AND (#hash <> :h OR #status <> :synced))")
                    .name("#version", "version").name("#status", "status").name("#hash", "hash")
                    .value(":h", String.valueOf(message.hash())).value(":synced", SYNCED);
        }
        return claims.claim(pk(new Link(message.entity(), message.key())), message.version(), applies,
                Map.of("entity", message.entity().id(), "erpKey", message.key()), owner, now, holdUntil);
    }

    public Optional<Item> finish(Link link, String owner, Map<String, AttributeValue> set, Map<String, AttributeValue> setIfAbsent,
                                 List<String> remove) {
        return claims.finish(pk(link), owner, set, setIfAbsent, remove);
    }

    public void release(Link link, String owner) {
        claims.release(pk(link), owner);
    }

    /**
     * Notes on a parent that a child waits on or was rejected for it, so the parent looks its children up (gsi2) only
     * when there are some: an index query on every first sync would cost more than the rest of the apply.
     */
    public void markBlockedChild(Link parent) {
        table.updateIf(pk(parent), Keys.ONE, Condition.of("SET #flag = :yes").name("#flag", "hasBlockedChildren").value(":yes", "true"), null);
    }

    /** The parents' states, read consistently in one call. */
    public Map<Link, ParentState> parents(List<Link> parents) {
        Map<Link, ParentState> out = new LinkedHashMap<>();
        if (parents.isEmpty()) {
            return out;
        }
        Map<String, Item> found = items(parents);
        for (Link parent : parents) {
            Item item = found.get(pk(parent));
            if (item != null && item.string("status").isPresent()) {
                out.put(parent, new ParentState(Status.valueOf(item.string("status").get()), item.string("storeId").orElse(null),
                        item.string("name").orElse(null)));
            }
        }
        return out;
    }

    /** Items by pk for these links (absent ones are missing from the map). */
    public Map<String, Item> items(List<Link> links) {
        List<Item> keys = links.stream().map(l -> Item.key(pk(l), Keys.ONE)).toList();
        Map<String, Item> out = new LinkedHashMap<>();
        table.batchGet(keys, StateTable.Read.CONSISTENT).values().forEach(item -> out.put(item.pk(), item));
        return out;
    }

    public Optional<Item> item(Link link) {
        return table.get(pk(link), Keys.ONE, StateTable.Read.CONSISTENT);
    }

    /** The items waiting on, or rejected for, this parent. */
    public List<Item> blockedOn(Link parent) {
        return table.queryIndex(StateTable.GSI2, parentPartition(parent), "", Integer.MAX_VALUE);
    }

    /** Marks an item seen by a full run (only its seenRun changes, so it never races an apply's outcome). */
    public void stamp(Link link, String run) {
        table.updateIf(pk(link), Keys.ONE, Condition.of("SET #seenRun = :run").name("#seenRun", "seenRun").value(":run", run),
                Condition.of("attribute_exists(pk)"));
    }

    // ---- e-mail registry: one address, one CNPJ/CPF ---------------------------------------------------------

    public static String emailKey(String email) {
        return email == null ? null : Hash.of(email.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** A CNPJ/CPF as the state keeps it (LGPD): hashed like an e-mail, compared hashed. */
    public static String documentKey(String document) {
        return document == null ? null : Hash.of(document.replaceAll("\\D", ""));
    }

    /** Registers a customer under an e-mail; returns every customer key registered there with its {@link #documentKey}. */
    public Map<String, String> registerEmail(String emailKey, String customerKey, String document) {
        table.put(Item.key("EMAIL#" + emailKey, customerKey).with("documentKey", documentKey(document)));
        return customersWithEmail(emailKey);
    }

    /**
     * Every customer key registered under an e-mail, with its {@link #documentKey} (the order push finds its buyer
     * here); an item written before documents were hashed still answers, hashed on the way out.
     */
    public Map<String, String> customersWithEmail(String emailKey) {
        Map<String, String> users = new LinkedHashMap<>();
        for (Item item : table.query("EMAIL#" + emailKey, "", false, 1000)) {
            users.put(item.sk(), item.string("documentKey").orElseGet(() -> item.string("document").map(CatalogState::documentKey).orElse("")));
        }
        return users;
    }

    /** Removes a customer from an e-mail it no longer uses; returns who is left there. */
    public List<String> unregisterEmail(String emailKey, String customerKey) {
        table.deleteIf("EMAIL#" + emailKey, customerKey, Condition.of("attribute_exists(pk)"));
        return table.query("EMAIL#" + emailKey, "", false, 1000).stream().map(Item::sk).toList();
    }
}
