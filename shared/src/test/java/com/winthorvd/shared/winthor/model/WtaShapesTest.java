package com.winthorvd.shared.winthor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every attested variant of the WTA fields the client reads (winthor-wta-evidence.md): TDN's documented shape and the
 * shapes older sources or our first contract used, each read the same.
 */
class WtaShapesTest {
    private static JsonNode json(String text) {
        return Json.read(text.replace('\'', '"'));
    }

    @Test
    void aCategorysDepartmentIsReadNestedInItsSectionAsTdnListsIt() {
        Category c = Category.from(json("{'id': 3, 'name': 'Sucos', 'section': {'id': 20, 'department': {'id': 7}}}"));
        assertEquals(7, c.departmentId());
        assertEquals("20-3", c.key());
    }

    @Test
    void aCategorysDepartmentIsReadAtTheTopLevelOrAsAnIdToo() {
        assertEquals(7, Category.from(json("{'id': 3, 'section': {'id': 20}, 'department': {'id': 7}}")).departmentId());
        assertEquals(7, Category.from(json("{'id': 3, 'sectionId': 20, 'departmentId': 7}")).departmentId());
        assertEquals(7, Category.from(json("{'id': 3, 'section': {'id': 20, 'departmentId': 7}}")).departmentId());
    }

    @Test
    void aPackagingWithoutAnEanFieldTakesItsAuxiliaryCodeAsTdnSaysItIs() {
        Packaging p = Packaging.from(json("{'barCode': '7891000315507', 'productId': 1001, 'unitMultiplier': 12}"));
        assertEquals("7891000315507", p.ean());
        assertEquals("7891000315507-1001", p.skuKey());
        assertEquals("7891234567895", Packaging.from(json("{'barCode': '7891000315507', 'productId': 1001, 'ean': '7891234567895'}")).ean(),
                "an explicit EAN field still wins");
    }

    @Test
    void aPackagingsUnitsAreAWholeNumberOrZeroNeverTruncated() {
        assertEquals(12, Packaging.from(json("{'skuId': '1-2', 'unitMultiplier': '12,000'}")).unitsPerPack());
        assertEquals(12, Packaging.from(json("{'skuId': '1-2', 'unitMultiplier': 12.0}")).unitsPerPack());
        assertEquals(0, Packaging.from(json("{'skuId': '1-2', 'unitMultiplier': 0.5}")).unitsPerPack(), "0.5 is not 0 packs' worth of 1");
        assertEquals(0, Packaging.from(json("{'skuId': '1-2', 'unitMultiplier': 2.5}")).unitsPerPack(), "2.5 is not 2");
        assertEquals(1, Packaging.from(json("{'skuId': '1-2'}")).unitsPerPack());
        assertEquals(new BigDecimal("12.5"), Packaging.from(json("{'skuId': '1-2', 'Height': 12.5}")).heightCm(), "TDN's capitalised names");
    }

    @Test
    void aPriceRowsSkuIsTheStringProductIdTheReferenceKeyOrTheSkuId() {
        assertEquals("789-1001", PriceItem.from(json("{'productId': '789-1001', 'priceRegion': 1, 'price': 2.5}"), "1").skuKey());
        PriceItem keyed = PriceItem.from(json("{'productSKUERPReferenceKey': '789-1001', 'productId': 1001, 'price': 2.5}"), "1");
        assertEquals("789-1001", keyed.skuKey());
        assertEquals(1001, keyed.productId());
        assertEquals("1", keyed.regionId() == null ? "1" : keyed.regionId());
        assertEquals("789-1001", PriceItem.from(json("{'skuId': '789-1001', 'price': 1}"), "1").skuKey());
        assertEquals("1", PriceItem.from(json("{'productId': '789-1001', 'priceRegion': 1, 'price': 1}"), "3").regionId());
        assertEquals("3", PriceItem.from(json("{'productId': '789-1001', 'price': 1}"), "3").branchId(), "the branch asked for");
        assertEquals("2", PriceItem.from(json("{'productId': '789-1001', 'branchId': '2', 'price': 1}"), "3").branchId());
    }

    @Test
    void aPriceRowWithOnlyABareProductCodeNamesNoSkuAndSaysWhatItHad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PriceItem.from(json("{'productId': 1001, 'erpReferenceKey': '1001', 'price': 1}"), "1"));
        assertEquals("productId 1001, productSKUERPReferenceKey null, erpReferenceKey 1001", e.getMessage());
    }

    @Test
    void aCustomersPersonTypeIsTheBooleanCorporateOrAJfText() {
        assertEquals("J", Customer.from(json("{'id': 1, 'corporate': true}")).personType());
        assertEquals("F", Customer.from(json("{'id': 1, 'corporate': false}")).personType());
        assertEquals("J", Customer.from(json("{'id': 1, 'corporate': 'J'}")).personType());
        assertEquals("F", Customer.from(json("{'id': 1, 'personalType': 'f'}")).personType());
        assertNull(Customer.from(json("{'id': 1}")).personType());
    }

    @Test
    void aCustomersDeliveryAddressIsReadFromTheFlatFieldsOrTheArray() {
        Customer flat = Customer.from(json("{'id': 1, 'deliveryAddress': 'RUA A', 'deliveryAddressNumber': '10', "
                + "'complementDeliveryAddress': 'SALA 2', 'deliveryDistrict': 'CENTRO', 'deliveryCity': 'SAO PAULO', "
                + "'deliveryState': 'SP', 'deliveryZipCode': '01001-000', 'corporatePhone': '1133334444'}"));
        assertEquals(List.of(new Customer.DeliveryAddress("entrega", "RUA A", "10", "SALA 2", "CENTRO", "SAO PAULO", "SP", "01001000")),
                flat.deliveryAddresses());
        assertEquals("1133334444", flat.phone());
        Customer array = Customer.from(json("{'id': 1, 'deliveryAddresses': [{'id': 5, 'address': 'RUA B', 'zipCode': '01001000'}]}"));
        assertEquals("RUA B", array.deliveryAddresses().get(0).street());
        assertEquals("5", array.deliveryAddresses().get(0).id());
    }

    @Test
    void anOrderCarriesItsOriginDateAndTotalAsOtherSendersDo() {
        OrderRequest order = new OrderRequest("1", 42, 12, "BK", 1, "R", LocalDateTime.of(2026, 12, 1, 9, 30), null,
                new BigDecimal("15.00"), false, "VD-1", "VD:VD-1", List.of(
                        new OrderRequest.Item("789-1", new BigDecimal("12"), new BigDecimal("1.234567"), "1", 1),
                        new OrderRequest.Item("789-2", new BigDecimal("2"), new BigDecimal("10.00"), "1", 2)));
        Map<String, Object> body = order.body();
        assertEquals("R", body.get("saleOrigin"));
        assertEquals("2026-12-01T09:30:00", body.get("createData"));
        assertEquals(new BigDecimal("49.81"), body.get("TotalPrice"), "12 x 1.234567 + 2 x 10 + 15 freight");
    }
}
