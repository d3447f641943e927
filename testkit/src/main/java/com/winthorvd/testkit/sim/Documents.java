package com.winthorvd.testkit.sim;

/** CPF and CNPJ check digits (mod 11), for the simulator to refuse invalid documents and the generator to make valid ones. */
public final class Documents {
    private Documents() {
    }

    public static boolean valid(String digits) {
        if (digits == null || !(digits.length() == 11 || digits.length() == 14) || digits.chars().distinct().count() == 1) {
            return false;
        }
        String base = digits.substring(0, digits.length() - 2);
        return withCheckDigits(base).equals(digits);
    }

    /** Appends the two check digits to a 9-digit CPF base or a 12-digit CNPJ base. */
    public static String withCheckDigits(String base) {
        String first = base + digit(base);
        return first + digit(first);
    }

    private static int digit(String digits) {
        int sum = 0;
        boolean cnpj = digits.length() >= 12;
        int weight = cnpj ? 2 : digits.length() + 1;
        for (int i = digits.length() - 1; i >= 0; i--) {
            if (cnpj) {
                sum += (digits.charAt(i) - '0') * weight;
                weight = weight == 9 ? 2 : weight + 1;
            } else {
                sum += (digits.charAt(i) - '0') * (digits.length() + 1 - i);
            }
        }
        int rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }
}
