package uk.cpis.server.fhir;

/**
 * Why CP-IS refused a record: the national per-record reject reasons, as codes of the CP-IS
 * CodeSystem {@value #SYSTEM}, carried in {@code OperationOutcome.issue.details}.
 */
public enum RejectReason {
	NHS_NUMBER_NOT_MATCHED("nhs-number-not-matched"),
	NHS_NUMBER_NOT_VERIFIED("nhs-number-not-verified"),
	NHS_NUMBER_INVALID("nhs-number-invalid"),
	NHS_NUMBER_OLD_FORMAT("nhs-number-old-format"),
	NHS_NUMBER_SUPERSEDED("nhs-number-superseded"),
	SENSITIVE_RECORD("sensitive-record"),
	NOT_YOUR_PLAN("not-your-plan"),
	INVALID_DATES("invalid-dates"),
	ADULT_ON_CHILD_PLAN("adult-on-child-plan"),
	LEGAL_STATUS_NOT_LOOKED_AFTER("legal-status-not-looked-after"),
	DUPLICATE_ACTIVE_PLAN("duplicate-active-plan"),
	OTHER_FAILURE("other-failure");

	public static final String SYSTEM = "https://fhir.cpis.uk/CodeSystem/cpis-reject-reason";

	private final String code;

	RejectReason(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}
}
