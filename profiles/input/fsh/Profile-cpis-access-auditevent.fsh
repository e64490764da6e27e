Profile: CPISAccessAuditEvent
Parent: AuditEvent
Id: cpis-access-auditevent
Title: "CP-IS Access AuditEvent"
Description: "One access to a child's CP-IS information: when, who (user, name, job role), from which organisation and care setting, and whether it was unscheduled (recorded in the access history, shown to clinicians as the last 25 accesses, and notified to the responsible local authority) or scheduled (silent). Never the reason for the visit or any clinical detail. Modelled on the IHE Basic Audit Log Patterns (BALP) PatientRead and PatientQuery profiles (https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead): RESTful type, read/search subtype, user, organisation and server agents, patient entity."
* ^experimental = false
* obeys cpis-audit-1
* extension contains
    CPISAccessTypeExt named accessType 1..1 and
    CPISCareSettingExt named careSetting 0..1
* extension[accessType] ^short = "unscheduled (B0107: recorded and notified) | scheduled (B0170: silent)"
* extension[careSetting] ^short = "Kind of care setting the query came from; required for unscheduled access"
* type = $audit-event-type#rest
* type ^short = "RESTful operation (as BALP)"
* subtype 1..*
* subtype.system 1..1
* subtype.system = $restful-interaction (exactly)
* subtype.code 1..1
* subtype ^short = "The FHIR interaction used: read | search-type | operation"
* action 1..1
* action = #R (exactly)
* recorded ^short = "When the CP-IS information was accessed"
* outcome 1..1
* outcome ^short = "0 success (including a search that found nothing) | 4 | 8 | 12 failure"
* agent ^slicing.discriminator.type = #pattern
* agent ^slicing.discriminator.path = "type"
* agent ^slicing.rules = #open
* agent ^slicing.description = "Sliced by agent type, as in IHE BALP"
* agent contains
    user 1..1 and
    organization 1..1 and
    server 1..1
* agent[user] ^short = "The clinician who viewed the information (NHS CIS2 smartcard user)"
* agent[user].type 1..1
* agent[user].type = $v3-ParticipationType#IRCP
* agent[user].requestor = true
* agent[user].who 1..1
* agent[user].who.identifier 1..1
* agent[user].who.identifier.system 1..1
* agent[user].who.identifier.system = $sds-user (exactly)
* agent[user].who.identifier.value 1..1
* agent[user].who.identifier ^short = "CIS2 (SDS) user id"
* agent[user].who.display 1..1
* agent[user].who.display ^short = "The user's name"
* agent[user].role ^short = "Job role code of the user, e.g. R8000 clinical practitioner (system https://fhir.nhs.uk/CodeSystem/NHSDigital-SDS-JobRoleCode)"
* agent[organization] ^short = "The organisation (ODS code) the user worked for when viewing"
* agent[organization].type 1..1
* agent[organization].type = $v3-RoleClass#PROV
* agent[organization].requestor = false
* agent[organization].who 1..1
* agent[organization].who.identifier 1..1
* agent[organization].who.identifier.system 1..1
* agent[organization].who.identifier.system = $ods-org (exactly)
* agent[organization].who.identifier.value 1..1
* agent[server] ^short = "The CP-IS server that supplied the information"
* agent[server].type 1..1
* agent[server].type = $dcm#110153
* agent[server].requestor = false
* source ^short = "The CP-IS server that recorded the event"
* source.observer ^short = "The CP-IS server (Device) or its operating Organization (display)"
* entity ^slicing.discriminator.type = #pattern
* entity ^slicing.discriminator.path = "role"
* entity ^slicing.rules = #open
* entity ^slicing.description = "Sliced by entity role"
* entity contains
    patient 1..1 and
    flag 0..* and
    responsibleLocalAuthority 0..*
* entity[patient] ^short = "The child (or mother, for an unborn child protection plan) whose CP-IS information was accessed"
* entity[patient].role 1..1
* entity[patient].role = $object-role#1
* entity[patient].what 1..1
* entity[patient].what only Reference(Patient)
* entity[patient].what.identifier 1..1
* entity[patient].what.identifier.system 1..1
* entity[patient].what.identifier.system = $nhs-number (exactly)
* entity[patient].what.identifier.value 1..1
* entity[flag] ^short = "A CP-IS flag that was shown"
* entity[flag].role 1..1
* entity[flag].role = $object-role#4
* entity[flag].what 1..1
* entity[flag].what only Reference(Flag)
* entity[responsibleLocalAuthority] ^short = "The local authority that owns the record and is notified of the access"
* entity[responsibleLocalAuthority].role 1..1
* entity[responsibleLocalAuthority].role = CPISAuditEntityRole#responsible-local-authority
* entity[responsibleLocalAuthority].role from CPISAuditEntityRoleVS (required)
* entity[responsibleLocalAuthority].what 1..1
* entity[responsibleLocalAuthority].what only Reference(Organization)
* entity[responsibleLocalAuthority].what.identifier 1..1
* entity[responsibleLocalAuthority].what.identifier.system 1..1
* entity[responsibleLocalAuthority].what.identifier.system = $ods-org (exactly)
* entity[responsibleLocalAuthority].what.identifier.value 1..1

Invariant: cpis-audit-1
Description: "An unscheduled access records the care setting it came from."
Severity: #error
Expression: "extension('https://fhir.cpis.uk/StructureDefinition/cpis-access-type').value = 'unscheduled' implies extension('https://fhir.cpis.uk/StructureDefinition/cpis-care-setting').exists()"
