package com.winthorvd.shared.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.config.ConfigException;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.store.StorePort.FixedPrice;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceSettingsTest {
    static PriceSettings read(Map<String, String> env) {
        ConfigReader config = new ConfigReader(Env.of(env));
        PriceSettings settings = PriceSettings.read(config);
        config.validate();
        return settings;
    }

    @Test
    void theBaseRowIsTheCatalogBranchInItsDefaultRegion() {
        PriceSettings defaults = read(Map.of("WINTHOR_BRANCHES", "1,2", "PRICE_QUEUE_URL", "q"));
        assertTrue(defaults.isBase("1", "1"));
        assertFalse(defaults.isBase("1", "2"));
        assertFalse(defaults.isBase("2", "1"), "only the catalog branch (the first by default) gives the base price");
        assertEquals("filial2-regiao3", defaults.tables().table("2", "3"));
        PriceSettings given = read(Map.of("WINTHOR_BRANCHES", "1,2", "PRICE_QUEUE_URL", "q", "CATALOG_BRANCH", "2",
                "PRICE_BASE_REGIONS", "2=7", "PRICE_TABLES", "2:7=atacado-sp", "WINTHOR_TIME_ZONE", "America/Manaus"));
        assertTrue(given.isBase("2", "7"));
        assertFalse(given.isBase("1", "1"));
        assertEquals("atacado-sp", given.tables().table("2", "7"));
        assertEquals("America/Manaus", given.zone().getId());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("WINTHOR_TIME_ZONE", "Brasil/Sul",
                "PRICE_TABLES", "1=x")));
        assertTrue(e.getMessage().contains("WINTHOR_BRANCHES"), e.getMessage());
        assertTrue(e.getMessage().contains("PRICE_QUEUE_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("Brasil/Sul"), e.getMessage());
        assertTrue(e.getMessage().contains("branch:region=table"), e.getMessage());
    }

    @Test
    void theStateGivesABasePricePutEveryOtherTablesFixedPrices() {
        Instant from = Instant.parse("2026-11-01T11:00:00Z");
        List<FixedPrice> a = List.of(new FixedPrice("a", new BigDecimal("10.50"), 1, null, null),
                new FixedPrice("a", new BigDecimal("9.90"), 1, from, from.plusSeconds(86_400)));
        List<FixedPrice> b = List.of(new FixedPrice("b", new BigDecimal("11.00"), 12, null, null));
        Item item = Item.from(Map.of(PriceState.fixed("a"), PriceState.write(a), PriceState.fixed("b"), PriceState.write(b),
                PriceState.hash("a"), software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("h")));
        assertEquals(b, PriceState.fixedPrices(item, java.util.Set.of("a")));
        assertEquals(a, PriceState.fixedPrices(item, java.util.Set.of("b")));
    }
}
