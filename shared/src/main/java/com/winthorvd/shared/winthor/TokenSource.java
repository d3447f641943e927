package com.winthorvd.shared.winthor;

/** Gives the WinThor token to use, and hears when WinThor refused one. */
public interface TokenSource {
    String token();

    /** WinThor answered 401/403 to this token: forget it (a new login happens only if nobody replaced it yet). */
    void rejected(String token);

    /** One token, never renewed: for the check, benchmarks and tests that log in once themselves. */
    static TokenSource fixed(String token) {
        return new TokenSource() {
            @Override
            public String token() {
                return token;
            }

            @Override
            public void rejected(String rejected) {
                // a fixed token has nothing to renew: the caller sees the 401 itself
            }
        };
    }
}
