package com.winthorvd.shared.winthor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.winthorvd.shared.state.Item;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedCursorTest {
    static final LocalDateTime T = LocalDateTime.of(2026, 12, 1, 10, 0);

    private static List<LocalDateTime> minutes(Integer... offsets) {
        return Arrays.stream(offsets).map(m -> m == null ? null : T.plusMinutes(m)).toList();
    }

    @Test
    void aSortedPageMovesTheNextReadToJustBeforeItsLastLastChangeAtPageOne() {
        FeedCursor cursor = FeedCursor.from(T, "f");
        cursor.next(minutes(0, 1, 2, 3));
        assertEquals(T.plusMinutes(3).minusSeconds(1), cursor.since());
        assertEquals(1, cursor.page());
        assertEquals(T.plusMinutes(3), cursor.newest().orElseThrow());
    }

    @Test
    void aWholePageAtOneInstantGoesOnByPageNumberWithinIt() {
        FeedCursor cursor = FeedCursor.from(null, "f");
        cursor.next(minutes(5, 5, 5));
        LocalDateTime since = cursor.since();
        cursor.next(minutes(5, 5, 5)); // page 1 of "just before 10:05" is the same page: go on by number
        assertEquals(since, cursor.since());
        assertEquals(2, cursor.page());
    }

    @Test
    void anUnsortedPageTurnsTheRestOfTheReadToPageNumbersSoNoRowIsSkipped() {
        FeedCursor cursor = FeedCursor.from(T, "f");
        cursor.next(minutes(0, 9, 3));
        assertEquals(T, cursor.since(), "by value, rows between 10:03 and 10:09 on later pages would be skipped");
        assertEquals(2, cursor.page());
        cursor.next(minutes(10, 11, 12)); // sorted again: still by page number, the feed is not to be trusted
        assertEquals(T, cursor.since());
        assertEquals(3, cursor.page());
        assertEquals(T.plusMinutes(12), cursor.newest().orElseThrow());
    }

    @Test
    void anUndatedRowTurnsTheReadToPageNumbers() {
        FeedCursor cursor = FeedCursor.from(T, "f");
        cursor.next(minutes(1, null, 2));
        assertEquals(T, cursor.since());
        assertEquals(2, cursor.page());
    }

    @Test
    void aSavedCursorReadsBackTheSame() {
        FeedCursor cursor = FeedCursor.from(T, "fingerprint");
        cursor.next(minutes(4, 2));
        FeedCursor back = FeedCursor.read(cursor.write(Item.key("CHECKPOINT#x", "1")));
        assertEquals(cursor.since(), back.since());
        assertEquals(cursor.page(), back.page());
        assertEquals(cursor.newest(), back.newest());
        assertEquals("fingerprint", back.fingerprint());
        back.next(minutes(6, 7));
        assertEquals(T, back.since(), "the page-number mode is saved too");
    }
}
