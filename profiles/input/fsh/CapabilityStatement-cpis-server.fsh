Instance: cpis-server
InstanceOf: CapabilityStatement
Usage: #definition
Title: "CP-IS Server requirements"
Description: "What a CP-IS FHIR server must support, by actor."
* url = "https://fhir.cpis.uk/CapabilityStatement/cpis-server"
* version = "0.1.0"
* name = "CPISServer"
* title = "CP-IS Server requirements"
* status = #draft
* experimental = false
* date = "2025-01-01"
* publisher = "CP-IS"
* description = """
The interactions a CP-IS FHIR R4 server supports, by the actor that uses them:
- Local authority children's social care system: uploads its records as a transaction or batch Bundle (each record accepted or rejected on its own) and creates, updates and reads Patient and Flag (plus its own Organization).
- Clinician in an unscheduled care setting (or a scheduled one, silently): searches Flag by patient:identifier (the NHS number of the child, or of the mother for an unborn child protection plan), CareTeam by patient:identifier as NHS England's CP-IS API does, and AuditEvent for the last 25 accesses, or asks for all of it at once (GET Patient/$cpis-lookup?identifier={NHS number system}|{number}: plans, council contacts, warnings and access history in one collection Bundle). Each unscheduled query is recorded as a cpis-access-auditevent and notified to the responsible local authority. Nothing found is an empty searchset, not an error.
- Board administrator: maintains partner agencies (Organization), boards and information sharing agreements (Group) and board seats (PractitionerRole); asks whether an organisation is a current signatory (GET Organization/$cpis-signatory?identifier={ODS system}|{code}, also open to councils and clinicians) and for the board statistics (GET $cpis-statistics?start=YYYY-MM&end=YYYY-MM[&council={ODS code}], whole calendar months that have passed only (or a month's first and last day, YYYY-MM-DD; any other day is refused with 400; an end in a month not yet over counts to the end of the last whole month), a Parameters resource of counts for the period: plans active at its end, started and ended, by plan type; unscheduled accesses; children accessed; repeat-attendance alerts; notifications delivered to councils; statistical disclosure control: counts below 5 suppressed and every other count rounded to the nearest 5, each figure from its own count).
- Local authority system, notifications: subscribes to its own notifications with a rest-hook Subscription (criteria AuditEvent?responsible-la=<its ODS code>), delivered at least once as PUT {endpoint}/AuditEvent/{id}, or pulls them with AuditEvent?responsible-la=<its ODS code>&date=gt<last seen>. Notifications are unscheduled accesses (tagged repeat-attendance when a child was looked up from 3 or more care settings within 30 days) and missed appointments.
- Health organisation in the sharing agreement: records that a child with a current or recent plan missed a health appointment (Appointment, status noshow, minimum data).
"""
* kind = #requirements
* fhirVersion = #4.0.1
* format[+] = #json
* format[+] = #xml
* rest[+].mode = #server
* rest[=].documentation = "Clinical users authenticate with NHS CIS2 (smartcard, OpenID Connect); local authority systems with their own credentials. Every access is tied to a person, a role and an organisation."
* rest[=].interaction[+].code = #transaction
* rest[=].interaction[=].documentation = "Local authority upload of its records."
* rest[=].interaction[+].code = #batch
* rest[=].interaction[=].documentation = "Local authority upload of its records, each accepted or rejected on its own."

// Patient: written by the LA system, read by all
* rest[=].resource[+].type = #Patient
* rest[=].resource[=].profile = "http://hl7.org/fhir/StructureDefinition/Patient"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-patient"
* rest[=].resource[=].documentation = "Local authority system: create, update, read. Identified by NHS number."
* rest[=].resource[=].interaction[+].code = #create
* rest[=].resource[=].interaction[+].code = #update
* rest[=].resource[=].interaction[+].code = #read
* rest[=].resource[=].interaction[+].code = #search-type
* rest[=].resource[=].searchParam[+].name = "identifier"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/Patient-identifier"
* rest[=].resource[=].searchParam[=].type = #token

// Flag: written by the LA system, searched by clinicians
* rest[=].resource[+].type = #Flag
* rest[=].resource[=].profile = "http://hl7.org/fhir/StructureDefinition/Flag"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-flag"
* rest[=].resource[=].documentation = "Local authority system: create, update, read. Clinician: search by patient:identifier (NHS number), with _include=Flag:author for the local authority's phone numbers."
* rest[=].resource[=].interaction[+].code = #create
* rest[=].resource[=].interaction[+].code = #update
* rest[=].resource[=].interaction[+].code = #read
* rest[=].resource[=].interaction[+].code = #search-type
* rest[=].resource[=].searchInclude[+] = "Flag:author"
* rest[=].resource[=].searchInclude[+] = "Flag:patient"
* rest[=].resource[=].searchParam[+].name = "patient"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/clinical-patient"
* rest[=].resource[=].searchParam[=].type = #reference
* rest[=].resource[=].searchParam[=].documentation = "Use patient:identifier=https://fhir.nhs.uk/Id/nhs-number|{NHS number}."
* rest[=].resource[=].searchParam[+].name = "identifier"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/Flag-identifier"
* rest[=].resource[=].searchParam[=].type = #token
* rest[=].resource[=].searchParam[+].name = "code"
* rest[=].resource[=].searchParam[=].definition = "https://fhir.cpis.uk/SearchParameter/Flag-code"
* rest[=].resource[=].searchParam[=].type = #token
* rest[=].resource[=].searchParam[+].name = "status"
* rest[=].resource[=].searchParam[=].definition = "https://fhir.cpis.uk/SearchParameter/Flag-status"
* rest[=].resource[=].searchParam[=].type = #token
* rest[=].resource[=].searchParam[+].name = "category"
* rest[=].resource[=].searchParam[=].definition = "https://fhir.cpis.uk/SearchParameter/Flag-category"
* rest[=].resource[=].searchParam[=].type = #token
* rest[=].resource[=].searchParam[+].name = "delete-date"
* rest[=].resource[=].searchParam[=].definition = "https://fhir.cpis.uk/SearchParameter/Flag-delete-date"
* rest[=].resource[=].searchParam[=].type = #date
* rest[=].resource[=].searchParam[=].documentation = "Council: its plans due for purge. The server purges a plan on its delete date."
* rest[=].resource[=].searchParam[+].name = "period-start"
* rest[=].resource[=].searchParam[=].definition = "https://fhir.cpis.uk/SearchParameter/Flag-period-start"
* rest[=].resource[=].searchParam[=].type = #date
* rest[=].resource[=].searchParam[=].documentation = "Council: its plans started in a period. The board statistics count with it."
* rest[=].resource[=].searchParam[+].name = "period-end"
* rest[=].resource[=].searchParam[=].definition = "https://fhir.cpis.uk/SearchParameter/Flag-period-end"
* rest[=].resource[=].searchParam[=].type = #date
* rest[=].resource[=].searchParam[=].documentation = "Council: its plans ended in a period. The board statistics count with it."

// CareTeam: NHS England CP-IS API compatible view of a plan
* rest[=].resource[+].type = #CareTeam
* rest[=].resource[=].profile = "http://hl7.org/fhir/StructureDefinition/CareTeam"
* rest[=].resource[=].documentation = "Clinician: search by patient:identifier, one CareTeam per plan as in NHS England's CP-IS FHIR API (category = plan type, period = plan dates, name = local authority, telecom = its phones)."
* rest[=].resource[=].interaction[+].code = #search-type
* rest[=].resource[=].searchParam[+].name = "patient"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/clinical-patient"
* rest[=].resource[=].searchParam[=].type = #reference

// AuditEvent: access history
* rest[=].resource[+].type = #AuditEvent
* rest[=].resource[=].profile = "http://hl7.org/fhir/StructureDefinition/AuditEvent"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-access-auditevent"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-missed-appointment-auditevent"
* rest[=].resource[=].documentation = "Clinician: search by patient:identifier for the last 25 unscheduled accesses (_sort=-date&_count=25). Local authority: its notifications (unscheduled accesses and missed appointments of its children), search by responsible-la (its own ODS code) and date, paged; another council's code is refused with 403. Written by the server itself, never by clients."
* rest[=].resource[=].interaction[+].code = #read
* rest[=].resource[=].interaction[+].code = #search-type
* rest[=].resource[=].searchParam[+].name = "patient"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/AuditEvent-patient"
* rest[=].resource[=].searchParam[=].type = #reference
* rest[=].resource[=].searchParam[+].name = "date"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/AuditEvent-date"
* rest[=].resource[=].searchParam[=].type = #date
* rest[=].resource[=].searchParam[+].name = "responsible-la"
* rest[=].resource[=].searchParam[=].definition = "https://fhir.cpis.uk/SearchParameter/AuditEvent-responsible-la"
* rest[=].resource[=].searchParam[=].type = #reference
* rest[=].resource[=].searchParam[+].name = "access-type"
* rest[=].resource[=].searchParam[=].definition = "https://fhir.cpis.uk/SearchParameter/AuditEvent-access-type"
* rest[=].resource[=].searchParam[=].type = #token
* rest[=].resource[=].searchParam[+].name = "_tag"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/Resource-tag"
* rest[=].resource[=].searchParam[=].type = #token
* rest[=].resource[=].searchParam[=].documentation = "https://fhir.cpis.uk/CodeSystem/cpis-notification-tag|repeat-attendance or |missed-appointment"

// Subscription: a council's notifications, pushed
* rest[=].resource[+].type = #Subscription
* rest[=].resource[=].profile = "http://hl7.org/fhir/StructureDefinition/Subscription"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-notification-subscription"
* rest[=].resource[=].documentation = "Local authority system: create, read, update, delete and search its own rest-hook Subscriptions on its own notifications (AuditEvent?responsible-la=<its ODS code>); another council's criteria are refused with 403 and another council's Subscription is not known (404)."
* rest[=].resource[=].interaction[+].code = #create
* rest[=].resource[=].interaction[+].code = #update
* rest[=].resource[=].interaction[+].code = #delete
* rest[=].resource[=].interaction[+].code = #read
* rest[=].resource[=].interaction[+].code = #search-type

// Appointment: missed appointments
* rest[=].resource[+].type = #Appointment
* rest[=].resource[=].profile = "http://hl7.org/fhir/StructureDefinition/Appointment"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-missed-appointment"
* rest[=].resource[=].documentation = "Health organisation in the sharing agreement: create only, status noshow, for a child with a current or recent plan (403 otherwise, without telling whether a plan exists). The owning councils are notified."
* rest[=].resource[=].interaction[+].code = #create

// Organization: partner agencies and local authorities
* rest[=].resource[+].type = #Organization
* rest[=].resource[=].profile = "http://hl7.org/fhir/StructureDefinition/Organization"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-organization"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-local-authority"
* rest[=].resource[=].documentation = "Board administrator: create, update, read, search partner agencies. Clinician: read the responsible local authority (name and phones)."
* rest[=].resource[=].interaction[+].code = #create
* rest[=].resource[=].interaction[+].code = #update
* rest[=].resource[=].interaction[+].code = #read
* rest[=].resource[=].interaction[+].code = #search-type
* rest[=].resource[=].searchParam[+].name = "identifier"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/Organization-identifier"
* rest[=].resource[=].searchParam[=].type = #token
* rest[=].resource[=].searchParam[+].name = "name"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/Organization-name"
* rest[=].resource[=].searchParam[=].type = #string
* rest[=].resource[=].searchParam[+].name = "type"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/Organization-type"
* rest[=].resource[=].searchParam[=].type = #token

// Group: boards and information sharing agreements
* rest[=].resource[+].type = #Group
* rest[=].resource[=].profile = "http://hl7.org/fhir/StructureDefinition/Group"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-board"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-information-sharing-agreement"
* rest[=].resource[=].documentation = "Board administrator: create, update, read, search boards and information sharing agreements."
* rest[=].resource[=].interaction[+].code = #create
* rest[=].resource[=].interaction[+].code = #update
* rest[=].resource[=].interaction[+].code = #read
* rest[=].resource[=].interaction[+].code = #search-type
* rest[=].resource[=].searchParam[+].name = "code"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/Group-code"
* rest[=].resource[=].searchParam[=].type = #token
* rest[=].resource[=].searchParam[+].name = "member"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/Group-member"
* rest[=].resource[=].searchParam[=].type = #reference
* rest[=].resource[=].searchParam[+].name = "accountable-to"
* rest[=].resource[=].searchParam[=].definition = "https://fhir.cpis.uk/SearchParameter/Group-accountable-to"
* rest[=].resource[=].searchParam[=].type = #reference

// PractitionerRole: board seats
* rest[=].resource[+].type = #PractitionerRole
* rest[=].resource[=].profile = "http://hl7.org/fhir/StructureDefinition/PractitionerRole"
* rest[=].resource[=].supportedProfile[+] = "https://fhir.cpis.uk/StructureDefinition/cpis-board-seat"
* rest[=].resource[=].documentation = "Board administrator: create, update, read, search board seats."
* rest[=].resource[=].interaction[+].code = #create
* rest[=].resource[=].interaction[+].code = #update
* rest[=].resource[=].interaction[+].code = #read
* rest[=].resource[=].interaction[+].code = #search-type
* rest[=].resource[=].searchParam[+].name = "organization"
* rest[=].resource[=].searchParam[=].definition = "http://hl7.org/fhir/SearchParameter/PractitionerRole-organization"
* rest[=].resource[=].searchParam[=].type = #reference
* rest[=].resource[=].searchParam[+].name = "board-role"
* rest[=].resource[=].searchParam[=].definition = "https://fhir.cpis.uk/SearchParameter/PractitionerRole-board-role"
* rest[=].resource[=].searchParam[=].type = #token
