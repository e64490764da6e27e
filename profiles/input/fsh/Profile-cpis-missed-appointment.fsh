Profile: CPISMissedAppointment
Parent: Appointment
Id: cpis-missed-appointment
Title: "CP-IS Missed Appointment"
Description: "A health organisation in the CP-IS information sharing agreement records that a child with a current or recent CP-IS plan did not attend a health appointment. Minimum data only: the date (start and end), the organisation (its ODS code), the service type and the child (NHS number); never the reason, a description, a comment or any other clinical detail. The council that owns the child's plan is notified (a cpis-missed-appointment-auditevent). Refused with 403 for a child without a current or recent plan, with the same answer as for any child the caller may not record for."
* ^experimental = false
* obeys cpis-appt-1
* status = #noshow (exactly)
* status ^short = "noshow: the child did not attend"
* serviceType 1..*
* serviceType ^short = "The service the appointment was with (e.g. paediatric outpatients, health visiting, dental)"
* start 1..1
* start ^short = "When the missed appointment was"
* end 1..1
* end ^short = "When it was due to end (FHIR R4 wants both or neither)"
* participant 2..2
* participant ^slicing.discriminator.type = #value
* participant ^slicing.discriminator.path = "actor.identifier.system"
* participant ^slicing.rules = #closed
* participant ^slicing.description = "The child and the organisation, each by identifier"
* participant contains
    child 1..1 and
    organization 1..1
* participant.type 0..0
* participant.period 0..0
* participant[child] ^short = "The child (or the mother, for an unborn child protection plan), by NHS number"
* participant[child].actor 1..1
* participant[child].actor.reference 0..0
* participant[child].actor.identifier 1..1
* participant[child].actor.identifier.system 1..1
* participant[child].actor.identifier.system = $nhs-number (exactly)
* participant[child].actor.identifier.value 1..1
* participant[organization] ^short = "The health organisation recording it (its own ODS code)"
* participant[organization].actor 1..1
* participant[organization].actor.reference 0..0
* participant[organization].actor.identifier 1..1
* participant[organization].actor.identifier.system 1..1
* participant[organization].actor.identifier.system = $ods-org (exactly)
* participant[organization].actor.identifier.value 1..1
* text 0..0
* contained 0..0
* extension 0..0
* modifierExtension 0..0
* identifier 0..0
* cancelationReason 0..0
* serviceCategory 0..0
* specialty 0..0
* appointmentType 0..0
* reasonCode 0..0
* reasonReference 0..0
* priority 0..0
* description 0..0
* supportingInformation 0..0
* slot 0..0
* comment 0..0
* patientInstruction 0..0
* basedOn 0..0
* requestedPeriod 0..0

Invariant: cpis-appt-1
Description: "A missed appointment has already started."
Severity: #error
Expression: "start <= now()"
