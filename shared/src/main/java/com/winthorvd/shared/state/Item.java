package com.winthorvd.shared.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A state-table item: a thin typed view over DynamoDB's attribute map. */
public final class Item {
    private final Map<String, AttributeValue> attributes;

    private Item(Map<String, AttributeValue> attributes) {
        this.attributes = attributes;
    }

    public static Item key(String pk, String sk) {
        Item item = new Item(new LinkedHashMap<>());
        return item.with("pk", pk).with("sk", sk);
    }

    public static Item from(Map<String, AttributeValue> attributes) {
        return new Item(new LinkedHashMap<>(attributes));
    }

    public Item with(String name, String value) {
        if (value != null) {
            attributes.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    public Item with(String name, long value) {
        attributes.put(name, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    public Item withMap(String name, Map<String, Long> counts) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        counts.forEach((k, v) -> map.put(k, AttributeValue.fromN(Long.toString(v))));
        attributes.put(name, AttributeValue.fromM(map));
        return this;
    }

    public Item withList(String name, java.util.List<String> values) {
        attributes.put(name, AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList()));
        return this;
    }

    public java.util.List<String> list(String name) {
        AttributeValue value = attributes.get(name);
        return value == null || !value.hasL() ? java.util.List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    public String pk() {
        return string("pk").orElseThrow();
    }

    public String sk() {
        return string("sk").orElseThrow();
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(attributes.get(name)).map(AttributeValue::s);
    }

    public Optional<Long> number(String name) {
        return Optional.ofNullable(attributes.get(name)).map(AttributeValue::n).map(Long::parseLong);
    }

    public Map<String, Long> counts(String name) {
        Map<String, Long> out = new LinkedHashMap<>();
        AttributeValue value = attributes.get(name);
        if (value != null && value.hasM()) {
            value.m().forEach((k, v) -> out.put(k, Long.parseLong(v.n())));
        }
        return out;
    }

    public Map<String, AttributeValue> attributes() {
        return attributes;
    }

    public Map<String, AttributeValue> keyAttributes() {
        return Map.of("pk", attributes.get("pk"), "sk", attributes.get("sk"));
    }
}
