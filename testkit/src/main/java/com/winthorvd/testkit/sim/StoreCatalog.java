package com.winthorvd.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;

/** The store simulator's Catalog: categories (three levels), brands, products and SKUs, as VTEX shapes them. */
final class StoreCatalog {
    private StoreCatalog() {
    }

    /** The record with this RefId (products and SKUs are both looked up, and kept unique, by it). */
    static java.util.Optional<ObjectNode> byRefId(java.util.Map<Long, ObjectNode> records, String ref) {
        return records.values().stream().filter(r -> ref.equals(r.path("RefId").asText())).findFirst();
    }

    /** A RefId already used by another record than {@code id}. */
    private static boolean refIdTaken(java.util.Map<Long, ObjectNode> records, String ref, Long id) {
        return !ref.isEmpty() && byRefId(records, ref).filter(r -> id == null || r.path("Id").asLong() != id).isPresent();
    }

    /** Adds a value to a record's list once (sales channels of a product, EANs of a SKU). */
    static StoreSimulator.Reply addOnce(java.util.Map<Long, ObjectNode> owners, java.util.Map<Long, java.util.List<String>> lists,
                                        long owner, String value, String what) {
        if (!owners.containsKey(owner)) {
            return StoreSimulator.Reply.error(404, what + " " + owner + " not found");
        }
        java.util.List<String> values = lists.computeIfAbsent(owner, o -> new java.util.concurrent.CopyOnWriteArrayList<>());
        synchronized (values) {
            if (!values.contains(value)) {
                values.add(value);
            }
        }
        return new StoreSimulator.Reply(200, null, java.util.Map.of());
    }

    static ArrayNode tree(StoreSimulator store, int levels) {
        return children(store, null, levels);
    }

    private static ArrayNode children(StoreSimulator store, Long parent, int levels) {
        ArrayNode out = StoreSimulator.array();
        store.categories.values().stream()
                .filter(c -> parent == null ? c.path("FatherCategoryId").isNull() || c.path("FatherCategoryId").isMissingNode()
                        : c.path("FatherCategoryId").asLong() == parent)
                .sorted(Comparator.comparingLong(c -> c.path("Id").asLong()))
                .forEach(c -> {
                    long id = c.path("Id").asLong();
                    ArrayNode below = levels > 1 ? children(store, id, levels - 1) : StoreSimulator.array();
                    ObjectNode node = out.addObject();
                    node.put("id", id);
                    node.put("name", c.path("Name").asText());
                    node.put("hasChildren", !below.isEmpty());
                    node.put("url", "https://store.local/" + c.path("Name").asText().toLowerCase().replace(' ', '-'));
                    node.set("children", below);
                    node.put("Title", c.path("Title").asText());
                    node.put("MetaTagDescription", c.path("Description").asText());
                });
        return out;
    }

    /** Creates (id null) or replaces a category; its parent must exist. */
    static StoreSimulator.Reply saveCategory(StoreSimulator store, Long id, JsonNode body) {
        if (id != null && !store.categories.containsKey(id)) {
            return StoreSimulator.Reply.error(404, "Category " + id + " not found");
        }
        if (body == null || body.path("Name").asText("").isBlank()) {
            return StoreSimulator.Reply.error(400, "Name is required");
        }
        JsonNode father = body.path("FatherCategoryId");
        if (!father.isNull() && !father.isMissingNode() && !store.categories.containsKey(father.asLong())) {
            return StoreSimulator.Reply.error(400, "FatherCategoryId " + father.asLong() + " does not exist");
        }
        long categoryId = id != null ? id : store.nextId();
        ObjectNode category = body.deepCopy();
        category.put("Id", categoryId);
        category.put("LinkId", category.path("Name").asText().toLowerCase().replace(' ', '-'));
        category.put("HasChildren", store.categories.values().stream().anyMatch(c -> c.path("FatherCategoryId").asLong(-1) == categoryId));
        ArrayNode treePath = category.putArray("TreePath");
        ArrayNode treePathIds = category.putArray("TreePathIds");
        ArrayNode treePathLinkIds = category.putArray("TreePathLinkIds");
        if (!father.isNull() && !father.isMissingNode()) {
            ObjectNode parent = store.categories.get(father.asLong());
            treePath.addAll((ArrayNode) parent.get("TreePath"));
            treePathIds.addAll((ArrayNode) parent.get("TreePathIds"));
            treePathLinkIds.addAll((ArrayNode) parent.get("TreePathLinkIds"));
        }
        treePath.add(category.path("Name").asText());
        treePathIds.add(categoryId);
        treePathLinkIds.add(category.path("LinkId").asText());
        store.categories.put(categoryId, category);
        return StoreSimulator.Reply.ok(category);
    }

    static ArrayNode brandList(StoreSimulator store) {
        ArrayNode out = StoreSimulator.array();
        store.brands.values().stream().sorted(Comparator.comparingLong(b -> b.path("Id").asLong())).forEach(b -> {
            ObjectNode node = out.addObject();
            node.put("id", b.path("Id").asLong());
            node.put("name", b.path("Name").asText());
            node.put("isActive", b.path("Active").asBoolean(true));
            node.put("title", b.path("Name").asText());
            node.put("metaTagDescription", b.path("Name").asText());
            node.putNull("imageUrl");
        });
        return out;
    }

    /** The caller chooses the brand's Id (VTEX requires it on create); creating an existing Id is refused. */
    static StoreSimulator.Reply saveBrand(StoreSimulator store, boolean update, long id, JsonNode body) {
        if (body == null || body.path("Name").asText("").isBlank() || id <= 0) {
            return StoreSimulator.Reply.error(400, "Id and Name are required");
        }
        if (update != store.brands.containsKey(id)) {
            return update ? StoreSimulator.Reply.error(404, "Brand " + id + " not found")
                    : StoreSimulator.Reply.error(400, "Brand " + id + " already exists");
        }
        ObjectNode brand = body.deepCopy();
        brand.put("Id", id);
        store.brands.put(id, brand);
        return StoreSimulator.Reply.ok(brand);
    }

    /** A product needs an existing category and brand; its RefId is unique. */
    static StoreSimulator.Reply saveProduct(StoreSimulator store, Long id, JsonNode body) {
        String parentProblem = body == null || !store.categories.containsKey(body.path("CategoryId").asLong(-1)) ? "CategoryId does not exist"
                : !store.brands.containsKey(body.path("BrandId").asLong(-1)) ? "BrandId does not exist" : null;
        return saveByRefId(store, store.products, "product", id, body, parentProblem, (product, productId) -> {
            product.put("DepartmentId", department(store, body.path("CategoryId").asLong()));
            product.put("LinkId", "p" + productId);
        });
    }

    private static long department(StoreSimulator store, long categoryId) {
        ObjectNode category = store.categories.get(categoryId);
        while (category != null && !category.path("FatherCategoryId").isNull() && !category.path("FatherCategoryId").isMissingNode()) {
            category = store.categories.get(category.path("FatherCategoryId").asLong());
        }
        return category == null ? categoryId : category.path("Id").asLong();
    }

    /**
     * A SKU needs an existing product and a unique RefId. Created with ActivateIfPossible, it stays inactive until it
     * has an image (this store never receives images from the ERP).
     */
    static StoreSimulator.Reply saveSku(StoreSimulator store, Long id, JsonNode body) {
        String parentProblem = body == null || !store.products.containsKey(body.path("ProductId").asLong(-1)) ? "ProductId does not exist" : null;
        return saveByRefId(store, store.skus, "SKU", id, body, parentProblem,
                (sku, skuId) -> sku.put("IsActive", false)); // no image: "activate if possible" cannot activate it
    }

    /**
     * Creates (id null) or replaces a record kept unique by its RefId: 404 for an unknown id, 400 for a missing parent
     * or a RefId another record has; {@code complete} adds the fields the store derives.
     */
    private static StoreSimulator.Reply saveByRefId(StoreSimulator store, java.util.Map<Long, ObjectNode> records, String what,
                                                    Long id, JsonNode body, String parentProblem,
                                                    java.util.function.BiConsumer<ObjectNode, Long> complete) {
        if (id != null && !records.containsKey(id)) {
            return StoreSimulator.Reply.error(404, what + " " + id + " not found");
        }
        if (parentProblem != null) {
            return StoreSimulator.Reply.error(400, parentProblem);
        }
        String ref = body.path("RefId").asText("");
        if (refIdTaken(records, ref, id)) {
            return StoreSimulator.Reply.error(400, "A " + what + " with RefId " + ref + " already exists");
        }
        long recordId = id != null ? id : store.nextId();
        ObjectNode record = body.deepCopy();
        record.put("Id", recordId);
        complete.accept(record, recordId);
        records.put(recordId, record);
        return StoreSimulator.Reply.ok(record);
    }
}
