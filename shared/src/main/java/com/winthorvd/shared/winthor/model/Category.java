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

    /** The category's section: {@code sectionId}, or the id of a nested {@code section} object. */
    public static Long sectionOf(JsonNode node) {
        Long sectionId = WtaFields.number(node, "sectionId");
        return sectionId != null || !node.path("section").isObject() ? sectionId : WtaFields.number(node.get("section"), "id");
    }

    /**
     * The category's department: {@code departmentId}, a top-level {@code department} object, or (as TDN's field table
     * nests it) {@code section.department}.
     */
    static Long departmentOf(JsonNode node) {
        Long departmentId = WtaFields.number(node, "departmentId");
        for (JsonNode department : new JsonNode[] {node.path("department"), node.path("section").path("department")}) {
            if (departmentId == null && department.isObject()) {
                departmentId = WtaFields.number(department, "id");
            }
        }
        if (departmentId == null && node.path("section").isObject()) {
            departmentId = WtaFields.number(node.get("section"), "departmentId");
        }
        return departmentId;
    }

    public static Category from(JsonNode node) {
        Long sectionId = sectionOf(node);
        Long departmentId = departmentOf(node);
        if (sectionId == null || departmentId == null) {
            throw new IllegalArgumentException("category " + WtaFields.text(node, "id") + " has no section or department");
        }
        return new Category(sectionId, WtaFields.number(node, "id"), WtaFields.text(node, "name", "title", "description"),
                departmentId, WtaFields.flag(node, true, "active", "isActive"), WtaFields.date(node, "lastChange"));
    }
}
