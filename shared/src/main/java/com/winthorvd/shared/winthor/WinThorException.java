package com.winthorvd.shared.winthor;

/**
 * A call to WinThor failed. {@link #isTransient()} says whether trying again later can help (timeouts, 5xx,
 * gateway pages, expired tokens) or a person must fix something first (a 4xx naming bad data).
 * Messages carry the method and path, never a token or password.
 */
public abstract class WinThorException extends RuntimeException {
    private final String request;

    protected WinThorException(String request, String message, Throwable cause) {
        super(request + ": " + message, cause);
        this.request = request;
    }

    /** "GET /api/..." as sent, without secrets. */
    public String request() {
        return request;
    }

    public abstract boolean isTransient();
}
