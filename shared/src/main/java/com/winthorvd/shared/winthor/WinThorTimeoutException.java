package com.winthorvd.shared.winthor;

import java.time.Duration;

/**
 * No answer within the timeout. For a write the outcome is unknown: WinThor may have done it.
 */
public class WinThorTimeoutException extends WinThorException {
    public WinThorTimeoutException(String request, String url, Duration timeout, Throwable cause) {
        super(request, "no answer from " + url + " within " + timeout.toMillis() + " ms", cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
