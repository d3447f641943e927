package com.winthorvd.shared.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.config.ConfigException;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockSettingsTest {
    static StockSettings read(Map<String, String> env) {
        ConfigReader config = new ConfigReader(Env.of(env));
        StockSettings settings = StockSettings.read(config);
        config.validate();
        return settings;
    }

    static final Map<String, String> BASE = Map.of("WINTHOR_BRANCHES", "1,2", "STOCK_QUEUE_URL", "q");

    @Test
    void wholePacksOfTheAvailableUnitsNeverNegative() {
        StockSettings settings = read(BASE);
        assertEquals(7, settings.packs("1", BigDecimal.valueOf(89), 12, 0), "89 units in boxes of 12");
        assertEquals(0, settings.packs("1", BigDecimal.valueOf(-5), 1, 0), "negative available publishes 0");
        assertEquals(2, settings.packs("1", new BigDecimal("2.999"), 1, 0), "a fraction of a pack (sold by kg) rounds down");
        assertEquals(9, settings.packs("1", BigDecimal.valueOf(89), 12, 2), "orders in WinThor not yet invoiced are added back");
        assertEquals("filial2", settings.warehouse("2"));
    }

    @Test
    void theShareCapsAndTheSafetyStockIsKeptOutPerBranch() {
        StockSettings settings = read(Map.of("WINTHOR_BRANCHES", "1,2", "STOCK_QUEUE_URL", "q", "STOCK_SHARE_PERCENT", "1=80",
                "STOCK_SAFETY_UNITS", "2=10", "STOCK_WAREHOUSES", "1=cd-sp"));
        assertEquals(6, settings.packs("1", BigDecimal.valueOf(100), 12, 0), "80% of 100 = 80 units = 6 boxes of 12");
        assertEquals(7, settings.packs("2", BigDecimal.valueOf(100), 12, 0), "100 - 10 safety = 90 units = 7 boxes");
        assertEquals(0, settings.packs("2", BigDecimal.valueOf(8), 1, 0), "below the safety stock shows nothing");
        assertEquals("cd-sp", settings.warehouse("1"));
    }

    @Test
    void stockReportedPerPackagingIsNotDividedAgain() {
        StockSettings settings = read(Map.of("WINTHOR_BRANCHES", "1", "STOCK_QUEUE_URL", "q", "STOCK_PER_PACKAGING", "true"));
        assertEquals(7, settings.packs("1", BigDecimal.valueOf(7), 12, 0));
    }

    @Test
    void badSettingsAreAllReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("WINTHOR_BRANCHES", "1", "STOCK_QUEUE_URL", "q",
                "STOCK_SHARE_PERCENT", "1=120", "STOCK_SAFETY_UNITS", "1=muitos", "STOCK_WAREHOUSES", "1")));
        assertTrue(e.getMessage().contains("STOCK_SHARE_PERCENT"), e.getMessage());
        assertTrue(e.getMessage().contains("STOCK_SAFETY_UNITS"), e.getMessage());
        assertTrue(e.getMessage().contains("STOCK_WAREHOUSES"), e.getMessage());
    }
}
