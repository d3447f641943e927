package com.winthorvd.shared.winthor;

/** Gives the WinThor token to use, and hears when WinThor refused one. */
public interface TokenSource {
    String token();

    /** WinThor answered 401/403 to this token: forget it (a new login happens only if nobody replaced it yet). */
    void rejected(String token);
}
