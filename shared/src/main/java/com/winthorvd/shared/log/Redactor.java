package com.winthorvd.shared.log;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never reach a log (LGPD and secrets): CPF/CNPJ, e-mail, phone numbers in text, and the whole
 * value of any field whose name says it holds a secret. A masked document keeps its last two digits so support
 * can still tell two customers apart.
 */
public final class Redactor {
    private static final Set<String> SECRET_FIELD_WORDS = Set.of(
            "password", "senha", "token", "apptoken", "secret", "authorization", "accesstoken", "appkey");

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    // CNPJ 00.000.000/0000-00, CPF 000.000.000-00, or their bare digits (11 or 14).
    private static final Pattern CNPJ = Pattern.compile("\\b\\d{2}\\.?\\d{3}\\.?\\d{3}/?\\d{4}-?\\d{2}\\b");
    private static final Pattern CPF = Pattern.compile("\\b\\d{3}\\.?\\d{3}\\.?\\d{3}-?\\d{2}\\b");
    // Brazilian phones: optional +55, area code, 8 or 9 digits, with the usual separators.
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w.])(?:\\+?55[\\s-]?)?\\(?\\d{2}\\)?[\\s-]?9?\\d{4}[\\s-]?\\d{4}(?![\\w])");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    // A 32-hex MD5 is what WinThor takes as its password: never log it.
    private static final Pattern MD5_HEX = Pattern.compile("\\b[0-9A-Fa-f]{32}\\b");

    private Redactor() {
    }

    public static boolean isSecretField(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (String word : SECRET_FIELD_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = BEARER.matcher(text).replaceAll("$1***");
        out = EMAIL.matcher(out).replaceAll("***@***");
        out = maskDigits(CNPJ.matcher(out), "CNPJ");
        out = maskDigits(CPF.matcher(out), "CPF");
        out = maskDigits(PHONE.matcher(out), "TEL");
        out = MD5_HEX.matcher(out).replaceAll("***");
        return out;
    }

    private static String maskDigits(Matcher matcher, String label) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("\\D", "");
            String tail = digits.length() > 2 ? digits.substring(digits.length() - 2) : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(label + "***" + tail));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
