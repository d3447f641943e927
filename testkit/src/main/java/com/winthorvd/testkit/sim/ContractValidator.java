package com.winthorvd.testkit.sim;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates store requests and responses against VTEX's public OpenAPI files (../shared/contracts/vtex): each path
 * goes to the spec of its API, and a request for an operation no spec has is itself a violation. The specs are
 * large, so each is loaded once per JVM. Without the contracts folder (a user's clone) validation is off, and
 * {@link #available()} says so.
 */
public final class ContractValidator {
    /** Path prefix -> spec file. */
    private static final Map<String, String> SPECS = new LinkedHashMap<>();

    static {
        SPECS.put("/api/catalog", "catalog-api.json");
        SPECS.put("/api/logistics", "logistics-api.json");
        SPECS.put("/pricing", "pricing-api.json");
        SPECS.put("/api/dataentities", "master-data-v2.json");
        SPECS.put("/api/oms", "orders-api.json");
        SPECS.put("/api/orders", "orders-api.json");
    }

    /** A known defect of a spec: on responses of the operations matching {@code operation}, messages matching {@code message}. */
    private record KnownDefect(Pattern operation, Pattern message, String why) {
    }

    /** Each excused narrowly, with its reason; everything else is a violation. */
    private static final List<KnownDefect> KNOWN_DEFECTS = List.of(
            new KnownDefect(Pattern.compile("GET /api/catalog_system/pub/category/tree/\\d+"),
                    Pattern.compile("^\\[Path '/\\d+/children/\\d+/children/\\d+'\\] Instance type \\(object\\)"),
                    "catalog-api.json types the tree's third level as strings; the store nests category objects at every level"),
            new KnownDefect(Pattern.compile("GET /pricing/prices/\\d+"),
                    Pattern.compile("^\\[Path '/(basePrice|costPrice|listPrice|fixedPrices/\\d+/(value|listPrice))'\\] Instance type \\(number\\) does not match any allowed primitive type \\(allowed: \\[\"integer\"\\]\\)"),
                    "pricing-api.json types prices as integers; prices are decimals (12.90), as its own PUT accepts"),
            new KnownDefect(Pattern.compile("GET /api/dataentities/[^/]+/documents/[^/]+"),
                    Pattern.compile("^Object instance has properties which are not allowed by the schema"),
                    "master-data-v2.json lists only the system fields of a document; a CL or AD document has its entity's fields"),
            new KnownDefect(Pattern.compile("GET /api/orders/hook/config"),
                    Pattern.compile("^No response body is expected but one was found"),
                    "orders-api.json gives the hook configuration read no body; the store answers the configuration"));

    private static final Map<String, OpenApiInteractionValidator> LOADED = new LinkedHashMap<>();
    private static ContractValidator instance;

    private final Path directory;

    private ContractValidator(Path directory) {
        this.directory = directory;
    }

    /** The contracts folder beside the repository, if it is there. */
    public static synchronized ContractValidator shared(Path repoRoot) {
        if (instance == null) {
            instance = new ContractValidator(repoRoot.toAbsolutePath().getParent().resolve("shared/contracts/vtex"));
        }
        return instance;
    }

    public boolean available() {
        return Files.isRegularFile(directory.resolve("catalog-api.json"));
    }

    private Optional<OpenApiInteractionValidator> validatorFor(String path) {
        for (Map.Entry<String, String> spec : SPECS.entrySet()) {
            if (path.startsWith(spec.getKey())) {
                synchronized (LOADED) {
                    return Optional.of(LOADED.computeIfAbsent(spec.getValue(), file -> OpenApiInteractionValidator
                            .createForSpecificationUrl(directory.resolve(file).toUri().toString())
                            .withBasePathOverride("/")
                            .build()));
                }
            }
        }
        return Optional.empty();
    }

    /** The violations of one exchange (empty when it conforms); a path of no known API is one. */
    public List<String> check(String method, String path, Map<String, String> query, Map<String, String> headers,
                              String requestBody, int status, String responseBody) {
        List<String> violations = new ArrayList<>();
        Optional<OpenApiInteractionValidator> validator = validatorFor(path);
        if (validator.isEmpty()) {
            violations.add(method + " " + path + ": no VTEX API has this path");
            return violations;
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        if (requestBody != null && !requestBody.isEmpty()) {
            request.withBody(requestBody);
        }
        ValidationReport requestReport = validator.get().validateRequest(request.build());
        List<KnownDefect> excused = KNOWN_DEFECTS.stream().filter(d -> d.operation().matcher(method + " " + path).matches()).toList();
        requestReport.getMessages().forEach(m -> violations.add(method + " " + path + " request: " + m.getMessage()));
        if (status > 0) {
            SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withContentType("application/json");
            if (responseBody != null && !responseBody.isEmpty()) {
                response.withBody(responseBody);
            }
            ValidationReport responseReport = validator.get().validateResponse(path, Request.Method.valueOf(method), response.build());
            responseReport.getMessages().stream()
                    .filter(m -> excused.stream().noneMatch(d -> d.message().matcher(m.getMessage()).find()))
                    .forEach(m -> violations.add(method + " " + path + " response " + status + ": " + m.getMessage()));
        }
        return violations;
    }
}
