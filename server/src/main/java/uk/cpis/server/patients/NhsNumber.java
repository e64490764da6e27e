package uk.cpis.server.patients;

/**
 * The NHS number rule: ten digits whose last is the modulus-11 check digit of the first nine
 * (weights 10 down to 2; check = 11 - sum mod 11, where 11 means 0 and 10 means no valid number).
 * The CP-IS Patient profile states the same rule as the FHIRPath invariant cpis-nhs-1.
 */
public final class NhsNumber {

    private NhsNumber() {}

    public static boolean isValid(String candidate) {
        if (candidate == null || !candidate.matches("\\d{10}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (candidate.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == candidate.charAt(9) - '0';
    }
}
