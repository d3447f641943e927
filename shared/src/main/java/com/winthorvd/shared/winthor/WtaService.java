package com.winthorvd.shared.winthor;

import java.util.List;

/**
 * The WTA services the B2B integration needs (the implementation guide's four, and the fiscal service for invoices), with the REST prefix each serves, the path of its
 * unauthenticated health probe and an authenticated call that proves it answers (see winthor-wta.md §0, §2.11).
 * The gateway has no prefix of its own: it fronts the others, and the login passes through it, so an answered login
 * proves it online. {@code note}: what the report adds about the service.
 */
public enum WtaService {
    GATEWAY("winthor-ferramenta-gateway", "/winthor", null, null, null),
    ORDERS("winthor-pedido-venda", "/api/wholesale/v1", "/api/wholesale/v1/health",
            "/api/wholesale/v1/customer/list?page=1&pageSize=1", null),
    PRODUCTS("winthor-compras-produto", "/api/purchases/v1", "/api/purchases/v1/health",
            "/api/purchases/v1/productDepartments?page=1&pageSize=1", null),
    STOCK("winthor-estoque-vtex", "/api/stock-vtex/v1", "/api/stock-vtex/v1/health",
            "/api/stock-vtex/v1/available/list?branchId={branch}&page=1&pageSize=1", null),
    /** The fiscal documents service: the invoiced orders' NF-e XML. Probed without an order id: its 400 proves it answers. */
    FISCAL("winthor-fiscal", "/winthor/fiscal/v1", null, "/winthor/fiscal/v1/documentosfiscais/nfe/invoiceDocument",
            "required for invoices; not in the installation guide's list");

    public static final List<WtaService> REQUIRED = List.of(values());

    public final String serviceName;
    public final String prefix;
    public final String healthPath;
    public final String probePath;
    public final String note;

    WtaService(String serviceName, String prefix, String healthPath, String probePath, String note) {
        this.serviceName = serviceName;
        this.prefix = prefix;
        this.healthPath = healthPath;
        this.probePath = probePath;
        this.note = note;
    }
}
