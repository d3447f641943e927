package com.winthorvd.testkit.sim;

import com.winthorvd.shared.winthor.model.WtaFields;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An order as the simulated PCPEDC/PCPEDI hold it; its status moves as tests and the demo say. */
final class SimOrder {
    final String orderId;
    final String branchId;
    volatile long customerId; // an operator can move an order to another customer (routine 316)
    final long paymentPlanId;
    final String chargingId;
    final int saleType;
    final Long sellerId;
    final BigDecimal freight;
    final String orderIdMktplace;
    final String observation;
    final List<Line> lines;
    final LocalDateTime created;
    /** When it arrived, in this machine's real time (not the simulated clock): for the order benchmark's latency. */
    final long arrivedNanos = System.nanoTime();
    volatile String status = "L";
    volatile LocalDateTime lastChange;
    volatile String cancellationReason;
    volatile Invoice invoice;
    volatile boolean invoiceDocumentReady;

    record Line(String skuKey, BigDecimal quantity, BigDecimal sellPrice, String warehouseBranchId, int position) {
        BigDecimal total() {
            return quantity.multiply(sellPrice).setScale(2, RoundingMode.HALF_EVEN);
        }
    }

    /** What an NF-e says: number, series, 44-digit key, issue date, value, and the items and quantities invoiced. */
    record Invoice(long number, int series, String accessKey, LocalDateTime issuedAt, BigDecimal value, List<Line> items) {
    }

    SimOrder(String orderId, String branchId, long customerId, long paymentPlanId, String chargingId, int saleType, Long sellerId,
             BigDecimal freight, String orderIdMktplace, String observation, List<Line> lines, LocalDateTime created) {
        this.orderId = orderId;
        this.branchId = branchId;
        this.customerId = customerId;
        this.paymentPlanId = paymentPlanId;
        this.chargingId = chargingId;
        this.saleType = saleType;
        this.sellerId = sellerId;
        this.freight = freight;
        this.orderIdMktplace = orderIdMktplace;
        this.observation = observation;
        this.lines = List.copyOf(lines);
        this.created = created;
        this.lastChange = created;
    }

    BigDecimal total() {
        return lines.stream().map(Line::total).reduce(BigDecimal.ZERO, BigDecimal::add)
                .add(freight == null ? BigDecimal.ZERO : freight);
    }

    Map<String, Object> json(boolean echoStoreReferences) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderId", orderId);
        m.put("branchId", branchId);
        m.put("orderStatus", status);
        m.put("createData", WtaFields.format(created));
        m.put("lastChange", WtaFields.format(lastChange));
        m.put("customer", Map.of("id", customerId));
        m.put("paymentPlanId", paymentPlanId);
        m.put("chargingId", chargingId);
        m.put("saleType", saleType);
        m.put("seller", sellerId);
        m.put("valueFreight", freight);
        m.put("totalValue", total().toPlainString()); // the WTA writes it as a string
        if (echoStoreReferences) {
            m.put("orderIdMktplace", orderIdMktplace);
            m.put("observation", observation);
        }
        m.put("cancellationReason", cancellationReason);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Line line : lines) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("productSKUERPReferenceKey", line.skuKey());
            item.put("productId", Long.parseLong(line.skuKey().substring(line.skuKey().lastIndexOf('-') + 1)));
            item.put("quantity", line.quantity());
            item.put("sellPrice", line.sellPrice());
            item.put("warehouseBranchId", line.warehouseBranchId());
            item.put("position", line.position());
            items.add(item);
        }
        m.put("listOfOrderItem", items);
        return m;
    }
}
