package com.winthorvd.cli;

import com.winthorvd.cli.ops.UsageException;
import com.winthorvd.testkit.LocalWorld;
import picocli.CommandLine.Option;

/** {@code --products N}: how many products the demo data of the local world has. */
final class DemoProducts {
    @Option(names = "--products", defaultValue = "" + LocalWorld.DEMO_PRODUCTS, paramLabel = "N",
            description = "Products of the demo data (default ${DEFAULT-VALUE}).")
    int products;

    int count() {
        if (products < 1) {
            throw new UsageException("--products must be at least 1");
        }
        return products;
    }
}
