package com.winthorvd.shared.winthor;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Authenticated calls to the WTA. A GET refused with 401/403 is retried once after a new login; a POST, PUT or
 * DELETE is never retried here, since its outcome is unknown to us and the caller must decide (orders are
 * matched before any second create).
 */
public final class WinThorClient {
    private final WinThorHttp http;
    private final TokenSource tokens;

    public WinThorClient(WinThorHttp http, TokenSource tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    public WinThorHttp http() {
        return http;
    }

    public JsonNode get(String path, Map<String, String> query) {
        String token = tokens.token();
        try {
            return WinThorHttp.json(http.exchange("GET", path, query, null, token));
        } catch (WinThorAuthException refused) {
            tokens.rejected(token);
            return WinThorHttp.json(http.exchange("GET", path, query, null, tokens.token()));
        }
    }

    public JsonNode post(String path, Object body) {
        return write("POST", path, Map.of(), Json.write(body));
    }

    public JsonNode put(String path, Object body) {
        return write("PUT", path, Map.of(), Json.write(body));
    }

    public JsonNode delete(String path, Map<String, String> query) {
        return write("DELETE", path, query, null);
    }

    private JsonNode write(String method, String path, Map<String, String> query, String body) {
        String token = tokens.token();
        try {
            return WinThorHttp.json(http.exchange(method, path, query, body, token));
        } catch (WinThorAuthException refused) {
            // Not retried: the caller decides. The token is dropped so its next call logs in again.
            tokens.rejected(token);
            throw refused;
        }
    }

    /**
     * The items of a paged list, fetched lazily page by page ({@code page}, {@code pageSize}) until
     * {@code hasNext} is false. Only one page is held in memory at a time.
     */
    public Iterator<JsonNode> list(String path, Map<String, String> query, int pageSize) {
        return new PagedItems(path, query, pageSize);
    }

    /**
     * One page of a paged list. {@code anomaly} says why the page cannot prove the list ended where it seems to (an
     * empty page that says more follow; a bare JSON array holding a whole page, with no hasNext at all), null when it
     * can: a reader that acts on the list's end (a full catalog run deactivating what it did not see) must not.
     */
    public record Page(List<JsonNode> items, boolean hasNext, String anomaly) {
    }

    /**
     * Page {@code page} (1-based, {@link WtaConventions#FIRST_PAGE}) of a paged list. An empty page ends the list even
     * if hasNext says otherwise, so a confused server never makes a caller loop; such a page, and a bare array as long
     * as the page size, carry an anomaly.
     */
    public Page page(String path, Map<String, String> query, int page, int pageSize) {
        Map<String, String> pageQuery = new LinkedHashMap<>(query);
        pageQuery.put("page", Integer.toString(page));
        pageQuery.put("pageSize", Integer.toString(pageSize));
        JsonNode body = get(path, pageQuery);
        JsonNode items = body.isArray() ? body : body.path(WtaConventions.ITEMS_FIELD);
        List<JsonNode> out = new ArrayList<>(items.size());
        items.forEach(out::add);
        boolean saysMore = !body.isArray() && body.path(WtaConventions.HAS_NEXT_FIELD).asBoolean(false);
        String anomaly = null;
        if (saysMore && out.isEmpty()) {
            anomaly = "page " + page + " of " + path + " came back empty while saying more pages follow (hasNext=true)";
        } else if (body.isArray() && out.size() >= pageSize) {
            anomaly = "page " + page + " of " + path + " is a bare list of " + out.size()
                    + " items (a whole page) with no hasNext: the list may go on";
        }
        return new Page(out, saysMore && !out.isEmpty(), anomaly);
    }

    private final class PagedItems implements Iterator<JsonNode> {
        private final String path;
        private final Map<String, String> query;
        private final int pageSize;
        private int nextPage = WtaConventions.FIRST_PAGE;
        private boolean more = true;
        private Iterator<JsonNode> current = Collections.emptyIterator();

        PagedItems(String path, Map<String, String> query, int pageSize) {
            this.path = path;
            this.query = query;
            this.pageSize = pageSize;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && more) {
                fetch();
            }
            return current.hasNext();
        }

        @Override
        public JsonNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private void fetch() {
            Page page = page(path, query, nextPage, pageSize);
            more = page.hasNext();
            nextPage++;
            current = page.items().iterator();
        }
    }
}
