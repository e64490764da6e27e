package uk.cpis.server.testsupport;

import java.util.concurrent.atomic.AtomicLong;

/** Synthetic NHS numbers (999 prefix) with valid modulus-11 check digits, unique per test run. */
public final class NhsNumbers {

	private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000);

	private NhsNumbers() {}

	public static String next() {
		while (true) {
			String nine = String.format("999%06d", NEXT.incrementAndGet() % 1_000_000);
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
