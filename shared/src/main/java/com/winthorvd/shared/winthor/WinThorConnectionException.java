package com.winthorvd.shared.winthor;

/** The connection could not be made or was reset. For a write the outcome is unknown. */
public class WinThorConnectionException extends WinThorException {
    public WinThorConnectionException(String request, String url, Throwable cause) {
        super(request, "connection to " + url + " failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
