package com.winthorvd.testkit.template;

import com.winthorvd.testkit.stack.RepoRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.testkit.runner.LocalRunner;
import com.winthorvd.testkit.stack.LocalDeployment;
import com.winthorvd.testkit.stack.Template;
import com.winthorvd.shared.json.Json;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What `sam validate` and cfn-lint cannot see: the template against the code, the jars and our conventions. */
class TemplateTest {
    private static final Path ROOT = RepoRoot.find();
    private static final Template TEMPLATE = Template.load(ROOT.resolve("template.yaml"));

    @Test
    void theTemplateFollowsTheQueueAndPolicyConventions() {
        assertEquals(List.of(), TemplateRules.check(TEMPLATE));
    }

    /**
     * The store's limits are the account's: a function fed by a queue runs up to its MaximumConcurrency containers, and
     * each takes that share of them (STORE_RATE_SHARED_BY), so together they stay within the account's limits.
     */
    @Test
    void everyQueueFedStoreCallerSharesTheAccountsLimitsByItsContainers() {
        // No parameter given: each resolves to its Default.
        com.winthorvd.testkit.stack.Resolver resolver = new com.winthorvd.testkit.stack.Resolver(TEMPLATE, Map.of(), Map.of(),
                "us-east-1", "000000000000", "stack");
        Object global = Template.map(Template.map(TEMPLATE.functionGlobals().get("Environment")).get("Variables")).get("STORE_RATE_SHARED_BY");
        Map<String, Integer> containers = new java.util.TreeMap<>();
        Map<String, Integer> sharedBy = new java.util.TreeMap<>();
        for (String function : TEMPLATE.resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> properties = TEMPLATE.properties(function);
            Object own = Template.map(Template.map(properties.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()))
                    .get("STORE_RATE_SHARED_BY");
            sharedBy.put(function, Integer.parseInt(resolver.string(own != null ? own : global)));
            for (Object event : Template.map(properties.getOrDefault("Events", Map.of())).values()) {
                Object scaling = Template.map(Template.map(event).getOrDefault("Properties", Map.of())).get("ScalingConfig");
                if (scaling != null) {
                    containers.put(function, Integer.parseInt(resolver.string(Template.map(scaling).get("MaximumConcurrency"))));
                }
            }
        }
        assertEquals(Set.of("CatalogApplyFunction", "StockApplyFunction", "PriceApplyFunction", "OrderPushFunction"), containers.keySet(),
                "the queue-fed functions, every one a store caller");
        containers.forEach((function, max) -> assertEquals(max, sharedBy.get(function),
                function + " runs " + max + " containers: each takes 1/" + max + " of the account's limits"));
    }

    @Test
    void theRulesCatchEveryBrokenConvention() {
        List<String> violations = TemplateRules.check(Template.load(Path.of("src/test/resources/broken-template.yaml")));
        List<String> expected = List.of(
                "OrdersQueue: its DLQ OrdersDlq must be FIFO like it",
                "OrdersDlq: a DLQ keeps messages 14 days",
                "LonelyQueue: has no DLQ",
                "PushFunction.Orders: FunctionResponseTypes must include ReportBatchItemFailures",
                "PushFunction.Orders: ScalingConfig.MaximumConcurrency must be !Ref to a parameter",
                "PushFunction: DEAD_LETTER_QUEUE_URL must be !Ref OrdersDlq",
                "OrdersQueue: VisibilityTimeout 60 s is under 6x the timeout of PushFunction (30 s)",
                "PushFunction: policy resource \"*\" is a literal",
                "PushFunction: policy resource !Ref SomeoneElsesQueue is not a resource of this stack");
        for (String violation : expected) {
            assertTrue(violations.stream().anyMatch(v -> v.startsWith(violation)), violation + " not in " + violations);
        }
        assertEquals(expected.size(), violations.size(), violations.toString());
    }

    /** Every Handler names a class in its CodeUri jar, loadable on its own, taking its trigger's input type. */
    @Test
    void everyHandlerIsInItsJarAndTakesItsTriggersInputType() throws Exception {
        List<String> functions = TEMPLATE.resourcesOfType(LocalDeployment.FUNCTION);
        assertTrue(!functions.isEmpty());
        for (String function : functions) {
            Map<String, Object> properties = TEMPLATE.properties(function);
            Path jar = ROOT.resolve(String.valueOf(properties.get("CodeUri")));
            assertTrue(Files.isRegularFile(jar), jar + " is missing: the tests run with `mvn verify`, which builds it first");
            String[] handler = String.valueOf(properties.get("Handler")).split("::");
            try (URLClassLoader isolated = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                linkEveryProjectClass(jar, isolated);
                Class<?> type = Class.forName(handler[0], true, isolated);
                Class<?> requestHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler", false, isolated);
                assertTrue(requestHandler.isAssignableFrom(type), handler[0] + " is not a RequestHandler");
                Method method = handlerMethod(type, handler.length > 1 ? handler[1] : "handleRequest");
                Class<?> input = method.getParameterTypes()[0];
                Template.map(properties.get("Events")).forEach((name, body) -> {
                    Map<String, Object> event = Template.map(body);
                    String trigger = String.valueOf(event.get("Type"));
                    Map<String, Object> eventProperties = Template.map(event.get("Properties"));
                    checkInput(function + "." + name, trigger, input, eventProperties);
                });
            }
        }
    }

    private static Method handlerMethod(Class<?> type, String name) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 2 && !method.isBridge()) {
                return method;
            }
        }
        throw new AssertionError(type.getName() + " has no " + name + "(event, Context)");
    }

    /** Loads and links every class of ours in the jar, so a class it needs but does not carry fails here. */
    private static void linkEveryProjectClass(Path jar, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith("com/winthorvd/") && name.endsWith(".class")) {
                    Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""), false, loader);
                    type.getDeclaredMethods();
                    type.getDeclaredFields();
                    type.getDeclaredConstructors();
                }
            }
        }
    }

    private static void checkInput(String where, String trigger, Class<?> input, Map<String, Object> properties) {
        switch (trigger) {
            case "SQS" -> assertEquals(SQSEvent.class.getName(), input.getName(), where);
            case "Api" -> assertEquals(APIGatewayProxyRequestEvent.class.getName(), input.getName(), where);
            case "HttpApi" -> assertEquals(APIGatewayV2HTTPEvent.class.getName(), input.getName(), where);
            case "ScheduleV2", "Schedule" -> {
                assertEquals("America/Sao_Paulo", properties.get("ScheduleExpressionTimezone"), where + " time zone");
                String text = String.valueOf(properties.get("Input"));
                Object read = Json.read(text, input); // the schedule's Input is all the handler gets
                JsonNode back = Json.MAPPER.valueToTree(read);
                Json.read(text).fieldNames().forEachRemaining(field ->
                        assertEquals(Json.read(text).get(field), back.get(field), where + ": Input field " + field + " is lost"));
            }
            default -> throw new AssertionError(where + ": no rule for trigger type " + trigger);
        }
    }

    /** Every events/ file (but env.local.json) belongs to a function by name and loads into its input type. */
    @Test
    void everyEventsFileDeserializesIntoItsHandlersInputType() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(ROOT.resolve("events"))) {
            files = listing.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("env.local.json")).sorted().toList();
        }
        assertTrue(!files.isEmpty());
        Set<String> covered = new HashSet<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String function = TEMPLATE.resourcesOfType(LocalDeployment.FUNCTION).stream()
                    .filter(f -> name.startsWith(kebab(f) + "-")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " matches no function (name it <function>-<case>.json)"));
            Class<?> type = LocalRunner.inputType(Class.forName(String.valueOf(TEMPLATE.properties(function).get("Handler")).split("::")[0]));
            Object event = EventLoader.loadEvent("../events/" + name, type);
            assertTrue(type.isInstance(event), name);
            covered.add(function);
        }
        for (String function : TEMPLATE.resourcesOfType(LocalDeployment.FUNCTION)) {
            assertTrue(covered.contains(function), function + " has no sample event in events/");
        }
    }

    /** TokenRefreshFunction -> token-refresh */
    static String kebab(String logicalId) {
        return logicalId.replaceAll("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** events/env.local.json (for sam local invoke --env-vars) sets exactly what each function declares. */
    @Test
    void envLocalJsonMatchesTheTemplate() throws IOException {
        JsonNode env = Json.read(Files.readString(ROOT.resolve("events/env.local.json")));
        for (String function : TEMPLATE.resourcesOfType(LocalDeployment.FUNCTION)) {
            Set<String> declared = new HashSet<>(Template.map(Template.map(TEMPLATE.properties(function).get("Environment")).get("Variables")).keySet());
            Set<String> given = new HashSet<>();
            env.path(function).fieldNames().forEachRemaining(given::add);
            assertEquals(declared, given, "events/env.local.json for " + function);
        }
        List<String> unknown = new ArrayList<>();
        env.fieldNames().forEachRemaining(name -> {
            if (!TEMPLATE.resources().containsKey(name)) {
                unknown.add(name);
            }
        });
        assertEquals(List.of(), unknown);
    }

    @Test
    void globalsDeployOnJava21WithSnapStartAndJsonLogs() {
        Map<String, Object> globals = TEMPLATE.functionGlobals();
        assertEquals("java21", globals.get("Runtime"));
        assertEquals("PublishedVersions", Template.map(globals.get("SnapStart")).get("ApplyOn"));
        assertEquals("JSON", Template.map(globals.get("LoggingConfig")).get("LogFormat"));
        Map<String, Object> table = TEMPLATE.properties("StateTable");
        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        assertEquals(true, Template.map(table.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"));
        assertEquals("ttl", Template.map(table.get("TimeToLiveSpecification")).get("AttributeName"));
    }
}
