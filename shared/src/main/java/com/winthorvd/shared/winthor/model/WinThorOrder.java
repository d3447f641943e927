package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A sales order as WinThor returns it (PCPEDC/PCPEDI). {@code orderId} is NUMPED; {@code status} is POSICAO
 * (L released, P pending, B blocked, M assembled, F invoiced, C cancelled).
 */
public record WinThorOrder(String orderId, String branchId, String status, long customerId, String orderIdMktplace,
                           String observation, BigDecimal totalValue, List<Item> items, LocalDateTime lastChange,
                           String cancellationReason) {

    public record Item(String skuKey, BigDecimal quantity, BigDecimal sellPrice, String warehouseBranchId, Integer position) {
    }

    /** What the order holds, in {@link OrderRequest#contents()}'s terms, to compare with the order that was sent. */
    public String contents() {
        return OrderRequest.contents(items.stream().map(item -> new String[] {item.skuKey(), OrderRequest.number(item.quantity()),
                OrderRequest.cents(item.sellPrice())}).toList());
    }

    public static WinThorOrder from(JsonNode node) {
        List<Item> items = new ArrayList<>();
        for (JsonNode item : node.path("listOfOrderItem")) {
            Long position = WtaFields.number(item, "position");
            items.add(new Item(WtaFields.text(item, "productSKUERPReferenceKey"), WtaFields.decimal(item, "quantity"),
                    WtaFields.decimal(item, "sellPrice"), WtaFields.text(item, "warehouseBranchId"),
                    position == null ? null : position.intValue()));
        }
        Long customer = node.path("customer").isObject() ? WtaFields.number(node.get("customer"), "id")
                : WtaFields.number(node, "customerId");
        return new WinThorOrder(WtaFields.text(node, "orderId", "id"), WtaFields.text(node, "branchId"),
                WtaFields.text(node, "orderStatus", "status"), customer == null ? 0 : customer,
                WtaFields.text(node, "orderIdMktplace"), WtaFields.text(node, "observation"),
                WtaFields.decimal(node, "totalValue", "TotalPrice"), items, WtaFields.date(node, "lastChange"),
                WtaFields.text(node, "cancellationReason", "reasonCancellation", "motivoCancelamento"));
    }
}
