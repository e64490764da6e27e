Profile: CPISFlag
Parent: Flag
Id: cpis-flag
Title: "CP-IS Flag"
Description: "One CP-IS record: the child is on a child protection plan (CPP), is a looked-after child (LAC), or a pregnant woman's unborn child is on a pre-birth child protection plan (UCPP, held on the mother's record). It says only that: plan type, start and end dates and the responsible local authority, never the plan's contents. Written only by the responsible local authority; an ended plan stays visible for 12 months after its end date."
* ^experimental = false
* obeys cpis-flag-1 and cpis-flag-2 and cpis-flag-3
* extension contains
    CPISLookedAfterLegalStatusExt named lookedAfterLegalStatus 0..1 and
    CPISDeleteDate named deleteDate 0..1
* extension[lookedAfterLegalStatus] ^short = "Legal basis of a looked-after child's status (s31, s38, s20); only on a LAC flag"
* extension[deleteDate] ^short = "Date the local authority wants the record purged"
* identifier 1..*
* identifier ^short = "Identifiers of the record; one is the local authority's own plan id"
* identifier ^slicing.discriminator.type = #profile
* identifier ^slicing.discriminator.path = "$this"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "The local authority plan id is recognised by its system prefix (profile cpis-la-plan-identifier)"
* identifier contains laPlanId 1..1
* identifier[laPlanId] only CPISLAPlanIdentifier
* identifier[laPlanId] ^short = "The local authority's plan id (system https://fhir.cpis.uk/Id/la-plan-id/{LA ODS code})"
* status ^short = "active while the plan is in force | inactive once it has ended (then period.end is required) | entered-in-error"
* category 1..*
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains cpis 1..1
* category[cpis] = CPISFlagCategory#child-protection
* category[cpis] from CPISFlagCategoryVS (required)
* category[cpis] ^short = "Marks the flag as CP-IS child protection information"
* code from CPISPlanType (required)
* code ^short = "Plan type: child protection plan | looked after child | unborn child protection plan (SNOMED CT)"
* subject only Reference(CPISPatient)
* subject ^short = "The child, or the pregnant mother for an unborn child protection plan"
* period 1..1
* period ^short = "Dates of the plan (or of being looked after)"
* period.start 1..1
* period.start ^short = "Date the plan started"
* period.end ^short = "Date the plan ended; the flag stays visible for 12 months after it"
* author 1..1
* author only Reference(CPISLocalAuthority)
* author ^short = "The responsible local authority, whose phone numbers a clinician calls"

Invariant: cpis-flag-1
Description: "The plan's end date, if given, is not before its start date."
Severity: #error
Expression: "(period.end >= period.start).exists() implies (period.end >= period.start)"

Invariant: cpis-flag-2
Description: "An inactive (ended) plan has an end date."
Severity: #error
Expression: "status = 'inactive' implies period.end.exists()"

Invariant: cpis-flag-3
Description: "A looked-after legal status is only given on a looked-after child flag (SNOMED CT 764841000000100)."
Severity: #error
Expression: "extension('https://fhir.cpis.uk/StructureDefinition/cpis-looked-after-legal-status').empty() or code.coding.where(system = 'http://snomed.info/sct' and code = '764841000000100').exists()"
