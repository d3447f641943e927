package com.winthorvd.testkit.sim;

import com.winthorvd.shared.winthor.model.Brand;
import com.winthorvd.shared.winthor.model.Category;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Department;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.PriceItem;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.Section;
import com.winthorvd.shared.winthor.model.StockItem;
import com.winthorvd.shared.winthor.model.WtaFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the real WTA writes each record, strict on the documented shape where public TOTVS material shows one
 * (winthor-wta-evidence.md): a category's department inside its section, a customer's {@code corporate} as a boolean and
 * its delivery address as flat {@code delivery*} fields, a packaging's EAN as its auxiliary code (no separate field), a
 * price row's SKU in a string {@code productId} "codauxiliar-codprod". Elsewhere winthor-wta.md §2: flags as "S"/"N",
 * empty dates as 1900-01-01T00:00:00, ids as numbers. The client is tested against WinThor's shapes, not our records.
 */
final class WtaJson {
    private WtaJson() {
    }

    private static String yn(boolean flag) {
        return flag ? "S" : "N";
    }

    static Map<String, Object> department(Department d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", d.name());
        m.put("title", d.name());
        m.put("active", yn(d.sentToEcommerce()));
        m.put("lastChange", WtaFields.format(d.lastChange()));
        m.put("dtcreate", WtaFields.format(null));
        return m;
    }

    static Map<String, Object> section(Section s, Department department) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("description", s.name());
        m.put("active", yn(s.sentToEcommerce()));
        m.put("department", Map.of("id", s.departmentId(), "name", department == null ? "" : department.name()));
        m.put("lastChange", WtaFields.format(s.lastChange()));
        return m;
    }

    static Map<String, Object> category(Category c, Section section, Department department) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("title", c.name());
        m.put("active", yn(c.sentToEcommerce()));
        // TDN's field table lists department{...} among the section's fields: nested, as TDN T-CAT shows it.
        m.put("section", Map.of("id", c.sectionId(), "description", section == null ? "" : section.name(),
                "lastChange", WtaFields.format(section == null ? null : section.lastChange()),
                "department", Map.of("id", c.departmentId(), "name", department == null ? "" : department.name(),
                        "isActive", yn(department == null || department.sentToEcommerce()))));
        m.put("subcategories", java.util.List.of());
        m.put("lastChange", WtaFields.format(c.lastChange()));
        return m;
    }

    static Map<String, Object> brand(Brand b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("name", b.name());
        m.put("active", yn(b.active()));
        m.put("lastChange", WtaFields.format(b.lastChange()));
        return m;
    }

    static Map<String, Object> product(Product p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("title", p.name());
        m.put("description", p.description());
        m.put("departmentId", p.departmentId());
        m.put("sectionId", p.sectionId());
        m.put("categoryId", p.categoryId());
        m.put("brandId", p.brandId());
        m.put("supplierId", p.supplierId());
        m.put("isActive", p.active());
        m.put("isVisible", p.sentToEcommerce());
        m.put("showWithoutStock", p.showWithoutStock());
        if (p.webCategoryId() != null) {
            m.put("webDepartmentId", p.webDepartmentId());
            m.put("webSectionId", p.webSectionId());
            m.put("webCategoryId", p.webCategoryId());
        }
        m.put("realWeightKg", p.grossWeightKg());
        m.put("netWeightKg", p.netWeightKg());
        m.put("releaseDate", WtaFields.format(null));
        m.put("lastChange", WtaFields.format(p.lastChange()));
        return m;
    }

    static Map<String, Object> packaging(Packaging p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("skuId", p.skuKey());
        m.put("barCode", p.auxiliaryCode());
        m.put("productId", p.productId());
        m.put("branchId", p.branchId());
        m.put("packing", p.description());
        m.put("unit", p.unit());
        m.put("unitMultiplier", p.unitsPerPack()); // the EAN is barCode itself (CODAUXILIAR, TDN T-EMB): no ean field
        m.put("realHeight", p.heightCm());
        m.put("realWidth", p.widthCm());
        m.put("realLength", p.lengthCm());
        m.put("realWeightKg", p.weightKg());
        m.put("soldByWeight", yn(p.soldByWeight()));
        m.put("lastChange", WtaFields.format(p.lastChange()));
        return m;
    }

    static Map<String, Object> customer(Customer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("tradeName", c.tradeName());
        m.put("personIdentificationNumber", c.document());
        m.put("stateInscription", c.stateInscription());
        m.put("corporate", "J".equals(c.personType()));
        m.put("email", c.email());
        m.put("phone", c.phone());
        m.put("sellerId", c.sellerId());
        m.put("activityId", c.activityId());
        m.put("regionId", c.regionId());
        m.put("branchId", c.branchId());
        m.put("active", c.active());
        m.put("blocked", yn(c.blocked()));
        // The delivery address as TOTVS's layouts read it: flat delivery* fields (one address).
        c.deliveryAddresses().stream().findFirst().ifPresent(a -> {
            m.put("deliveryAddress", a.street());
            m.put("deliveryAddressNumber", a.number());
            m.put("complementDeliveryAddress", a.complement());
            m.put("deliveryDistrict", a.district());
            m.put("deliveryCity", a.city());
            m.put("deliveryState", a.state());
            m.put("deliveryZipCode", a.zip());
        });
        m.put("lastChange", WtaFields.format(c.lastChange()));
        return m;
    }

    static Map<String, Object> stock(StockItem s, boolean perPackaging) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("productId", s.skuKey());
        m.put("warehouseBranchId", s.branchId());
        m.put("quantity", perPackaging ? s.quantity().divideToIntegralValue(java.math.BigDecimal.valueOf(s.unitMultiplier())) : s.quantity());
        m.put("unitMultiplier", s.unitMultiplier());
        m.put("unlimitedQuantity", s.unlimited());
        m.put("lastChange", WtaFields.format(s.lastChange()));
        return m;
    }

    static Map<String, Object> price(PriceItem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("productId", p.skuKey()); // "codauxiliar-codprod", as in WinThor's sibling stock and discount services
        m.put("branchId", p.branchId());
        m.put("priceRegion", Long.parseLong(p.regionId()));
        m.put("price", p.price());
        if (p.offerPrice() != null) {
            m.put("offerPrice", p.offerPrice());
            m.put("offerStartDate", WtaFields.format(p.offerStart()));
            m.put("offerEndDate", WtaFields.format(p.offerEnd()));
        }
        if (p.wholesalePrice() != null) {
            m.put("wholesalePrice", p.wholesalePrice());
            m.put("wholesaleMinimumQuantity", p.wholesaleMinQuantity());
        }
        return m;
    }
}
