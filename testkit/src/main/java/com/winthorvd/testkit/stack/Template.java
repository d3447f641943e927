package com.winthorvd.testkit.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as data, with CloudFormation's short-form intrinsics ({@code !Ref}, {@code !GetAtt}, {@code !Sub},
 * {@code !If}, ...) read into their long form ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": [...]}}) so one
 * resolver handles both. The local stack, the runner and the template tests all read the template through this.
 */
public final class Template {
    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new IntrinsicConstructor()).load(reader);
            return new Template(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Map<String, Object> section(String name) {
        return map(root.get(name));
    }

    public Map<String, Object> resources() {
        return section("Resources");
    }

    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    /** Global function properties (Globals.Function). */
    public Map<String, Object> functionGlobals() {
        return map(section("Globals").get("Function"));
    }

    /** Logical ids of the resources of one type, in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> out = new ArrayList<>();
        resources().forEach((id, body) -> {
            if (type.equals(map(body).get("Type"))) {
                out.add(id);
            }
        });
        return out;
    }

    public Map<String, Object> resource(String logicalId) {
        Object body = resources().get(logicalId);
        if (body == null) {
            throw new IllegalArgumentException("template has no resource " + logicalId);
        }
        return map(body);
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    public String type(String logicalId) {
        return String.valueOf(resource(logicalId).get("Type"));
    }

    public Optional<String> condition(String logicalId) {
        return Optional.ofNullable((String) resource(logicalId).get("Condition"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }

    /** Reads the short-form tags into long-form maps. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String function : List.of("Ref", "Condition")) {
                yamlConstructors.put(new Tag("!" + function), new LongForm(function));
            }
            for (String function : List.of("GetAtt", "Sub", "If", "Equals", "Not", "And", "Or", "Join", "Select",
                    "Split", "FindInMap", "GetAZs", "Base64", "ImportValue", "Cidr", "Length", "ToJsonString")) {
                yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    // !GetAtt A.B is short for Fn::GetAtt: [A, B]
                    value = key.equals("Fn::GetAtt") && text.contains(".")
                            ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1))
                            : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put(key, value);
                return out;
            }
        }
    }
}
