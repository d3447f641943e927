package com.winthorvd.shared.catalog;

import com.winthorvd.shared.config.ConfigReader;

/**
 * How many of an entity's synced records one full run may deactivate on its own. A run that would deactivate more (a
 * glitchy night that read a short catalog, say) holds them instead: nothing leaves the store until a person confirms
 * with {@code ./winthor-vd catalog deactivate --run <id> --confirm}.
 *
 * @param percent    the share of the entity's synced records (CATALOG_DEACTIVATION_MAX_PERCENT)
 * @param minRecords never fewer than this many (CATALOG_DEACTIVATION_MIN_RECORDS), so a small catalog can still shrink
 */
public record DeactivationLimit(int percent, int minRecords) {
    public static final DeactivationLimit DEFAULT = new DeactivationLimit(5, 20);

    public static DeactivationLimit read(ConfigReader config) {
        return new DeactivationLimit(config.integer("CATALOG_DEACTIVATION_MAX_PERCENT", DEFAULT.percent, 0, 100),
                config.integer("CATALOG_DEACTIVATION_MIN_RECORDS", DEFAULT.minRecords, 0, 1_000_000));
    }

    /** The most deactivations one run may make on its own out of {@code synced} records. */
    public long allowed(long synced) {
        return Math.max(minRecords, synced * percent / 100);
    }
}
