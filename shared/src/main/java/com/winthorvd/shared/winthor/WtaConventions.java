package com.winthorvd.shared.winthor;

/**
 * The variants of the WTA contract this client assumes where the public material is unsure
 * (see ../shared/contracts/winthor-wta.md §3 and §6). Change them here, and only here.
 */
public final class WtaConventions {
    /** Official examples start at page 1; whether page 0 equals page 1 is unknown, so 0 is never sent. */
    public static final int FIRST_PAGE = 1;
    /** WinThor's "no date" value: an empty date column comes back as this, not null. */
    public static final String EMPTY_DATE = "1900-01-01T00:00:00";
    /**
     * A list may come as the {@code {first, items, hasNext}} envelope or as a plain array (branches,
     * customer/?customerId=); a plain array is one complete page.
     */
    public static final String ITEMS_FIELD = "items";
    public static final String HAS_NEXT_FIELD = "hasNext";
    /**
     * The packagings (SKUs) list: TDN documents the API but no excerpt shows its URL; this is the path one client
     * attributes to TOTVS's Postman collection (winthor-wta.md §2.6). The simulator serves exactly this path.
     */
    public static final String PACKAGINGS_PATH = "/api/purchases/v1/skus/";

    private WtaConventions() {
    }
}
