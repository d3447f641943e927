package com.winthorvd.cli.ops;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates, ages and numbers as a Brazilian reads them (America/Sao_Paulo, dd/MM/yyyy HH:mm:ss, 12.345,6): the CLI's text and the panel's pages. */
public final class PtBr {
    public static final Locale LOCALE = Locale.forLanguageTag("pt-BR");
    static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", LOCALE).withZone(ZONE);

    private final Instant now;

    public PtBr(Instant now) {
        this.now = now;
    }

    /** An instant (ISO-8601) at São Paulo; "-" when there is none. */
    public String date(String instant) {
        return instant == null || instant.isBlank() ? "-" : DATE_TIME.format(Instant.parse(instant));
    }

    public String date(Instant instant) {
        return instant == null ? "-" : DATE_TIME.format(instant);
    }

    /** A count where none means zero. */
    public String count(Number value) {
        return number(value == null ? 0 : value);
    }

    public String number(Number value) {
        return value == null ? "-" : NumberFormat.getIntegerInstance(LOCALE).format(value);
    }

    /** How long ago, in words ("há 3 min"); "agora" for an instant a little ahead of this machine's clock. */
    public String ago(String instant) {
        if (instant == null || instant.isBlank()) {
            return "-";
        }
        Duration d = Duration.between(Instant.parse(instant), now);
        if (d.isNegative() || d.toSeconds() < 1) {
            return "agora";
        }
        return d.toMinutes() < 1 ? "há " + d.toSeconds() + " s" : d.toHours() < 1 ? "há " + d.toMinutes() + " min"
                : d.toDays() < 1 ? "há " + d.toHours() + " h" : "há " + d.toDays() + " dias";
    }

    /** A number of seconds as an age ("4 min"); "n/d" when not known. */
    public String age(Long seconds) {
        if (seconds == null) {
            return "n/d";
        }
        return seconds < 60 ? seconds + " s" : seconds < 3600 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }
}
