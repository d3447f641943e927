package com.winthorvd.lambda;

/**
 * What a schedule delivers: EventBridge Scheduler passes only the schedule's {@code Input} (no envelope),
 * a small record saying which flow and which mode (incremental or full). A bean, because the Lambda Java
 * runtime deserializes handler input with setters.
 */
public class ScheduledInput {
    private String flow;
    private String mode = "incremental";

    public ScheduledInput() {
    }

    public ScheduledInput(String flow, String mode) {
        this.flow = flow;
        this.mode = mode;
    }

    public String getFlow() {
        return flow;
    }

    public void setFlow(String flow) {
        this.flow = flow;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    /** True for the full resync mode; anything else is incremental. */
    public boolean full() {
        return "full".equalsIgnoreCase(mode);
    }
}
