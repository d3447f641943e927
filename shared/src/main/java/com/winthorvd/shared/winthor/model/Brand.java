package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;

/** A brand (PCMARCA). A product whose brand is not integrated is not integrated either. */
public record Brand(long id, String name, boolean active, LocalDateTime lastChange) {

    public static Brand from(JsonNode node) {
        return new Brand(WtaFields.number(node, "id"), WtaFields.text(node, "name", "description", "title"),
                WtaFields.flag(node, true, "active", "isActive"), WtaFields.date(node, "lastChange"));
    }
}
