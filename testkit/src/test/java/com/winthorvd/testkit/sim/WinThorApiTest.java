package com.winthorvd.testkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.testkit.data.DemoData;
import com.winthorvd.shared.util.MutableClock;
import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.TokenSource;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WinThorApiException;
import com.winthorvd.shared.winthor.WinThorClient;
import com.winthorvd.shared.winthor.WinThorConnectionException;
import com.winthorvd.shared.winthor.WinThorException;
import com.winthorvd.shared.winthor.WinThorHttp;
import com.winthorvd.shared.winthor.WinThorLogin;
import com.winthorvd.shared.winthor.model.Brand;
import com.winthorvd.shared.winthor.model.Category;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Department;
import com.winthorvd.shared.winthor.model.OrderRequest;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.PriceItem;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.Section;
import com.winthorvd.shared.winthor.model.StockItem;
import com.winthorvd.shared.winthor.model.WinThorOrder;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every typed WinThor call against the simulator holding the generated distributor. */
class WinThorApiTest {
    private static final MutableClock CLOCK = MutableClock.at("2026-11-30T12:00:00Z");
    private static WinThorSimulator sim;
    private static WinThorApi api;

    @BeforeAll
    static void start() {
        sim = new WinThorSimulator(CLOCK).user("INTEGRACAO", "Abc").tokenLifetime(Duration.ofDays(365));
        DemoData.generate(sim.data(), 300, 42);
        WinThorHttp http = new WinThorHttp(URI.create(sim.url()), Duration.ofSeconds(2), Duration.ofSeconds(2), null);
        WinThorLogin login = new WinThorLogin(http);
        String token = login.login("INTEGRACAO", PasswordRule.UPPER.senha("Abc"));
        api = new WinThorApi(new WinThorClient(http, TokenSource.fixed(token)), 100);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static <T> List<T> all(Iterator<T> items) {
        List<T> out = new ArrayList<>();
        items.forEachRemaining(out::add);
        return out;
    }

    @Test
    void readsTheCatalogFeedsWithTheirLinks() {
        List<Department> departments = all(api.departments(null));
        assertEquals(6, departments.size());
        assertFalse(departments.stream().filter(d -> d.id() == DemoData.DEPARTMENT_NOT_SENT).findFirst().orElseThrow().sentToEcommerce());
        List<Section> sections = all(api.sections(null));
        assertEquals(18, sections.size());
        assertEquals(1, sections.stream().filter(s -> s.id() == 11).findFirst().orElseThrow().departmentId());
        List<Category> categories = all(api.categories(null));
        assertEquals(54, categories.size());
        assertEquals(54, categories.stream().map(Category::key).distinct().count(), "keyed by section + category");
        assertFalse(categories.stream().filter(c -> c.key().equals(DemoData.CATEGORY_NOT_SENT)).findFirst().orElseThrow().sentToEcommerce());
        List<Brand> brands = all(api.brands(null));
        assertEquals(DemoData.brandCount(300), brands.size());
        List<Product> products = all(api.products(null));
        assertEquals(300, products.size());
        assertEquals(300, products.stream().map(Product::id).distinct().count());
        assertTrue(products.stream().anyMatch(p -> p.brandId() == null), "some products have no brand");
        Product one = api.product(1001).orElseThrow();
        assertEquals(products.stream().filter(p -> p.id() == 1001).findFirst().orElseThrow(), one);
        assertTrue(api.product(999_999).isEmpty());
    }

    @Test
    void readsOnlyWhatChangedSinceTheWatermark() {
        LocalDateTime since = DemoData.BASE.plusDays(15);
        List<Product> recent = all(api.products(since));
        long expected = sim.data().products.all().stream().filter(p -> !p.lastChange().isBefore(since)).count();
        assertEquals(expected, recent.size());
        assertTrue(recent.size() > 0 && recent.size() < 300);
        for (int i = 1; i < recent.size(); i++) {
            assertFalse(recent.get(i).lastChange().isBefore(recent.get(i - 1).lastChange()), "ordered by lastChange");
        }
    }

    @Test
    void readsPackagingsWithQtunitEanAndDimensions() {
        List<Packaging> packagings = all(api.packagings("2", null));
        assertEquals(sim.data().packagings.size() / 3, packagings.size());
        Packaging box = packagings.stream().filter(p -> p.unitsPerPack() == 12).findFirst().orElseThrow();
        assertEquals(box.auxiliaryCode() + "-" + box.productId(), box.skuKey());
        assertEquals("2", box.branchId());
        assertTrue(packagings.stream().allMatch(p -> p.auxiliaryCode().equals(p.ean())), "no ean field: the EAN is CODAUXILIAR");
        assertTrue(packagings.stream().anyMatch(p -> !com.winthorvd.shared.catalog.CatalogRules.validGtin(p.ean())),
                "some auxiliary codes are internal codes, not EANs");
        WinThorApiException e = assertThrows(WinThorApiException.class, () -> all(api.packagings(null, null)));
        assertEquals(400, e.status(), "branchId is required");
    }

    @Test
    void readsCustomersAndFindsThemByDocumentAndStateInscription() {
        List<Customer> customers = all(api.customers(List.of("1", "2", "3"), null));
        assertEquals(sim.data().customers.size(), customers.size());
        Customer company = customers.stream().filter(c -> c.document().length() == 14).findFirst().orElseThrow();
        assertEquals(company, api.customer(company.id()).orElseThrow());
        assertEquals(1, company.deliveryAddresses().size());
        assertEquals(List.of(company), api.customersByDocument(company.document(), company.stateInscription()));
        assertEquals(List.of(), api.customersByDocument(company.document(), "999"), "IE must match too");
        Customer person = customers.stream().filter(c -> c.document().length() == 11).findFirst().orElseThrow();
        assertEquals(List.of(person), api.customersByDocument(person.document(), "isento"), "ISENTO in any spelling");
        assertTrue(api.customer(1).isEmpty());
    }

    /** A new buyer's name, CNPJ and e-mail: what every customer create carries. */
    private static Map<String, Object> newBuyer() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("name", "NOVO MERCADO LTDA");
        customer.put("personIdentificationNumber", "11.222.333/0001-81");
        customer.put("email", "compras@novomercado.com.br");
        return customer;
    }

    @Test
    void createsACustomerOnceAndUpdatesItForTheSameDocumentAndIe() {
        Map<String, Object> customer = newBuyer();
        customer.put("stateInscription", "110.042.490.114");
        customer.put("corporate", true);
        customer.put("commercialAddress", "AV PAULISTA");
        customer.put("businessDistrict", "BELA VISTA");
        customer.put("businessCity", "SAO PAULO");
        customer.put("businessState", "SP");
        customer.put("commercialZipCode", "01310100");
        customer.put("billingAddress", "AV PAULISTA");
        customer.put("billingZipCode", "01310100");
        Customer created = api.saveCustomer(customer);
        assertEquals("AV PAULISTA", created.deliveryAddresses().get(0).street());
        assertEquals("11222333000181", created.document());
        customer.put("name", "NOVO MERCADO LTDA ME");
        Customer again = api.saveCustomer(customer);
        assertEquals(created.id(), again.id(), "same CNPJ and IE: updated, not duplicated");
        assertEquals("NOVO MERCADO LTDA ME", again.name());
        customer.put("stateInscription", "110042490999");
        assertTrue(api.saveCustomer(customer).id() != created.id(), "a new IE is a new customer");
        customer.put("personIdentificationNumber", "11222333000182");
        WinThorApiException invalid = assertThrows(WinThorApiException.class, () -> api.saveCustomer(customer));
        assertEquals("CPF/CNPJ inválido", invalid.apiMessage());
    }

    @Test
    void aCustomerWithItsAddressUnderOtherNamesThanTdnsIsRefusedAsWinThorWouldFindNoCepOrCity() {
        Map<String, Object> customer = newBuyer();
        customer.put("corporate", "J");
        customer.put("address", "AV PAULISTA");
        customer.put("district", "BELA VISTA");
        customer.put("state", "SP");
        customer.put("zipCode", "01310100");
        WinThorApiException refused = assertThrows(WinThorApiException.class, () -> api.saveCustomer(customer));
        assertEquals(400, refused.status());
        assertEquals("Campos obrigatórios ausentes: commercialAddress, businessDistrict, businessState, billingAddress, billingZipCode",
                refused.apiMessage());
    }

    @Test
    void readsStockPerBranchInUnitsOrPerPackaging() {
        List<StockItem> units = all(api.stock(List.of("1", "3"), null, false));
        assertEquals(2 * sim.data().packagings.size() / 3, units.size());
        assertTrue(units.stream().allMatch(s -> s.branchId().equals("1") || s.branchId().equals("3")));
        StockItem box = units.stream().filter(s -> s.unitMultiplier() == 12 && s.quantity().intValue() >= 24).findFirst().orElseThrow();
        StockItem perPack = all(api.stock(List.of(box.branchId()), null, true)).stream()
                .filter(s -> s.skuKey().equals(box.skuKey())).findFirst().orElseThrow();
        assertEquals(box.quantity().divideToIntegralValue(BigDecimal.valueOf(12)).intValue(), perPack.quantity().intValue());
        long product = Long.parseLong(box.skuKey().substring(box.skuKey().indexOf('-') + 1));
        assertTrue(api.stockOfProduct(box.branchId(), product).stream().anyMatch(s -> s.skuKey().equals(box.skuKey())));
        WinThorApiException e = assertThrows(WinThorApiException.class, () -> all(api.stock(List.of(), null, false)));
        assertEquals(400, e.status());
    }

    @Test
    void readsPricesPerRegionWithOffersAndWholesale() {
        List<PriceItem> prices = all(api.prices("1", false));
        assertEquals(2 * sim.data().packagings.size() / 3, prices.size(), "two regions");
        PriceItem offer = prices.stream().filter(p -> p.offerPrice() != null).findFirst().orElseThrow();
        assertTrue(offer.offerPrice().compareTo(offer.price()) < 0);
        assertNotNull(offer.offerEnd());
        PriceItem wholesale = prices.stream().filter(p -> p.wholesalePrice() != null).findFirst().orElseThrow();
        assertEquals(0, BigDecimal.TEN.compareTo(wholesale.wholesaleMinQuantity()));
        assertEquals(2, prices.stream().map(PriceItem::regionId).distinct().count());
    }

    private OrderRequest order(String mktplace, String sku, BigDecimal quantity) {
        Customer customer = sim.data().customers.all().get(0);
        return new OrderRequest("1", customer.id(), 1, "D", 1, "R", java.time.LocalDateTime.of(2026, 11, 30, 9, 0), null, new BigDecimal("15.00"), true, mktplace,
                "Pedido Venda Digital " + mktplace, List.of(new OrderRequest.Item(sku, quantity, new BigDecimal("12.345678"), "1", 1)));
    }

    private String someSku() {
        return sim.data().packagings.all().stream().filter(p -> p.branchId().equals("1") && p.unitsPerPack() == 12 && !p.soldByWeight())
                .findFirst().orElseThrow().skuKey();
    }

    @Test
    void createsReadsListsAndCancelsOrders() {
        String sku = someSku();
        WinThorOrder created = api.createOrder(order("VD-1001", sku, new BigDecimal("24")));
        assertNotNull(created.orderId());
        assertEquals("L", created.status());
        assertEquals("VD-1001", created.orderIdMktplace());
        assertEquals(new BigDecimal("24"), created.items().get(0).quantity());
        assertEquals(created, api.order(created.orderId()).orElseThrow());
        List<WinThorOrder> listed = all(api.orders(List.of("1"), null, List.of("L"), created.customerId(), 30));
        assertTrue(listed.stream().anyMatch(o -> o.orderId().equals(created.orderId())));

        api.cancelOrder(created.orderId(), "cancelado na loja");
        assertEquals("C", api.order(created.orderId()).orElseThrow().status());
        assertTrue(sim.data().apiOrderLog().stream().anyMatch(l -> l.operation().equals("C") && created.orderId().equals(l.orderId())));
        assertTrue(api.order("1").isEmpty());
    }

    @Test
    void refusesAnOrderItCannotImportWithWinThorsReasonAndLogsIt() {
        WinThorApiException unknownSku = assertThrows(WinThorApiException.class,
                () -> api.createOrder(order("VD-2", "0000000000000-1", BigDecimal.ONE)));
        assertTrue(unknownSku.apiMessage().contains("não encontrado"), unknownSku.getMessage());
        assertFalse(unknownSku.isTransient());
        WinThorApiException fraction = assertThrows(WinThorApiException.class,
                () -> api.createOrder(order("VD-3", someSku(), new BigDecimal("1.5"))));
        assertTrue(fraction.apiMessage().contains("fracionada"), fraction.getMessage());
        assertTrue(sim.data().apiOrderLog().stream().anyMatch(l -> "VD-2".equals(l.orderIdMktplace()) && l.status().equals("R")));
    }

    @Test
    void anInvoicedOrderCannotBeCancelledAndItsNfeAppearsOnlyOnceIssued() {
        WinThorOrder created = api.createOrder(order("VD-4", someSku(), new BigDecimal("12")));
        sim.orders().invoice(created.orderId(), Map.of(), false);
        assertEquals("F", api.order(created.orderId()).orElseThrow().status());
        assertTrue(api.invoiceXml(created.orderId()).isEmpty(), "404 until the document exists");
        sim.orders().publishInvoiceDocument(created.orderId());
        String xml = api.invoiceXml(created.orderId()).orElseThrow();
        String key = sim.orders().invoiceKey(created.orderId());
        assertEquals(44, key.length());
        assertTrue(xml.contains("<chNFe>" + key + "</chNFe>"));
        assertTrue(xml.contains("<xPed>VD-4</xPed>"));
        WinThorApiException e = assertThrows(WinThorApiException.class, () -> api.cancelOrder(created.orderId(), "x"));
        assertTrue(e.apiMessage().contains("faturado"));
    }

    @Test
    void withoutDaysOfSearchOnlyAboutFifteenDaysOfOrdersComeBack() {
        WinThorOrder old = api.createOrder(order("VD-OLD", someSku(), new BigDecimal("12")));
        CLOCK.advance(Duration.ofDays(20));
        try {
            WinThorClient client = api.client();
            var page = client.get("/api/wholesale/v1/orders/list", Map.of("branchId", "1"));
            List<String> ids = new ArrayList<>();
            page.path("items").forEach(o -> ids.add(o.path("orderId").asText()));
            assertFalse(ids.contains(old.orderId()), "silently missing without daysOfSearch");
            assertTrue(all(api.orders(List.of("1"), null, null, null, 30)).stream().anyMatch(o -> o.orderId().equals(old.orderId())));
        } finally {
            CLOCK.advance(Duration.ofDays(-20));
        }
    }

    @Test
    void commitThenDropLeavesTheOrderCreatedWhileTheCallerSeesAFailure() {
        sim.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_THEN_DROP), 1);
        int before = sim.data().orderCount();
        WinThorException e = assertThrows(WinThorException.class, () -> api.createOrder(order("VD-DROP", someSku(), new BigDecimal("12"))));
        assertTrue(e instanceof WinThorConnectionException || e instanceof com.winthorvd.shared.winthor.WinThorTimeoutException, e.toString());
        assertEquals(before + 1, sim.data().orderCount(), "the write happened");
        assertTrue(all(api.orders(List.of("1"), null, null, null, 30)).stream().anyMatch(o -> "VD-DROP".equals(o.orderIdMktplace())));
    }

    @Test
    void a429IsATransientApiError() {
        sim.faults().next("GET /api/purchases/v1/productBrands/", Fault.of(Fault.Kind.TOO_MANY_REQUESTS), 1);
        WinThorApiException e = assertThrows(WinThorApiException.class, () -> all(api.brands(null)));
        assertEquals(429, e.status());
        assertTrue(e.isTransient());
    }

    @Test
    void anItemCutAtInvoicingLeavesItOutOfTheNfeAndItsValue() {
        List<String> skus = sim.data().packagings.all().stream().filter(p -> p.branchId().equals("1") && p.unitsPerPack() == 12 && !p.soldByWeight())
                .limit(3).map(Packaging::skuKey).toList();
        Customer customer = sim.data().customers.all().get(0);
        List<OrderRequest.Item> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add(new OrderRequest.Item(skus.get(i), new BigDecimal("12"), new BigDecimal("10.00"), "1", i + 1));
        }
        WinThorOrder created = api.createOrder(new OrderRequest("1", customer.id(), 1, "D", 1, "R", java.time.LocalDateTime.of(2026, 11, 30, 9, 0), null, new BigDecimal("15.00"), true,
                "VD-CUT", "Pedido Venda Digital VD-CUT", items));
        sim.orders().invoice(created.orderId(), Map.of(skus.get(1), BigDecimal.ZERO), true);
        String xml = api.invoiceXml(created.orderId()).orElseThrow();
        assertTrue(xml.contains("<cProd>" + skus.get(0) + "</cProd>") && xml.contains("<cProd>" + skus.get(2) + "</cProd>"));
        assertFalse(xml.contains("<cProd>" + skus.get(1) + "</cProd>"), "the cut item is not invoiced");
        assertTrue(xml.contains("<vNF>255.00</vNF>"), "2 x 12 x 10.00 + 15.00 freight: " + xml);
    }
}
