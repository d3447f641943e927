package com.winthorvd.shared.winthor;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.run.Checkpoint;
import com.winthorvd.shared.run.ResumableScan;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.winthor.model.WtaFields;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a read of a WinThor feed by lastChange stands: the lastChange it reads from, the page within it, the newest
 * lastChange seen so far. While the feed comes sorted by lastChange, each page after the first starts from (just
 * before) the last lastChange already read, not at the next page number: a row that changes during the read moves to
 * the feed's end, and by page number it would shift an unchanged row past a page boundary unread. Nothing public says
 * WinThor sorts its feeds, so once a page comes unsorted (or with an undated row) the rest of the read goes on by page
 * number from where it stands: by value, an unsorted feed would skip rows.
 */
public final class FeedCursor implements Checkpoint {
    /**
     * The next page starts this much before the last lastChange read: rows at that very instant not on the page yet
     * are read whether WinThor's lastChange filter is inclusive or exclusive (unknown); rereading a few is harmless.
     */
    static final Duration STEP_BACK = Duration.ofSeconds(1);

    private LocalDateTime since;
    private int page;
    private LocalDateTime newest;
    private boolean byPageNumber;
    private final String fingerprint;

    private FeedCursor(LocalDateTime since, int page, LocalDateTime newest, boolean byPageNumber, String fingerprint) {
        this.since = since;
        this.page = page;
        this.newest = newest;
        this.byPageNumber = byPageNumber;
        this.fingerprint = fingerprint;
    }

    /** A read from {@code since} (null: the whole feed) under a configuration's fingerprint. */
    public static FeedCursor from(LocalDateTime since, String fingerprint) {
        return new FeedCursor(since, WtaConventions.FIRST_PAGE, null, false, fingerprint);
    }

    public static FeedCursor read(Item item) {
        return new FeedCursor(item.string("since").map(FeedCursor::date).orElse(null),
                item.number("page").orElse((long) WtaConventions.FIRST_PAGE).intValue(),
                item.string("newest").map(FeedCursor::date).orElse(null),
                Boolean.parseBoolean(item.string("byPageNumber").orElse("false")), item.string("fingerprint").orElse(""));
    }

    @Override
    public Item write(Item into) {
        return into.with("since", since == null ? null : WtaFields.format(since)).with("page", page)
                .with("newest", newest == null ? null : WtaFields.format(newest))
                .with("byPageNumber", Boolean.toString(byPageNumber)).with("fingerprint", fingerprint);
    }

    public LocalDateTime since() {
        return since;
    }

    public int page() {
        return page;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The newest lastChange read so far. */
    public Optional<LocalDateTime> newest() {
        return Optional.ofNullable(newest);
    }

    /**
     * Reads {@code feed} from here to its end, page by page, saving the place as checkpoint {@code checkpoint} after
     * every page: true when the end was reached, false when the scan's time ran out first (the place saved for the
     * next run). {@code page} handles one page's records and answers their lastChange in the feed's order.
     */
    public boolean readToEnd(ResumableScan.Scan scan, String checkpoint, WinThorApi winthor, WinThorApi.Feed feed,
                             Function<List<JsonNode>, List<LocalDateTime>> page) {
        while (true) {
            if (!scan.another()) {
                scan.save(checkpoint, this);
                return false;
            }
            WinThorClient.Page read = winthor.page(feed, since, this.page);
            next(page.apply(read.items()));
            if (!read.hasNext()) {
                return true;
            }
            scan.save(checkpoint, this);
        }
    }

    /** Moves past a page just read, given its rows' lastChange in the feed's order (null: undated). */
    public void next(List<LocalDateTime> lastChanges) {
        LocalDateTime previous = null;
        for (LocalDateTime lastChange : lastChanges) {
            if (lastChange == null || previous != null && lastChange.isBefore(previous)) {
                byPageNumber = true;
            }
            if (lastChange != null) {
                previous = lastChange;
                newest = newest == null || lastChange.isAfter(newest) ? lastChange : newest;
            }
        }
        LocalDateTime from = previous == null ? null : previous.minus(STEP_BACK);
        if (!byPageNumber && from != null && (since == null || from.isAfter(since))) {
            since = from;
            page = WtaConventions.FIRST_PAGE;
        } else {
            page++;
        }
    }

    private static LocalDateTime date(String text) {
        return LocalDateTime.parse(text, WtaFields.LOCAL);
    }
}
