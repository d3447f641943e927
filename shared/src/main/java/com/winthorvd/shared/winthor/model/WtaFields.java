package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.winthor.WtaConventions;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Tolerant reading of WTA fields, the one place that knows the variants seen in the wild: ids as numbers or
 * strings, flags as "S"/"N", booleans or 1/0, decimals as numbers or strings (with a comma or a dot), dates as
 * local {@code yyyy-MM-ddTHH:mm:ss} with or without fractions, and {@code 1900-01-01T00:00:00} meaning "no date".
 * Unknown extra fields are ignored. Field name variants are passed in order of preference.
 */
public final class WtaFields {
    public static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private WtaFields() {
    }

    static JsonNode first(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isBlank())) {
                return value;
            }
        }
        return null;
    }

    public static String text(JsonNode node, String... names) {
        JsonNode value = first(node, names);
        return value == null ? null : value.asText().trim();
    }

    public static Long number(JsonNode node, String... names) {
        JsonNode value = first(node, names);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + names[0] + " is not a whole number: '" + value.asText() + "'");
        }
    }

    public static BigDecimal decimal(JsonNode node, String... names) {
        JsonNode value = first(node, names);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        String text = value.asText().trim();
        if (text.contains(",")) {
            text = text.replace(".", "").replace(',', '.'); // 1.234,56 as written in pt-BR
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + names[0] + " is not a number: '" + value.asText() + "'");
        }
    }

    /**
     * QTUNIT, the units in one packaging: a NUMBER in WinThor, so "12", 12.0 or "12,000" are 12. Absent is 1; a
     * fractional or non-positive value is 0, which the catalog rules reject (a store SKU is a whole number of units),
     * never truncated to a smaller packaging.
     */
    public static int units(JsonNode node, String... names) {
        BigDecimal value = decimal(node, names);
        if (value == null) {
            return 1;
        }
        try {
            int units = value.stripTrailingZeros().intValueExact();
            return Math.max(units, 0);
        } catch (ArithmeticException e) {
            return 0;
        }
    }

    /** S/N, true/false, 1/0; absent is the given default. */
    public static boolean flag(JsonNode node, boolean absent, String... names) {
        JsonNode value = first(node, names);
        if (value == null) {
            return absent;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.asText().trim().toUpperCase(Locale.ROOT);
        return text.equals("S") || text.equals("SIM") || text.equals("TRUE") || text.equals("1") || text.equals("Y");
    }

    /** A WTA local date; null when absent or WinThor's "no date" value. */
    public static LocalDateTime date(JsonNode node, String... names) {
        String text = text(node, names);
        if (text == null || text.startsWith(WtaConventions.EMPTY_DATE.substring(0, 10))) {
            return null;
        }
        try {
            String trimmed = text.length() > 19 ? text.substring(0, 19) : text;
            return LocalDateTime.parse(trimmed, LOCAL);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field " + names[0] + " is not a WTA date: '" + text + "'");
        }
    }

    /**
     * The version of a record WinThor last changed at {@code lastChange}, a local time in {@code zone}: that instant in
     * epoch milliseconds, or {@code undated} (the reader's own instant) when WinThor gives no date. One clock for both,
     * so a record first read without a date still takes its next change.
     */
    public static long version(LocalDateTime lastChange, java.time.ZoneId zone, long undated) {
        return lastChange == null ? undated : lastChange.atZone(zone).toInstant().toEpochMilli();
    }

    public static String format(LocalDateTime date) {
        return date == null ? WtaConventions.EMPTY_DATE : LOCAL.format(date);
    }
}
