package com.winthorvd.cli.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.testkit.stack.RepoRoot;
import com.winthorvd.testkit.stack.Template;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The operator commands name the template's resources by their logical ids: each one they name is in template.yaml. */
class OperationsCommandNamesTest {
    private static final Template TEMPLATE = Template.load(RepoRoot.find().resolve("template.yaml"));

    @Test
    void everyFlowsLogGroupAndEveryRedrivenQueueIsOneOfTheTemplate() {
        assertEquals(new TreeSet<>(TEMPLATE.resourcesOfType("AWS::Logs::LogGroup")), new TreeSet<>(OperationsCommand.LOG_GROUPS.values()),
                "logs knows every function's log group, and only those");
        Set<String> queues = Set.copyOf(TEMPLATE.resourcesOfType("AWS::SQS::Queue"));
        Operations.QUEUES.values().forEach(pair -> {
            assertTrue(queues.contains(pair[0]) && queues.contains(pair[1]), String.join(", ", pair));
            String dlq = String.valueOf(Template.map(Template.map(TEMPLATE.properties(pair[1]).get("RedrivePolicy"))
                    .get("deadLetterTargetArn")).get("Fn::GetAtt"));
            assertTrue(dlq.contains(pair[0]), pair[1] + "'s DLQ is " + pair[0] + ": " + dlq);
        });
    }
}
