Profile: CPISSecurityAuditEvent
Parent: AuditEvent
Id: cpis-security-auditevent
Title: "CP-IS Security AuditEvent"
Description: "A request to the CP-IS server that is not a clinician's look-up but must still be accountable: a council reading its records, a change to a child's record or a plan (created, updated, ended, marked entered in error), and every refused request (401 no or bad token, 403 no rule allows it). Written by the server alone, kept for security review; never shown in a child's access history, never notified, never holding a request body."
* ^experimental = false
* type = $audit-event-type#rest
* type ^short = "RESTful operation (as BALP)"
* subtype.system = $restful-interaction (exactly)
* subtype ^short = "The FHIR interaction (absent when the request was refused before it was understood)"
* action 1..1
* action ^short = "R read | C create | U update | D delete | E a refused request"
* outcome 1..1
* outcome ^short = "0 success | 4 refused (401/403)"
* outcomeDesc ^short = "For a refusal: the HTTP status and the reason given to the caller"
* agent 2..*
* agent ^short = "The server (DCM 110153), and the caller (user and organisation) when known"
* agent.type 1..1
* entity ^short = "The children (role 1 Patient), plans (role 4 Domain Resource) and, for a refusal, the request line (role 24 Query, without the body)"
* entity.role 1..1
* entity.what.identifier.system ^short = "NHS number of a child, when known"
