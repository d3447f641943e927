package com.winthorvd.shared.state;

import com.winthorvd.shared.winthor.model.WtaFields;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * {@code WATERMARK#<feed>}: where the next incremental read of a WinThor feed starts (a lastChange on WinThor's clock),
 * valid only for the configuration it was written under: after a configuration change the feed is read from the start.
 */
public final class Watermark {
    private final StateTable table;
    private final String feed;

    public Watermark(StateTable table, String feed) {
        this.table = table;
        this.feed = feed;
    }

    public Optional<Item> item() {
        return table.get(Keys.watermark(feed), Keys.ONE, StateTable.Read.CONSISTENT);
    }

    /** The lastChange to read from; empty (read everything) when none was written under this configuration. */
    public Optional<LocalDateTime> since(String fingerprint) {
        return item().filter(w -> fingerprint.equals(w.string("fingerprint").orElse(null)))
                .flatMap(w -> w.string("lastChange")).map(text -> LocalDateTime.parse(text, WtaFields.LOCAL));
    }

    /** Moves the watermark; {@code lastChange} null records the configuration without a starting point. */
    public void move(LocalDateTime lastChange, String run, String fingerprint, Instant now) {
        table.put(Item.key(Keys.watermark(feed), Keys.ONE).with("lastChange", lastChange == null ? null : WtaFields.format(lastChange))
                .with("run", run).with("fingerprint", fingerprint).with("movedAt", now.toString()));
    }
}
