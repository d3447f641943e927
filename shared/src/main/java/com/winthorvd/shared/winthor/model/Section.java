package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;

/** A section (PCSECAO), under a department: the store's second category level. */
public record Section(long id, String name, long departmentId, boolean sentToEcommerce, LocalDateTime lastChange) {

    public static Section from(JsonNode node) {
        Long department = WtaFields.number(node, "departmentId");
        if (department == null && node.has("department")) {
            department = WtaFields.number(node.get("department"), "id");
        }
        if (department == null) {
            throw new IllegalArgumentException("section " + WtaFields.text(node, "id") + " has no department");
        }
        return new Section(WtaFields.number(node, "id"), WtaFields.text(node, "description", "name", "title"), department,
                WtaFields.flag(node, true, "active", "isActive"), WtaFields.date(node, "lastChange"));
    }
}
