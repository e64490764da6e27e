CodeSystem: CPISRejectReason
Id: cpis-reject-reason
Title: "CP-IS Reject Reason"
Description: "Per-record outcome of a local authority upload, mirroring the national CP-IS reject reasons, and the CP-IS rules of the partner and board register; carried in OperationOutcome.issue.details."
* ^caseSensitive = true
* ^experimental = false
* #nhs-number-not-matched "NHS number not matched" "No match for the NHS number."
* #nhs-number-not-verified "NHS number not verified" "The NHS number verification status is not 01 (number present and verified)."
* #nhs-number-invalid "NHS number invalid" "The NHS number is not 10 digits with a valid modulus 11 check digit."
* #nhs-number-old-format "Old-format NHS number" "The NHS number is in an old format."
* #nhs-number-superseded "Superseded NHS number" "The NHS number has been superseded."
* #sensitive-record "Sensitive record" "The patient's record is flagged sensitive (S-flag)."
* #not-your-plan "Plan belongs to another local authority" "The record belongs to another local authority."
* #invalid-dates "Invalid plan dates" "The plan dates are inconsistent (e.g. end before start)."
* #adult-on-child-plan "Adult on a child plan" "The person is an adult but the plan is a child plan."
* #legal-status-not-looked-after "Legal status on a plan that is not looked after" "A looked-after legal status was given for a plan that is not a looked-after child plan."
* #duplicate-active-plan "Duplicate active plan" "An active plan of the same type already exists for this person."
* #unknown-organisation "Unknown organisation" "A board seat names an organisation that is not in the register."
* #accountability-cycle "Accountability cycle" "A board would be accountable to itself, directly or through a chain of boards."
* #duplicate-ods-code "Duplicate ODS code" "Another organisation in the register already has this ODS code."
* #subscription-not-supported "Subscription not supported" "A notification Subscription must be a rest-hook on the council's own AuditEvent notifications (criteria AuditEvent?responsible-la=<ODS code>, further parameters only if they can be matched as notifications arrive), with payload application/fhir+json or none, and headers of the form Name: value."
* #endpoint-not-allowed "Endpoint not allowed" "The subscription endpoint is not an absolute https URL whose host is a name or a plain IP address and resolves only to public addresses (not loopback, private, unique-local, link-local, carrier-grade NAT, unspecified, multicast, reserved or a cloud metadata service, in any IPv4 or IPv6 form) unless the operator allows it, or it points at the CP-IS server itself."
* #other-failure "Other failure" "Any other failure."
