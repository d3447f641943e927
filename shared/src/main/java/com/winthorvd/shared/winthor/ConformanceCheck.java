package com.winthorvd.shared.winthor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The first-day conformance check against a real WTA: one page of every feed the flows read, and in its records each
 * field the client relies on, present (under which of the names the tolerant reader accepts), absent or
 * of another type, with what that means for the integration. It turns the UNKNOWN marks of the evidence file into
 * facts about this distributor's WTA. Optionally writes each first record, masked (CPF/CNPJ, e-mail, phone, names),
 * for the implementer to send to support.
 */
public final class ConformanceCheck {
    /** How many records one page reads: enough to see a record, little load on the WTA. */
    static final int PAGE_SIZE = 5;

    /** The kinds of value the client accepts. */
    enum Kind {
        NUMBER, TEXT, FLAG, BOOLEAN, DATE, SKU_KEY, ARRAY;

        boolean accepts(JsonNode value) {
            return switch (this) {
                case NUMBER -> value.isNumber() || value.isTextual() && value.asText().trim().matches("-?\\d+([.,]\\d+)?");
                case TEXT -> value.isTextual() || value.isNumber();
                case FLAG -> value.isBoolean() || value.isNumber() || value.isTextual()
                        && Set.of("S", "N", "SIM", "NAO", "NÃO", "TRUE", "FALSE", "Y", "1", "0").contains(value.asText().trim().toUpperCase(Locale.ROOT));
                case BOOLEAN -> value.isBoolean();
                case DATE -> value.isTextual() && value.asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*");
                case SKU_KEY -> value.isTextual() && value.asText().trim().matches(".+-\\d+");
                case ARRAY -> value.isArray();
            };
        }
    }

    /** One name the client reads a field under (a dotted path; {@code items[0].x} for a list's first member), and its kind. */
    record Variant(String path, Kind kind, String note) {
        static Variant of(String path, Kind kind) {
            return new Variant(path, kind, null);
        }
    }

    /** A field the client relies on: its variants in the reader's order, whether the flows need it, what its absence means. */
    record Field(String what, List<Variant> variants, boolean required, String ifAbsent) {
    }

    record Endpoint(String name, String path, Map<String, String> query, List<Field> fields) {
    }

    /** PRESENT (under {@code variant}), ABSENT, or OTHER_TYPE ({@code found} says what came). */
    public record FieldReport(String field, String status, String variant, String found, String meaning) {
    }

    /**
     * CONFORMANT, DEGRADED (an optional field missing), MISSING_REQUIRED, NOT_CHECKED (no record to look at) or FAILED
     * (the call itself failed).
     */
    public record EndpointReport(String endpoint, String path, int records, String verdict, List<FieldReport> fields, String detail) {
    }

    public record Result(List<EndpointReport> endpoints, boolean ok) {
    }

    private final WinThorHttp http;

    public ConformanceCheck(WinThorHttp http) {
        this.http = http;
    }

    /** @param samples where to write each endpoint's first record, masked; null writes nothing */
    public Result run(String token, List<String> branches, String packagingsPath, Path samples) {
        List<EndpointReport> reports = new ArrayList<>();
        for (Endpoint endpoint : endpoints(branches.isEmpty() ? List.of("1") : branches, packagingsPath)) {
            reports.add(check(endpoint, token, samples));
        }
        boolean ok = reports.stream().noneMatch(r -> r.verdict().equals("MISSING_REQUIRED") || r.verdict().equals("FAILED"));
        return new Result(reports, ok);
    }

    private EndpointReport check(Endpoint endpoint, String token, Path samples) {
        Map<String, String> query = new LinkedHashMap<>(endpoint.query());
        query.put("page", Integer.toString(WtaConventions.FIRST_PAGE));
        query.put("pageSize", Integer.toString(PAGE_SIZE));
        JsonNode body;
        try {
            body = WinThorHttp.json(http.exchange("GET", endpoint.path(), query, null, token));
        } catch (WinThorException e) {
            String hint = e instanceof WinThorApiException api && api.status() == 404
                    ? " (the path is not served: for the packagings, set WinThorPackagingsPath)" : "";
            return new EndpointReport(endpoint.name(), endpoint.path(), 0, "FAILED", List.of(), e.getMessage() + hint);
        }
        JsonNode items = body.isArray() ? body : body.path(WtaConventions.ITEMS_FIELD);
        if (!items.isArray() || items.isEmpty()) {
            return new EndpointReport(endpoint.name(), endpoint.path(), 0, "NOT_CHECKED", List.of(),
                    "no record in the first page: nothing to check (run again once there is one)");
        }
        if (samples != null) {
            save(samples, endpoint.name(), items.get(0));
        }
        List<JsonNode> records = new ArrayList<>();
        items.forEach(records::add);
        List<FieldReport> fields = new ArrayList<>();
        boolean missingRequired = false;
        boolean missingOptional = false;
        for (Field field : endpoint.fields()) {
            FieldReport report = check(field, records);
            fields.add(report);
            if (!report.status().equals("PRESENT")) {
                missingRequired |= field.required();
                missingOptional |= !field.required();
            }
        }
        String verdict = missingRequired ? "MISSING_REQUIRED" : missingOptional ? "DEGRADED" : "CONFORMANT";
        return new EndpointReport(endpoint.name(), endpoint.path(), items.size(), verdict, fields, null);
    }

    /**
     * A field is present when any record of the page has it under a name and kind the client accepts (one record
     * without it is a record to fix in WinThor, not a WTA that never sends it).
     */
    static FieldReport check(Field field, List<JsonNode> records) {
        Variant wrongType = null;
        String found = null;
        for (Variant variant : field.variants()) {
            for (JsonNode record : records) {
                JsonNode value = at(record, variant.path());
                if (value == null) {
                    continue;
                }
                if (variant.kind().accepts(value)) {
                    return new FieldReport(field.what(), "PRESENT", variant.path(), type(value), variant.note());
                }
                if (wrongType == null) {
                    wrongType = variant;
                    found = type(value);
                }
            }
        }
        if (wrongType != null) {
            return new FieldReport(field.what(), "OTHER_TYPE", wrongType.path(), found, wrongType.path() + " is " + found
                    + ", not " + wrongType.kind().name().toLowerCase(Locale.ROOT) + ": " + field.ifAbsent());
        }
        return new FieldReport(field.what(), "ABSENT", null, null, "none of " + field.variants().stream().map(Variant::path).toList()
                + ": " + field.ifAbsent());
    }

    /** The value at a dotted path ({@code a.b}, {@code list[0].c}); null when absent, null or blank. */
    static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            if (part.endsWith("[0]")) {
                current = current.path(part.substring(0, part.length() - 3)).path(0);
            } else {
                current = current.path(part);
            }
        }
        boolean empty = current.isMissingNode() || current.isNull() || current.isTextual() && current.asText().isBlank();
        return empty ? null : current;
    }

    private static String type(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        return value.isBoolean() ? "a boolean" : value.isNumber() ? "a number" : value.isArray() ? "a list" : "an object";
    }

    /** Personal data in a sample: masked by the field's name, and every other text through the log redactor. */
    private static final Set<String> PERSONAL = Set.of("personidentificationnumber", "cgcent", "email", "emailnfe", "name",
            "tradename", "corporatename", "fantasyname", "phone", "corporatephone", "commercialphone", "deliveryphone",
            "billingphone", "stateinscription", "ieent");

    static JsonNode masked(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean personal = PERSONAL.contains(field.getKey().toLowerCase(Locale.ROOT)) && !field.getValue().isNull()
                        && !field.getValue().isContainerNode();
                out.set(field.getKey(), personal ? TextNode.valueOf("***") : masked(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(member -> out.add(masked(member)));
            return out;
        }
        return node.isTextual() ? TextNode.valueOf(Redactor.redact(node.asText())) : node;
    }

    private static void save(Path dir, String name, JsonNode record) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(masked(record)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the sample of " + name + " to " + dir, e);
        }
    }

    private static Field field(String what, boolean required, String ifAbsent, Variant... variants) {
        return new Field(what, List.of(variants), required, ifAbsent);
    }

    private static Variant v(String path, Kind kind) {
        return Variant.of(path, kind);
    }

    private static Variant v(String path, Kind kind, String note) {
        return new Variant(path, kind, note);
    }

    static final String NO_LAST_CHANGE = "records cannot be read by change date: each incremental run re-reads the whole feed";

    /** What the flows read, endpoint by endpoint, in the client's terms (WinThorApi, model/*). */
    static List<Endpoint> endpoints(List<String> branches, String packagingsPath) {
        String allBranches = String.join(",", branches);
        Field active = field("sent to e-commerce", false, "every record counts as sent to e-commerce (ENVIAECOMMERCE)",
                v("active", Kind.FLAG), v("isActive", Kind.FLAG), v("sendToEcommerce", Kind.FLAG));
        Field lastChange = field("lastChange", false, NO_LAST_CHANGE, v("lastChange", Kind.DATE));
        Field id = field("id", true, "records cannot be told apart: none is integrated", v("id", Kind.NUMBER));
        List<Endpoint> out = new ArrayList<>();
        out.add(new Endpoint("departments", "/api/purchases/v1/productDepartments", Map.of(), List.of(id,
                field("name", true, "departments reach the store without a name", v("name", Kind.TEXT), v("description", Kind.TEXT), v("title", Kind.TEXT)),
                active, lastChange)));
        out.add(new Endpoint("sections", "/api/purchases/v1/productSections", Map.of(), List.of(id,
                field("name", true, "sections reach the store without a name", v("description", Kind.TEXT), v("name", Kind.TEXT), v("title", Kind.TEXT)),
                field("department", true, "every section is invalid, and every category and product under it rejected",
                        v("departmentId", Kind.NUMBER), v("department.id", Kind.NUMBER)),
                active, lastChange)));
        out.add(new Endpoint("categories", "/api/purchases/v1/productCategories", Map.of("order", "lastChange"), List.of(id,
                field("name", true, "categories reach the store without a name", v("name", Kind.TEXT), v("title", Kind.TEXT), v("description", Kind.TEXT)),
                field("section", true, "every category is invalid, and every product rejected for a missing category",
                        v("sectionId", Kind.NUMBER), v("section.id", Kind.NUMBER)),
                field("department", true, "every category is invalid, and every product rejected for a missing category",
                        v("departmentId", Kind.NUMBER), v("department.id", Kind.NUMBER),
                        v("section.department.id", Kind.NUMBER, "the department is read inside the section, as TDN lists it"),
                        v("section.departmentId", Kind.NUMBER)),
                active, lastChange)));
        out.add(new Endpoint("brands", "/api/purchases/v1/productBrands/", Map.of(), List.of(id,
                field("name", true, "brands reach the store without a name", v("name", Kind.TEXT), v("description", Kind.TEXT), v("title", Kind.TEXT)),
                active, lastChange)));
        out.add(new Endpoint("products", "/api/purchases/v1/products/", Map.of("callOrigin", "W"), List.of(
                field("id", true, "products cannot be told apart: none is integrated", v("id", Kind.NUMBER), v("productId", Kind.NUMBER)),
                field("name", true, "products reach the store without a name", v("name", Kind.TEXT), v("title", Kind.TEXT)),
                field("department", true, "every product is rejected PRODUCT_WITHOUT_CATEGORY (routine 203)", v("departmentId", Kind.NUMBER)),
                field("section", true, "every product is rejected PRODUCT_WITHOUT_CATEGORY (routine 203)", v("sectionId", Kind.NUMBER)),
                field("category", true, "every product is rejected PRODUCT_WITHOUT_CATEGORY (routine 203)", v("categoryId", Kind.NUMBER)),
                field("brand", true, "every product is rejected PRODUCT_WITHOUT_BRAND (routine 203)", v("brandId", Kind.NUMBER)),
                field("gross weight", false, "the store gets no product weight", v("realWeightKg", Kind.NUMBER), v("grossWeightKg", Kind.NUMBER)),
                lastChange)));
        String ean = "no ean field: the EAN is taken from CODAUXILIAR (";
        out.add(new Endpoint("packagings", packagingsPath, Map.of("branchId", branches.get(0), "useAllPackages", "Y"), List.of(
                field("auxiliary code (CODAUXILIAR)", true, "no packaging can be identified: the catalog has no SKUs",
                        v("barCode", Kind.TEXT), v("codauxiliar", Kind.TEXT), v("auxiliaryCode", Kind.TEXT),
                        v("skuId", Kind.SKU_KEY, "taken from the skuId \"codauxiliar-codprod\""), v("id", Kind.SKU_KEY, "taken from id \"codauxiliar-codprod\"")),
                field("product (CODPROD)", true, "no packaging can be tied to its product: the catalog has no SKUs",
                        v("productId", Kind.NUMBER), v("skuId", Kind.SKU_KEY, "taken from the skuId \"codauxiliar-codprod\""),
                        v("id", Kind.SKU_KEY, "taken from id \"codauxiliar-codprod\"")),
                field("EAN", true, "every SKU is rejected PACKAGING_WITHOUT_EAN (routine 203)", v("ean", Kind.TEXT), v("gtin", Kind.TEXT),
                        v("barCode", Kind.TEXT, ean + "barCode)"), v("codauxiliar", Kind.TEXT, ean + "codauxiliar)"),
                        v("auxiliaryCode", Kind.TEXT, ean + "auxiliaryCode)")),
                field("units per packaging (QTUNIT)", false, "every packaging counts as one unit: boxes would show units as packs",
                        v("unitMultiplier", Kind.NUMBER), v("qtunit", Kind.NUMBER), v("unitsPerPack", Kind.NUMBER)),
                dimension("height", "realHeight", "height", "Height"), dimension("width", "realWidth", "width", "Width"),
                dimension("length", "realLength", "length", "Length"), dimension("weight", "realWeightKg", "weightKg", "WeightKg"),
                lastChange)));
        out.add(new Endpoint("customers", "/api/wholesale/v1/customer/list", Map.of("branchId", allBranches, "withDeliveryAddress", "true"), List.of(
                field("id", true, "customers cannot be told apart: none is integrated", v("id", Kind.NUMBER), v("customerId", Kind.NUMBER)),
                field("CNPJ/CPF", true, "every customer is rejected CUSTOMER_WITHOUT_DOCUMENT (routine 302)",
                        v("personIdentificationNumber", Kind.TEXT), v("cgcent", Kind.TEXT)),
                field("e-mail", true, "every customer is rejected CUSTOMER_WITHOUT_EMAIL (routine 302)", v("email", Kind.TEXT)),
                field("person type", false, "a customers.personTypes scope (J/F) matches nobody",
                        v("corporate", Kind.BOOLEAN), v("corporate", Kind.TEXT, "corporate as J/F text (accepted)"),
                        v("personalType", Kind.TEXT), v("personType", Kind.TEXT)),
                field("delivery address", false, "store customers get no address",
                        v("deliveryAddress", Kind.TEXT), v("deliveryAddresses", Kind.ARRAY, "the deliveryAddresses list (its members' names are guessed)")),
                field("phone", false, "store customers get no phone", v("phone", Kind.TEXT), v("corporatePhone", Kind.TEXT),
                        v("commercialPhone", Kind.TEXT), v("deliveryPhone", Kind.TEXT)),
                field("blocked", false, "every customer counts as not blocked (approved in the store)", v("blocked", Kind.FLAG)),
                field("branch", false, "customers take the catalog branch's price table, and a customers.branches include list leaves them all out",
                        v("branchId", Kind.TEXT)),
                field("price region", false, "customers take the price table of region 1", v("regionId", Kind.TEXT), v("priceRegionId", Kind.TEXT)),
                lastChange)));
        out.add(new Endpoint("stock", "/api/stock-vtex/v1/available/list", Map.of("branchId", allBranches, "callOrigin", "W", "order", "lastChange"), List.of(
                field("SKU (codauxiliar-codprod)", true, "no stock row names its SKU: the store's stock is never set",
                        v("productId", Kind.SKU_KEY), v("skuId", Kind.SKU_KEY)),
                field("quantity", true, "every SKU shows 0 in the store", v("quantity", Kind.NUMBER)),
                field("branch", true, "no stock row can be put in its warehouse", v("warehouseBranchId", Kind.TEXT), v("branchId", Kind.TEXT)),
                field("units per packaging (QTUNIT)", false, "stock counts every packaging as one unit", v("unitMultiplier", Kind.NUMBER)),
                field("unlimited", false, "no SKU is sold without stock (EXIBESEMESTOQUEECOMMERCE)", v("unlimitedQuantity", Kind.FLAG)),
                lastChange)));
        out.add(new Endpoint("prices", "/api/wholesale/v1/price/list", Map.of("branchId", branches.get(0), "multiRegionPrice", "true"), List.of(
                field("SKU (codauxiliar-codprod)", true, "no price row names its SKU: every row is left out with PRICE_ROW_WITHOUT_SKU",
                        v("productSKUERPReferenceKey", Kind.SKU_KEY), v("skuId", Kind.SKU_KEY),
                        v("productId", Kind.SKU_KEY, "the SKU is the string productId, as in the stock service"),
                        v("erpReferenceKey", Kind.SKU_KEY)),
                field("price", true, "no price is sent", v("price", Kind.NUMBER)),
                field("price region", true, "prices cannot be put in their region's table", v("priceRegion", Kind.TEXT), v("regionId", Kind.TEXT)),
                field("branch", false, "each row is taken as the branch asked for", v("branchId", Kind.TEXT)))));
        out.add(new Endpoint("orders", "/api/wholesale/v1/orders/list", Map.of("branchId", allBranches, "daysOfSearch", "30", "saleOrigin", "T"), List.of(
                field("order number (NUMPED)", true, "orders cannot be followed: no invoice or cancellation reaches the store",
                        v("orderId", Kind.TEXT), v("id", Kind.TEXT)),
                field("status (POSICAO)", true, "invoices and cancellations are never seen", v("orderStatus", Kind.TEXT), v("status", Kind.TEXT)),
                field("customer", true, "the search after a create of unknown outcome cannot match by customer",
                        v("customer.id", Kind.NUMBER), v("customerId", Kind.NUMBER)),
                field("store reference", false, "the search after a create of unknown outcome matches by customer, items and total instead",
                        v("orderIdMktplace", Kind.TEXT), v("observation", Kind.TEXT)),
                field("items", true, "the search after a create of unknown outcome cannot compare items", v("listOfOrderItem", Kind.ARRAY)),
                field("item SKU", true, "the search after a create of unknown outcome cannot compare items",
                        v("listOfOrderItem[0].productSKUERPReferenceKey", Kind.SKU_KEY)),
                field("total", false, "the search after a create of unknown outcome compares items only", v("totalValue", Kind.NUMBER), v("TotalPrice", Kind.NUMBER)),
                field("lastChange", true, "the status flow cannot page by change date", v("lastChange", Kind.DATE)))));
        return out;
    }

    private static Field dimension(String what, String... names) {
        List<Variant> variants = new ArrayList<>();
        for (String name : names) {
            variants.add(v(name, Kind.NUMBER));
        }
        return new Field(what, variants, true, "every SKU is rejected MISSING_DIMENSIONS (routine 2014)");
    }
}
