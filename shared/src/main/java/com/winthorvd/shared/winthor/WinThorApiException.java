package com.winthorvd.shared.winthor;

/** WinThor answered with an error status and (usually) its JSON {@code message}/{@code detailedMessage}. */
public class WinThorApiException extends WinThorException {
    private final int status;
    private final String apiMessage;
    private final String detailedMessage;

    public WinThorApiException(String request, int status, String apiMessage, String detailedMessage) {
        super(request, "HTTP " + status + describe(apiMessage, detailedMessage), null);
        this.status = status;
        this.apiMessage = apiMessage;
        this.detailedMessage = detailedMessage;
    }

    private static String describe(String message, String detailed) {
        StringBuilder out = new StringBuilder();
        if (message != null && !message.isBlank()) {
            out.append(": ").append(message);
        }
        if (detailed != null && !detailed.isBlank() && !detailed.equals(message)) {
            out.append(" (").append(detailed).append(")");
        }
        return out.toString();
    }

    public int status() {
        return status;
    }

    public String apiMessage() {
        return apiMessage;
    }

    public String detailedMessage() {
        return detailedMessage;
    }

    @Override
    public boolean isTransient() {
        return status >= 500 || status == 429;
    }
}
