package com.winthorvd.shared.state;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A DynamoDB condition or update expression with its placeholders; values are added by name. */
public final class Condition {
    private final String expression;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    private Condition(String expression) {
        this.expression = expression;
    }

    public static Condition of(String expression) {
        return new Condition(expression);
    }

    public Condition name(String placeholder, String attribute) {
        names.put(placeholder, attribute);
        return this;
    }

    public Condition value(String placeholder, String value) {
        values.put(placeholder, AttributeValue.fromS(value));
        return this;
    }

    public Condition value(String placeholder, long value) {
        values.put(placeholder, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    public Condition value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    public String expression() {
        return expression;
    }

    public Map<String, String> names() {
        return names;
    }

    public Map<String, AttributeValue> values() {
        return values;
    }
}
