package com.winthorvd.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.store.StorePort.Buyer;
import com.winthorvd.shared.store.StorePort.CustomerAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store simulator's orders: orders placed by tests and the demo, their status workflow (ready-for-handling ->
 * handling -> invoiced, or canceled; an invoiced order is immutable), the feed (v3: items come back until committed,
 * hidden for a while after each read), the hook configuration, and the hook itself, fired at the configured URL with
 * the real payload fields; hooks can be dropped on purpose, leaving the feed as the only trace.
 */
public final class StoreOrders {
    static final Duration FEED_VISIBILITY = Duration.ofSeconds(60);
    private static final Pattern ORDER = Pattern.compile("/api/oms/pvt/orders/([^/]+)");
    private static final Pattern ACTION = Pattern.compile("/api/oms/pvt/orders/([^/]+)/(start-handling|invoice|cancel)");

    private final Clock clock;
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> feed = new ConcurrentHashMap<>();
    private final Map<String, Instant> hiddenUntil = new ConcurrentHashMap<>();
    private final List<HookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong(1000);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile ObjectNode hook;
    private volatile double dropRatio;
    private volatile SplittableRandom dropRandom = new SplittableRandom(1);

    StoreOrders(Clock clock) {
        this.clock = clock;
    }

    /** One hook call: the order, the state, and the answer (0 when dropped on purpose or unreachable). */
    public record HookDelivery(String orderId, String state, int status, long millis) {
    }

    /** One line of an order to place: SKU id and RefId, packs, units per pack, prices in cents per pack. */
    public record Line(String skuId, String refId, int quantity, int unitMultiplier, long listPriceCents, long sellingPriceCents,
                       String warehouseId) {
    }

    /** A buyer with a complete profile and a delivery address in São Paulo: a company for a CNPJ, a person for a CPF. */
    public static Buyer buyer(String document, String email) {
        boolean company = document.length() == 14;
        return new Buyer(document, company ? "110042490114" : null, company, company ? "COMPRADOR " + document.substring(0, 8) + " LTDA"
                : "Comprador " + document.substring(0, 3), company ? "COMPRADOR " + document.substring(0, 4) : null, email, "11987654321",
                new CustomerAddress(null, null, "Avenida Paulista", "1000", "Sala 1", "Bela Vista", "São Paulo", "SP", "01310-100"));
    }

    /** Drops this share of hooks (deterministically, from the seed); 0 delivers every hook. */
    public void dropHooks(double ratio, long seed) {
        dropRatio = ratio;
        dropRandom = new SplittableRandom(seed);
    }

    public List<HookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public ObjectNode order(String orderId) {
        return orders.get(orderId);
    }

    /**
     * Places an order as a buyer would: status ready-for-handling, in the feed, and announced by the hook. The line
     * total is sellingPrice x quantity less {@code discountCents} on the first line (a discounted box, say).
     */
    public String place(Buyer buyer, String paymentSystem, List<Line> lines, long shippingCents, long discountCents) {
        String orderId = "VD-" + sequence.getAndIncrement() + "-01";
        ObjectNode order = Json.MAPPER.createObjectNode();
        order.put("orderId", orderId);
        order.put("sequence", orderId.substring(3, orderId.length() - 3));
        order.put("status", "ready-for-handling");
        order.put("salesChannel", "1");
        order.put("origin", "Marketplace");
        order.put("creationDate", clock.instant().toString());
        order.put("lastChange", clock.instant().toString());
        ArrayNode items = order.putArray("items");
        ObjectNode shipping = order.putObject("shippingData");
        ArrayNode logistics = shipping.putArray("logisticsInfo");
        long itemsTotal = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            long total = line.sellingPriceCents() * line.quantity() - (i == 0 ? discountCents : 0);
            itemsTotal += line.sellingPriceCents() * line.quantity();
            ObjectNode item = items.addObject();
            item.put("uniqueId", orderId + "-" + i);
            item.put("id", line.skuId());
            item.put("productId", line.skuId());
            item.put("refId", line.refId());
            item.put("name", "SKU " + line.refId());
            item.put("quantity", line.quantity());
            item.put("seller", "1");
            item.put("price", line.sellingPriceCents());
            item.put("listPrice", line.listPriceCents());
            item.put("sellingPrice", line.sellingPriceCents());
            item.put("unitMultiplier", line.unitMultiplier());
            item.put("measurementUnit", "un");
            item.putObject("priceDefinitions").put("total", total).put("calculatedSellingPrice", line.sellingPriceCents());
            ObjectNode info = logistics.addObject();
            info.put("itemIndex", i);
            info.putArray("deliveryIds").addObject().put("warehouseId", line.warehouseId()).put("quantity", line.quantity());
        }
        ArrayNode totals = order.putArray("totals");
        totals.addObject().put("id", "Items").put("name", "Total dos Itens").put("value", itemsTotal);
        totals.addObject().put("id", "Discounts").put("name", "Total dos Descontos").put("value", -discountCents);
        totals.addObject().put("id", "Shipping").put("name", "Total do Frete").put("value", shippingCents);
        order.put("value", itemsTotal - discountCents + shippingCents);
        ObjectNode client = order.putObject("clientProfileData");
        client.put("email", buyer.email());
        client.put("isCorporate", buyer.corporate());
        if (buyer.corporate()) {
            client.put("corporateDocument", buyer.document());
            client.put("corporateName", buyer.name());
            client.put("tradeName", buyer.tradeName());
            client.put("stateInscription", buyer.stateInscription());
            client.put("corporatePhone", buyer.phone());
        } else {
            client.put("document", buyer.document());
            client.put("documentType", "cpf");
            client.put("firstName", buyer.name());
            client.put("phone", buyer.phone());
        }
        CustomerAddress a = buyer.address();
        if (a != null) {
            ObjectNode address = shipping.putObject("address");
            address.put("addressType", "residential");
            address.put("receiverName", buyer.name());
            address.put("postalCode", a.postalCode());
            address.put("city", a.city());
            address.put("state", a.state());
            address.put("country", "BRA");
            address.put("street", a.street());
            address.put("number", a.number());
            address.put("neighborhood", a.neighborhood());
            address.put("complement", a.complement());
        }
        order.putObject("paymentData").putArray("transactions").addObject().putArray("payments").addObject()
                .put("paymentSystemName", paymentSystem).put("value", itemsTotal - discountCents + shippingCents);
        order.putObject("packageAttachment").putArray("packages");
        orders.put(orderId, order);
        changed(order, null);
        return orderId;
    }

    /** The buyer (or the store's staff) cancels the order: status canceled, in the feed, announced by the hook. */
    public void cancel(String orderId) {
        ObjectNode order = orders.get(orderId);
        String status = order.get("status").asText();
        order.put("status", "canceled");
        changed(order, status);
    }

    /** Fires the hook of the order's current status again, the same payload (same LastChange), as stores do on retry. */
    public void redeliverHook(String orderId) {
        ObjectNode order = orders.get(orderId);
        fireHook(orderId, order.get("status").asText(), null, order.get("lastChange").asText());
    }

    /** Moves the order to a new status, logs it in the feed and fires the hook. */
    private void changed(ObjectNode order, String lastState) {
        String orderId = order.get("orderId").asText();
        String now = clock.instant().toString();
        order.put("lastChange", now);
        String handle = "h-" + orderId + "-" + order.get("status").asText();
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("eventId", handle);
        event.put("handle", handle);
        event.put("domain", "Marketplace");
        event.put("state", order.get("status").asText());
        event.put("lastState", lastState == null ? "" : lastState);
        event.put("orderId", orderId);
        event.put("lastChange", now);
        event.put("currentChange", now);
        feed.put(handle, event);
        fireHook(orderId, order.get("status").asText(), lastState, now);
    }

    private void fireHook(String orderId, String state, String lastState, String when) {
        ObjectNode config = hook;
        if (config == null) {
            return;
        }
        List<String> states = new ArrayList<>();
        config.path("filter").path("status").forEach(s -> states.add(s.asText()));
        if (!states.isEmpty() && !states.contains(state)) {
            return;
        }
        boolean drop;
        synchronized (this) {
            drop = dropRatio > 0 && dropRandom.nextDouble() < dropRatio;
        }
        if (drop) {
            deliveries.add(new HookDelivery(orderId, state, 0, 0));
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("Domain", "Marketplace");
        payload.put("OrderId", orderId);
        payload.put("State", state);
        payload.put("LastState", lastState);
        payload.put("LastChange", when);
        payload.put("CurrentChange", when);
        payload.put("Origin", Map.of("Account", "winthorvd", "Key", StoreSimulator.APP_KEY));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.path("hook").path("url").asText()))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(payload)));
        config.path("hook").path("headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
        long start = System.nanoTime();
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        deliveries.add(new HookDelivery(orderId, state, status, (System.nanoTime() - start) / 1_000_000));
    }

    /** The reply, or null when the path is not an order operation served here. */
    StoreSimulator.Reply route(String method, String path, JsonNode body) {
        Matcher m;
        if (path.equals("/api/orders/hook/config")) {
            switch (method) {
                case "GET" -> {
                    return hook == null ? StoreSimulator.Reply.error(404, "no hook configured") : StoreSimulator.Reply.ok(hook);
                }
                case "POST" -> {
                    if (body == null || body.path("hook").path("url").asText("").isBlank()) {
                        return StoreSimulator.Reply.error(400, "hook.url is required");
                    }
                    hook = body.deepCopy();
                    return StoreSimulator.Reply.ok(hookAnswer());
                }
                case "DELETE" -> {
                    hook = null;
                    return new StoreSimulator.Reply(200, null, Map.of());
                }
                default -> {
                    return null;
                }
            }
        }
        if (path.equals("/api/orders/feed")) {
            if (method.equals("GET")) {
                return StoreSimulator.Reply.ok(readFeed(10));
            }
            if (method.equals("POST")) {
                body.path("handles").forEach(h -> {
                    feed.remove(h.asText());
                    hiddenUntil.remove(h.asText());
                });
                return new StoreSimulator.Reply(200, null, Map.of());
            }
        }
        if ((m = ACTION.matcher(path)).matches() && method.equals("POST")) {
            ObjectNode order = orders.get(m.group(1));
            if (order == null) {
                return StoreSimulator.Reply.error(404, "Order " + m.group(1) + " not found");
            }
            return action(order, m.group(2), body);
        }
        if ((m = ORDER.matcher(path)).matches() && method.equals("GET")) {
            ObjectNode order = orders.get(m.group(1));
            return order == null ? StoreSimulator.Reply.error(404, "Order " + m.group(1) + " not found") : StoreSimulator.Reply.ok(order);
        }
        return null;
    }

    /** Feed items not committed and not hidden by a recent read; each read hides them for a while. */
    ArrayNode readFeed(int max) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Instant now = clock.instant();
        feed.values().stream().sorted(java.util.Comparator.comparing(e -> e.path("currentChange").asText()))
                .filter(e -> !hiddenUntil.getOrDefault(e.get("handle").asText(), Instant.MIN).isAfter(now))
                .limit(max)
                .forEach(e -> {
                    hiddenUntil.put(e.get("handle").asText(), now.plus(FEED_VISIBILITY));
                    out.add(e);
                });
        return out;
    }

    private ObjectNode hookAnswer() {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("Domain", "Marketplace");
        answer.put("OrderId", "");
        answer.put("State", "");
        answer.put("LastState", "");
        answer.put("LastChange", clock.instant().toString());
        answer.put("CurrentChange", clock.instant().toString());
        answer.putObject("Origin").put("Account", "winthorvd").put("Key", StoreSimulator.APP_KEY);
        return answer;
    }

    private StoreSimulator.Reply action(ObjectNode order, String action, JsonNode body) {
        String status = order.get("status").asText();
        if (status.equals("invoiced")) {
            return StoreSimulator.Reply.error(action.equals("cancel") ? 403 : 409, "Order " + order.get("orderId").asText()
                    + " is invoiced and cannot change");
        }
        switch (action) {
            case "start-handling" -> {
                if (!status.equals("ready-for-handling")) {
                    return StoreSimulator.Reply.error(409, "Order is " + status + ", not ready-for-handling");
                }
                order.put("status", "handling");
                changed(order, status);
                return new StoreSimulator.Reply(204, null, Map.of());
            }
            case "invoice" -> {
                if (body == null || !"Output".equals(body.path("type").asText())) {
                    return StoreSimulator.Reply.error(400, "only Output invoices are accepted here");
                }
                ObjectNode invoice = ((ArrayNode) order.path("packageAttachment").path("packages")).addObject();
                invoice.put("type", "Output");
                invoice.put("invoiceNumber", body.path("invoiceNumber").asText());
                invoice.put("invoiceValue", Long.parseLong(body.path("invoiceValue").asText("0")));
                invoice.put("invoiceKey", body.path("invoiceKey").asText(null));
                invoice.put("issuanceDate", body.path("issuanceDate").asText());
                ArrayNode invoicedItems = invoice.putArray("items");
                for (JsonNode line : body.path("items")) {
                    int index = 0;
                    for (JsonNode item : order.path("items")) {
                        if (item.path("id").asText().equals(line.path("id").asText())) {
                            invoicedItems.addObject().put("itemIndex", index).put("quantity", line.path("quantity").asInt())
                                    .put("price", line.path("price").asLong());
                        }
                        index++;
                    }
                }
                order.put("status", "invoiced");
                order.put("invoicedDate", body.path("issuanceDate").asText());
                changed(order, status);
                ObjectNode answer = Json.MAPPER.createObjectNode();
                answer.put("date", clock.instant().toString());
                answer.put("orderId", order.get("orderId").asText());
                answer.put("receipt", "invoice-" + body.path("invoiceNumber").asText());
                return StoreSimulator.Reply.ok(answer);
            }
            case "cancel" -> {
                if (!status.equals("canceled")) {
                    order.put("status", "canceled");
                    order.put("cancelReason", body == null ? null : body.path("reason").asText(null));
                    changed(order, status);
                }
                ObjectNode answer = Json.MAPPER.createObjectNode();
                answer.put("date", clock.instant().toString());
                answer.put("orderId", order.get("orderId").asText());
                answer.put("receipt", "cancel-" + order.get("orderId").asText());
                return StoreSimulator.Reply.ok(answer);
            }
            default -> {
                return null;
            }
        }
    }
}
