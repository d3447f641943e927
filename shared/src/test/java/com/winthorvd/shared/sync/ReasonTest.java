package com.winthorvd.shared.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reasons read as a Brazilian writes them: each word agrees with the record it is about, no "(a)" left. */
class ReasonTest {
    @Test
    void aReasonAgreesWithTheGenderOfEachRecordItNames() {
        assertEquals("Seção 61 não integrada porque departamento 6 não está integrado: corrija primeiro departamento 6.",
                Reason.PARENT_NOT_INTEGRATED.message(List.of("seção", "61", "departamento", "6")));
        assertEquals("Produto 10 não integrado porque marca 3 não está integrada: corrija primeiro marca 3.",
                Reason.PARENT_NOT_INTEGRATED.message(List.of("produto", "10", "marca", "3")));
        assertEquals("Embalagem 789-10 não está marcada \"Enviar para E-commerce = Sim\" no cadastro da embalagem.",
                Reason.NOT_SENT_TO_ECOMMERCE.message(List.of("embalagem", "789-10")));
        assertEquals("Cliente 42 aguarda categoria 1-2, que ainda não foi integrada (ou não veio do WinThor).",
                Reason.WAITING_FOR_PARENT.message(List.of("cliente", "42", "categoria", "1-2")));
    }

    @Test
    void noMessageKeepsAPlaceholderOfGender() {
        List<String> parameters = List.of("seção", "1", "departamento", "2", "x", "y");
        for (Reason reason : Reason.values()) {
            String text = reason.message(parameters);
            assertFalse(text.contains("(a)") || text.contains("(o)") || text.matches(".*<\\d>.*"), reason + ": " + text);
        }
    }
}
