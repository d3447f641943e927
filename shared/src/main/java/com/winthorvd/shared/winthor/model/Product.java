package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A product (PCPRODUT) as the e-commerce feed gives it. Links that may be missing are nullable: a product
 * without brand or category is a rejection with a reason, never a guess. The web* links come from routine
 * 2009's Web tab and are present only when it is filled in.
 */
public record Product(long id, String name, String description, Long departmentId, Long sectionId, Long categoryId,
                      Long brandId, Long supplierId, boolean active, boolean sentToEcommerce, boolean showWithoutStock,
                      Long webDepartmentId, Long webSectionId, Long webCategoryId,
                      BigDecimal grossWeightKg, BigDecimal netWeightKg, LocalDateTime lastChange) {

    public static Product from(JsonNode node) {
        return new Product(WtaFields.number(node, "id", "productId"), WtaFields.text(node, "name", "title"),
                WtaFields.text(node, "description", "descriptionShort"),
                WtaFields.number(node, "departmentId"), WtaFields.number(node, "sectionId"),
                WtaFields.number(node, "categoryId"), WtaFields.number(node, "brandId"), WtaFields.number(node, "supplierId"),
                WtaFields.flag(node, true, "isActive", "active"), WtaFields.flag(node, true, "isVisible"),
                WtaFields.flag(node, false, "showWithoutStock"),
                WtaFields.number(node, "webDepartmentId"), WtaFields.number(node, "webSectionId"),
                WtaFields.number(node, "webCategoryId"),
                WtaFields.decimal(node, "realWeightKg", "grossWeightKg"), WtaFields.decimal(node, "netWeightKg"),
                WtaFields.date(node, "lastChange"));
    }
}
