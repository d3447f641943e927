package com.winthorvd.cli.ops;

/** A command line the command cannot act on (an option missing for this case, a value out of range): its usage, exit 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
