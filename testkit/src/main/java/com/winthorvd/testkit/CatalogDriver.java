package com.winthorvd.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.winthor.model.Category;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.Product;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the catalog flow through the runner as Lambda would (the schedule fired until the run completes, then the queue
 * drained through the apply function) and compares the store and the state with the manifest, record by record. The
 * demo, the CLI's run command and the end-to-end tests share it.
 */
public final class CatalogDriver {
    public static final String SCAN = "CatalogScanFunction";
    public static final String APPLY = "CatalogApplyFunction";

    private CatalogDriver() {
    }

    /** Fires the schedule until the run completes (a PARTIAL run resumes on the next firing), then drains the queue. */
    public static List<Map<?, ?>> sync(LocalWorld world, boolean full) {
        return sync(world, full, 1);
    }

    /** As {@link #sync(LocalWorld, boolean)}, the queue drained by {@code appliers} containers at once. */
    public static List<Map<?, ?>> sync(LocalWorld world, boolean full, int appliers) {
        List<Map<?, ?>> results = world.runner.fireUntilComplete(SCAN, full ? "Full" : "Incremental");
        world.runner.drain(APPLY, Duration.ofHours(2), appliers); // returns as soon as the queue is empty
        return results;
    }

    public static Item state(LocalWorld world, String entity, String key) {
        return world.table.get(Keys.map(entity, key), Keys.ONE, StateTable.Read.CONSISTENT).orElse(null);
    }

    /** Every manifest record's state and the store's, record by record: {@link #stateMismatches} and {@link #storeMismatches}. */
    public static List<String> mismatches(LocalWorld world, Manifest manifest) {
        List<String> problems = stateMismatches(world, manifest);
        problems.addAll(storeMismatches(world, manifest));
        return problems;
    }

    /** Every manifest record's state: status, reason and parameters exactly (read 100 items a call: a benchmark's catalog is large). */
    public static List<String> stateMismatches(LocalWorld world, Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (CatalogEntity entity : CatalogEntity.values()) {
            Map<String, Manifest.Expected> expectations = manifest.records(entity.id());
            Map<String, Item> found = world.table.batchGet(expectations.keySet().stream().map(key -> Item.key(Keys.map(entity.id(), key),
                    Keys.ONE)).toList(), StateTable.Read.CONSISTENT);
            expectations.forEach((key, expected) -> {
                Item item = found.get(Keys.map(entity.id(), key) + "|" + Keys.ONE);
                String status = item == null ? "ABSENT" : item.string("status").orElse("?");
                String wanted = expected.outcome().name();
                String reason = item == null ? null : item.string("reason").orElse(null);
                List<String> params = item == null ? List.of() : item.list("params");
                boolean same = status.equals(wanted) && (expected.reason() == null ? reason == null
                        : expected.reason().name().equals(reason) && expected.parameters().equals(params));
                if (!same) {
                    problems.add(entity.id() + " " + key + ": expected " + wanted + " " + expected.reason() + expected.parameters()
                            + ", state " + status + " " + reason + params);
                }
            });
        }
        return problems;
    }

    /** The store holds exactly the synced records, each as WinThor has it. */
    public static List<String> storeMismatches(LocalWorld world, Manifest manifest) {
        List<String> problems = new ArrayList<>();
        var data = world.winthor.data();
        Map<String, ObjectNode> products = byRef(world.store.products());
        Map<String, ObjectNode> skus = byRef(world.store.skus());
        Map<Long, ObjectNode> categories = world.store.categories();
        manifest.records("product").forEach((key, expected) -> {
            ObjectNode stored = products.get(key);
            boolean synced = expected.outcome() == Manifest.Outcome.SYNCED;
            if (!synced) {
                if (stored != null && stored.path("IsActive").asBoolean()) {
                    problems.add("product " + key + " is rejected but active in the store");
                }
                return;
            }
            if (stored == null) {
                problems.add("product " + key + " missing from the store");
                return;
            }
            Product p = data.products.get(key);
            ObjectNode category = categories.get(stored.path("CategoryId").asLong());
            String categoryKey = p.sectionId() + "-" + p.categoryId();
            Category c = data.categories.get(categoryKey);
            if (category == null || !category.path("Name").asText().equals(c.name())) {
                problems.add("product " + key + " under store category " + stored.path("CategoryId") + ", expected " + c.name());
            } else {
                ObjectNode section = categories.get(category.path("FatherCategoryId").asLong());
                ObjectNode department = section == null ? null : categories.get(section.path("FatherCategoryId").asLong());
                if (section == null || !section.path("Name").asText().equals(data.sections.get(Long.toString(p.sectionId())).name())
                        || department == null || !department.path("Name").asText().equals(data.departments.get(Long.toString(p.departmentId())).name())) {
                    problems.add("product " + key + ": category " + c.name() + " not under its section and department");
                }
            }
            if (stored.path("BrandId").asLong() != p.brandId()) {
                problems.add("product " + key + " with brand " + stored.path("BrandId") + ", expected " + p.brandId());
            }
            if (!stored.path("Name").asText().equals(p.name())) {
                problems.add("product " + key + " named " + stored.path("Name") + ", expected " + p.name());
            }
            if (!world.store.salesChannels(stored.path("Id").asLong()).contains("1")) {
                problems.add("product " + key + " not in trade policy 1");
            }
        });
        manifest.records("sku").forEach((key, expected) -> {
            ObjectNode stored = skus.get(key);
            if (expected.outcome() != Manifest.Outcome.SYNCED) {
                if (stored != null && stored.path("ActivateIfPossible").asBoolean()) {
                    problems.add("sku " + key + " is rejected but in the store to be activated");
                }
                return;
            }
            if (stored == null) {
                problems.add("sku " + key + " missing from the store");
                return;
            }
            Packaging p = data.packagings.get(key + "@1");
            if (stored.path("UnitMultiplier").asInt() != p.unitsPerPack()) {
                problems.add("sku " + key + " unit multiplier " + stored.path("UnitMultiplier") + ", expected " + p.unitsPerPack());
            }
            if (stored.path("ProductId").asLong() != products.get(Long.toString(p.productId())).path("Id").asLong()) {
                problems.add("sku " + key + " under the wrong product");
            }
            if (!world.store.eans(stored.path("Id").asLong()).equals(List.of(p.ean()))) {
                problems.add("sku " + key + " EANs " + world.store.eans(stored.path("Id").asLong()) + ", expected " + p.ean());
            }
        });
        long syncedProducts = manifest.count("product", Manifest.Outcome.SYNCED);
        long activeProducts = products.values().stream().filter(p -> p.path("IsActive").asBoolean()).count();
        if (activeProducts != syncedProducts) {
            problems.add(activeProducts + " active products in the store, " + syncedProducts + " synced in the manifest");
        }
        long syncedSkus = manifest.count("sku", Manifest.Outcome.SYNCED);
        if (skus.size() != syncedSkus) {
            problems.add(skus.size() + " SKUs in the store, " + syncedSkus + " synced in the manifest");
        }
        manifest.records("brand").forEach((key, expected) -> {
            ObjectNode brand = world.store.brands().get(Long.parseLong(key));
            boolean active = brand != null && brand.path("Active").asBoolean();
            if (active != (expected.outcome() == Manifest.Outcome.SYNCED)) {
                problems.add("brand " + key + " active in the store: " + active + ", manifest " + expected.outcome());
            }
        });
        Map<String, List<String>> addresses = new java.util.HashMap<>();
        world.store.documents("AD").forEach(a -> addresses.computeIfAbsent(a.path("userId").asText(), k -> new ArrayList<>())
                .add(a.path("street").asText() + ", " + a.path("number").asText() + " " + a.path("postalCode").asText()));
        manifest.records("customer").forEach((key, expected) -> {
            Customer c = data.customers.get(key);
            String storeId = StorePort.customerId(c.document(), c.stateInscription());
            ObjectNode doc = world.store.document("CL", storeId);
            List<String> wanted = c.deliveryAddresses().stream().map(a -> a.street() + ", " + a.number() + " " + a.zip()).toList();
            if (expected.outcome() == Manifest.Outcome.SYNCED && !wanted.equals(addresses.getOrDefault(storeId, List.of()))) {
                problems.add("customer " + key + " has addresses " + addresses.get(storeId) + " in the store, WinThor " + wanted);
            }
            if (expected.outcome() == Manifest.Outcome.SYNCED) {
                if (doc == null) {
                    problems.add("customer " + key + " missing from the store");
                } else if (doc.path("approved").asBoolean() == c.blocked()) {
                    problems.add("customer " + key + " approved=" + doc.path("approved") + " but blocked=" + c.blocked());
                } else if (!doc.path("priceTables").asText().equals("filial" + c.branchId() + "-regiao" + c.regionId())) {
                    problems.add("customer " + key + " with price table " + doc.path("priceTables"));
                }
            } else if (doc != null && doc.path("approved").asBoolean()) {
                problems.add("customer " + key + " is rejected but approved in the store");
            }
        });
        long expectedCategories = manifest.count("department", Manifest.Outcome.SYNCED) + manifest.count("section", Manifest.Outcome.SYNCED)
                + manifest.count("category", Manifest.Outcome.SYNCED);
        long activeCategories = categories.values().stream().filter(c -> c.path("IsActive").asBoolean()).count();
        if (activeCategories != expectedCategories) {
            problems.add(activeCategories + " active categories in the store, expected " + expectedCategories);
        }
        return problems;
    }

    public static Map<String, ObjectNode> byRef(Map<Long, ObjectNode> records) {
        return records.values().stream().collect(Collectors.toMap(r -> r.path("RefId").asText(), r -> r, (a, b) -> {
            throw new AssertionError("two store records with RefId " + a.path("RefId").asText());
        }));
    }

    /** The plan on a local world: the scan function's own settings, a WinThor client logged in as the demo user. */
    public static com.winthorvd.shared.catalog.CatalogPlan.Result plan(LocalWorld world) {
        var env = world.runner.function(SCAN).env();
        com.winthorvd.shared.catalog.CatalogSettings settings = com.winthorvd.shared.catalog.CatalogSettings.read(new com.winthorvd.shared.config.ConfigReader(env));
        com.winthorvd.shared.winthor.WinThorHttp http = new com.winthorvd.shared.winthor.WinThorHttp(java.net.URI.create(world.winthor.url()), Duration.ofSeconds(5), Duration.ofSeconds(30), null);
        String token = new com.winthorvd.shared.winthor.WinThorLogin(http).login(LocalWorld.USER, com.winthorvd.shared.winthor.PasswordRule.UPPER.senha(LocalWorld.PASSWORD));
        com.winthorvd.shared.winthor.WinThorApi api = new com.winthorvd.shared.winthor.WinThorApi(new com.winthorvd.shared.winthor.WinThorClient(http, com.winthorvd.shared.winthor.TokenSource.fixed(token)), settings.pageSize());
        return new com.winthorvd.shared.catalog.CatalogPlan(settings, api, new com.winthorvd.shared.catalog.CatalogState(world.table)).plan();
    }
}
