package com.winthorvd.shared.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.queue.OutgoingMessage;
import com.winthorvd.shared.util.Hash;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A store order reaching a state, as the order hook or the orders feed tells it. On the FIFO order queue its group is
 * the order (its changes in order) and its deduplication id is order + state + LastChange, the same from the hook and
 * from the feed, so one change is queued once whichever way, and however often, it arrives.
 */
public record OrderChange(String orderId, String state, String lastChange) {
    /** VTEX order ids: sequence and seller, e.g. 1471950507440-01. */
    static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** The hook's payload ({@code OrderId}, {@code State}, {@code LastChange}); every problem names its field. */
    public static OrderChange fromHook(JsonNode payload) {
        String orderId = text(payload, "OrderId");
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw new IllegalArgumentException("OrderId '" + shorten(orderId) + "' is not an order id (letters, digits, - and _, up to 64)");
        }
        String state = text(payload, "State");
        if (!state.matches("[a-z][a-z-]{0,63}")) {
            throw new IllegalArgumentException("State '" + shorten(state) + "' is not an order state (e.g. ready-for-handling)");
        }
        String lastChange = text(payload, "LastChange");
        try {
            OffsetDateTime.parse(lastChange);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("LastChange '" + shorten(lastChange) + "' is not an ISO-8601 date and time with offset");
        }
        return new OrderChange(orderId, state, lastChange);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value.asText().trim();
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    public String deduplicationId() {
        return Hash.of(orderId + "|" + state + "|" + lastChange);
    }

    public OutgoingMessage message() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("orderId", orderId);
        node.put("state", state);
        node.put("lastChange", lastChange);
        return OutgoingMessage.fifo(Json.write(node), orderId, deduplicationId());
    }

    public static OrderChange parse(String body) {
        JsonNode node = Json.read(body);
        for (String field : new String[] {"orderId", "state", "lastChange"}) {
            if (!node.hasNonNull(field)) {
                throw new IllegalArgumentException("order message without \"" + field + "\"");
            }
        }
        return new OrderChange(node.get("orderId").asText(), node.get("state").asText(), node.get("lastChange").asText());
    }
}
