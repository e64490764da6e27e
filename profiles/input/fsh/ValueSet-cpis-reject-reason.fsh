ValueSet: CPISRejectReasonVS
Id: cpis-reject-reason
Title: "CP-IS Reject Reason"
Description: "All codes of the CodeSystem cpis-reject-reason. Per-record outcome of a local authority upload, mirroring the national CP-IS reject reasons; carried in OperationOutcome.issue.details."
* ^name = "CPISRejectReason"
* ^experimental = false
* include codes from system CPISRejectReason
