package com.winthorvd.shared.state;

import java.time.Instant;

/** {@code LEASE#<flow>}: keeps two runs of one scan apart; an expired lease is taken over. */
public final class Lease {
    private final StateTable table;
    private final String flow;

    public Lease(StateTable table, String flow) {
        this.table = table;
        this.flow = flow;
    }

    /** Takes the lease until {@code until}; false while another owner holds an unexpired one. */
    public boolean acquire(String owner, Instant now, Instant until) {
        return table.putIf(Item.key(Keys.lease(flow), Keys.ONE).with("owner", owner).with("until", until.toEpochMilli()),
                Condition.of("attribute_not_exists(pk) OR #until < :now").name("#until", "until").value(":now", now.toEpochMilli()));
    }

    public void release(String owner) {
        table.deleteIf(Keys.lease(flow), Keys.ONE, Condition.of("#owner = :owner").name("#owner", "owner").value(":owner", owner));
    }
}
