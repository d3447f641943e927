package com.winthorvd.shared.store;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place money changes form: the store's order and invoice values are integer cents, Pricing and WinThor
 * use decimals. BigDecimal throughout, never double; a value with more than two decimals is rounded half-even
 * (banker's rounding, as the ERP does) only where {@link #toCentsRounded} says so, and refused elsewhere.
 */
public final class Money {
    private Money() {
    }

    /** Exact reais to cents; a value with fractions of a cent is an error. */
    public static long toCents(BigDecimal reais) {
        return reais.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    /** Reais to cents, rounding half-even (for totals computed from unit prices with more decimals). */
    public static long toCentsRounded(BigDecimal reais) {
        return reais.setScale(2, RoundingMode.HALF_EVEN).movePointRight(2).longValueExact();
    }

    public static BigDecimal fromCents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
