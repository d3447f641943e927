package com.winthorvd.shared.winthor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The implementer's first step against a real WinThor: can we log in (and under which password rule), is each
 * required WTA service online (by its {@code /health}, else by an authenticated call on its prefix), which
 * version is installed where the 801 back end tells, and do the configured branches exist.
 */
public final class WtaCheck {
    static final String UPDATES_PATH = "/winthor/ferramenta/servidor/v1/atualizacao";
    static final String INSTALLABLE_PATH = "/winthor/ferramenta/servidor/v1/instalacao";
    static final String BRANCHES_PATH = "/api/branch/v1/";

    private final WinThorHttp http;

    public WtaCheck(WinThorHttp http) {
        this.http = http;
    }

    /** One way to log in: a label for the report ("upper", "asTyped", "md5") and the senha it gives. */
    public record LoginAttempt(String rule, String senha) {
    }

    public record LoginResult(boolean ok, String rule, List<String> refusedRules, String message) {
    }

    /** {@code note}: what the report says of the service besides its state (the fiscal service's place, say). */
    public record ServiceStatus(String name, boolean online, String probe, int httpStatus, long millis,
                                String installedVersion, String availableVersion, String detail, String note) {
    }

    public record BranchResult(List<String> configured, List<String> found, List<String> missing, String detail) {
    }

    /** {@code conformance}: the conformance check's result when it was asked for, else null. */
    public record Report(String winthorUrl, String user, LoginResult login, List<ServiceStatus> services,
                         BranchResult branches, ConformanceCheck.Result conformance, boolean ok) {
    }

    /** The conformance check to run after the login: where the packagings are read, and where samples go (null: none). */
    public record Conformance(String packagingsPath, java.nio.file.Path samples) {
    }

    public Report run(String user, List<LoginAttempt> attempts, List<String> branches) {
        return run(user, attempts, branches, null);
    }

    public Report run(String user, List<LoginAttempt> attempts, List<String> branches, Conformance conformance) {
        return run(user, login(user, attempts), branches, conformance);
    }

    /**
     * The same check on the integration's shared token (the scheduled health check): a login of its own every few
     * minutes would issue tokens beside the flows' one, which a WinThor that keeps one session per user revokes.
     * The login is tried only when the shared token has expired, and its refusal is reported as {@code check}'s is.
     */
    public Report run(String user, TokenSource shared, List<String> branches) {
        Login login = sharedLogin(shared);
        Report report = run(user, login, branches, null);
        if (login.token() != null && report.services().stream().anyMatch(s -> s.httpStatus() == 401 || s.httpStatus() == 403)) {
            // The shared token was revoked since it was stored (another login, a WTA restart): forget it and check again
            // with a new one, as a flow would, instead of reporting its services offline.
            shared.rejected(login.token());
            report = run(user, sharedLogin(shared), branches, null);
        }
        return report;
    }

    private static Login sharedLogin(TokenSource shared) {
        try {
            return new Login(new LoginResult(true, "shared token", List.of(), "the integration's token was accepted"), shared.token());
        } catch (WinThorAuthException e) {
            return new Login(new LoginResult(false, null, e.loginRefused() ? List.of("configured") : List.of(), e.getMessage()), null);
        } catch (WinThorException e) {
            return new Login(new LoginResult(false, null, List.of(), e.getMessage()), null);
        }
    }

    private Report run(String user, Login login, List<String> branches, Conformance conformance) {
        String token = login.token();
        Map<String, String[]> versions = token == null ? Map.of() : versions(token);
        List<ServiceStatus> services = new ArrayList<>();
        for (WtaService service : WtaService.REQUIRED) {
            String[] version = versions.get(service.serviceName);
            ServiceStatus status = service == WtaService.GATEWAY ? gateway(login.result(), version) : probe(service, token, branches, version);
            services.add(status);
        }
        BranchResult branchResult = branches(token, branches);
        ConformanceCheck.Result conformed = conformance == null || token == null ? null
                : new ConformanceCheck(http).run(token, branches, conformance.packagingsPath(), conformance.samples());
        boolean ok = login.result().ok() && services.stream().allMatch(ServiceStatus::online) && branchResult.missing().isEmpty()
                && (conformance == null || conformed != null && conformed.ok());
        return new Report(http.baseUrl().toString(), user, login.result(), services, branchResult, conformed, ok);
    }

    /** What the report shows of the login, and the token kept apart from it (never reported). */
    private record Login(LoginResult result, String token) {
    }

    /** Tries each attempt in order until one is accepted. */
    private Login login(String user, List<LoginAttempt> attempts) {
        WinThorLogin login = new WinThorLogin(http);
        List<String> refused = new ArrayList<>();
        String lastError = "no password given";
        for (LoginAttempt attempt : attempts) {
            try {
                String token = login.login(user, attempt.senha());
                String message = "login accepted" + (refused.isEmpty() ? "" : " with the " + attempt.rule()
                        + " password rule (refused with " + String.join(", ", refused) + "): set WINTHOR_PASSWORD_CASE=" + attempt.rule());
                return new Login(new LoginResult(true, attempt.rule(), List.copyOf(refused), message), token);
            } catch (WinThorAuthException e) {
                if (!e.loginRefused()) {
                    return new Login(new LoginResult(false, null, refused, e.getMessage()), null);
                }
                refused.add(attempt.rule());
                lastError = e.getMessage();
            } catch (WinThorException e) {
                return new Login(new LoginResult(false, null, refused, e.getMessage()), null);
            }
        }
        return new Login(new LoginResult(false, null, refused, "login refused with every password rule tried ("
                + String.join(", ", refused) + "): check WINTHOR_USER and the password. Last answer: " + lastError), null);
    }

    /**
     * The gateway fronts the login: a login it answered (accepted or refused) proves it online, with no probe of its
     * own (the session check {@code /autenticacao/v1/logado} is unverified, and a 404 from it would wrongly say offline).
     */
    private static ServiceStatus gateway(LoginResult login, String[] version) {
        boolean answered = login.ok() || !login.refusedRules().isEmpty();
        return status(WtaService.GATEWAY, answered, "POST " + WinThorLogin.PATH, 0, 0, version,
                login.ok() ? "the login went through it" : answered ? "it answered the login (refused)" : login.message());
    }

    private static ServiceStatus status(WtaService service, boolean online, String probe, int httpStatus, long millis,
                                        String[] version, String detail) {
        return new ServiceStatus(service.serviceName, online, probe, httpStatus, millis, version == null ? "unknown" : version[0],
                version == null ? null : version[1], detail, service.note);
    }

    private ServiceStatus probe(WtaService service, String token, List<String> branches, String[] version) {
        if (service.healthPath != null) {
            try {
                WinThorHttp.Answer answer = http.exchange("GET", service.healthPath, Map.of(), null, null);
                if (answer.status() >= 200 && answer.status() < 300 && !answer.isHtml()) {
                    return status(service, true, "GET " + service.healthPath, answer.status(), answer.millis(), version, "health answered");
                }
                if (token == null) {
                    return offline(service, "GET " + service.healthPath, answer, version);
                }
                // Not every WTA version has /health: the authenticated call on the prefix decides.
            } catch (WinThorException e) {
                return status(service, false, "GET " + service.healthPath, 0, 0, version, e.getMessage());
            }
        }
        if (token == null) {
            return status(service, false, "none", 0, 0, version, "cannot probe without a login");
        }
        String path = service.probePath.replace("{branch}", branches.isEmpty() ? "1" : branches.get(0));
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Map<String, String> query = queryOf(path);
        try {
            WinThorHttp.Answer answer = http.exchange("GET", pathOnly, query, null, token);
            boolean serviceAnswered = answer.isJson() && !answer.isHtml()
                    && ((answer.status() >= 200 && answer.status() < 300) || answer.status() == 400);
            if (serviceAnswered) {
                return status(service, true, "authenticated GET " + pathOnly, answer.status(), answer.millis(), version, "service answered");
            }
            return offline(service, "authenticated GET " + pathOnly, answer, version);
        } catch (WinThorException e) {
            return status(service, false, "authenticated GET " + pathOnly, 0, 0, version, e.getMessage());
        }
    }

    private static ServiceStatus offline(WtaService service, String probe, WinThorHttp.Answer answer, String[] version) {
        String why = answer.isHtml()
                ? "answered an HTML page (HTTP " + answer.status() + "): the service is not running behind the gateway; "
                + "install or start " + service.serviceName + " in routine 801"
                : "answered HTTP " + answer.status();
        return status(service, false, probe, answer.status(), answer.millis(), version, why);
    }

    private static Map<String, String> queryOf(String path) {
        Map<String, String> query = new LinkedHashMap<>();
        if (path.contains("?")) {
            for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return query;
    }

    /** name -> {installed, available} from the routine-801 back end, when it answers (its shape is inferred). */
    private Map<String, String[]> versions(String token) {
        Map<String, String[]> out = new LinkedHashMap<>();
        try {
            JsonNode updates = WinThorHttp.json(http.exchange("GET", UPDATES_PATH, Map.of(), null, token));
            for (JsonNode feature : updates.path("funcionalidades")) {
                String installed = feature.path("versaoAnterior").asText("");
                out.put(feature.path("nome").asText(), new String[] {installed.isEmpty() ? "unknown" : installed,
                        feature.path("versao").asText(null)});
            }
            JsonNode installable = WinThorHttp.json(http.exchange("GET", INSTALLABLE_PATH, Map.of(), null, token));
            for (JsonNode feature : installable.path("funcionalidades")) {
                if ("INSTALL".equals(feature.path("comando").asText())) {
                    out.put(feature.path("nome").asText(), new String[] {"not installed", feature.path("versao").asText(null)});
                }
            }
        } catch (WinThorException e) {
            // Versions are informative only: without the 801 back end they stay "unknown".
        }
        return out;
    }

    private BranchResult branches(String token, List<String> configured) {
        if (configured.isEmpty()) {
            return new BranchResult(configured, List.of(), List.of(), "no branches configured (WINTHOR_BRANCHES)");
        }
        if (token == null) {
            return new BranchResult(configured, List.of(), List.of(), "not verified: no login");
        }
        try {
            JsonNode body = WinThorHttp.json(http.exchange("GET", BRANCHES_PATH, Map.of(), null, token));
            JsonNode items = body.isArray() ? body : body.path(WtaConventions.ITEMS_FIELD);
            Set<String> found = new LinkedHashSet<>();
            for (JsonNode branch : items) {
                for (String field : List.of("id", "branchId", "codigo", "codfilial")) {
                    if (branch.hasNonNull(field)) {
                        found.add(branch.get(field).asText().trim());
                        break;
                    }
                }
            }
            List<String> missing = configured.stream().filter(b -> !found.contains(b)).toList();
            return new BranchResult(configured, List.copyOf(found), missing, missing.isEmpty()
                    ? "every configured branch exists"
                    : "branch(es) " + String.join(", ", missing) + " do not exist in WinThor (routine 535): fix WINTHOR_BRANCHES");
        } catch (WinThorException e) {
            return new BranchResult(configured, List.of(), List.of(), "not verified: " + e.getMessage());
        }
    }
}
