package com.winthorvd.shared.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Versioned claims on state items, shared by every apply handler: before calling the store, an applier claims the
 * item for the change's version with one conditional UpdateItem. The claim fails for a change older than the one
 * applied (STALE) and while another applier holds a live claim (BUSY), so two invocations never write the store in the
 * wrong order; the outcome is then written with the claim's owner as condition.
 */
public final class Claims {
    public enum Kind { CLAIMED, STALE, BUSY }

    /** A claim's outcome; {@code item} is the item after the claim (CLAIMED) or as it stands (otherwise). */
    public record Claim(Kind kind, Item item) {
    }

    static final String FREE = "(attribute_not_exists(#claimUntil) OR #claimUntil < :now)";

    /** Claim writes tried while the item is seen free: a holder may finish between a failed write and the re-read. */
    static final int ATTEMPTS = 3;

    private final StateTable table;
    private final Runnable afterFailedWrite;

    public Claims(StateTable table) {
        this(table, () -> { });
    }

    /** @param afterFailedWrite runs between a failed claim write and its re-read (a test puts the other holder's finish there) */
    public Claims(StateTable table, Runnable afterFailedWrite) {
        this.table = table;
        this.afterFailedWrite = afterFailedWrite;
    }

    /**
     * Claims an item for a version. {@code applies} is the condition, beside the item being free, under which this
     * change still has to be applied (its placeholders must not clash with #claimUntil, :now, :owner, :until, :v).
     * {@code set} names attributes written with the claim (the item's identity, for a new item).
     */
    public Claim claim(String pk, long version, Condition applies, Map<String, String> set, String owner, Instant now, Instant holdUntil) {
        List<String> sets = new ArrayList<>(List.of("#claimOwner = :owner", "#claimUntil = :until", "#claimVersion = :v"));
        List<String> names = new ArrayList<>(set.keySet());
        for (int i = 0; i < names.size(); i++) {
            sets.add("#s" + i + " = :s" + i);
        }
        Condition update = Condition.of("SET " + String.join(", ", sets)).name("#claimOwner", "claimOwner")
                .name("#claimUntil", "claimUntil").name("#claimVersion", "claimVersion").value(":owner", owner)
                .value(":until", holdUntil.toEpochMilli()).value(":v", version);
        for (int i = 0; i < names.size(); i++) {
            update.name("#s" + i, names.get(i)).value(":s" + i, set.get(names.get(i)));
        }
        Condition condition = Condition.of(FREE + " AND (" + applies.expression() + ")").name("#claimUntil", "claimUntil")
                .value(":now", now.toEpochMilli());
        applies.names().forEach(condition::name);
        applies.values().forEach(condition::value);
        Item current = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Item> claimed = table.updateReturning(pk, Keys.ONE, update, condition);
            if (claimed.isPresent()) {
                return new Claim(Kind.CLAIMED, claimed.get());
            }
            afterFailedWrite.run();
            current = table.get(pk, Keys.ONE, StateTable.Read.CONSISTENT).orElse(null);
            boolean held = current != null && current.number("claimUntil").map(until -> until >= now.toEpochMilli()).orElse(false);
            if (held) {
                return new Claim(Kind.BUSY, current);
            }
            // Free now: either this change no longer applies (stale), or the item was held when we wrote and its holder
            // has just finished, perhaps with an older version. Only another write tells which: a newer change is never
            // dropped for having met a claim that ended a moment later.
        }
        return new Claim(Kind.STALE, current);
    }

    /**
     * Records the outcome of a claimed apply: sets the attributes ({@code setIfAbsent} only where missing), removes the
     * listed ones and the claim; returns the item as written. Empty when the claim was lost (it expired and another
     * applier took the item): then this outcome is not recorded.
     */
    public Optional<Item> finish(String pk, String owner, Map<String, AttributeValue> set, Map<String, AttributeValue> setIfAbsent,
                                 List<String> remove) {
        Condition update = Condition.update(set, setIfAbsent, concat(List.of("claimOwner", "claimUntil", "claimVersion"), remove));
        Condition condition = Condition.of("#claimOwner = :owner").name("#claimOwner", "claimOwner").value(":owner", owner);
        return table.updateReturning(pk, Keys.ONE, update, condition);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Gives a claim up (the apply failed and will be retried). */
    public void release(String pk, String owner) {
        table.updateIf(pk, Keys.ONE, Condition.of("REMOVE #claimOwner, #claimUntil, #claimVersion")
                        .name("#claimOwner", "claimOwner").name("#claimUntil", "claimUntil").name("#claimVersion", "claimVersion"),
                Condition.of("#owner = :owner").name("#owner", "claimOwner").value(":owner", owner));
    }
}
