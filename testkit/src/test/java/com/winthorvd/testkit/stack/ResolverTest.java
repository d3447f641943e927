package com.winthorvd.testkit.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolverTest {
    private final Template template = Template.load(RepoRoot.find().resolve("template.yaml"));
    private final Map<String, Resolver.PhysicalResource> resources = new HashMap<>(Map.of(
            "StateTable", new Resolver.PhysicalResource("stack-StateTable", Map.of("Arn", "arn:table")),
            "WinThorPasswordSecret", new Resolver.PhysicalResource("arn:secret:created", Map.of())));

    private Resolver resolver(Map<String, String> parameters) {
        return new Resolver(template, parameters, resources, "us-east-1", "000000000000", "stack");
    }

    @Test
    void readsShortFormIntrinsicsIntoLongForm() {
        Map<String, Object> env = Template.map(Template.map(template.properties("TokenRefreshFunction").get("Environment")).get("Variables"));
        assertEquals(Map.of("Ref", "StateTable"), env.get("STATE_TABLE"));
        List<Object> getAtt = Template.list(Template.map(Template.list(Template.map(Template.list(
                template.properties("TokenRefreshFunction").get("Policies")).get(0)).get("Statement")).get(0)).get("Resource") instanceof Map<?, ?> m
                ? m.get("Fn::GetAtt") : null);
        assertEquals(List.of("StateTable", "Arn"), getAtt);
    }

    @Test
    void resolvesConditionsIfsParametersAndResources() {
        Map<String, Object> env = Template.map(Template.map(template.properties("TokenRefreshFunction").get("Environment")).get("Variables"));
        Resolver created = resolver(Map.of("WinThorUrl", "http://x", "WinThorUser", "U", "WinThorBranches", "1"));
        assertEquals("arn:secret:created", created.string(env.get("WINTHOR_PASSWORD_SECRET_ARN")));
        assertEquals("stack-StateTable", created.string(env.get("STATE_TABLE")));
        assertEquals("7200", created.string(env.get("WINTHOR_TOKEN_LIFETIME_SECONDS")), "parameter default");
        Resolver given = resolver(Map.of("WinThorPasswordSecretArn", "arn:given", "WinThorUrl", "http://x", "WinThorUser", "U", "WinThorBranches", "1"));
        assertEquals("arn:given", given.string(env.get("WINTHOR_PASSWORD_SECRET_ARN")));
        assertEquals(false, given.condition("CreatePasswordSecret"));
        assertEquals(false, given.condition("InVpc"));
        assertEquals(true, resolver(Map.of("SubnetIds", "subnet-1,subnet-2")).condition("InVpc"));
    }

    @Test
    void substitutesAndRefusesWhatItCannotKnow() {
        Resolver resolver = resolver(Map.of());
        assertEquals("arn:table/index/*", resolver.resolve(Map.of("Fn::Sub", "${StateTable.Arn}/index/*")));
        assertEquals("stack-us-east-1", resolver.resolve(Map.of("Fn::Sub", "${AWS::StackName}-${AWS::Region}")));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve(Map.of("Ref", "NoSuchThing")));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve(Map.of("Fn::GetAtt", List.of("StateTable", "StreamArn"))));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve(Map.of("Ref", "WinThorUrl")),
                "a parameter without a local value or default");
    }

    @Test
    void declaredEnvRefusesVariablesTheTemplateDoesNotDeclare() {
        DeclaredEnv env = new DeclaredEnv("TokenRefreshFunction", Map.of("STATE_TABLE", "t", "WINTHOR_TRUSTSTORE", ""),
                Map.of("AWS_REGION", "us-east-1"));
        assertEquals(Optional.of("t"), env.get("STATE_TABLE"));
        assertEquals(Optional.empty(), env.get("WINTHOR_TRUSTSTORE"), "declared but empty");
        assertEquals(Optional.of("us-east-1"), env.get("AWS_REGION"));
        assertEquals(Optional.empty(), env.get("AWS_SESSION_TOKEN"), "a runtime variable Lambda may set");
        DeclaredEnv.UndeclaredVariableException e = assertThrows(DeclaredEnv.UndeclaredVariableException.class,
                () -> env.get("WINTHOR_SECRET_FEATURE"));
        assertTrue(e.getMessage().contains("TokenRefreshFunction read WINTHOR_SECRET_FEATURE"), e.getMessage());
    }
}
