package com.winthorvd.shared.catalog;

import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.winthor.model.Brand;
import com.winthorvd.shared.winthor.model.Category;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Department;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.Section;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a record should become, decided from the record, the configuration and its parents' states; no I/O. The
 * order of the checks is the order an implementer fixes things in: a product's own missing links first, then its
 * parents; a level's or SKU's parent first, then its own flags.
 */
public final class CatalogRules {
    /** A record's state in the integration. */
    public enum Status {
        SYNCED, REJECTED, OUT_OF_SCOPE, WAITING_PARENT, REMOVED,
        /** The store refused it (not a passing error): recorded with the store's message, retried by the full run. */
        FAILED;

        /** Decided for good (until the record or its parent changes): children can be decided from it. */
        public boolean decided() {
            return this != WAITING_PARENT;
        }
    }

    /** A reference to a record: entity and ERP key. */
    public record Link(CatalogEntity entity, String key) {
        public String id() {
            return entity.id() + "#" + key;
        }
    }

    /** What the state says of a parent: its status and store id. */
    public record ParentState(Status status, String storeId, String name) {
    }

    public record Decision(Status status, Reason reason, List<String> parameters, Link blockedBy) {
        public static Decision synced() {
            return new Decision(Status.SYNCED, null, List.of(), null);
        }

        static Decision rejected(Reason reason, String... parameters) {
            return new Decision(Status.REJECTED, reason, List.of(parameters), null);
        }

        static Decision outOfScope(CatalogRecord record, String setting) {
            return new Decision(Status.OUT_OF_SCOPE, Reason.OUT_OF_SCOPE, List.of(record.entity().label(), record.key(), setting), null);
        }
    }

    private final CatalogSettings settings;

    public CatalogRules(CatalogSettings settings) {
        this.settings = settings;
    }

    /** The parents a record needs in the store before it can go there, in the order they are checked. */
    public List<Link> parents(CatalogRecord record) {
        ClassifierMode mode = settings.mode();
        List<Link> parents = new ArrayList<>();
        switch (record.entity()) {
            case SECTION -> {
                if (mode.parentOf(CatalogEntity.SECTION) == CatalogEntity.DEPARTMENT) {
                    parents.add(new Link(CatalogEntity.DEPARTMENT, Long.toString(record.model(Section.class).departmentId())));
                }
            }
            case CATEGORY -> {
                Category c = record.model(Category.class);
                CatalogEntity above = mode.parentOf(CatalogEntity.CATEGORY);
                if (above == CatalogEntity.SECTION) {
                    parents.add(new Link(CatalogEntity.SECTION, Long.toString(c.sectionId())));
                } else if (above == CatalogEntity.DEPARTMENT) {
                    parents.add(new Link(CatalogEntity.DEPARTMENT, Long.toString(c.departmentId())));
                }
            }
            case PRODUCT -> {
                Classification links = classification(record.model(Product.class));
                if (links.complete()) {
                    for (CatalogEntity level : mode.levels()) {
                        parents.add(new Link(level, links.key(level)));
                    }
                }
                Long brand = record.model(Product.class).brandId();
                if (brand != null) {
                    parents.add(new Link(CatalogEntity.BRAND, Long.toString(brand)));
                }
            }
            case SKU -> parents.add(new Link(CatalogEntity.PRODUCT, Long.toString(record.model(Packaging.class).productId())));
            default -> {
            }
        }
        return parents;
    }

    /** A product's department, section and category, from its codes or its Web tab as configured. */
    record Classification(Long department, Long section, Long category) {
        boolean complete() {
            return department != null && section != null && category != null;
        }

        String key(CatalogEntity level) {
            return switch (level) {
                case DEPARTMENT -> Long.toString(department);
                case SECTION -> Long.toString(section);
                case CATEGORY -> section + "-" + category;
                default -> throw new IllegalArgumentException(level + " is not a category level");
            };
        }
    }

    Classification classification(Product p) {
        return settings.source() == CatalogSettings.ClassificationSource.WEB
                ? new Classification(p.webDepartmentId(), p.webSectionId(), p.webCategoryId())
                : new Classification(p.departmentId(), p.sectionId(), p.categoryId());
    }

    /** The store category a product goes under: its leaf level's link. */
    public Link leafCategory(CatalogRecord product) {
        Classification links = classification(product.model(Product.class));
        return new Link(settings.mode().leaf(), links.key(settings.mode().leaf()));
    }

    public Decision decide(CatalogRecord record, Map<Link, ParentState> parentStates) {
        Scope scope = settings.scope();
        String key = record.key();
        switch (record.entity()) {
            case DEPARTMENT, SECTION, CATEGORY -> {
                Decision parent = checkParents(record, parentStates);
                if (parent != null) {
                    return parent;
                }
                String excluded = scope.excludedBy(switch (record.entity()) {
                    case DEPARTMENT -> "departments";
                    case SECTION -> "sections";
                    default -> "categories";
                }, key);
                if (excluded != null) {
                    return Decision.outOfScope(record, excluded);
                }
                if (!sentToEcommerce(record)) {
                    return Decision.rejected(Reason.NOT_SENT_TO_ECOMMERCE, record.entity().label(), key);
                }
                return Decision.synced();
            }
            case BRAND -> {
                String excluded = scope.excludedBy("brands", key);
                if (excluded != null) {
                    return Decision.outOfScope(record, excluded);
                }
                return record.model(Brand.class).active() ? Decision.synced() : Decision.rejected(Reason.BRAND_INACTIVE, key);
            }
            case PRODUCT -> {
                Product p = record.model(Product.class);
                if (p.brandId() == null) {
                    return Decision.rejected(Reason.PRODUCT_WITHOUT_BRAND, key);
                }
                if (!classification(p).complete()) {
                    return settings.source() == CatalogSettings.ClassificationSource.WEB
                            ? Decision.rejected(Reason.WEB_TAB_EMPTY, key) : Decision.rejected(Reason.PRODUCT_WITHOUT_CATEGORY, key);
                }
                String excluded = scope.excludedBy("suppliers", p.supplierId());
                if (excluded != null) {
                    return Decision.outOfScope(record, excluded);
                }
                Decision parent = checkParents(record, parentStates);
                return parent != null ? parent : Decision.synced();
            }
            case SKU -> {
                Decision parent = checkParents(record, parentStates);
                if (parent != null) {
                    return parent;
                }
                Packaging p = record.model(Packaging.class);
                if (p.unitsPerPack() < 1) {
                    return Decision.rejected(Reason.PACKAGING_UNITS_NOT_WHOLE, key,
                            String.valueOf(com.winthorvd.shared.winthor.model.WtaFields.text(record.raw(), Packaging.UNITS)));
                }
                if (!validGtin(p.ean())) {
                    return Decision.rejected(Reason.PACKAGING_WITHOUT_EAN, key);
                }
                if (!positive(p.heightCm()) || !positive(p.widthCm()) || !positive(p.lengthCm()) || !positive(p.weightKg())) {
                    return Decision.rejected(Reason.MISSING_DIMENSIONS, key);
                }
                return Decision.synced();
            }
            case CUSTOMER -> {
                Customer c = record.model(Customer.class);
                for (String[] dimension : new String[][] {{"customerBranches", c.branchId()}, {"customerSellers", text(c.sellerId())},
                        {"customerActivities", text(c.activityId())}, {"customerPersonTypes", c.personType()}}) {
                    String excluded = scope.excludedBy(dimension[0], dimension[1]);
                    if (excluded != null) {
                        return Decision.outOfScope(record, excluded);
                    }
                }
                if (c.document() == null || !(c.document().length() == 11 || c.document().length() == 14)) {
                    return Decision.rejected(Reason.CUSTOMER_WITHOUT_DOCUMENT, key);
                }
                if (c.email() == null || !c.email().contains("@")) {
                    return Decision.rejected(Reason.CUSTOMER_WITHOUT_EMAIL, key);
                }
                return Decision.synced();
            }
            default -> throw new IllegalArgumentException("no rules for " + record.entity());
        }
    }

    private static String text(Long value) {
        return value == null ? null : value.toString();
    }

    private static boolean sentToEcommerce(CatalogRecord record) {
        return switch (record.entity()) {
            case DEPARTMENT -> record.model(Department.class).sentToEcommerce();
            case SECTION -> record.model(Section.class).sentToEcommerce();
            case CATEGORY -> record.model(Category.class).sentToEcommerce();
            default -> true;
        };
    }

    /** The first parent not in the store decides: rejected (naming it) when it was decided against, else waiting. */
    private Decision checkParents(CatalogRecord record, Map<Link, ParentState> parentStates) {
        for (Link parent : parents(record)) {
            ParentState state = parentStates.get(parent);
            if (state != null && state.status() == Status.SYNCED) {
                continue;
            }
            if (state != null && state.status().decided()) {
                return new Decision(Status.REJECTED, Reason.PARENT_NOT_INTEGRATED,
                        List.of(record.entity().label(), record.key(), parent.entity().label(), parent.key()), parent);
            }
            return new Decision(Status.WAITING_PARENT, Reason.WAITING_FOR_PARENT,
                    List.of(record.entity().label(), record.key(), parent.entity().label(), parent.key()), parent);
        }
        return null;
    }

    private static boolean positive(BigDecimal value) {
        return value != null && value.signum() > 0;
    }

    /** A GTIN-8, -12, -13 or -14 with a correct check digit. */
    public static boolean validGtin(String code) {
        if (code == null || !code.matches("\\d{8}|\\d{12,14}")) {
            return false;
        }
        int sum = 0;
        int length = code.length();
        for (int i = 0; i < length - 1; i++) {
            int digit = code.charAt(length - 2 - i) - '0';
            sum += digit * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - sum % 10) % 10 == code.charAt(length - 1) - '0';
    }
}
