package com.winthorvd.testkit.template;

import com.winthorvd.testkit.stack.LocalDeployment;
import com.winthorvd.testkit.stack.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template conventions cfn-lint cannot know: every queue has a DLQ of its own type kept 14 days, its
 * visibility timeout is at least 6x its consumer's timeout, consumers report batch item failures, take
 * MaximumConcurrency from a parameter and name their queue's DLQ in DEAD_LETTER_QUEUE_URL with sqs:SendMessage on it
 * (a malformed message goes there at once), and every policy targets a resource of this stack (or a parameter
 * naming an outside resource on purpose), never "*".
 */
final class TemplateRules {
    static final long DLQ_RETENTION_SECONDS = 14 * 24 * 3600;
    /** Parameters that name a resource outside the stack on purpose. */
    static final Set<String> OUTSIDE_RESOURCE_PARAMETERS = Set.of("WinThorPasswordSecretArn", "StoreAppTokenSecretArn", "AlarmTopicArn",
            "SecretsKmsKeyArn");

    private final Template template;
    private final List<String> violations = new ArrayList<>();

    private TemplateRules(Template template) {
        this.template = template;
    }

    static List<String> check(Template template) {
        TemplateRules rules = new TemplateRules(template);
        rules.queues();
        rules.policies();
        return rules.violations;
    }

    private void queues() {
        List<String> queues = template.resourcesOfType(LocalDeployment.QUEUE);
        Map<String, String> dlqOf = new LinkedHashMap<>();
        for (String queue : queues) {
            Map<String, Object> redrive = Template.map(template.properties(queue).get("RedrivePolicy"));
            if (redrive.isEmpty()) {
                continue;
            }
            String dlq = getAttTarget(redrive.get("deadLetterTargetArn"));
            if (dlq == null || !queues.contains(dlq)) {
                violations.add(queue + ": RedrivePolicy.deadLetterTargetArn must be !GetAtt <a queue of this stack>.Arn");
                continue;
            }
            dlqOf.put(dlq, queue);
            if (fifo(queue) != fifo(dlq)) {
                violations.add(queue + ": its DLQ " + dlq + " must be " + (fifo(queue) ? "FIFO" : "standard") + " like it");
            }
            Object retention = template.properties(dlq).get("MessageRetentionPeriod");
            if (retention == null || Long.parseLong(String.valueOf(retention)) != DLQ_RETENTION_SECONDS) {
                violations.add(dlq + ": a DLQ keeps messages 14 days (MessageRetentionPeriod " + DLQ_RETENTION_SECONDS + ")");
            }
        }
        // The queue scheduled functions' failed invocations go to (EventInvokeConfig OnFailure) is a DLQ too.
        for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
            Object destination = Template.map(Template.map(Template.map(template.properties(function).get("EventInvokeConfig"))
                    .get("DestinationConfig")).get("OnFailure")).get("Destination");
            String target = getAttTarget(destination);
            if (target != null) {
                dlqOf.putIfAbsent(target, function);
            }
        }
        for (String queue : queues) {
            if (!dlqOf.containsKey(queue) && Template.map(template.properties(queue).get("RedrivePolicy")).isEmpty()) {
                violations.add(queue + ": has no DLQ (RedrivePolicy) and is no queue's DLQ");
            }
        }
        for (String function : template.resourcesOfType(LocalDeployment.FUNCTION)) {
            Template.map(template.properties(function).get("Events")).forEach((name, body) -> {
                Map<String, Object> event = Template.map(body);
                if ("SQS".equals(event.get("Type"))) {
                    sqsEvent(function, name, Template.map(event.get("Properties")));
                }
            });
        }
    }

    private void sqsEvent(String function, String event, Map<String, Object> properties) {
        String where = function + "." + event;
        String queue = getAttTarget(properties.get("Queue"));
        if (queue == null) {
            violations.add(where + ": Queue must be !GetAtt <queue>.Arn");
            return;
        }
        if (!Template.list(properties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures")) {
            violations.add(where + ": FunctionResponseTypes must include ReportBatchItemFailures");
        }
        Object concurrency = Template.map(properties.get("ScalingConfig")).get("MaximumConcurrency");
        Object ref = Template.map(concurrency).get("Ref");
        if (ref == null || !template.parameters().containsKey(String.valueOf(ref))) {
            violations.add(where + ": ScalingConfig.MaximumConcurrency must be !Ref to a parameter");
        }
        String dlq = getAttTarget(Template.map(template.properties(queue).get("RedrivePolicy")).get("deadLetterTargetArn"));
        Object named = Template.map(Template.map(template.properties(function).get("Environment")).get("Variables")).get("DEAD_LETTER_QUEUE_URL");
        if (dlq != null && !dlq.equals(Template.map(named).get("Ref"))) {
            violations.add(function + ": DEAD_LETTER_QUEUE_URL must be !Ref " + dlq + ", the DLQ of " + queue);
        } else if (dlq != null && !sendsTo(function, dlq)) {
            violations.add(function + ": needs sqs:SendMessage on " + dlq + " to dead-letter a malformed message");
        }
        long timeout = Long.parseLong(String.valueOf(template.properties(function).getOrDefault("Timeout",
                template.functionGlobals().getOrDefault("Timeout", 3))));
        long visibility = Long.parseLong(String.valueOf(template.properties(queue).getOrDefault("VisibilityTimeout", 30)));
        if (visibility < 6 * timeout) {
            violations.add(queue + ": VisibilityTimeout " + visibility + " s is under 6x the timeout of " + function
                    + " (" + timeout + " s)");
        }
    }

    private boolean sendsTo(String function, String queue) {
        for (Object policy : Template.list(template.properties(function).get("Policies"))) {
            for (Object statement : statements(Template.map(policy).get("Statement"))) {
                Map<String, Object> body = Template.map(statement);
                Object action = body.get("Action");
                boolean sends = action instanceof List<?> list ? list.contains("sqs:SendMessage") : "sqs:SendMessage".equals(action);
                Object resource = body.get("Resource");
                List<Object> resources = resource instanceof List<?> list ? new ArrayList<>(list) : List.of(resource == null ? "" : resource);
                if (sends && resources.stream().anyMatch(r -> queue.equals(getAttTarget(r)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean fifo(String queue) {
        return Boolean.parseBoolean(String.valueOf(template.properties(queue).get("FifoQueue")));
    }

    private static String getAttTarget(Object value) {
        List<Object> getAtt = Template.list(Template.map(value).get("Fn::GetAtt"));
        return getAtt.size() == 2 && "Arn".equals(getAtt.get(1)) ? String.valueOf(getAtt.get(0)) : null;
    }

    private void policies() {
        for (String function : template.resourcesOfType(LocalDeployment.FUNCTION)) {
            Object policies = template.properties(function).get("Policies");
            for (Object policy : Template.list(policies)) {
                Map<String, Object> body = Template.map(policy);
                if (body.containsKey("Statement")) {
                    for (Object statement : statements(body.get("Statement"))) {
                        Object resource = Template.map(statement).get("Resource");
                        for (Object target : resource instanceof List<?> list ? list : List.of(resource)) {
                            target(function, target);
                        }
                    }
                } else {
                    // SAM policy templates: every argument (TableName, QueueName, ...) names a resource.
                    body.forEach((templateName, arguments) -> Template.map(arguments).values()
                            .forEach(argument -> target(function + " " + templateName, argument)));
                }
            }
        }
    }

    /** A policy's statements, a conditional one ({@code !If [Cond, statement, !Ref AWS::NoValue]}) by its branches. */
    static List<Object> statements(Object statements) {
        List<Object> out = new ArrayList<>();
        for (Object statement : Template.list(statements)) {
            Map<String, Object> body = Template.map(statement);
            if (body.containsKey("Fn::If")) {
                List<Object> branches = Template.list(body.get("Fn::If"));
                for (Object branch : branches.subList(1, 3)) {
                    if (!"AWS::NoValue".equals(Template.map(branch).get("Ref"))) {
                        out.add(branch);
                    }
                }
            } else {
                out.add(statement);
            }
        }
        return out;
    }

    private void target(String where, Object target) {
        if (target instanceof String text) {
            violations.add(where + ": policy resource \"" + text + "\" is a literal; target a resource of this stack");
            return;
        }
        Map<String, Object> intrinsic = Template.map(target);
        if (intrinsic.containsKey("Ref")) {
            String name = String.valueOf(intrinsic.get("Ref"));
            if (!template.resources().containsKey(name) && !OUTSIDE_RESOURCE_PARAMETERS.contains(name)) {
                violations.add(where + ": policy resource !Ref " + name + " is not a resource of this stack");
            }
        } else if (intrinsic.containsKey("Fn::GetAtt")) {
            String name = String.valueOf(Template.list(intrinsic.get("Fn::GetAtt")).get(0));
            if (!template.resources().containsKey(name)) {
                violations.add(where + ": policy resource !GetAtt " + name + " is not a resource of this stack");
            }
        } else if (intrinsic.containsKey("Fn::Sub")) {
            Object sub = intrinsic.get("Fn::Sub");
            String text = String.valueOf(sub instanceof List<?> list ? list.get(0) : sub);
            boolean namesResource = template.resources().keySet().stream().anyMatch(r -> text.contains("${" + r));
            if (!namesResource || text.endsWith(":*") || text.endsWith("/*")) {
                violations.add(where + ": policy resource !Sub " + text + " must name a resource of this stack, not a wildcard");
            }
        } else if (intrinsic.containsKey("Fn::If")) {
            List<Object> branches = Template.list(intrinsic.get("Fn::If"));
            target(where, branches.get(1));
            target(where, branches.get(2));
        } else {
            violations.add(where + ": policy resource " + target + " cannot be checked");
        }
    }
}
