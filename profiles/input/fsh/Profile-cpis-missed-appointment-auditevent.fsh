Profile: CPISMissedAppointmentAuditEvent
Parent: AuditEvent
Id: cpis-missed-appointment-auditevent
Title: "CP-IS Missed Appointment AuditEvent"
Description: "The record, written by the CP-IS server alone, that a health organisation recorded a missed appointment of a flagged child; it is the notification the councils owning the child's plans receive (pushed to their Subscription or pulled with AuditEvent?responsible-la=...), tagged missed-appointment. It holds who recorded it (user, role, organisation), the child (NHS number), the councils, and the appointment itself, contained, with its minimum data (status noshow, date, service type, child and organisation by identifier)."
* ^experimental = false
* meta.tag ^short = "cpis-notification-tag#missed-appointment"
* type = $audit-event-type#rest
* subtype 1..1
* subtype = $restful-interaction#create
* action 1..1
* action = #C (exactly)
* recorded ^short = "When the missed appointment was recorded"
* outcome 1..1
* contained 1..1
* contained only CPISMissedAppointment
* contained ^short = "The missed appointment, with its minimum data"
* agent ^slicing.discriminator.type = #pattern
* agent ^slicing.discriminator.path = "type"
* agent ^slicing.rules = #open
* agent contains
    user 1..1 and
    organization 1..1 and
    server 1..1
* agent[user] ^short = "Who recorded the missed appointment"
* agent[user].type = $v3-ParticipationType#IRCP
* agent[user].requestor = true
* agent[user].who.identifier.system = $sds-user (exactly)
* agent[user].role ^short = "Job role code of the user"
* agent[organization] ^short = "The organisation that recorded it (ODS code): the organisation of the appointment"
* agent[organization].type = $v3-RoleClass#PROV
* agent[organization].requestor = false
* agent[organization].who.identifier 1..1
* agent[organization].who.identifier.system = $ods-org (exactly)
* agent[organization].who.identifier.value 1..1
* agent[server].type = $dcm#110153
* agent[server].requestor = false
* entity ^slicing.discriminator.type = #pattern
* entity ^slicing.discriminator.path = "role"
* entity ^slicing.rules = #open
* entity contains
    patient 1..1 and
    appointment 1..1 and
    responsibleLocalAuthority 1..*
* entity[patient].role = $object-role#1
* entity[patient].what 1..1
* entity[patient].what.identifier 1..1
* entity[patient].what.identifier.system = $nhs-number (exactly)
* entity[patient].what.identifier.value 1..1
* entity[appointment] ^short = "The missed appointment (the contained Appointment)"
* entity[appointment].role = $object-role#4
* entity[appointment].what 1..1
* entity[appointment].what only Reference(CPISMissedAppointment)
* entity[responsibleLocalAuthority] ^short = "A local authority that owns a current or recent plan of the child and is notified"
* entity[responsibleLocalAuthority].role = CPISAuditEntityRole#responsible-local-authority
* entity[responsibleLocalAuthority].what 1..1
* entity[responsibleLocalAuthority].what only Reference(Organization)
* entity[responsibleLocalAuthority].what.identifier 1..1
* entity[responsibleLocalAuthority].what.identifier.system = $ods-org (exactly)
* entity[responsibleLocalAuthority].what.identifier.value 1..1
