package uk.cpis.server.patients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The NHS number's modulus-11 check digit (NhsNumber.isValid), as the profile's invariant cpis-nhs-1 says. */
class NhsNumberTest {

    @Test
    void aNumberWhoseLastDigitIsItsCheckDigitIsValid() {
        assertThat(NhsNumber.isValid("9434765919")).isTrue();
        assertThat(NhsNumber.isValid("9990000115")).isTrue();
    }

    @Test
    void aNumberWithAWrongCheckDigitIsInvalid() {
        assertThat(NhsNumber.isValid("9434765918")).isFalse();
        assertThat(NhsNumber.isValid("9990000116")).isFalse();
    }

    @Test
    void aRemainderOfElevenMeansCheckDigitZero() {
        // 0000000000: sum 0, 11 - 0 = 11, which means 0
        assertThat(NhsNumber.isValid("0000000000")).isTrue();
        assertThat(NhsNumber.isValid("0000000001")).isFalse();
    }

    @Test
    void aRemainderGivingTenMeansNoValidNumber() {
        // 000000006x: sum 6 * 2 = 12, 11 - 12 % 11 = 10: no check digit fits
        for (int last = 0; last <= 9; last++) {
            assertThat(NhsNumber.isValid("000000006" + last))
                    .as("000000006" + last)
                    .isFalse();
        }
    }

    @Test
    void onlyTenDigitsAreANumber() {
        assertThat(NhsNumber.isValid(null)).isFalse();
        assertThat(NhsNumber.isValid("")).isFalse();
        assertThat(NhsNumber.isValid("943476591")).isFalse();
        assertThat(NhsNumber.isValid("94347659190")).isFalse();
        assertThat(NhsNumber.isValid("943 476 5919")).isFalse();
        assertThat(NhsNumber.isValid("94347659l9")).isFalse();
    }

    @Test
    void onlyAsciiDigitsCount() {
        // 9434765919 in Arabic-Indic and full-width digits: digits to Unicode, not NHS numbers
        assertThat(NhsNumber.isValid("\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669"))
                .isFalse();
        assertThat(NhsNumber.isValid("\uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF19"))
                .isFalse();
        assertThat(NhsNumber.isValid("+943476591")).isFalse();
        assertThat(NhsNumber.isValid("943-476-5919")).isFalse();
        assertThat(NhsNumber.isValid(" 9434765919")).isFalse();
    }
}
