package com.winthorvd.shared.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /**
     * An update expression that sets these attributes ({@code setIfAbsent} only where missing) and removes the listed
     * ones, with its own placeholders ({@code #a<n>}, {@code :a<n>}).
     */
    public static Condition update(Map<String, AttributeValue> set, Map<String, AttributeValue> setIfAbsent, List<String> remove) {
        List<String> sets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<AttributeValue> values = new ArrayList<>();
        set.forEach((name, value) -> {
            sets.add("#a" + names.size() + " = :a" + names.size());
            names.add(name);
            values.add(value);
        });
        setIfAbsent.forEach((name, value) -> {
            sets.add("#a" + names.size() + " = if_not_exists(#a" + names.size() + ", :a" + names.size() + ")");
            names.add(name);
            values.add(value);
        });
        List<String> removes = new ArrayList<>();
        for (String attribute : remove) {
            removes.add("#a" + names.size());
            names.add(attribute);
        }
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
                + (removes.isEmpty() ? "" : (sets.isEmpty() ? "" : " ") + "REMOVE " + String.join(", ", removes));
        Condition update = Condition.of(expression);
        for (int i = 0; i < names.size(); i++) {
            update.name("#a" + i, names.get(i));
            if (i < values.size()) {
                update.value(":a" + i, values.get(i));
            }
        }
        return update;
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
