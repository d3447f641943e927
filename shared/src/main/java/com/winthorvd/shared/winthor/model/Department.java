package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;

/** A department (PCDEPTO): the store's first category level. {@code sentToEcommerce} is ENVIAECOMMERCE. */
public record Department(long id, String name, boolean sentToEcommerce, LocalDateTime lastChange) {

    public static Department from(JsonNode node) {
        return new Department(WtaFields.number(node, "id"), WtaFields.text(node, "name", "description", "title"),
                WtaFields.flag(node, true, "active", "isActive", "sendToEcommerce"), WtaFields.date(node, "lastChange"));
    }
}
