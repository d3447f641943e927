package com.winthorvd.shared.winthor;

/**
 * The WTA gateway answered with something that is not the service's JSON: typically a Jetty HTML error page,
 * sometimes with HTTP 200. The body is never parsed; only its first words are kept for the log.
 */
public class WinThorGatewayException extends WinThorException {
    private final int status;

    public WinThorGatewayException(String request, int status, String contentType, String snippet) {
        super(request, "gateway answered HTTP " + status + " with " + (contentType == null ? "no content type" : contentType)
                + " instead of JSON (the WTA service behind the gateway is down or failing): " + snippet, null);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
