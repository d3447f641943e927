package com.winthorvd.testkit.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.testkit.stack.LocalDeployment;
import com.winthorvd.testkit.stack.RepoRoot;
import com.winthorvd.testkit.stack.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What only a real AWS account exercises, checked on template.yaml: each test fails if its item is taken out. */
class RealAccountTemplateTest {
    private static final Template TEMPLATE = Template.load(RepoRoot.find().resolve("template.yaml"));

    private static Map<String, Object> variables(String function) {
        return Template.map(Template.map(TEMPLATE.properties(function).get("Environment")).get("Variables"));
    }

    private static long timeout(String function) {
        return Long.parseLong(String.valueOf(TEMPLATE.properties(function).getOrDefault("Timeout",
                TEMPLATE.functionGlobals().getOrDefault("Timeout", 3))));
    }

    private static Map<String, Object> parameter(String name) {
        return Template.map(TEMPLATE.parameters().get(name));
    }

    private static String ref(Object value) {
        return String.valueOf(Template.map(value).get("Ref"));
    }

    private static List<String> functions() {
        return TEMPLATE.resourcesOfType(LocalDeployment.FUNCTION);
    }

    /** A VPN with no NAT breaks every store and AWS call of a function in the VPC: only those that reach WinThor are. */
    @Test
    void onlyTheFunctionsThatReachWinThorRunInTheVpc() {
        assertFalse(TEMPLATE.functionGlobals().containsKey("VpcConfig"), "no VpcConfig in Globals");
        for (String function : functions()) {
            boolean reachesWinThor = variables(function).containsKey("WINTHOR_URL");
            Object vpc = TEMPLATE.properties(function).get("VpcConfig");
            assertEquals(reachesWinThor, vpc != null, function + (reachesWinThor ? " reaches WinThor: VpcConfig" : ": no VpcConfig"));
            if (vpc != null) {
                List<Object> branches = Template.list(Template.map(vpc).get("Fn::If"));
                assertEquals("InVpc", branches.get(0), function);
                assertEquals("AWS::NoValue", ref(branches.get(2)), function + ": outside a VPC when SubnetIds is empty");
            }
        }
    }

    @Test
    void theVpcEndpointsAreOptionalAndCoverDynamoDbSqsAndSecretsManager() {
        Set<String> services = new java.util.TreeSet<>();
        for (String endpoint : TEMPLATE.resourcesOfType("AWS::EC2::VPCEndpoint")) {
            assertEquals("CreateEndpoints", TEMPLATE.condition(endpoint).orElse(null), endpoint);
            String service = String.valueOf(Template.map(TEMPLATE.properties(endpoint).get("ServiceName")).get("Fn::Sub"));
            services.add(service.substring(service.lastIndexOf('.') + 1));
            String type = String.valueOf(TEMPLATE.properties(endpoint).get("VpcEndpointType"));
            assertEquals(service.endsWith("dynamodb") ? "Gateway" : "Interface", type, endpoint);
        }
        assertEquals(Set.of("dynamodb", "secretsmanager", "sqs"), services);
        assertTrue(String.valueOf(TEMPLATE.conditions().get("CreateEndpoints")).contains("InVpc"));
    }

    /** The login carries the password's MD5: plain http only when a parameter says the link is private. */
    @Test
    void plainHttpToWinThorIsRefusedUnlessAParameterAllowsIt() {
        assertEquals("false", String.valueOf(parameter("WinThorAllowPlainHttp").get("Default")));
        Map<String, Object> globals = Template.map(Template.map(TEMPLATE.functionGlobals().get("Environment")).get("Variables"));
        assertEquals("WinThorAllowPlainHttp", ref(globals.get("WINTHOR_ALLOW_PLAIN_HTTP")));
    }

    @Test
    void existingSecretsArePassedAsFullArnsAndACustomerKeyGrantsDecryptToTheirReaders() {
        String arn = "arn:aws:secretsmanager:sa-east-1:123456789012:secret:winthor-vd/wta-password-AbCdEf";
        for (String name : List.of("WinThorPasswordSecretArn", "StoreAppTokenSecretArn")) {
            Pattern pattern = Pattern.compile(String.valueOf(parameter(name).get("AllowedPattern")));
            assertTrue(pattern.matcher(arn).matches(), name);
            assertTrue(pattern.matcher("").matches(), name + ": empty makes the stack create it");
            assertFalse(pattern.matcher("winthor-vd/wta-password").matches(), name + ": a bare name is refused");
        }
        for (String function : functions()) {
            List<Object> statements = new ArrayList<>();
            for (Object policy : Template.list(TEMPLATE.properties(function).get("Policies"))) {
                statements.addAll(Template.list(Template.map(policy).get("Statement")));
            }
            boolean readsAParameterSecret = statements.toString().contains("secretsmanager:GetSecretValue")
                    && (statements.toString().contains("WinThorPasswordSecretArn") || statements.toString().contains("StoreAppTokenSecretArn"));
            boolean decrypts = statements.stream().map(Template::map).filter(s -> s.containsKey("Fn::If"))
                    .map(s -> Template.list(s.get("Fn::If"))).anyMatch(branches -> "HasSecretsKmsKey".equals(branches.get(0))
                            && "kms:Decrypt".equals(Template.map(branches.get(1)).get("Action"))
                            && "SecretsKmsKeyArn".equals(ref(Template.map(branches.get(1)).get("Resource"))));
            assertEquals(readsAParameterSecret, decrypts, function + ": kms:Decrypt on SecretsKmsKeyArn exactly when it reads a secret passed by ARN");
        }
    }

    /**
     * Every grant on the state table's items names the key prefixes it may touch (so the stock apply cannot read
     * {@code TOKEN#winthor}); an index is granted only Query, on its own ARN. That each function's prefixes are the
     * ones it uses is checked by running them: the local world denies a call outside them (any test fails), and the
     * demo test fails on a prefix no call of the whole integration used.
     */
    @Test
    void everyStateTableGrantIsLimitedToTheKeyPrefixesOfItsFunction() {
        for (String function : functions()) {
            for (Object policy : Template.list(TEMPLATE.properties(function).get("Policies"))) {
                for (Object s : TemplateRules.statements(Template.map(policy).get("Statement"))) {
                    Map<String, Object> statement = Template.map(s);
                    String grant = String.valueOf(statement.get("Action")) + " " + statement.get("Resource");
                    if (!grant.contains("dynamodb:")) {
                        continue;
                    }
                    if (grant.contains("/index/")) {
                        assertEquals("dynamodb:Query", statement.get("Action"), function + ": an index is only queried");
                        assertFalse(statement.get("Resource") instanceof List, function + ": the index alone, not the table with it");
                        continue;
                    }
                    Map<String, Object> condition = Template.map(Template.map(statement.get("Condition")).get("ForAllValues:StringLike"));
                    List<String> prefixes = Template.list(condition.get("dynamodb:LeadingKeys")).stream().map(String::valueOf).toList();
                    assertFalse(prefixes.isEmpty(), function + ": a grant on the state table without dynamodb:LeadingKeys: " + grant);
                    for (String prefix : prefixes) {
                        assertTrue(prefix.matches("[A-Z]+#[a-z0-9#*-]*") && !prefix.endsWith("#*#*"),
                                function + ": '" + prefix + "' is not a key prefix of the state table");
                    }
                    assertEquals(prefixes.contains("TOKEN#winthor"), variables(function).containsKey("WINTHOR_URL"),
                            function + ": the WinThor token exactly for the functions that call WinThor");
                }
            }
        }
    }

    @Test
    void theStateTableCannotBeDeletedByAccident() {
        Map<String, Object> table = TEMPLATE.resource("StateTable");
        assertEquals(true, TEMPLATE.properties("StateTable").get("DeletionProtectionEnabled"));
        assertEquals("Retain", table.get("DeletionPolicy"));
    }

    /** Projecting ALL would store every record's raw JSON (CPF/CNPJ and e-mail included) once per index again. */
    @Test
    void noIndexProjectsEveryAttribute() {
        for (Object index : Template.list(TEMPLATE.properties("StateTable").get("GlobalSecondaryIndexes"))) {
            Map<String, Object> projection = Template.map(Template.map(index).get("Projection"));
            assertTrue(List.of("INCLUDE", "KEYS_ONLY").contains(projection.get("ProjectionType")), String.valueOf(Template.map(index).get("IndexName")));
            assertFalse(Template.list(projection.get("NonKeyAttributes")).contains("storeBody"));
        }
    }

    /** Lambda keeps a log group's lines forever unless the group says otherwise. */
    @Test
    void everyFunctionLogsToAGroupOfTheStackWithARetention() {
        for (String function : functions()) {
            String group = ref(Template.map(TEMPLATE.properties(function).get("LoggingConfig")).get("LogGroup"));
            assertEquals("AWS::Logs::LogGroup", TEMPLATE.type(group), function);
            assertEquals("LogRetentionDays", ref(TEMPLATE.properties(group).get("RetentionInDays")), group);
        }
        assertEquals("JSON", Template.map(TEMPLATE.functionGlobals().get("LoggingConfig")).get("LogFormat"), "merged with Globals");
    }

    /** A flood of unauthenticated POSTs is answered 429 by API Gateway and cannot take the account's concurrency. */
    @Test
    void theWebhookIsThrottledAtItsStageAndHasReservedConcurrency() {
        String webhook = "OrderWebhookFunction";
        assertEquals("WebhookReservedConcurrency", ref(TEMPLATE.properties(webhook).get("ReservedConcurrentExecutions")));
        Map<String, Object> hook = Template.map(Template.map(Template.map(TEMPLATE.properties(webhook).get("Events")).get("Hook")).get("Properties"));
        String api = ref(hook.get("RestApiId"));
        assertEquals(LocalDeployment.API, TEMPLATE.type(api));
        Map<String, Object> settings = Template.map(Template.list(TEMPLATE.properties(api).get("MethodSettings")).get(0));
        assertEquals("/*", settings.get("ResourcePath"));
        assertEquals("*", settings.get("HttpMethod"));
        assertEquals("WebhookRateLimit", ref(settings.get("ThrottlingRateLimit")));
        assertEquals("WebhookBurstLimit", ref(settings.get("ThrottlingBurstLimit")));
        assertEquals("50", String.valueOf(parameter("WebhookRateLimit").get("Default")));
        assertEquals("100", String.valueOf(parameter("WebhookBurstLimit").get("Default")));
        assertTrue(String.valueOf(Template.map(TEMPLATE.section("Outputs").get("OrderHookUrl")).get("Value")).contains("${" + api + "}"));
    }

    /** A claim must outlive the invocation that holds it, whatever that function's timeout. */
    @Test
    void eachClaimHoldOutlivesItsOwnFunctionsTimeout() {
        List<String> claiming = functions().stream().filter(f -> variables(f).containsKey("CLAIM_HOLD_SECONDS")).toList();
        assertEquals(Set.of("CatalogApplyFunction", "StockApplyFunction", "PriceApplyFunction", "OrderPushFunction", "OrderStatusFunction"),
                Set.copyOf(claiming));
        for (String function : claiming) {
            long hold = Long.parseLong(String.valueOf(variables(function).get("CLAIM_HOLD_SECONDS")));
            assertTrue(hold > timeout(function) && hold <= timeout(function) + 120,
                    function + ": claim hold " + hold + " s for a " + timeout(function) + " s timeout");
        }
    }

    /** Every WinThor create of a batch may take the whole WinThor timeout: the batch fits the function's, with a margin. */
    @Test
    void theOrderBatchFitsItsWinThorCreatesInTheFunctionsTimeout() {
        long winthorTimeout = Long.parseLong(String.valueOf(parameter("WinThorRequestTimeoutSeconds").get("Default")));
        for (String function : functions()) {
            if (!variables(function).containsKey("WINTHOR_URL")) {
                continue;
            }
            for (Object event : Template.map(TEMPLATE.properties(function).get("Events")).values()) {
                Map<String, Object> body = Template.map(event);
                if ("SQS".equals(body.get("Type"))) {
                    Object size = Template.map(body.get("Properties")).get("BatchSize");
                    assertNotNull(size, function + ": a BatchSize of its own");
                    long batch = Long.parseLong(String.valueOf(size));
                    assertTrue(batch * winthorTimeout + 20 <= timeout(function),
                            function + ": " + batch + " creates of " + winthorTimeout + " s in " + timeout(function) + " s");
                }
            }
        }
    }
}
