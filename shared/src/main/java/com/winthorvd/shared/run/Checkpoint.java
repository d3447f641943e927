package com.winthorvd.shared.run;

import com.winthorvd.shared.state.Item;

/** A scan's place, saved after every page as {@code CHECKPOINT#<name>}: each scan has its own typed one. */
public interface Checkpoint {
    /** Writes this checkpoint's fields into its item (the key is already set). */
    Item write(Item into);
}
