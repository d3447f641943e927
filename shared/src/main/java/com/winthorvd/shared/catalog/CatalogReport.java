package com.winthorvd.shared.catalog;

import com.winthorvd.shared.catalog.CatalogRules.Status;
import com.winthorvd.shared.state.StateTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the catalog stands, from the state's status index (never a scan): per entity, how many records are synced,
 * rejected (per reason), out of scope, waiting for a parent, removed or failed, and how many synced SKUs the store
 * keeps inactive for want of an image. The keys are "SYNCED", "REJECTED:<REASON>", "WAITING_PARENT"... .
 */
public final class CatalogReport {
    private CatalogReport() {
    }

    public static Map<CatalogEntity, Map<String, Long>> counts(StateTable table) {
        Map<CatalogEntity, Map<String, Long>> out = new LinkedHashMap<>();
        for (CatalogEntity entity : CatalogEntity.values()) {
            Map<String, Long> counts = new TreeMap<>();
            for (Status status : Status.values()) {
                table.forEachInIndex(StateTable.GSI1, CatalogState.statusPartition(entity, status), item -> {
                    String key = status == Status.REJECTED || status == Status.FAILED
                            ? status.name() + ":" + item.string("reason").orElse("?") : status.name();
                    counts.merge(key, 1L, Long::sum);
                    if (item.string("note").filter(CatalogApplyService.NO_IMAGE::equals).isPresent()) {
                        counts.merge(CatalogApplyService.NO_IMAGE, 1L, Long::sum);
                    }
                });
            }
            if (!counts.isEmpty()) {
                out.put(entity, counts);
            }
        }
        return out;
    }
}
