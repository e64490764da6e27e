package uk.cpis.server.testsupport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Synthetic NHS numbers (999 prefix) with valid modulus-11 check digits, unique per test run. Never
 * one of 9990000000-9990009999: that block belongs to the curated sample data in test-data/, which the
 * test server loads, so a test's new child can never be a sample child.
 */
public final class NhsNumbers {

    /** Serials below this (NHS numbers 9990000000-9990009999) are the sample data's. */
    static final long SAMPLE_DATA_BLOCK = 1_000;

    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000);

    private NhsNumbers() {}

    public static String next() {
        while (true) {
            long serial = NEXT.incrementAndGet() % 1_000_000;
            if (serial < SAMPLE_DATA_BLOCK) {
                continue;
            }
            String nine = String.format("999%06d", serial);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }
}
