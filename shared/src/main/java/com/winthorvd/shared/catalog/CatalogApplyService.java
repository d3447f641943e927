package com.winthorvd.shared.catalog;

import com.winthorvd.shared.catalog.CatalogRules.Decision;
import com.winthorvd.shared.catalog.CatalogRules.Link;
import com.winthorvd.shared.catalog.CatalogRules.ParentState;
import com.winthorvd.shared.catalog.CatalogRules.Status;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.QueueMessage;
import com.winthorvd.shared.queue.TransientFailure;
import com.winthorvd.shared.state.Claims;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.store.StoreException;
import com.winthorvd.shared.store.StorePort.BrandInput;
import com.winthorvd.shared.store.StorePort.CategoryInput;
import com.winthorvd.shared.store.StorePort.CustomerAddress;
import com.winthorvd.shared.store.StorePort.CustomerProfile;
import com.winthorvd.shared.store.StorePort.ProductInput;
import com.winthorvd.shared.store.StorePort.SkuInput;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.sync.PendingSkus;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.util.Hash;
import com.winthorvd.shared.util.Sleeper;
import com.winthorvd.shared.winthor.model.Brand;
import com.winthorvd.shared.winthor.model.Category;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Department;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.Section;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Applies one catalog change: claims the record's state item for the change's version, decides the outcome from the
 * record and its parents, writes the store (looking the record up by its natural key before any create, so a crash
 * between the store call and the state write never duplicates it), records the outcome, and re-queues the children
 * that were waiting on or rejected for the record once it is decided.
 */
public final class CatalogApplyService {
    /**
     * A parent never decided yet is looked at again this many times, this far apart, before the child is recorded as
     * waiting for it: in a full sync the queue hands parents and children out together, and the parent's outcome is a
     * few store calls away in another container.
     */
    static final int PARENT_LOOKS = 20;
    static final Duration PARENT_LOOK_PAUSE = Duration.ofMillis(100);
    static final String NO_IMAGE = "inactive: no image";

    public enum Outcome { SYNCED, REJECTED, OUT_OF_SCOPE, WAITING_PARENT, DEACTIVATED, FAILED, STALE }

    private final CatalogSettings settings;
    private final CatalogRules rules;
    private final CatalogState state;
    private final StorePort store;
    private final CatalogQueue queue;
    private final Clock clock;
    private final JsonLog log;
    private final Duration claimHold;
    private final Sleeper sleeper;

    /**
     * @param claimHold how long a claim keeps other appliers off: longer than one apply can take (the function timeout)
     * @param sleeper   the pause between looks at a parent not decided yet
     */
    public CatalogApplyService(CatalogSettings settings, CatalogState state, StorePort store, CatalogQueue queue, Clock clock,
                               JsonLog log, Duration claimHold, Sleeper sleeper) {
        this.settings = settings;
        this.rules = new CatalogRules(settings);
        this.state = state;
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.log = log;
        this.claimHold = claimHold;
        this.sleeper = sleeper;
    }

    public void handle(QueueMessage message) {
        CatalogMessage parsed = com.winthorvd.shared.queue.MalformedMessage.read(message.body(), CatalogMessage::parse);
        log.outcome(parsed.entity().id(), apply(parsed).name());
    }

    /** What one apply decided and what to write for it. */
    private static final class Result {
        final Map<String, AttributeValue> set = new LinkedHashMap<>();
        final Map<String, AttributeValue> setIfAbsent = new LinkedHashMap<>();
        final List<String> remove = new ArrayList<>();
        Outcome outcome;
        Decision decision;
        /** The outcome changed: children waiting on or rejected for this record are decided again. */
        boolean wakeChildren;
        /** A SKU synced now and not before: its product (CODPROD), for the stock flow's direct read. */
        Long newSkuOfProduct;
        final List<CatalogMessage> requeue = new ArrayList<>();

        void put(String name, String value) {
            if (value == null) {
                remove.add(name);
            } else {
                set.put(name, AttributeValue.fromS(value));
            }
        }
    }

    public Outcome apply(CatalogMessage message) {
        Link link = new Link(message.entity(), message.key());
        String owner = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Claims.Claim claim = state.claim(message, owner, now, now.plus(claimHold));
        if (claim.kind() == Claims.Kind.STALE) {
            log.info(link.id(), "already applied at this or a newer version: dropped", Map.of("version", message.version()));
            return Outcome.STALE;
        }
        if (claim.kind() == Claims.Kind.BUSY) {
            throw new TransientFailure(link.id() + " is being applied by another invocation", null);
        }
        boolean finished = false;
        try {
            Result result;
            try {
                result = message.op() == CatalogMessage.Op.DEACTIVATE ? deactivate(message, claim.item()) : decide(message, claim.item());
            } catch (StoreException e) {
                if (e.isTransient()) {
                    throw e.retryLater();
                }
                result = failed(message, e);
            }
            Optional<Item> written = state.finish(link, owner, result.set, result.setIfAbsent, result.remove);
            finished = written.isPresent();
            if (!finished) {
                throw new TransientFailure(link.id() + ": the claim expired before the outcome was recorded", null);
            }
            Link blockedBy = result.decision == null ? null : result.decision.blockedBy();
            if (blockedBy != null && !blockedBy.id().equals(claim.item().string("blockedBy").orElse(null))) {
                state.markBlockedChild(blockedBy);
            }
            if (result.newSkuOfProduct != null) {
                // A new SKU in the store: the stock and price scans read its product directly next time, so a SKU
                // created after its last stock or price change still gets both.
                PendingSkus.mark(state.table(), message.key(), result.newSkuOfProduct);
            }
            if (result.wakeChildren && written.get().string("hasBlockedChildren").isPresent()) {
                for (Item child : state.blockedOn(link)) {
                    result.requeue.add(recheck(child));
                }
            }
            if (!result.requeue.isEmpty()) {
                queue.send(result.requeue);
            }
            log.info(link.id(), result.outcome.name(), result.decision == null || result.decision.reason() == null ? Map.of()
                    : Map.of("reason", result.decision.reason().name(), "message", result.decision.reason().message(result.decision.parameters())));
            if (result.outcome == Outcome.WAITING_PARENT) {
                return waitForParent(message, result.decision.blockedBy());
            }
            return result.outcome;
        } finally {
            if (!finished) {
                state.release(link, owner);
            }
        }
    }

    /**
     * The record's parents and what the rules decide from them. A parent not decided
     * yet is waited for a moment (it is usually being applied by another container), then the child is recorded as
     * waiting and woken by the parent's outcome. Neither a retry through the queue nor that wake may come first: either
     * puts the record behind the whole backlog, and in a full sync its children behind it (at 10 000 products, every
     * product came round again, or waited, behind a section retried at the start).
     */
    private Parents parents(CatalogRecord record) {
        List<Link> links = rules.parents(record);
        for (int look = 1; ; look++) {
            Map<Link, ParentState> states = state.parents(links);
            Decision decision = rules.decide(record, states);
            // A parent recorded as waiting itself will not be decided in a moment: its children are recorded at once.
            if (decision.status() != Status.WAITING_PARENT || look == PARENT_LOOKS || states.containsKey(decision.blockedBy())) {
                return new Parents(states, decision);
            }
            sleeper.pause(PARENT_LOOK_PAUSE);
        }
    }

    /** The parents' states as read, and what the rules decided from them. */
    private record Parents(Map<Link, ParentState> states, Decision decision) {
    }

    /**
     * A child recorded as waiting: its parent's outcome wakes it. A parent decided meanwhile found no child to wake, so
     * the child is applied again at once (requeued, it would go behind the whole backlog).
     */
    private Outcome waitForParent(CatalogMessage message, Link parent) {
        ParentState now = state.parents(List.of(parent)).get(parent);
        if (now != null && now.status().decided()) {
            return apply(new CatalogMessage(CatalogMessage.Op.APPLY, message.entity(), message.key(), message.version(),
                    message.hash(), message.run(), true, message.record()));
        }
        return Outcome.WAITING_PARENT;
    }

    private Result decide(CatalogMessage message, Item item) {
        CatalogRecord record = CatalogRecord.of(message.entity(), message.record());
        Parents read = parents(record);
        Link link = new Link(message.entity(), message.key());
        Status previous = item.string("status").map(Status::valueOf).orElse(null);
        Map<Link, ParentState> parents = read.states();
        Decision decision = read.decision();
        Result result = new Result();
        if (record.entity() == CatalogEntity.CUSTOMER) {
            decision = checkEmail(record, item, decision, result);
        }
        result.decision = decision;
        result.put("status", decision.status().name());
        result.set.put("version", AttributeValue.fromN(Long.toString(message.version())));
        result.put("hash", message.hash());
        result.put("record", Json.write(message.record()));
        result.put("name", displayName(record));
        result.put("updatedAt", clock.instant().toString());
        result.put("gsi1pk", CatalogState.statusPartition(record.entity(), decision.status()));
        result.put("gsi1sk", record.key());
        if (message.run() != null) {
            result.setIfAbsent.put("seenRun", AttributeValue.fromS(message.run()));
        }
        if (decision.reason() != null) {
            result.put("reason", decision.reason().name());
            result.set.put("params", Reason.stored(decision.parameters()));
        } else {
            result.remove.add("reason");
            result.remove.add("params");
        }
        Link blockedBy = decision.blockedBy();
        result.put("gsi2pk", blockedBy == null ? null : CatalogState.parentPartition(blockedBy));
        result.put("gsi2sk", blockedBy == null ? null : link.id());
        result.put("blockedBy", blockedBy == null ? null : blockedBy.id());

        String storeIdBefore = item.string("storeId").orElse(null);
        if (decision.status() == Status.SYNCED) {
            write(record, item, previous, parents, result);
            result.outcome = Outcome.SYNCED;
        } else {
            if (previous == Status.SYNCED && (item.string("storeBody").isPresent() || item.string("storeBodyHash").isPresent())) {
                deactivateInStore(record.entity(), item);
            }
            result.outcome = Outcome.valueOf(decision.status().name());
        }
        String storeIdAfter = result.set.containsKey("storeId") ? result.set.get("storeId").s() : storeIdBefore;
        boolean changed = previous != decision.status() || !java.util.Objects.equals(storeIdBefore, storeIdAfter);
        result.wakeChildren = decision.status().decided() && changed;
        return result;
    }

    private static CatalogMessage recheck(Item item) {
        return new CatalogMessage(CatalogMessage.Op.APPLY, CatalogEntity.of(item.string("entity").orElseThrow()),
                item.string("erpKey").orElseThrow(), item.number("version").orElse(0L), item.string("hash").orElse(null),
                item.string("seenRun").orElse(null), true, Json.read(item.string("record").orElseThrow()));
    }

    private Result failed(CatalogMessage message, StoreException e) {
        Result result = new Result();
        result.decision = new Decision(Status.FAILED, Reason.STORE_REFUSED,
                List.of(message.entity().label(), message.key(), e.getMessage()), null);
        result.outcome = Outcome.FAILED;
        result.put("status", Status.FAILED.name());
        result.set.put("version", AttributeValue.fromN(Long.toString(message.version())));
        result.put("hash", message.hash());
        if (message.record() != null) {
            result.put("record", Json.write(message.record()));
        }
        result.put("reason", Reason.STORE_REFUSED.name());
        result.set.put("params", Reason.stored(result.decision.parameters()));
        result.put("gsi1pk", CatalogState.statusPartition(message.entity(), Status.FAILED));
        result.put("gsi1sk", message.key());
        result.put("updatedAt", clock.instant().toString());
        log.warn(message.entity().id() + "#" + message.key(), "the store refused it: " + e.getMessage(), Map.of("status", e.status()));
        return result;
    }

    /** A record that left e-commerce (not seen by a complete full run): inactive in the store, REMOVED in state. */
    private Result deactivate(CatalogMessage message, Item item) {
        deactivateInStore(message.entity(), item);
        Result result = new Result();
        result.decision = new Decision(Status.REMOVED, Reason.LEFT_ECOMMERCE, List.of(message.entity().label(), message.key()), null);
        result.outcome = Outcome.DEACTIVATED;
        result.put("status", Status.REMOVED.name());
        result.put("reason", Reason.LEFT_ECOMMERCE.name());
        result.set.put("params", Reason.stored(result.decision.parameters()));
        result.put("gsi1pk", CatalogState.statusPartition(message.entity(), Status.REMOVED));
        result.put("updatedAt", clock.instant().toString());
        return result;
    }

    // ---- customers: one e-mail per CNPJ/CPF --------------------------------------------------------------------

    private Decision checkEmail(CatalogRecord record, Item item, Decision decision, Result result) {
        Customer customer = record.model(Customer.class);
        String key = record.key();
        String emailKey = customer.email() == null || customer.document() == null ? null : CatalogState.emailKey(customer.email());
        String before = item.string("emailKey").orElse(null);
        if (before != null && !before.equals(emailKey)) {
            for (String other : state.unregisterEmail(before, key)) {
                requeueCustomer(other, result);
            }
        }
        result.put("emailKey", emailKey);
        if (emailKey == null) {
            return decision;
        }
        Map<String, String> users = state.registerEmail(emailKey, key, customer.document());
        List<String> others = users.entrySet().stream()
                .filter(u -> !u.getKey().equals(key) && !u.getValue().equals(CatalogState.documentKey(customer.document())))
                .map(Map.Entry::getKey).sorted().toList();
        if (!emailKey.equals(before)) {
            others.forEach(other -> requeueCustomer(other, result));
        }
        if (decision.status() == Status.SYNCED && !others.isEmpty()) {
            return new Decision(Status.REJECTED, Reason.CUSTOMER_SHARED_EMAIL, List.of(key, others.get(0)), null);
        }
        return decision;
    }

    private void requeueCustomer(String customerKey, Result result) {
        state.item(new Link(CatalogEntity.CUSTOMER, customerKey)).filter(i -> i.string("record").isPresent())
                .ifPresent(i -> result.requeue.add(recheck(i)));
    }

    // ---- the store -------------------------------------------------------------------------------------------

    private void write(CatalogRecord record, Item item, Status previous, Map<Link, ParentState> parents, Result result) {
        String key = record.key();
        switch (record.entity()) {
            case DEPARTMENT, SECTION, CATEGORY -> {
                CatalogEntity above = settings.mode().parentOf(record.entity());
                Long parentId = null;
                if (above != null) {
                    Link parentLink = rules.parents(record).get(0);
                    parentId = Long.parseLong(parents.get(parentLink).storeId());
                }
                CategoryInput input = new CategoryInput(displayName(record), parentId, true);
                Long parent = parentId;
                upsert(item, previous, input, result, () -> store.findCategory(input.name(), parent), () -> store.createCategory(input),
                        id -> store.updateCategory(id, input));
            }
            case BRAND -> {
                Brand brand = record.model(Brand.class);
                BrandInput input = new BrandInput(brand.id(), brand.name(), true);
                upsert(item, previous, input, result, () -> store.brandExists(brand.id()) ? Optional.of(brand.id()) : Optional.empty(),
                        () -> {
                            store.createBrand(input);
                            return brand.id();
                        }, id -> store.updateBrand(input));
            }
            case PRODUCT -> {
                Product p = record.model(Product.class);
                long category = Long.parseLong(parents.get(rules.leafCategory(record)).storeId());
                long brand = Long.parseLong(parents.get(new Link(CatalogEntity.BRAND, Long.toString(p.brandId()))).storeId());
                ProductInput input = new ProductInput(key, p.name(), p.description(), category, brand, p.active(), true, p.showWithoutStock());
                long id = upsert(item, previous, input, result, () -> store.findProduct(key), () -> store.createProduct(input),
                        existing -> store.updateProduct(existing, input));
                List<String> joined = new ArrayList<>(item.list("channels"));
                for (String channel : settings.salesChannels()) {
                    if (!joined.contains(channel)) {
                        store.addToSalesChannel(id, channel);
                        joined.add(channel);
                    }
                }
                result.set.put("channels", Reason.stored(joined));
            }
            case SKU -> {
                Packaging p = record.model(Packaging.class);
                ParentState product = parents.get(new Link(CatalogEntity.PRODUCT, Long.toString(p.productId())));
                String name = (product.name() == null ? "" : product.name() + " ") + (p.description() == null ? "" : p.description());
                SkuInput input = new SkuInput(Long.parseLong(product.storeId()), key, name.trim(), p.unitsPerPack(),
                        p.soldByWeight() ? "kg" : "un", p.heightCm(), p.widthCm(), p.lengthCm(), p.weightKg(), true);
                long id = upsert(item, previous, input, result, () -> store.findSku(key), () -> store.createSku(input),
                        existing -> store.updateSku(existing, input));
                if (!p.ean().equals(item.string("ean").orElse(null))) {
                    store.addBarcode(id, p.ean());
                    result.put("ean", p.ean());
                }
                // Created with "activate if possible": without an image the store keeps it inactive.
                result.put("note", NO_IMAGE);
                if (previous != Status.SYNCED) {
                    result.newSkuOfProduct = p.productId();
                }
            }
            case CUSTOMER -> {
                Customer c = record.model(Customer.class);
                String id = StorePort.customerId(c.document(), c.stateInscription());
                CustomerProfile profile = new CustomerProfile(id, c.document(), c.stateInscription(), c.name(), c.tradeName(),
                        c.email(), c.phone(), !c.blocked(), settings.priceTables().table(
                        // branchId is in no public WTA source: without it, the catalog branch's table of the region
                        c.branchId() == null ? settings.catalogBranch() : c.branchId(), c.regionId() == null ? "1" : c.regionId()), c.id());
                // Only a hash of what was sent is kept (LGPD: the profile carries the CNPJ/CPF, e-mail and phone).
                String bodyHash = Hash.of(Json.write(profile));
                if (previous != Status.SYNCED || !bodyHash.equals(item.string("storeBodyHash").orElse(null))) {
                    store.putCustomer(profile);
                }
                result.put("storeId", id);
                result.put("storeBodyHash", bodyHash);
                String addresses = Hash.of(Json.write(c.deliveryAddresses()));
                if (!addresses.equals(item.string("addressesHash").orElse(null))) {
                    for (Customer.DeliveryAddress a : c.deliveryAddresses()) {
                        store.putAddress(new CustomerAddress(id + "-" + a.id(), id, a.street(), a.number(), a.complement(), a.district(),
                                a.city(), a.state(), a.zip()));
                    }
                    result.put("addressesHash", addresses);
                }
            }
            default -> throw new IllegalArgumentException("no store mapping for " + record.entity());
        }
    }

    /**
     * Creates or updates one store record: by its known store id; else found by its natural key (a create whose answer
     * was lost, or a record created by hand); else created. An unchanged body on a synced record sends nothing.
     */
    private long upsert(Item item, Status previous, Object input, Result result, Supplier<Optional<Long>> find,
                        Supplier<Long> create, LongConsumer update) {
        String body = Json.write(input);
        Optional<Long> known = item.string("storeId").map(Long::parseLong);
        long id;
        if (known.isPresent()) {
            id = known.get();
            if (previous != Status.SYNCED || !body.equals(item.string("storeBody").orElse(null))) {
                update.accept(id);
            }
        } else {
            Optional<Long> found = find.get();
            if (found.isPresent()) {
                id = found.get();
                update.accept(id);
            } else {
                id = create.get();
            }
        }
        result.put("storeId", Long.toString(id));
        result.put("storeBody", body);
        return id;
    }

    private void deactivateInStore(CatalogEntity entity, Item item) {
        if (entity == CatalogEntity.CUSTOMER) {
            // The state keeps no customer profile: the store's own is read back and put again, not approved.
            item.string("storeId").flatMap(store::customer).ifPresent(c -> store.putCustomer(new CustomerProfile(c.id(), c.document(),
                    c.stateInscription(), c.corporateName(), c.tradeName(), c.email(), c.phone(), false, c.priceTable(), c.erpCustomerId())));
            return;
        }
        String body = item.string("storeBody").orElse(null);
        if (body == null) {
            return;
        }
        long id = item.string("storeId").filter(s -> s.matches("\\d+")).map(Long::parseLong).orElse(0L);
        switch (entity) {
            case DEPARTMENT, SECTION, CATEGORY -> {
                CategoryInput c = Json.read(body, CategoryInput.class);
                store.updateCategory(id, new CategoryInput(c.name(), c.parentId(), false));
            }
            case BRAND -> {
                BrandInput b = Json.read(body, BrandInput.class);
                store.updateBrand(new BrandInput(b.id(), b.name(), false));
            }
            case PRODUCT -> {
                ProductInput p = Json.read(body, ProductInput.class);
                store.updateProduct(id, new ProductInput(p.reference(), p.name(), p.description(), p.categoryId(), p.brandId(),
                        false, false, p.showWithoutStock()));
            }
            case SKU -> {
                SkuInput s = Json.read(body, SkuInput.class);
                store.updateSku(id, new SkuInput(s.productId(), s.reference(), s.name(), s.unitMultiplier(), s.measurementUnit(),
                        s.heightCm(), s.widthCm(), s.lengthCm(), s.weightKg(), false));
            }
            default -> throw new IllegalArgumentException("no store mapping for " + entity);
        }
    }

    static String displayName(CatalogRecord record) {
        return switch (record.entity()) {
            case DEPARTMENT -> record.model(Department.class).name();
            case SECTION -> record.model(Section.class).name();
            case CATEGORY -> record.model(Category.class).name();
            case BRAND -> record.model(Brand.class).name();
            case PRODUCT -> record.model(Product.class).name();
            case SKU -> record.model(Packaging.class).description();
            case CUSTOMER -> Optional.ofNullable(record.model(Customer.class).name()).orElse("").toUpperCase(Locale.ROOT);
        };
    }
}
