package uk.cpis.server.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Why CP-IS refused a record: the national per-record reject reasons, as codes of the CP-IS
 * CodeSystem {@value uk.cpis.server.contract.CodeSystems#REJECT_REASON}, carried in {@code OperationOutcome.issue.details}.
 */
public enum RejectReason {
    NHS_NUMBER_NOT_MATCHED("nhs-number-not-matched", IssueType.NOTFOUND),
    NHS_NUMBER_NOT_VERIFIED("nhs-number-not-verified", IssueType.BUSINESSRULE),
    NHS_NUMBER_INVALID("nhs-number-invalid", IssueType.VALUE),
    NHS_NUMBER_OLD_FORMAT("nhs-number-old-format", IssueType.VALUE),
    NHS_NUMBER_SUPERSEDED("nhs-number-superseded", IssueType.BUSINESSRULE),
    SENSITIVE_RECORD("sensitive-record", IssueType.BUSINESSRULE),
    NOT_YOUR_PLAN("not-your-plan", IssueType.FORBIDDEN),
    NHS_NUMBER_CHANGED("nhs-number-changed", IssueType.BUSINESSRULE),
    AUTHOR_NOT_REFERENCED("author-not-referenced", IssueType.REQUIRED),
    INVALID_DATES("invalid-dates", IssueType.INVARIANT),
    ADULT_ON_CHILD_PLAN("adult-on-child-plan", IssueType.BUSINESSRULE),
    LEGAL_STATUS_NOT_LOOKED_AFTER("legal-status-not-looked-after", IssueType.INVARIANT),
    DUPLICATE_ACTIVE_PLAN("duplicate-active-plan", IssueType.DUPLICATE),
    UNKNOWN_ORGANISATION("unknown-organisation", IssueType.NOTFOUND),
    ACCOUNTABILITY_CYCLE("accountability-cycle", IssueType.BUSINESSRULE),
    DUPLICATE_ODS_CODE("duplicate-ods-code", IssueType.DUPLICATE),
    SUBSCRIPTION_NOT_SUPPORTED("subscription-not-supported", IssueType.NOTSUPPORTED),
    ENDPOINT_NOT_ALLOWED("endpoint-not-allowed", IssueType.SECURITY),
    OTHER_FAILURE("other-failure", IssueType.PROCESSING);

    private final String code;
    private final IssueType issueType;

    RejectReason(String code, IssueType issueType) {
        this.code = code;
        this.issueType = issueType;
    }

    public String code() {
        return code;
    }

    /** The FHIR issue type reported with this reason (the IG's error-codes page lists them). */
    public IssueType issueType() {
        return issueType;
    }
}
