package com.winthorvd.shared.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.store.StorePort.FixedPrice;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.winthor.model.PriceItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceMessageTest {
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final LocalDateTime START = LocalDateTime.of(2026, 11, 1, 8, 0);

    private static PriceItem row(String price, String offer, LocalDateTime offerEnd, String wholesale, String minimum) {
        return new PriceItem("7891000100011-1001", 1001, "1", "2", price == null ? null : new BigDecimal(price),
                offer == null ? null : new BigDecimal(offer), offer == null ? null : START, offerEnd,
                wholesale == null ? null : new BigDecimal(wholesale), minimum == null ? null : new BigDecimal(minimum));
    }

    private static PriceMessage.TablePrice message(PriceItem row) {
        return PriceMessage.TablePrice.of(row, "filial1-regiao2", false);
    }

    @Test
    void aPriceAnActiveOfferAndAWholesalePriceBecomeThreeFixedPricesOfTheTable() {
        List<FixedPrice> prices = message(row("129.90", "116.91", START.plusDays(45), "123.41", "10")).fixedPrices(SAO_PAULO, NOW);
        assertEquals(List.of(new FixedPrice("filial1-regiao2", new BigDecimal("129.90"), 1, null, null),
                new FixedPrice("filial1-regiao2", new BigDecimal("116.91"), 1, Instant.parse("2026-11-01T11:00:00Z"),
                        Instant.parse("2026-12-16T11:00:00Z")),
                new FixedPrice("filial1-regiao2", new BigDecimal("123.41"), 10, null, null)), prices);
    }

    @Test
    void anOfferThatIsOverAndAWholesalePriceFromOnePackAreNotPublished() {
        List<FixedPrice> prices = message(row("10.00", "9.00", START.plusDays(10), "9.50", "1")).fixedPrices(SAO_PAULO, NOW);
        assertEquals(List.of(new FixedPrice("filial1-regiao2", new BigDecimal("10.00"), 1, null, null)), prices);
    }

    @Test
    void aWholesaleMinimumWithDecimalsRoundsUpToWholePacks() {
        List<FixedPrice> prices = message(row("10.00", null, null, "9.50", "2.5")).fixedPrices(SAO_PAULO, NOW);
        assertEquals(3, prices.get(1).minQuantity());
    }

    @Test
    void zeroNegativeOrMissingPricesAreRejectedNamingTheFieldAndTheRoutine() {
        var zero = message(row("0", null, null, null, null)).rejection().orElseThrow();
        assertEquals(Reason.PRICE_NOT_POSITIVE, zero.reason());
        assertEquals(List.of("Preço", "7891000100011-1001", "1", "2", "0.00", "filial1-regiao2"), zero.params());
        assertTrue(zero.reason().message(zero.params()).contains("rotina 201"));
        assertEquals("Preço de oferta", message(row("10", "-1", START.plusDays(45), null, null)).rejection().orElseThrow().params().get(0));
        assertEquals("Preço de atacado", message(row("10", null, null, "0.00", "10")).rejection().orElseThrow().params().get(0));
        assertEquals("sem preço", message(row(null, null, null, null, null)).rejection().orElseThrow().params().get(4));
        assertTrue(message(row("0.01", null, null, null, null)).rejection().isEmpty());
    }

    @Test
    void theHashIgnoresTheScaleOfAPriceButNotItsTableOrRole() {
        PriceItem a = row("12.9", null, null, null, null);
        PriceItem b = row("12.90", null, null, null, null);
        assertEquals(message(a).hash(), message(b).hash());
        assertNotEquals(message(a).hash(), PriceMessage.TablePrice.of(a, "filial1-regiao2", true).hash(), "becoming the base row re-applies");
        assertNotEquals(message(a).hash(), PriceMessage.TablePrice.of(a, "outra", false).hash());
        assertNotEquals(message(a).hash(), message(row("12.91", null, null, null, null)).hash());
    }

    @Test
    void aMessageOfSeveralTablesSurvivesItsJsonAndAMissingFieldIsNamed() {
        PriceMessage m = new PriceMessage("7891000100011-1001", 42, List.of(message(row("129.90", "116.91", START.plusDays(45), "123.41", "10")),
                PriceMessage.TablePrice.of(row("99.90", null, null, null, null), "filial1-regiao1", true)), NOW.toEpochMilli());
        assertEquals(m, PriceMessage.parse(m.toJson()));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PriceMessage.parse("{\"sku\":\"1-1\",\"storeSkuId\":1,\"tables\":[{\"table\":\"t\",\"branch\":\"1\",\"region\":\"1\"}],\"version\":1}"));
        assertTrue(e.getMessage().contains("\"hash\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PriceMessage.parse("{\"sku\":\"1-1\",\"storeSkuId\":1,\"tables\":[],\"version\":1}"));
    }

    @Test
    void aMessageQueuedBeforeMessagesCarriedSeveralTablesIsReadAsOneTable() {
        String old = "{\"sku\":\"7891000100011-1001\",\"storeSkuId\":42,\"table\":\"filial1-regiao2\",\"base\":false,\"branch\":\"1\","
                + "\"region\":\"2\",\"productId\":1001,\"price\":\"12.90\",\"version\":7,\"hash\":\"abc\"}";
        PriceMessage m = PriceMessage.parse(old);
        assertEquals(1, m.tables().size());
        assertEquals("filial1-regiao2", m.tables().get(0).table());
        assertEquals(new BigDecimal("12.90"), m.tables().get(0).row().price());
        assertEquals("abc", m.tables().get(0).hash());
        assertEquals(7, m.version());
    }

    @Test
    void theDeduplicationIdChangesWithAnyTablesContentAndVersion() {
        PriceMessage.TablePrice a = message(row("10.00", null, null, null, null));
        PriceMessage.TablePrice b = message(row("10.01", null, null, null, null));
        assertEquals(new PriceMessage("s", 1, List.of(a), 5).deduplicationId(), new PriceMessage("s", 1, List.of(a), 5).deduplicationId());
        assertNotEquals(new PriceMessage("s", 1, List.of(a), 5).deduplicationId(), new PriceMessage("s", 1, List.of(b), 5).deduplicationId());
        assertNotEquals(new PriceMessage("s", 1, List.of(a), 5).deduplicationId(), new PriceMessage("s", 1, List.of(a), 6).deduplicationId());
    }
}
