package com.winthorvd.testkit.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.health.HealthService;
import com.winthorvd.testkit.stack.LocalDeployment;
import com.winthorvd.testkit.stack.RepoRoot;
import com.winthorvd.testkit.stack.Template;
import com.winthorvd.testkit.stack.WatchedMetrics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The deployed stack's operations surface as the template declares it: alarms an implementer can act on, no failed
 * scheduled run forgotten, and a dashboard over metrics that exist. (That each watched metric is really emitted, with
 * its dimensions, is the demo's check; that an alarm trips on its fault, the health check's end-to-end test.)
 */
class OperationsTemplateTest {
    private static final Template TEMPLATE = Template.load(RepoRoot.find().resolve("template.yaml"));
    /** Words a Portuguese sentence has and an English one does not. */
    private static final Pattern PORTUGUESE = Pattern.compile("\\b(não|está|estão|é|são|uma?|nenhuma?|foram|ficou|loja|fila|execuç\\w+)\\b", Pattern.UNICODE_CHARACTER_CLASS);

    @Test
    void everyAlarmNotifiesTheTopicAndSaysInPortugueseWhatToDo() {
        List<String> alarms = TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm");
        assertTrue(alarms.size() >= 20, "alarms: " + alarms);
        for (String alarm : alarms) {
            Map<String, Object> p = TEMPLATE.properties(alarm);
            assertEquals("HasAlarmTopic", TEMPLATE.condition(alarm).orElse(null), alarm + ": created when AlarmTopicArn is given");
            assertEquals(List.of(Map.of("Ref", "AlarmTopicArn")), p.get("AlarmActions"), alarm + ": notifies the alarm topic");
            String description = String.valueOf(p.get("AlarmDescription"));
            assertTrue(PORTUGUESE.matcher(description).find(), alarm + " is not described in Portuguese: " + description);
            assertTrue(description.contains("./winthor-vd ") || description.contains("rotina "),
                    alarm + ": the description names the command or the WinThor routine to go to: " + description);
            assertTrue(p.containsKey("TreatMissingData") || p.containsKey("Metrics"), alarm + ": says what no data means");
        }
    }

    @Test
    void everyScheduledFunctionKeepsItsFailedInvocations() {
        for (String function : TEMPLATE.resourcesOfType(LocalDeployment.FUNCTION)) {
            Map<String, Object> p = TEMPLATE.properties(function);
            boolean scheduled = Template.map(p.get("Events")).values().stream().anyMatch(e -> "ScheduleV2".equals(Template.map(e).get("Type")));
            Map<String, Object> onFailure = Template.map(Template.map(Template.map(p.get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure"));
            assertEquals(scheduled, !onFailure.isEmpty(), function + ": an on-failure destination exactly when it runs on a schedule");
            if (scheduled) {
                assertEquals("SQS", onFailure.get("Type"), function);
                assertEquals(List.of("FailedInvocationsQueue", "Arn"), Template.map(onFailure.get("Destination")).get("Fn::GetAtt"), function);
            }
        }
        assertTrue(TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").stream().anyMatch(a -> String.valueOf(TEMPLATE.properties(a).get("Dimensions"))
                .contains("FailedInvocationsQueue")), "an alarm watches the failed invocations");
    }

    @Test
    void theDashboardHasARowPerFlowOverTheIntegrationsMetrics() {
        List<WatchedMetrics.Metric> shown = WatchedMetrics.of(TEMPLATE).stream().filter(m -> m.where().startsWith("Dashboard")).toList();
        Set<String> flows = shown.stream().map(m -> m.dimensions().get("Flow")).collect(Collectors.toSet());
        assertTrue(flows.containsAll(Set.of(HealthService.FLOW, "catalog-sync", "catalog-apply", "stock-sync", "stock-apply", "price-sync",
                "price-apply", "order-push", "order-status", "order-webhook")), "flows on the dashboard: " + flows);
        for (String service : List.of("winthor-ferramenta-gateway", "winthor-pedido-venda", "winthor-compras-produto", "winthor-estoque-vtex")) {
            assertTrue(shown.stream().anyMatch(m -> m.name().equals("ServiceOnline") && service.equals(m.dimensions().get("Service"))), service);
        }
        String body = String.valueOf(Template.map(TEMPLATE.properties("Dashboard").get("DashboardBody")).get("Fn::Sub"));
        for (String queue : List.of("CatalogDeadLetterQueue", "StockDeadLetterQueue", "PriceDeadLetterQueue", "OrderDeadLetterQueue", "OrderQueue")) {
            assertTrue(body.contains("${" + queue + ".QueueName}"), "the dashboard shows " + queue);
        }
        assertFalse(shown.isEmpty());
    }
}
