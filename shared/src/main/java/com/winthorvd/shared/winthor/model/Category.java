package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;

/**
 * A category (PCCATEGORIA). Its key is composite: a category code is unique only within its section, so
 * {@link #key()} is "section-category".
 */
public record Category(long sectionId, long id, String name, long departmentId, boolean sentToEcommerce,
                       LocalDateTime lastChange) {

    public String key() {
        return sectionId + "-" + id;
    }

    public static Category from(JsonNode node) {
        JsonNode section = node.path("section");
        Long sectionId = WtaFields.number(node, "sectionId");
        if (sectionId == null && section.isObject()) {
            sectionId = WtaFields.number(section, "id");
        }
        Long departmentId = WtaFields.number(node, "departmentId");
        if (departmentId == null && node.path("department").isObject()) {
            departmentId = WtaFields.number(node.get("department"), "id");
        }
        if (sectionId == null || departmentId == null) {
            throw new IllegalArgumentException("category " + WtaFields.text(node, "id") + " has no section or department");
        }
        return new Category(sectionId, WtaFields.number(node, "id"), WtaFields.text(node, "name", "title", "description"),
                departmentId, WtaFields.flag(node, true, "active", "isActive"), WtaFields.date(node, "lastChange"));
    }
}
