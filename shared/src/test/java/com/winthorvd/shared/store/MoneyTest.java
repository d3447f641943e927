package com.winthorvd.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void convertsExactlyBetweenReaisAndCents() {
        assertEquals(1999, Money.toCents(new BigDecimal("19.99")));
        assertEquals(1990, Money.toCents(new BigDecimal("19.9")));
        assertEquals(new BigDecimal("19.99"), Money.fromCents(1999));
        assertEquals(0, Money.toCents(BigDecimal.ZERO));
        // 0.1 + 0.2 is exactly 0.3 here, unlike with doubles
        assertEquals(30, Money.toCents(new BigDecimal("0.1").add(new BigDecimal("0.2"))));
    }

    @Test
    void refusesFractionsOfACentUnlessAskedToRoundHalfEven() {
        assertThrows(ArithmeticException.class, () -> Money.toCents(new BigDecimal("1.005")));
        assertEquals(100, Money.toCentsRounded(new BigDecimal("1.005")));
        assertEquals(102, Money.toCentsRounded(new BigDecimal("1.015")));
        assertEquals(1029, Money.toCentsRounded(new BigDecimal("10.2857142857")));
    }
}
