package com.winthorvd.testkit.data;

import com.winthorvd.testkit.sim.Documents;
import com.winthorvd.testkit.sim.WinThorData;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.winthor.model.Brand;
import com.winthorvd.shared.winthor.model.Category;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Department;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.PriceItem;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.Section;
import com.winthorvd.shared.winthor.model.StockItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic distributor for the demo, the tests and the benchmarks: 3 branches, 6 departments, 3 sections
 * each, 3 categories per section, brands, N products with 1 to 3 packagings (at least 30% with QTUNIT 6 or 12,
 * some sold by kg), customers in two price regions, stock and prices per branch. Some records are broken on
 * purpose so every rejection path is exercised; the {@link Manifest} says what each record should become.
 */
public final class DemoData {
    public static final List<String> BRANCHES = List.of("1", "2", "3");
    public static final List<String> REGIONS = List.of("1", "2");
    /** WinThor's local time, in which its dates (offers) are given. */
    public static final java.time.ZoneId ZONE = java.time.ZoneId.of("America/Sao_Paulo");
    public static final LocalDateTime BASE = LocalDateTime.of(2026, 11, 1, 8, 0);
    /** Department 6 is not sent to e-commerce: it and everything under it are rejected. */
    public static final long DEPARTMENT_NOT_SENT = 6;
    /** Category 3 of section 12 is not sent to e-commerce. */
    public static final String CATEGORY_NOT_SENT = "12-3";
    static final String[] DEPARTMENTS = {"ALIMENTOS", "BEBIDAS", "LIMPEZA", "HIGIENE", "BAZAR", "PET"};
    static final String[] WORDS = {"ARROZ", "FEIJAO", "CAFE", "ACUCAR", "OLEO", "SABAO", "DETERGENTE", "REFRIGERANTE",
        "SUCO", "BISCOITO", "MACARRAO", "LEITE", "AGUA", "SHAMPOO", "CREME", "RACAO", "ESPONJA", "VINAGRE", "SAL", "FARINHA"};
    static final String[] SIZES = {"1KG", "5KG", "500G", "2L", "350ML", "1L", "200G", "12UN"};

    private final WinThorData data;
    private final SplittableRandom random;
    private final Manifest manifest = new Manifest();
    /** SKUs expected to sync so far: every 50th gets a zero price somewhere. */
    private int syncedSkus;

    private DemoData(WinThorData data, long seed) {
        this.data = data;
        this.random = new SplittableRandom(seed);
    }

    /** Fills the simulated WinThor with {@code products} products; the same seed always gives the same data. */
    public static Manifest generate(WinThorData data, int products, long seed) {
        DemoData generator = new DemoData(data, seed);
        generator.run(products);
        return generator.manifest;
    }

    private LocalDateTime changed() {
        return BASE.plusMinutes(random.nextInt(20 * 24 * 60));
    }

    public static String brandKey(long id) {
        return Long.toString(id);
    }

    public static long brandCount(int products) {
        return Math.max(10, products / 50);
    }

    private void run(int productCount) {
        data.branches.put("1", "DISTRIBUIDORA MATRIZ");
        data.branches.put("2", "FILIAL CAMPINAS");
        data.branches.put("3", "FILIAL RIBEIRAO PRETO");
        for (int d = 1; d <= DEPARTMENTS.length; d++) {
            boolean sent = d != DEPARTMENT_NOT_SENT;
            data.departments.put(new Department(d, DEPARTMENTS[d - 1], sent, changed()));
            manifest.expect("department", Long.toString(d), sent ? Manifest.Expected.synced()
                    : Manifest.Expected.rejected(Reason.NOT_SENT_TO_ECOMMERCE, "departamento", Long.toString(d)));
            for (int s = 1; s <= 3; s++) {
                long section = d * 10L + s;
                data.sections.put(new Section(section, DEPARTMENTS[d - 1] + " SECAO " + s, d, true, changed()));
                manifest.expect("section", Long.toString(section), sent ? Manifest.Expected.synced()
                        : Manifest.Expected.rejected(Reason.PARENT_NOT_INTEGRATED, "seção", Long.toString(section), "departamento", Long.toString(d)));
                for (int c = 1; c <= 3; c++) {
                    Category category = new Category(section, c, "CATEGORIA " + section + "." + c, d,
                            !(section + "-" + c).equals(CATEGORY_NOT_SENT), changed());
                    data.categories.put(category);
                    manifest.expect("category", category.key(), !sent
                            ? Manifest.Expected.rejected(Reason.PARENT_NOT_INTEGRATED, "categoria", category.key(), "seção", Long.toString(section))
                            : category.sentToEcommerce() ? Manifest.Expected.synced()
                            : Manifest.Expected.rejected(Reason.NOT_SENT_TO_ECOMMERCE, "categoria", category.key()));
                }
            }
        }
        long brands = brandCount(productCount);
        for (long b = 1; b <= brands; b++) {
            boolean active = b != brands; // the last brand is inactive: fixing its flag integrates its products
            data.brands.put(new Brand(b, "MARCA " + b, active, changed()));
            manifest.expect("brand", brandKey(b), active ? Manifest.Expected.synced()
                    : Manifest.Expected.rejected(Reason.BRAND_INACTIVE, brandKey(b)));
        }
        for (int i = 1; i <= productCount; i++) {
            product(i, brands);
        }
        int customers = Math.max(20, productCount / 10);
        for (int j = 1; j <= customers; j++) {
            customer(j);
        }
    }

    private void product(int i, long brands) {
        long id = 1000L + i;
        long department = 1 + random.nextInt(DEPARTMENTS.length);
        long section = department * 10 + 1 + random.nextInt(3);
        long category = 1 + random.nextInt(3);
        Long brand = i % 97 == 0 ? null : 1 + random.nextLong(brands);
        String name = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + SIZES[random.nextInt(SIZES.length)];
        BigDecimal weight = BigDecimal.valueOf(100 + random.nextInt(20_000), 3);
        data.products.put(new Product(id, name, name.toLowerCase(), department, section, category, brand, 1L + random.nextInt(50),
                true, true, false, null, null, null, weight, weight, changed()));
        String key = Long.toString(id);
        Manifest.Expected expected;
        String categoryKey = section + "-" + category;
        if (brand == null) {
            expected = Manifest.Expected.rejected(Reason.PRODUCT_WITHOUT_BRAND, key);
        } else if (department == DEPARTMENT_NOT_SENT) {
            expected = Manifest.Expected.rejected(Reason.PARENT_NOT_INTEGRATED, "produto", key, "departamento", Long.toString(department));
        } else if (categoryKey.equals(CATEGORY_NOT_SENT)) {
            expected = Manifest.Expected.rejected(Reason.PARENT_NOT_INTEGRATED, "produto", key, "categoria", categoryKey);
        } else if (brand == brands) {
            expected = Manifest.Expected.rejected(Reason.PARENT_NOT_INTEGRATED, "produto", key, "marca", brandKey(brand));
        } else {
            expected = Manifest.Expected.synced();
        }
        manifest.expect("product", key, expected);

        boolean byWeight = i % 20 == 0;
        int count = byWeight ? 1 : 1 + random.nextInt(3);
        BigDecimal unitPrice = BigDecimal.valueOf(200 + random.nextInt(20_000), 2);
        for (int k = 1; k <= count; k++) {
            int unitsPerPack = byWeight || k == 1 ? 1 : (random.nextInt(10) < 8 ? (random.nextBoolean() ? 6 : 12) : 24);
            boolean withoutEan = k == 1 && i % 89 == 0;
            boolean withoutDimensions = k == count && i % 83 == 0;
            String auxiliary = withoutEan ? Long.toString(id * 10 + k) : ean13("789" + String.format("%09d", id * 10 + k));
            String sku = auxiliary + "-" + id;
            Manifest.Expected skuExpected = expected.outcome() == Manifest.Outcome.REJECTED
                    ? Manifest.Expected.rejected(Reason.PARENT_NOT_INTEGRATED, "embalagem", sku, "produto", key)
                    : withoutEan ? Manifest.Expected.rejected(Reason.PACKAGING_WITHOUT_EAN, sku)
                    : withoutDimensions ? Manifest.Expected.rejected(Reason.MISSING_DIMENSIONS, sku)
                    : Manifest.Expected.synced();
            manifest.expect("sku", sku, skuExpected);
            BigDecimal dimension = withoutDimensions ? null : BigDecimal.valueOf(5 + random.nextInt(60));
            boolean synced = skuExpected.outcome() == Manifest.Outcome.SYNCED;
            boolean zeroPrice = synced && syncedSkus++ % 50 == 4;
            for (String branch : BRANCHES) {
                data.packagings.put(new Packaging(auxiliary, id, branch, byWeight ? "KG" : unitsPerPack == 1 ? "UN" : "CX" + unitsPerPack,
                        byWeight ? "KG" : unitsPerPack == 1 ? "UN" : "CX", unitsPerPack, withoutEan ? null : auxiliary,
                        dimension, dimension, dimension, withoutDimensions ? null : weight.multiply(BigDecimal.valueOf(unitsPerPack)),
                        byWeight, changed()));
                BigDecimal units = byWeight ? BigDecimal.valueOf(random.nextInt(500_000), 3) : BigDecimal.valueOf(random.nextInt(2_000));
                data.stock.put(new StockItem(sku, branch, units, unitsPerPack, false, changed()));
                if (skuExpected.outcome() == Manifest.Outcome.SYNCED) {
                    manifest.stock(sku + "@" + branch, units.divideToIntegralValue(BigDecimal.valueOf(unitsPerPack)).longValueExact());
                }
                for (String region : REGIONS) {
                    prices(i, sku, id, branch, region, unitPrice.multiply(BigDecimal.valueOf(unitsPerPack)), synced,
                            zeroPrice && branch.equals("2") && region.equals("2"));
                }
            }
        }
    }

    /**
     * One SKU's prices in a branch and region: region 2 costs 5% more; every 15th product has an offer (every 45th's
     * is over), every 10th a wholesale price from 10 packs; every 50th synced SKU (from the 5th) has price 0 in branch 2,
     * region 2 (rejected).
     */
    private void prices(int i, String sku, long id, String branch, String region, BigDecimal packPrice, boolean synced, boolean zero) {
        BigDecimal factor = region.equals("1") ? BigDecimal.ONE : new BigDecimal("1.05");
        BigDecimal price = zero ? BigDecimal.ZERO.setScale(2) : packPrice.multiply(factor).setScale(2, RoundingMode.HALF_EVEN);
        boolean offer = i % 15 == 0;
        boolean offerOver = i % 45 == 0;
        boolean wholesale = i % 10 == 0;
        BigDecimal offerPrice = offer ? price.multiply(new BigDecimal("0.90")).setScale(2, RoundingMode.HALF_EVEN) : null;
        LocalDateTime offerStart = offerOver ? BASE.minusDays(30) : BASE;
        LocalDateTime offerEnd = offerOver ? BASE.plusDays(10) : BASE.plusDays(45);
        BigDecimal wholesalePrice = wholesale ? price.multiply(new BigDecimal("0.95")).setScale(2, RoundingMode.HALF_EVEN) : null;
        data.prices.put(new PriceItem(sku, id, branch, region, price, offerPrice, offer ? offerStart : null, offer ? offerEnd : null,
                wholesalePrice, wholesale ? BigDecimal.TEN : null));
        if (!synced) {
            return;
        }
        String key = sku + "@" + branch + "@" + region;
        String table = "filial" + branch + "-regiao" + region;
        if (zero) {
            manifest.priceRejected(key, Manifest.Expected.rejected(Reason.PRICE_NOT_POSITIVE, "Preço", sku, branch, region, "0.00", table));
            return;
        }
        List<String> fixed = new ArrayList<>();
        fixed.add(Manifest.fixedPrice(price, 1, null, null));
        if (offer && !offerOver) {
            fixed.add(Manifest.fixedPrice(offerPrice, 1, offerStart.atZone(ZONE).toInstant(), offerEnd.atZone(ZONE).toInstant()));
        }
        if (wholesale) {
            fixed.add(Manifest.fixedPrice(wholesalePrice, 10, null, null));
        }
        manifest.price(key, price, fixed);
    }

    private void customer(int j) {
        long id = 10_000L + j;
        boolean company = j % 2 == 0;
        String document = company ? Documents.withCheckDigits(String.format("%08d", 10_000_000 + j * 7) + "0001")
                : Documents.withCheckDigits(String.format("%09d", 100_000_000 + j * 13));
        String stateInscription = company ? String.format("%012d", 110_000_000_000L + j) : "ISENTO";
        // Customer 13 (and every 37th) has no e-mail, 11 (and every 53rd) is blocked: present even in a small demo.
        boolean withoutEmail = j % 37 == 0 || j == 13;
        // Customers 7 and 8 share one e-mail with different CNPJ/CPF: both need fixing in routine 302.
        String email = withoutEmail ? null : (j == 7 || j == 8) ? "compras@grupo-sete-oito.com.br" : "compras" + j + "@cliente" + j + ".com.br";
        String region = REGIONS.get(j % 2);
        String branch = BRANCHES.get(j % 3);
        data.customers.put(new Customer(id, (company ? "MERCADO " : "JOSE DA SILVA ") + j, company ? "MERCADINHO " + j : null,
                document, stateInscription, company ? "J" : "F", email, "1199" + String.format("%07d", j), 100L + j % 5, 1L, region,
                branch, true, j % 53 == 0 || j == 11, List.of(new Customer.DeliveryAddress("1", "RUA DAS FLORES", Integer.toString(j), null,
                "CENTRO", "SAO PAULO", "SP", "01001000")), changed()));
        String key = Long.toString(id);
        manifest.expect("customer", key, withoutEmail ? Manifest.Expected.rejected(Reason.CUSTOMER_WITHOUT_EMAIL, key)
                : j == 7 ? Manifest.Expected.rejected(Reason.CUSTOMER_SHARED_EMAIL, key, Long.toString(10_008))
                : j == 8 ? Manifest.Expected.rejected(Reason.CUSTOMER_SHARED_EMAIL, key, Long.toString(10_007))
                : Manifest.Expected.synced());
    }

    /** A GTIN-13 from 12 digits plus its check digit. */
    static String ean13(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return twelve + (10 - sum % 10) % 10;
    }
}
