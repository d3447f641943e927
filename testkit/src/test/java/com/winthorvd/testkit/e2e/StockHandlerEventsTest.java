package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.testkit.StockDriver;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** The stock handlers fed the sample events of events/. */
class StockHandlerEventsTest extends WorldTest {

    @BeforeEach
    void start() {
        world = TestAws.world(20, Map.of());
    }

    @ParameterizedTest
    @Event(value = "../events/stock-apply-batch.json", type = SQSEvent.class)
    void anInventoryForASkuTheStoreDoesNotKnowIsRecordedAsRefusedNotRetriedForever(SQSEvent event) {
        SQSBatchResponse response = (SQSBatchResponse) world.runner.invoke(StockDriver.APPLY, event);
        assertEquals(List.of(), response.getBatchItemFailures(), "a refusal is a recorded outcome, not a retry");
        var item = world.table.get(Keys.stock("7891000100011-1001", "1"), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow();
        assertEquals("FAILED", item.string("status").orElseThrow());
        assertEquals("STORE_REFUSED", item.string("reason").orElseThrow());
        assertEquals(12, item.number("quantity").orElseThrow(), "kept, so the scan sends it again only when WinThor's value changes");
    }

    @ParameterizedTest
    @Event(value = "../events/stock-scan-scheduled.json", type = ScheduledInput.class)
    void beforeTheCatalogEveryStockRowIsCountedAsNotInTheStore(ScheduledInput input) {
        Map<?, ?> result = (Map<?, ?>) world.runner.invoke(StockDriver.SCAN, input);
        assertEquals("COMPLETED", result.get("status"));
        assertEquals((long) world.winthor.data().stock.size(), ((Map<?, ?>) result.get("counts")).get("stock.not_in_store"));
        assertEquals(0, world.runner.pending(StockDriver.APPLY));
    }
}
