package com.winthorvd.shared.token;

import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code TOKEN#winthor} item: the token, its expiry, and the login lease (owner and until when) that makes
 * concurrent containers log in once. All reads are consistent: they decide whether to log in.
 */
public final class TokenStore {
    static final String PK = Keys.token("winthor");

    private final StateTable table;

    public TokenStore(StateTable table) {
        this.table = table;
    }

    public Optional<StoredToken> read() {
        return table.get(PK, Keys.ONE, StateTable.Read.CONSISTENT).flatMap(item -> item.string("token").map(token ->
                new StoredToken(token,
                        Instant.ofEpochMilli(item.number("obtainedAt").orElse(0L)),
                        Instant.ofEpochMilli(item.number("expiresAt").orElse(0L)))));
    }

    /** Takes the login lease if nobody holds an unexpired one. */
    public boolean tryLease(String owner, Instant now, Duration leaseFor) {
        return table.updateIf(PK, Keys.ONE,
                Condition.of("SET leaseOwner = :owner, leaseUntil = :until")
                        .value(":owner", owner).value(":until", now.plus(leaseFor).toEpochMilli()),
                Condition.of("attribute_not_exists(leaseUntil) OR leaseUntil < :now").value(":now", now.toEpochMilli()));
    }

    /** Stores a new token and releases the lease in one write, provided this owner still holds the lease. */
    public boolean saveAndRelease(String owner, StoredToken token) {
        return table.updateIf(PK, Keys.ONE,
                Condition.of("SET #token = :token, obtainedAt = :obtained, expiresAt = :expires REMOVE leaseOwner, leaseUntil")
                        .name("#token", "token").value(":token", token.token())
                        .value(":obtained", token.obtainedAt().toEpochMilli())
                        .value(":expires", token.expiresAt().toEpochMilli()),
                Condition.of("leaseOwner = :owner").value(":owner", owner));
    }

    public void release(String owner) {
        table.updateIf(PK, Keys.ONE, Condition.of("REMOVE leaseOwner, leaseUntil"),
                Condition.of("leaseOwner = :owner").value(":owner", owner));
    }

    /** Marks the token expired, only if the table still holds exactly this rejected token. */
    public boolean expireIfCurrent(String rejected) {
        return table.updateIf(PK, Keys.ONE, Condition.of("SET expiresAt = :zero").value(":zero", 0L),
                Condition.of("#token = :rejected").name("#token", "token").value(":rejected", rejected));
    }
}
