package com.winthorvd.shared.explain;

import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.log.Redactor;
import com.winthorvd.shared.order.OrderAdmin;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.sync.Reason;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Why isn't X in the store?" from the state table: where a catalog record or a store order stands, why (the reason in
 * Portuguese with the WinThor routine to fix it), what it waits on, and the next step in one sentence, in Portuguese.
 * Masked as everything the integration shows (LGPD).
 */
public final class Explain {
    private final StateTable table;
    private final Clock clock;

    public Explain(StateTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** A catalog record by its WinThor key (CODPROD for a product, "codauxiliar-codprod" for a packaging, CODCLI...). */
    public Map<String, Object> record(CatalogEntity entity, String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entity", entity.id());
        out.put("key", key);
        Optional<Item> found = table.get(Keys.map(entity.id(), key), Keys.ONE, StateTable.Read.CONSISTENT);
        // An item with no status is only the mark that records wait on this one, which was never read.
        if (found.isEmpty() || found.get().string("status").isEmpty()) {
            out.put("status", "NOT_SEEN");
            if (found.isPresent() && found.get().string("hasBlockedChildren").isPresent()) {
                out.put("waitedOnBy", "outros registros aguardam por ele");
            }
            out.put("next", capitalized(entity.label()) + " " + key + " ainda não foi lid" + ending(entity) + " do WinThor pela integração:"
                    + " confira no cadastro se está marcad" + ending(entity) + " \"Enviar para E-commerce = Sim\" e se a leitura do catálogo"
                    + " roda (./winthor-vd runs --flow catalog-sync).");
            return out;
        }
        Item item = found.get();
        String status = item.string("status").orElse("?");
        out.put("status", status);
        Reason reason = reason(item).orElse(null);
        if (reason != null) {
            out.put("reason", reason.name());
            out.put("message", Redactor.redact(reason.message(item.list("params"))));
            if (reason.routine() != null) {
                out.put("routine", reason.routine());
            }
        }
        item.string("note").ifPresent(note -> out.put("note", Redactor.redact(note)));
        item.string("storeId").ifPresent(id -> out.put("storeId", entity == CatalogEntity.CUSTOMER ? "(hash) " + id : id));
        // The version is WinThor's lastChange of the record as applied.
        item.number("version").ifPresent(v -> out.put("versionApplied", java.time.Instant.ofEpochMilli(v).toString()));
        item.string("updatedAt").ifPresent(at -> out.put("updatedAt", at));
        String parentCommand = item.string("blockedBy").map(parent -> {
            String[] idAndKey = parent.split("#", 2);
            out.put("waitingOn", CatalogEntity.of(idAndKey[0]).label() + " " + idAndKey[1]);
            return "./winthor-vd explain " + idAndKey[0] + " " + idAndKey[1];
        }).orElse(null);
        out.put("next", next(entity, key, status, reason, out, parentCommand));
        return out;
    }

    /** A store order: its state ({@link OrderAdmin#show}) and the next step. */
    public Optional<Map<String, Object>> order(String storeOrderId) {
        return new OrderAdmin(table, change -> {
            throw new IllegalStateException("explain queues nothing");
        }, clock).show(storeOrderId).map(shown -> {
            Map<String, Object> out = new LinkedHashMap<>(shown);
            String id = storeOrderId;
            out.put("next", switch (String.valueOf(shown.get("status"))) {
                case "REJECTED" -> "Corrija a causa (" + shown.getOrDefault("message", "veja o motivo") + ") e reenvie com ./winthor-vd order retry " + id + ".";
                case "UNKNOWN_OUTCOME" -> "A criação no WinThor teve resultado desconhecido: a integração procura o pedido antes de qualquer nova"
                        + " tentativa; nada a fazer, a não ser que vire REJECTED.";
                case "RECEIVED", "CREATING" -> "Na fila para entrar no WinThor: ./winthor-vd status mostra a fila de pedidos; confira o serviço"
                        + " winthor-pedido-venda (rotina 812) se demorar.";
                case "ERP_CREATED", "HANDLING_STARTED" -> "No WinThor como pedido " + shown.getOrDefault("winthorOrder", "?")
                        + ": a nota volta à loja quando o WinThor faturar.";
                case "INVOICE_PENDING", "INVOICING" -> "Faturado no WinThor: a nota vai à loja na próxima execução de order-status.";
                case "INVOICED" -> "Faturado e com a nota na loja: nada a fazer.";
                case "CANCELLED" -> "Cancelado na loja e no WinThor: nada a fazer.";
                default -> "Veja ./winthor-vd order show " + id + ".";
            });
            return out;
        });
    }

    private static Optional<Reason> reason(Item item) {
        return item.string("reason").flatMap(Reason::find);
    }

    private static String next(CatalogEntity entity, String key, String status, Reason reason, Map<String, Object> out, String parentCommand) {
        String what = capitalized(entity.label()) + " " + key;
        return switch (status) {
            case "SYNCED" -> what + " está na loja" + (out.containsKey("storeId") && entity != CatalogEntity.CUSTOMER ? " (id " + out.get("storeId") + ")" : "")
                    + ": nada a fazer.";
            case "REJECTED" -> parentCommand != null ? "Corrija primeiro " + out.get("waitingOn") + " (" + parentCommand + "); "
                    + entity.label() + " " + key + " entra na loja em seguida, sozinh" + ending(entity) + "."
                    : (reason == null ? "Corrija o cadastro no WinThor" : "Corrija no WinThor" + (reason.routine() == null ? ""
                    : " (rotina " + reason.routine() + ")")) + ": a próxima leitura do catálogo " + ending(entity)
                    + " envia de novo sozinha.";
            case "WAITING_PARENT" -> "Aguarda " + out.getOrDefault("waitingOn", "o cadastro de cima")
                    + (parentCommand == null ? "" : " (" + parentCommand + ")") + ": quando entrar na loja, " + entity.label() + " " + key
                    + " entra em seguida.";
            case "OUT_OF_SCOPE" -> what + " está fora do escopo configurado (CatalogScope): mude o escopo se deve ir à loja.";
            case "FAILED" -> "A loja recusou " + entity.label() + " " + key + ": corrija o cadastro no WinThor; a carga completa tenta de novo.";
            case "REMOVED" -> what + " saiu do e-commerce no WinThor e foi desativad" + ending(entity) + " na loja: marque \"Enviar para"
                    + " E-commerce = Sim\" se deve voltar.";
            default -> "Veja o estado acima.";
        };
    }

    private static String ending(CatalogEntity entity) {
        return entity.feminine() ? "a" : "o";
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
