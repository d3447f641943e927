package com.winthorvd.shared.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.catalog.CatalogRules.Decision;
import com.winthorvd.shared.catalog.CatalogRules.Link;
import com.winthorvd.shared.catalog.CatalogRules.ParentState;
import com.winthorvd.shared.catalog.CatalogRules.Status;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.sync.PriceTables;
import com.winthorvd.shared.sync.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogRulesTest {
    static CatalogSettings settings(ClassifierMode mode, CatalogSettings.ClassificationSource source, String scope) {
        return new CatalogSettings(mode, source, Scope.parse(scope), List.of("1"), List.of("1", "2"), "1", PriceTables.parse(""), 500, "/api/purchases/v1/skus/", "q");
    }

    static final CatalogRules DSC = new CatalogRules(settings(ClassifierMode.DSC, CatalogSettings.ClassificationSource.ERP, "{}"));

    static CatalogRecord product(String json) {
        return CatalogRecord.of(CatalogEntity.PRODUCT, Json.read(json));
    }

    static final String PRODUCT = "{\"id\":1001,\"name\":\"ARROZ\",\"departmentId\":1,\"sectionId\":11,\"categoryId\":2,\"brandId\":3,"
            + "\"supplierId\":7,\"lastChange\":\"2026-11-20T10:15:00\"}";

    static Map<Link, ParentState> synced(Link... links) {
        Map<Link, ParentState> out = new HashMap<>();
        for (Link link : links) {
            out.put(link, new ParentState(Status.SYNCED, "1", "x"));
        }
        return out;
    }

    static final Link D1 = new Link(CatalogEntity.DEPARTMENT, "1");
    static final Link S11 = new Link(CatalogEntity.SECTION, "11");
    static final Link C112 = new Link(CatalogEntity.CATEGORY, "11-2");
    static final Link B3 = new Link(CatalogEntity.BRAND, "3");

    @Test
    void aProductNeedsItsThreeLevelsAndItsBrandInTheStoreCheckedInThatOrder() {
        CatalogRecord p = product(PRODUCT);
        assertEquals(List.of(D1, S11, C112, B3), DSC.parents(p));
        assertEquals(Status.SYNCED, DSC.decide(p, synced(D1, S11, C112, B3)).status());

        Map<Link, ParentState> parents = synced(D1, S11, B3);
        parents.put(C112, new ParentState(Status.REJECTED, null, null));
        Decision rejected = DSC.decide(p, parents);
        assertEquals(Reason.PARENT_NOT_INTEGRATED, rejected.reason());
        assertEquals(List.of("produto", "1001", "categoria", "11-2"), rejected.parameters());
        assertEquals(C112, rejected.blockedBy());

        Decision waiting = DSC.decide(p, synced(D1, S11, C112));
        assertEquals(Status.WAITING_PARENT, waiting.status(), "a parent not decided yet (here: the brand) is waited for");
        assertEquals(B3, waiting.blockedBy());
    }

    @Test
    void aProductsOwnMissingLinksComeBeforeItsParents() {
        Decision noBrand = DSC.decide(product(PRODUCT.replace("\"brandId\":3,", "")), Map.of());
        assertEquals(Reason.PRODUCT_WITHOUT_BRAND, noBrand.reason());
        assertEquals(List.of("1001"), noBrand.parameters());
        assertEquals(Reason.PRODUCT_WITHOUT_CATEGORY, DSC.decide(product(PRODUCT.replace("\"categoryId\":2,", "")), Map.of()).reason());
        CatalogRules web = new CatalogRules(settings(ClassifierMode.DSC, CatalogSettings.ClassificationSource.WEB, "{}"));
        assertEquals(Reason.WEB_TAB_EMPTY, web.decide(product(PRODUCT), Map.of()).reason(), "the Web tab (2009) is empty");
        CatalogRecord withWeb = product(PRODUCT.replace("{", "{\"webDepartmentId\":2,\"webSectionId\":21,\"webCategoryId\":1,"));
        assertEquals(List.of(new Link(CatalogEntity.DEPARTMENT, "2"), new Link(CatalogEntity.SECTION, "21"),
                new Link(CatalogEntity.CATEGORY, "21-1"), B3), web.parents(withWeb));
    }

    @Test
    void theClassifierModeDecidesWhichLevelsAProductHangsUnder() {
        CatalogRules sc = new CatalogRules(settings(ClassifierMode.SC, CatalogSettings.ClassificationSource.ERP, "{}"));
        assertEquals(List.of(S11, C112, B3), sc.parents(product(PRODUCT)));
        CatalogRecord section = CatalogRecord.of(CatalogEntity.SECTION, Json.read("{\"id\":11,\"description\":\"S\",\"departmentId\":1}"));
        assertEquals(List.of(), sc.parents(section), "in SC the section is the top level");
        assertEquals(List.of(D1), DSC.parents(section));
        CatalogRules dc = new CatalogRules(settings(ClassifierMode.DC, CatalogSettings.ClassificationSource.ERP, "{}"));
        CatalogRecord category = CatalogRecord.of(CatalogEntity.CATEGORY, Json.read("{\"id\":2,\"name\":\"C\",\"sectionId\":11,\"departmentId\":1}"));
        assertEquals(List.of(D1), dc.parents(category));
        assertEquals(C112, dc.leafCategory(product(PRODUCT)));
    }

    @Test
    void theScopeExcludesAndNamesTheSettingAndExcludeWinsOverInclude() {
        CatalogRules scoped = new CatalogRules(settings(ClassifierMode.DSC, CatalogSettings.ClassificationSource.ERP,
                "{\"suppliers\":{\"include\":[7,8],\"exclude\":[8]},\"brands\":{\"exclude\":[3]},\"customers\":{\"personTypes\":[\"J\"]}}"));
        assertEquals(Status.SYNCED, scoped.decide(product(PRODUCT), synced(D1, S11, C112, B3)).status());
        Decision supplier = scoped.decide(product(PRODUCT.replace("\"supplierId\":7", "\"supplierId\":8")), synced(D1, S11, C112, B3));
        assertEquals(Status.OUT_OF_SCOPE, supplier.status());
        assertEquals(List.of("produto", "1001", "CATALOG_SCOPE.suppliers"), supplier.parameters());
        Decision brand = scoped.decide(CatalogRecord.of(CatalogEntity.BRAND, Json.read("{\"id\":3,\"name\":\"B\"}")), Map.of());
        assertEquals(Status.OUT_OF_SCOPE, brand.status());
        CatalogRecord person = CatalogRecord.of(CatalogEntity.CUSTOMER, Json.read("{\"id\":10001,\"name\":\"JOSE\","
                + "\"personIdentificationNumber\":\"123.456.789-09\",\"corporate\":\"F\",\"email\":\"a@b.com\"}"));
        assertEquals(Status.OUT_OF_SCOPE, scoped.decide(person, Map.of()).status());
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("{\"colours\":{\"include\":[1]}}"));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("{\"brands\":[1]}"));
    }

    @Test
    void aPackagingNeedsAValidGtinAndItsDimensions() {
        String pack = "{\"skuId\":\"7891000100011-1001\",\"productId\":1001,\"barCode\":\"7891000100011\",\"ean\":\"%s\","
                + "\"unitMultiplier\":12,\"realHeight\":10,\"realWidth\":10,\"realLength\":10,\"realWeightKg\":%s}";
        Map<Link, ParentState> product = synced(new Link(CatalogEntity.PRODUCT, "1001"));
        CatalogRecord ok = CatalogRecord.of(CatalogEntity.SKU, Json.read(String.format(pack, "7891000100011", "1.5")));
        assertEquals(Status.SYNCED, DSC.decide(ok, product).status());
        assertEquals(Reason.PACKAGING_WITHOUT_EAN,
                DSC.decide(CatalogRecord.of(CatalogEntity.SKU, Json.read(String.format(pack, "7891000100012", "1.5"))), product).reason());
        assertEquals(Reason.MISSING_DIMENSIONS,
                DSC.decide(CatalogRecord.of(CatalogEntity.SKU, Json.read(String.format(pack, "7891000100011", "0"))), product).reason());
        assertTrue(CatalogRules.validGtin("96385074"));
        assertFalse(CatalogRules.validGtin("10011"));
    }

    @Test
    void theHashIgnoresLastChangeAndFieldOrderButNotContentOrConfiguration() {
        String a = product(PRODUCT).hash("f1");
        assertEquals(a, product(PRODUCT.replace("2026-11-20T10:15:00", "2026-11-21T00:00:00")).hash("f1"));
        assertEquals(a, product("{\"name\":\"ARROZ\",\"id\":1001,\"departmentId\":1,\"sectionId\":11,\"categoryId\":2,\"brandId\":3,"
                + "\"supplierId\":7}").hash("f1"));
        assertNotEquals(a, product(PRODUCT.replace("ARROZ", "FEIJAO")).hash("f1"));
        assertNotEquals(a, product(PRODUCT).hash("f2"));
    }

    @Test
    void aMalformedMessageNamesWhatIsMissing() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogMessage.parse("{\"op\":\"APPLY\",\"entity\":\"product\","
                + "\"key\":\"1\",\"version\":1}")).getMessage().contains("record"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogMessage.parse("{\"op\":\"APPLY\",\"entity\":\"planet\","
                + "\"key\":\"1\",\"version\":1,\"record\":{}}")).getMessage().contains("planet"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogMessage.parse("{\"op\":\"APPLY\"}"))
                .getMessage().contains("entity"));
        CatalogMessage message = new CatalogMessage(CatalogMessage.Op.APPLY, CatalogEntity.SKU, "7891-1001", 5, "h", "r", true,
                Json.read("{\"a\":1}"));
        assertEquals(message.toJson(), CatalogMessage.parse(message.toJson()).toJson());
    }

    @Test
    void priceTablesComeFromTheMapOrTheDefaultName() {
        PriceTables tables = PriceTables.parse("1:2=atacado-sp, 2:1=varejo");
        assertEquals("atacado-sp", tables.table("1", "2"));
        assertEquals("filial3-regiao1", tables.table("3", "1"));
        assertThrows(IllegalArgumentException.class, () -> PriceTables.parse("1=x"));
    }
}
