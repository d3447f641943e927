package com.winthorvd.shared.winthor;

/** 401/403: the token was refused (expired or revoked), or the login itself was refused. */
public class WinThorAuthException extends WinThorApiException {
    private final boolean loginRefused;

    public WinThorAuthException(String request, int status, String apiMessage, String detailedMessage, boolean loginRefused) {
        super(request, status, apiMessage, detailedMessage);
        this.loginRefused = loginRefused;
    }

    /** True when the user/password was refused: retrying will not help until the credentials are fixed. */
    public boolean loginRefused() {
        return loginRefused;
    }

    @Override
    public boolean isTransient() {
        return !loginRefused;
    }
}
