package com.winthorvd.shared.catalog;

import com.winthorvd.shared.config.Branches;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.sync.PriceTables;
import com.winthorvd.shared.util.Hash;
import com.winthorvd.shared.winthor.WtaConventions;
import java.util.List;

/**
 * The catalog flow's configuration. {@link #fingerprint()} covers everything that changes how a record maps to the
 * store: when it changes, every record's hash changes, so the next scan re-reads and re-applies everything.
 *
 * @param catalogBranch the branch (filial) whose packagings become the store's SKUs
 */
public record CatalogSettings(ClassifierMode mode, ClassificationSource source, Scope scope, List<String> salesChannels,
                              List<String> branches, String catalogBranch, PriceTables priceTables, int pageSize,
                              String packagingsPath, String queueUrl) {

    /** Where a product's department, section and category come from. */
    public enum ClassificationSource {
        /** The product's own codes (CODEPTO, CODSEC, CODCATEGORIA). */
        ERP,
        /** The Web tab of routine 2009; empty tab = rejection. */
        WEB
    }

    public static CatalogSettings read(ConfigReader config) {
        ClassifierMode mode = config.choice("CATALOG_CLASSIFIER_MODE", ClassifierMode.DSC, ClassifierMode.class);
        ClassificationSource source = config.choice("CATALOG_CLASSIFICATION_SOURCE", ClassificationSource.ERP, ClassificationSource.class);
        Scope scope = Scope.all();
        try {
            scope = Scope.parse(config.optional("CATALOG_SCOPE", ""));
        } catch (IllegalArgumentException e) {
            config.problem(e.getMessage());
        }
        PriceTables tables = PriceTables.read(config);
        List<String> branches = Branches.list(config);
        String catalogBranch = Branches.catalogBranch(config, branches);
        List<String> channels = config.list("STORE_SALES_CHANNELS");
        return new CatalogSettings(mode, source, scope, channels.isEmpty() ? List.of("1") : channels, branches, catalogBranch,
                tables, config.integer("CATALOG_PAGE_SIZE", 500, 10, 1000),
                // One third-party source gives this path; TDN's packaging page gives none (winthor-wta-evidence §2.8).
                config.optional("WINTHOR_PACKAGINGS_PATH", WtaConventions.PACKAGINGS_PATH),
                config.required("CATALOG_QUEUE_URL", "the catalog queue the scan fills and the apply re-queues children on"));
    }

    public String fingerprint() {
        String text = String.join("|", mode.name(), source.name(), scope.canonical(), String.join(",", salesChannels),
                catalogBranch, String.join(",", branches), priceTables.toString());
        return Hash.of(text);
    }

}
