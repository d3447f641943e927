package com.winthorvd.shared.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.winthor.model.NfeDocument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NF-e as WinThor's fiscal service gives it, read and turned into the store's invoice. */
class InvoiceFromNfeTest {
    static final String KEY = "35261111222333000181550010000012341000000428";

    static String nfe(String key, String items, String total) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nfeProc xmlns=\"http://www.portalfiscal.inf.br/nfe\" versao=\"4.00\"><NFe>"
                + "<infNFe Id=\"NFe" + key + "\" versao=\"4.00\"><ide><serie>1</serie><nNF>1234</nNF>"
                + "<dhEmi>2026-11-30T10:15:00-03:00</dhEmi></ide>" + items + "<total><ICMSTot><vNF>" + total + "</vNF></ICMSTot></total>"
                + "</infNFe></NFe></nfeProc>";
    }

    static String item(String code, String ean, String quantity, String unitPrice, String total) {
        return "<det nItem=\"1\"><prod><cProd>" + code + "</cProd>" + (ean == null ? "" : "<cEAN>" + ean + "</cEAN>") + "<qCom>" + quantity
                + "</qCom><vUnCom>" + unitPrice + "</vUnCom><vProd>" + total + "</vProd></prod></det>";
    }

    static final StorePort.StoreOrder ORDER = new StorePort.StoreOrder("VD-1-01", "handling", "Pix", 0, 0, 1500, 0, null, List.of(
            new StorePort.OrderLine("17", "7891000315507-1001", 2, 12, 11940, 23880, "filial1"),
            new StorePort.OrderLine("18", "7891000315514-1002", 3, 1, 990, 2970, "filial1")), List.of());

    @Test
    void readsNumberSeriesKeyDateTotalAndItems() {
        NfeDocument nfe = NfeDocument.parse(nfe(KEY, item("7891000315507-1001", null, "24", "9.791667", "235.00"), "250.00"));
        assertEquals("1234", nfe.number());
        assertEquals("1", nfe.series());
        assertEquals(KEY, nfe.accessKey());
        assertEquals(Instant.parse("2026-11-30T13:15:00Z"), nfe.issuedAt());
        assertEquals(new BigDecimal("250.00"), nfe.total());
        assertEquals(new BigDecimal("24"), nfe.items().get(0).quantity());
    }

    @Test
    void theStoreInvoiceHasTheInvoicedPacksAndCentsAPackOfEachLine() {
        // The 12-box served in part (1 of 2 boxes), the unit SKU cut entirely: a partial invoice.
        NfeDocument nfe = NfeDocument.parse(nfe(KEY, item("7891000315507-1001", null, "12", "9.791667", "117.50"), "132.50"));
        StorePort.Invoice invoice = OrderStatusService.invoice(nfe, ORDER);
        assertEquals(List.of(new StorePort.InvoiceLine("17", 1, 11750)), invoice.lines(), "9.791667 x 12 = 117.500004 -> 11750 cents a box");
        assertEquals(13250, invoice.valueCents());
        assertEquals(KEY, invoice.accessKey());
    }

    @Test
    void anItemCodedAsCodprodWithItsEanIsMatchedToo() {
        NfeDocument nfe = NfeDocument.parse(nfe(KEY, item("1002", "7891000315514", "3", "9.90", "29.70"), "44.70"));
        assertEquals(List.of(new StorePort.InvoiceLine("18", 3, 990)), OrderStatusService.invoice(nfe, ORDER).lines());
    }

    @Test
    void anNfeThatCannotBeTrustedIsRefusedWithWhatIsWrong() {
        String wrongDigit = KEY.substring(0, 43) + "9";
        assertFalse(NfeDocument.validAccessKey(wrongDigit));
        assertTrue(NfeDocument.validAccessKey(KEY));
        var bad = assertThrows(NfeDocument.Unreadable.class, () -> NfeDocument.parse(nfe(wrongDigit, item("1", null, "1", "1", "1"), "1")));
        assertTrue(bad.getMessage().contains("chave de acesso"), bad.getMessage());
        var unknownItem = assertThrows(NfeDocument.Unreadable.class, () -> OrderStatusService.invoice(
                NfeDocument.parse(nfe(KEY, item("9999-9", null, "1", "1", "1"), "1")), ORDER));
        assertTrue(unknownItem.getMessage().contains("9999-9"), unknownItem.getMessage());
        String withEntity = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        assertThrows(NfeDocument.Unreadable.class, () -> NfeDocument.parse(withEntity), "no DTDs, no external entities");
        assertThrows(NfeDocument.Unreadable.class, () -> NfeDocument.parse("not xml"));
    }
}
