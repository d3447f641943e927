package com.winthorvd.testkit.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or,
 * Fn::Join, Fn::Select, Fn::Split, Condition) against local parameter values and the physical ids and
 * attributes of the resources the local stack created. An unknown reference is an error, never a guess, so
 * a template mistake fails locally instead of at deploy.
 */
public final class Resolver {
    /** What {@code !Ref AWS::NoValue} resolves to: the property is removed. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Template template;
    private final Map<String, String> parameters;
    private final Map<String, PhysicalResource> resources;
    private final String region;
    private final String accountId;
    private final String stackName;

    public Resolver(Template template, Map<String, String> parameters, Map<String, PhysicalResource> resources,
                    String region, String accountId, String stackName) {
        this.template = template;
        this.parameters = parameters;
        this.resources = resources;
        this.region = region;
        this.accountId = accountId;
        this.stackName = stackName;
    }

    /** A resource as created: what Ref gives, and its Fn::GetAtt attributes. */
    public record PhysicalResource(String ref, Map<String, String> attributes) {
    }

    public boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("template has no condition " + name);
        }
        return truth(resolve(definition));
    }

    public String string(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return resolved == NO_VALUE || resolved == null ? null : String.valueOf(resolved);
    }

    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object argument = map.values().iterator().next();
            switch (key) {
                case "Ref": return ref(String.valueOf(argument));
                case "Condition": return condition(String.valueOf(argument));
                case "Fn::GetAtt": return getAtt(Template.list(argument));
                case "Fn::Sub": return sub(argument);
                case "Fn::If": return ifThen(Template.list(argument));
                case "Fn::Equals": {
                    List<Object> pair = Template.list(argument);
                    return String.valueOf(resolve(pair.get(0))).equals(String.valueOf(resolve(pair.get(1))));
                }
                case "Fn::Not": return !truth(resolve(Template.list(argument).get(0)));
                case "Fn::And": return Template.list(argument).stream().allMatch(v -> truth(resolve(v)));
                case "Fn::Or": return Template.list(argument).stream().anyMatch(v -> truth(resolve(v)));
                case "Fn::Join": {
                    List<Object> args = Template.list(argument);
                    List<String> parts = new ArrayList<>();
                    for (Object part : asList(resolve(args.get(1)))) {
                        parts.add(String.valueOf(part));
                    }
                    return String.join(String.valueOf(args.get(0)), parts);
                }
                case "Fn::Select": {
                    List<Object> args = Template.list(argument);
                    return asList(resolve(args.get(1))).get(Integer.parseInt(String.valueOf(resolve(args.get(0)))));
                }
                case "Fn::Split": {
                    List<Object> args = Template.list(argument);
                    return List.of(String.valueOf(resolve(args.get(1))).split(Pattern.quote(String.valueOf(args.get(0))), -1));
                }
                default:
                    if (key.startsWith("Fn::")) {
                        throw new IllegalArgumentException("the local stack does not resolve " + key);
                    }
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object resolved = resolve(v);
                if (resolved != NO_VALUE) {
                    out.put(String.valueOf(k), resolved);
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object resolved = resolve(item);
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        return value;
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::NoValue": return NO_VALUE;
            case "AWS::Region": return region;
            case "AWS::AccountId": return accountId;
            case "AWS::StackName": return stackName;
            case "AWS::Partition": return "aws";
            case "AWS::URLSuffix": return "amazonaws.com";
            default:
        }
        Map<String, Object> parameter = Template.map(template.parameters().get(name));
        if (template.parameters().containsKey(name)) {
            String value = parameters.containsKey(name) ? parameters.get(name)
                    : parameter.containsKey("Default") ? String.valueOf(parameter.get("Default")) : null;
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no local value and no default");
            }
            return String.valueOf(parameter.get("Type")).startsWith("CommaDelimitedList") || String.valueOf(parameter.get("Type")).startsWith("List<")
                    ? (value.isEmpty() ? List.of() : List.of(value.split(",")))
                    : value;
        }
        PhysicalResource resource = resources.get(name);
        if (resource == null) {
            throw new IllegalArgumentException("Ref to " + name + ", which is neither a parameter nor a resource created locally");
        }
        return resource.ref();
    }

    private Object getAtt(List<Object> args) {
        String logicalId = String.valueOf(args.get(0));
        String attribute = String.valueOf(resolve(args.get(1)));
        PhysicalResource resource = resources.get(logicalId);
        if (resource == null || !resource.attributes().containsKey(attribute)) {
            throw new IllegalArgumentException("Fn::GetAtt " + logicalId + "." + attribute + " is not known locally");
        }
        return resource.attributes().get(attribute);
    }

    private Object sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            variables = Template.map(list.get(1));
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object replacement;
            if (variables.containsKey(name)) {
                replacement = resolve(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                replacement = getAtt(List.of(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1)));
            } else {
                replacement = ref(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(replacement)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Object ifThen(List<Object> args) {
        return condition(String.valueOf(args.get(0))) ? resolve(args.get(1)) : resolve(args.get(2));
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    private static List<Object> asList(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }
}
