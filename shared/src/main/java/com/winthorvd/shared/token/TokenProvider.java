package com.winthorvd.shared.token;

import com.winthorvd.shared.util.Sleeper;
import com.winthorvd.shared.winthor.TokenSource;
import com.winthorvd.shared.winthor.WinThorConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one way every function gets the WinThor token: from memory, else from the state table, else by a login
 * that only the holder of a conditional-write lease performs, so that many containers finding the token
 * expired (or refused) cause one login, not one each. Nothing here runs at construction: no I/O during init.
 */
public final class TokenProvider implements TokenSource {
    /** A token this close to its expiry is not handed out. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofMillis(100);
    static final int MAX_POLLS = 300;

    private final TokenStore store;
    private final Supplier<String> login;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration lifetime;
    private volatile StoredToken cached;

    /**
     * @param login performs the WinThor login and answers the token (see WinThorLogin); called under the lease
     * @param lifetime how long WinThor keeps a token valid (the WTA answers no expiry; 2 h by default)
     */
    public TokenProvider(TokenStore store, Supplier<String> login, Clock clock, Sleeper sleeper, Duration lifetime) {
        this.store = store;
        this.login = login;
        this.clock = clock;
        this.sleeper = sleeper;
        this.lifetime = lifetime;
    }

    @Override
    public String token() {
        StoredToken memory = cached;
        if (memory != null && memory.usableAt(clock.instant(), EXPIRY_MARGIN)) {
            return memory.token();
        }
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            Instant now = clock.instant();
            Optional<StoredToken> stored = store.read();
            if (stored.isPresent() && stored.get().usableAt(now, EXPIRY_MARGIN)) {
                cached = stored.get();
                return stored.get().token();
            }
            String owner = leaseOwner();
            if (store.tryLease(owner, now, LEASE)) {
                return loginHoldingLease(owner, 1.0).token();
            }
            sleeper.pause(POLL); // another container is logging in: its token appears in the table shortly
        }
        throw new WinThorConnectionException("POST login", "token store",
                new IllegalStateException("another container held the login lease for too long"));
    }

    @Override
    public void rejected(String token) {
        StoredToken memory = cached;
        if (memory != null && memory.token().equals(token)) {
            cached = null;
        }
        store.expireIfCurrent(token);
    }

    /**
     * Renews the token when it is missing, refused, or past the given share of its lifetime (0.75 for the
     * scheduled refresh). Does nothing if another container is renewing it right now.
     */
    public RefreshOutcome refreshIfDue(double share) {
        Instant now = clock.instant();
        Optional<StoredToken> stored = store.read();
        if (stored.isPresent() && stored.get().usableAt(now, EXPIRY_MARGIN) && !stored.get().dueAt(now, share)) {
            return new RefreshOutcome(RefreshOutcome.Kind.STILL_VALID, stored.get().expiresAt());
        }
        String owner = leaseOwner();
        if (!store.tryLease(owner, now, LEASE)) {
            return new RefreshOutcome(RefreshOutcome.Kind.RENEWAL_IN_PROGRESS, null);
        }
        StoredToken fresh = loginHoldingLease(owner, share);
        return new RefreshOutcome(RefreshOutcome.Kind.RENEWED, fresh.expiresAt());
    }

    /**
     * A new owner for every lease taken, never one made at init: every container SnapStart restores from one snapshot
     * would share it, and one whose lease lapsed mid-login could then release or overwrite another's.
     */
    private static String leaseOwner() {
        return UUID.randomUUID().toString();
    }

    /** Logs in unless, now that we hold the lease, the table has a token that is usable and not yet due. */
    private StoredToken loginHoldingLease(String owner, double renewShare) {
        try {
            // Someone may have stored a good token between our read and our lease.
            Instant now = clock.instant();
            Optional<StoredToken> stored = store.read();
            if (stored.isPresent() && stored.get().usableAt(now, EXPIRY_MARGIN) && !stored.get().dueAt(now, renewShare)) {
                store.release(owner);
                cached = stored.get();
                return stored.get();
            }
            String token = login.get();
            Instant obtained = clock.instant();
            StoredToken fresh = new StoredToken(token, obtained, obtained.plus(lifetime));
            if (!store.saveAndRelease(owner, fresh)) {
                store.release(owner); // our lease lapsed mid-login; the token is still good for us
            }
            cached = fresh;
            return fresh;
        } catch (RuntimeException e) {
            store.release(owner);
            throw e;
        }
    }

    /** What a scheduled refresh did. */
    public record RefreshOutcome(Kind kind, Instant expiresAt) {
        public enum Kind { RENEWED, STILL_VALID, RENEWAL_IN_PROGRESS }
    }
}
