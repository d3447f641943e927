package com.winthorvd.shared.catalog;

import java.util.List;

/**
 * Which WinThor classification levels become the store's category levels. DSC (the default) maps department,
 * section and category to levels 1, 2 and 3; the others use two levels. A level left out is not read at all.
 */
public enum ClassifierMode {
    DSC(List.of(CatalogEntity.DEPARTMENT, CatalogEntity.SECTION, CatalogEntity.CATEGORY)),
    DS(List.of(CatalogEntity.DEPARTMENT, CatalogEntity.SECTION)),
    SC(List.of(CatalogEntity.SECTION, CatalogEntity.CATEGORY)),
    DC(List.of(CatalogEntity.DEPARTMENT, CatalogEntity.CATEGORY));

    private final List<CatalogEntity> levels;

    ClassifierMode(List<CatalogEntity> levels) {
        this.levels = levels;
    }

    /** The store's category levels, top first. */
    public List<CatalogEntity> levels() {
        return levels;
    }

    public boolean maps(CatalogEntity entity) {
        return levels.contains(entity);
    }

    /** The level above this one, or null at the top. */
    public CatalogEntity parentOf(CatalogEntity level) {
        int index = levels.indexOf(level);
        return index <= 0 ? null : levels.get(index - 1);
    }

    /** The level products hang under. */
    public CatalogEntity leaf() {
        return levels.get(levels.size() - 1);
    }
}
