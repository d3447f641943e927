package com.winthorvd.shared.winthor;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import java.util.Map;

/** {@code POST /winthor/autenticacao/v1/login} with {@code {"login","senha"}}; answers the accessToken. */
public final class WinThorLogin {
    public static final String PATH = "/winthor/autenticacao/v1/login";

    private final WinThorHttp http;

    public WinThorLogin(WinThorHttp http) {
        this.http = http;
    }

    /** Logs in with the already-hashed {@code senha}; a refused login is a non-transient auth error. */
    public String login(String user, String senha) {
        String body = Json.write(Map.of("login", user, "senha", senha));
        WinThorHttp.Answer answer = http.exchange("POST", PATH, Map.of(), body, null);
        JsonNode json;
        try {
            json = WinThorHttp.json(answer);
        } catch (WinThorApiException e) {
            if (e.status() == 400 || e.status() == 401 || e.status() == 403) {
                throw new WinThorAuthException(answer.request(), e.status(),
                        "login refused for user " + user + (e.apiMessage() == null ? "" : ": " + e.apiMessage()),
                        e.detailedMessage(), true);
            }
            throw e;
        }
        JsonNode token = json.get("accessToken");
        if (token == null || token.asText().isBlank()) {
            throw new WinThorApiException(answer.request(), answer.status(), "login answered without accessToken", null);
        }
        return token.asText();
    }
}
