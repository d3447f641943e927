package com.winthorvd.shared.sync;

import com.winthorvd.shared.queue.TransientFailure;
import com.winthorvd.shared.state.Claims;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The skeleton of an apply that writes one state item's value to the store: claim the item for the change's version
 * (older: dropped; another applier in the store call: retried later), do the store call, record the outcome under the
 * claim. A store failure worth retrying goes back to the queue with the store's Retry-After; the claim is given up.
 * A refusal for the store's set-up is recorded on the item (what to fix) and retried the same way.
 */
public final class ClaimedApply {
    /** What the store call did: an outcome, the attributes to set and those to remove. */
    public record Result<T>(T outcome, Map<String, AttributeValue> set, List<String> remove) {
    }

    /** The store call, given the item as claimed. */
    public interface Work<T> {
        Result<T> apply(Item claimed);

        /**
         * What to record when the store refused for its set-up (AppToken, warehouse): the reason, never the version,
         * so the retry of this same change claims the item again.
         */
        default Map<String, AttributeValue> setupFailed(StoreException e) {
            return Map.of();
        }
    }

    private final Claims claims;
    private final Clock clock;
    private final Duration hold;

    public ClaimedApply(StateTable table, Clock clock, Duration hold) {
        this.claims = new Claims(table);
        this.clock = clock;
        this.hold = hold;
    }

    /** The outcome, or empty when the change is older than (or the same as) what the item already has. */
    public <T> Optional<T> run(String pk, long version, Condition applies, Map<String, String> identity, Work<T> work) {
        String owner = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Claims.Claim claim = claims.claim(pk, version, applies, identity, owner, now, now.plus(hold));
        if (claim.kind() == Claims.Kind.STALE) {
            return Optional.empty();
        }
        if (claim.kind() == Claims.Kind.BUSY) {
            throw new TransientFailure(pk + " is being applied by another invocation", null);
        }
        boolean finished = false;
        try {
            Result<T> result;
            try {
                result = work.apply(claim.item());
            } catch (StoreException e) {
                if (e.setupFailure()) {
                    finished = claims.finish(pk, owner, work.setupFailed(e), Map.of(), List.of()).isPresent();
                }
                if (e.isTransient()) {
                    throw e.retryLater();
                }
                throw e;
            }
            finished = claims.finish(pk, owner, result.set(), Map.of(), result.remove()).isPresent();
            if (!finished) {
                throw new TransientFailure(pk + ": the claim expired before the outcome was recorded", null);
            }
            return Optional.of(result.outcome());
        } finally {
            if (!finished) {
                claims.release(pk, owner);
            }
        }
    }
}
