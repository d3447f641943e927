package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.testkit.PriceDriver;
import com.winthorvd.shared.price.PriceState;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** The price handlers fed the sample events of events/, on a world whose catalog is not in the store yet. */
class PriceHandlerEventsTest extends WorldTest {

    @BeforeEach
    void start() {
        world = TestAws.world(20, Map.of());
    }

    @ParameterizedTest
    @Event(value = "../events/price-apply-batch.json", type = SQSEvent.class)
    void pricesOfASkuTheStoreRefusesAreRecordedAsFailedAndNotAsPublished(SQSEvent event) {
        SQSBatchResponse response = (SQSBatchResponse) world.runner.invoke(PriceDriver.APPLY, event);
        assertEquals(List.of(), response.getBatchItemFailures(), "a refusal is a recorded outcome, not a retry");
        var item = world.table.get(Keys.price("7891000100011-1001"), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow();
        assertEquals("FAILED", item.string(PriceState.status("filial1-regiao1")).orElseThrow());
        assertEquals("STORE_REFUSED", item.string(PriceState.reason("filial1-regiao1")).orElseThrow());
        assertTrue(item.string(PriceState.hash("filial1-regiao1")).isEmpty(),
                "the hash is of what the store confirmed: the next full read sends the refused prices again");
    }

    @ParameterizedTest
    @Event(value = "../events/price-scan-full.json", type = ScheduledInput.class)
    void beforeTheCatalogEveryPriceRowIsCountedAsNotInTheStore(ScheduledInput input) {
        Map<?, ?> result = (Map<?, ?>) world.runner.invoke(PriceDriver.SCAN, input);
        assertEquals("COMPLETED", result.get("status"));
        assertEquals((long) world.winthor.data().prices.size(), ((Map<?, ?>) result.get("counts")).get("price.not_in_store"));
        assertEquals(0, world.runner.pending(PriceDriver.APPLY));
    }

    @ParameterizedTest
    @Event(value = "../events/price-scan-new-skus.json", type = ScheduledInput.class)
    void theEveryMinuteRunReadsNothingWhenNoSkuIsNew(ScheduledInput input) {
        int before = world.winthor.requests("GET /api/wholesale/v1/price/list");
        Map<?, ?> result = (Map<?, ?>) world.runner.invoke(PriceDriver.SCAN, input);
        assertEquals("COMPLETED", result.get("status"));
        assertEquals(Map.of(), result.get("counts"));
        assertEquals(before, world.winthor.requests("GET /api/wholesale/v1/price/list"), "no price read at all");
    }
}
