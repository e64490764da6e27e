Profile: CPISNotificationSubscription
Parent: Subscription
Id: cpis-notification-subscription
Title: "CP-IS Notification Subscription"
Description: "A council's system subscribes to its own CP-IS notifications (unscheduled accesses to its children's records, repeat-attendance alerts and missed appointments, each an AuditEvent naming the council as responsible local authority) with a standard R4 rest-hook Subscription. The server accepts it only for the council's own ODS code (403 otherwise) and an endpoint it may deliver to (https; never the server itself), sets status active, and tags it with the council's ODS code. Each notification is then delivered at least once as PUT {endpoint}/AuditEvent/{id} with the council's view of the AuditEvent (or, without payload, an empty POST {endpoint}), retried with back-off while the endpoint fails and kept across server restarts; the AuditEvent id identifies duplicates."
* ^experimental = false
* obeys cpis-sub-1
* status ^short = "requested (becomes active) | active | off"
* criteria ^short = "AuditEvent?responsible-la=<your ODS code>[&further AuditEvent parameters, e.g. _tag=https://fhir.cpis.uk/CodeSystem/cpis-notification-tag|repeat-attendance]"
* channel.type = #rest-hook (exactly)
* channel.endpoint 1..1
* channel.endpoint ^short = "Your listener's FHIR base: notifications are PUT to {endpoint}/AuditEvent/{id}"
* channel.payload obeys cpis-sub-2
* channel.payload ^short = "application/fhir+json (the notification itself) or absent (an empty POST: pull the news)"
* channel.header ^short = "\"Name: value\" headers sent with every notification, e.g. the credentials your listener checks"

Invariant: cpis-sub-1
Description: "The criteria are on AuditEvent and name the responsible local authority."
Severity: #error
Expression: "criteria.startsWith('AuditEvent?') and criteria.contains('responsible-la')"

Invariant: cpis-sub-2
Description: "The payload is FHIR JSON."
Severity: #error
Expression: "$this = 'application/fhir+json' or $this = 'application/json'"
