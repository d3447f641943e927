package com.winthorvd.testkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.testkit.sim.Documents;
import com.winthorvd.testkit.sim.WinThorData;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.winthor.model.Packaging;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    private static String fingerprint(WinThorData data) {
        return data.products.all().toString().hashCode() + "/" + data.packagings.all().toString().hashCode() + "/"
                + data.customers.all().toString().hashCode() + "/" + data.prices.all().toString().hashCode();
    }

    @Test
    void theSameSeedGivesTheSameDistributor() {
        WinThorData a = new WinThorData();
        WinThorData b = new WinThorData();
        WinThorData c = new WinThorData();
        DemoData.generate(a, 300, 7);
        DemoData.generate(b, 300, 7);
        DemoData.generate(c, 300, 8);
        assertEquals(fingerprint(a), fingerprint(b));
        assertNotEquals(fingerprint(a), fingerprint(c));
    }

    @Test
    void hasTheShapeTheIssueAsksFor() {
        WinThorData data = new WinThorData();
        Manifest manifest = DemoData.generate(data, 1000, 1);
        assertEquals(List.of("1", "2", "3"), data.branches.keySet().stream().sorted().toList());
        assertEquals(1000, data.products.size());
        List<Packaging> branchOne = data.packagings.all().stream().filter(p -> p.branchId().equals("1")).toList();
        long perProductMax = branchOne.stream().collect(java.util.stream.Collectors.groupingBy(Packaging::productId,
                java.util.stream.Collectors.counting())).values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(perProductMax <= 3);
        long sixOrTwelve = branchOne.stream().filter(p -> p.unitsPerPack() == 6 || p.unitsPerPack() == 12).count();
        assertTrue(sixOrTwelve * 100 / branchOne.size() >= 30, sixOrTwelve + " of " + branchOne.size());
        assertTrue(branchOne.stream().anyMatch(Packaging::soldByWeight));
        assertEquals(3 * branchOne.size(), data.packagings.size());
        assertEquals(data.packagings.size(), data.stock.size(), "stock per SKU and branch");
        assertEquals(2 * data.packagings.size(), data.prices.size(), "prices per SKU, branch and region");
        assertEquals(2, data.customers.all().stream().map(c -> c.regionId()).distinct().count());
        assertTrue(data.customers.all().stream().allMatch(c -> Documents.valid(c.document())));
        assertEquals(manifest.records("sku").size(), branchOne.size());
    }

    @Test
    void everyRejectionPathIsInTheManifest() {
        Manifest manifest = DemoData.generate(new WinThorData(), 1000, 1);
        assertTrue(manifest.count("product", Reason.PRODUCT_WITHOUT_BRAND) >= 10);
        assertEquals(1, manifest.count("department", Reason.NOT_SENT_TO_ECOMMERCE));
        assertEquals(1, manifest.count("category", Reason.NOT_SENT_TO_ECOMMERCE));
        assertEquals(1, manifest.count("brand", Reason.BRAND_INACTIVE));
        assertTrue(manifest.count("product", Reason.PARENT_NOT_INTEGRATED) > 0);
        assertTrue(manifest.count("sku", Reason.PACKAGING_WITHOUT_EAN) > 0);
        assertTrue(manifest.count("sku", Reason.MISSING_DIMENSIONS) > 0);
        assertTrue(manifest.count("customer", Reason.CUSTOMER_WITHOUT_EMAIL) > 0);
        assertEquals(2, manifest.count("customer", Reason.CUSTOMER_SHARED_EMAIL));
        assertTrue(manifest.count("product", Manifest.Outcome.SYNCED) > 700);
        Manifest.Expected orphan = manifest.records("sku").values().stream()
                .filter(e -> e.reason() == Reason.PARENT_NOT_INTEGRATED).findFirst().orElseThrow();
        assertEquals("produto", orphan.parameters().get(2));
        assertTrue(Reason.PACKAGING_WITHOUT_EAN.message(List.of("123-1001")).contains("rotina 203"));
    }

    @Test
    void stockAndPricesAreExpectedOnlyForSyncedSkus() {
        Manifest manifest = DemoData.generate(new WinThorData(), 200, 3);
        long synced = manifest.count("sku", Manifest.Outcome.SYNCED);
        assertEquals(synced * 3, manifest.stock().size());
        assertEquals(synced * 6, manifest.prices().size() + manifest.rejectedPrices().size());
        assertTrue(!manifest.rejectedPrices().isEmpty(), "the demo has a zero price to reject");
        assertEquals(manifest.prices().keySet(), manifest.fixedPrices().keySet());
    }

    @Test
    void validatesDocumentsAndBarcodes() {
        assertTrue(Documents.valid("52998224725"));
        assertTrue(Documents.valid("11222333000181"));
        assertTrue(!Documents.valid("11222333000182"));
        assertTrue(!Documents.valid("11111111111"));
        assertEquals("7891000315507", DemoData.ean13("789100031550"));
    }
}
