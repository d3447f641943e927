package com.winthorvd.testkit.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SAM function as the local runner needs it: handler class and method, CodeUri, timeout, its environment
 * (Globals merged with its own variables, resolved) and its events with resolved properties.
 */
public record FunctionSpec(String logicalId, String handlerClass, String handlerMethod, String codeUri,
                           int timeoutSeconds, int memoryMb, DeclaredEnv env, List<EventSpec> events) {

    public record EventSpec(String name, String type, Map<String, Object> properties) {
    }

    static FunctionSpec of(String logicalId, Template template, Resolver resolver, Map<String, String> runtimeEnv) {
        Map<String, Object> globals = template.functionGlobals();
        Map<String, Object> properties = template.properties(logicalId);
        String handler = String.valueOf(properties.getOrDefault("Handler", globals.get("Handler")));
        String[] parts = handler.split("::", 2);
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map<String, Object> source : List.of(globals, properties)) {
            Map<String, Object> vars = Template.map(Template.map(source.get("Environment")).get("Variables"));
            vars.forEach((name, value) -> {
                String resolved = resolver.string(value);
                variables.put(name, resolved == null ? "" : resolved);
            });
        }
        List<EventSpec> events = new ArrayList<>();
        Template.map(properties.get("Events")).forEach((name, body) -> {
            Map<String, Object> event = Template.map(body);
            events.add(new EventSpec(name, String.valueOf(event.get("Type")),
                    Template.map(resolver.resolve(event.getOrDefault("Properties", Map.of())))));
        });
        int timeout = Integer.parseInt(String.valueOf(properties.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3))));
        int memory = Integer.parseInt(String.valueOf(properties.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", 128))));
        return new FunctionSpec(logicalId, parts[0], parts.length > 1 ? parts[1] : "handleRequest",
                String.valueOf(properties.get("CodeUri")), timeout, memory,
                new DeclaredEnv(logicalId, variables, runtimeEnv), List.copyOf(events));
    }
}
