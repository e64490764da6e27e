// Valid examples of the notification contract: a council's Subscription, a repeat-attendance alert,
// a missed appointment and the notification it produces.

Instance: cpis-subscription-medway
InstanceOf: CPISNotificationSubscription
Usage: #example
Title: "Medway subscribes to its notifications"
Description: "Medway Council's social care system asks for every notification about its children, pushed to its listener with the bearer token the listener checks."
* status = #requested
* reason = "CP-IS notifications for Medway Council"
* criteria = "AuditEvent?responsible-la=00LC"
* channel.type = #rest-hook
* channel.endpoint = "https://cpis-listener.medway.example/fhir"
* channel.payload = #application/fhir+json
* channel.header[+] = "Authorization: Bearer a-secret-the-listener-checks"

Instance: cpis-subscription-alerts-only
InstanceOf: CPISNotificationSubscription
Usage: #example
Title: "Repeat-attendance alerts only, without payload"
Description: "A council that wants only the repeat-attendance alerts, as an empty POST telling its system to pull."
* status = #requested
* reason = "Repeat-attendance alerts for Reading Borough Council"
* criteria = "AuditEvent?responsible-la=00MC&_tag=https://fhir.cpis.uk/CodeSystem/cpis-notification-tag|repeat-attendance"
* channel.type = #rest-hook
* channel.endpoint = "https://cpis.reading.example/notify"

Instance: cpis-access-repeat-attendance
InstanceOf: CPISAccessAuditEvent
Usage: #example
Title: "An unscheduled access that is a repeat-attendance alert"
Description: "The third care setting within 30 days to look the child up: the access record, and so the council's notification, is tagged repeat-attendance."
* meta.tag[+] = CPISNotificationTag#repeat-attendance "Repeat attendance"
* extension[accessType].valueCode = #unscheduled
* extension[careSetting].valueCoding = CPISCareSetting#walk-in-centre "Walk-in centre"
* type = $audit-event-type#rest "RESTful Operation"
* subtype[+] = $restful-interaction#search-type "search-type"
* action = #R
* recorded = "2025-07-20T19:02:11Z"
* outcome = #0
* agent[user].type = $v3-ParticipationType#IRCP "information recipient"
* agent[user].requestor = true
* agent[user].who.identifier.system = $sds-user
* agent[user].who.identifier.value = "555021935199"
* agent[user].who.display = "Kim Patel"
* agent[user].role[+] = $sds-job-role#R8001 "Nurse"
* agent[organization].type = $v3-RoleClass#PROV "healthcare provider"
* agent[organization].requestor = false
* agent[organization].who.identifier.system = $ods-org
* agent[organization].who.identifier.value = "X99W1"
* agent[server].type = $dcm#110153 "Source Role ID"
* agent[server].requestor = false
* agent[server].who.display = "CP-IS FHIR server"
* source.observer.display = "CP-IS FHIR server"
* entity[patient].what = Reference(cpis-patient-child-cpp)
* entity[patient].what.identifier.system = $nhs-number
* entity[patient].what.identifier.value = "9990001014"
* entity[patient].role = $object-role#1 "Patient"
* entity[flag].what = Reference(cpis-flag-cpp)
* entity[flag].role = $object-role#4 "Domain Resource"
* entity[responsibleLocalAuthority].what = Reference(cpis-local-authority-example)
* entity[responsibleLocalAuthority].what.identifier.system = $ods-org
* entity[responsibleLocalAuthority].what.identifier.value = "X99LA"
* entity[responsibleLocalAuthority].role = CPISAuditEntityRole#responsible-local-authority "Responsible local authority"

Instance: cpis-missed-appointment-example
InstanceOf: CPISMissedAppointment
Usage: #example
Title: "A missed paediatric outpatient appointment"
Description: "What a health organisation sends: the date, the service, the child by NHS number and itself by ODS code. Nothing else."
* status = #noshow
* serviceType[+].text = "Paediatric outpatients"
* start = "2025-07-10T10:30:00Z"
* end = "2025-07-10T10:50:00Z"
* participant[child].actor.identifier.system = $nhs-number
* participant[child].actor.identifier.value = "9990001014"
* participant[child].status = #declined
* participant[organization].actor.identifier.system = $ods-org
* participant[organization].actor.identifier.value = "X99T1"
* participant[organization].status = #accepted

Instance: cpis-missed-appointment-contained
InstanceOf: CPISMissedAppointment
Usage: #inline
* status = #noshow
* serviceType[+].text = "Paediatric outpatients"
* start = "2025-07-10T10:30:00Z"
* end = "2025-07-10T10:50:00Z"
* participant[child].actor.identifier.system = $nhs-number
* participant[child].actor.identifier.value = "9990001014"
* participant[child].status = #declined
* participant[organization].actor.identifier.system = $ods-org
* participant[organization].actor.identifier.value = "X99T1"
* participant[organization].status = #accepted

Instance: cpis-missed-appointment-notification
InstanceOf: CPISMissedAppointmentAuditEvent
Usage: #example
Title: "The notification of a missed appointment"
Description: "Written by the server when the missed appointment above is recorded; this is what the council receives."
* meta.tag[+] = CPISNotificationTag#missed-appointment "Missed appointment"
* contained[+] = cpis-missed-appointment-contained
* type = $audit-event-type#rest "RESTful Operation"
* subtype = $restful-interaction#create "create"
* action = #C
* recorded = "2025-07-10T11:05:00Z"
* outcome = #0
* agent[user].type = $v3-ParticipationType#IRCP "information recipient"
* agent[user].requestor = true
* agent[user].who.identifier.system = $sds-user
* agent[user].who.identifier.value = "555021935107"
* agent[user].who.display = "Sam Jones"
* agent[user].role[+] = $sds-job-role#R8001 "Nurse"
* agent[organization].type = $v3-RoleClass#PROV "healthcare provider"
* agent[organization].requestor = false
* agent[organization].who.identifier.system = $ods-org
* agent[organization].who.identifier.value = "X99T1"
* agent[server].type = $dcm#110153 "Source Role ID"
* agent[server].requestor = false
* agent[server].who.display = "CP-IS FHIR server"
* source.observer.display = "CP-IS FHIR server"
* entity[patient].what = Reference(cpis-patient-child-cpp)
* entity[patient].what.identifier.system = $nhs-number
* entity[patient].what.identifier.value = "9990001014"
* entity[patient].role = $object-role#1 "Patient"
* entity[appointment].what = Reference(cpis-missed-appointment-contained)
* entity[appointment].type = $audit-entity-type#2 "System Object"
* entity[appointment].role = $object-role#4 "Domain Resource"
* entity[appointment].description = "missed appointment"
* entity[responsibleLocalAuthority].what = Reference(cpis-local-authority-example)
* entity[responsibleLocalAuthority].what.identifier.system = $ods-org
* entity[responsibleLocalAuthority].what.identifier.value = "X99LA"
* entity[responsibleLocalAuthority].role = CPISAuditEntityRole#responsible-local-authority "Responsible local authority"
