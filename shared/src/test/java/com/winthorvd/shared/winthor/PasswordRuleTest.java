package com.winthorvd.shared.winthor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PasswordRuleTest {

    @Test
    void upperCasesThePasswordBeforeTheMd5ByDefault() {
        assertEquals("902FBDD2B1DF0C4F70B4A5D23525E932", PasswordRule.UPPER.senha("Abc"));
    }

    @Test
    void hashesThePasswordAsTypedWhenConfigured() {
        assertEquals("35593B7CE5020EAE3CA68FD5B6F3E031", PasswordRule.AS_TYPED.senha("Abc"));
    }

    @Test
    void givesUpperCaseHexLikeTheTotvsExample() {
        assertEquals("C4CA4238A0B923820DCC509A6F75849B", PasswordRule.UPPER.senha("1"));
    }

    @Test
    void readsBothConfigNames() {
        assertEquals(PasswordRule.AS_TYPED, PasswordRule.UPPER.other());
        assertEquals("asTyped", PasswordRule.AS_TYPED.toString());
    }
}
