// Valid examples of cpis-flag, one per plan type plus an ended plan.

Instance: cpis-flag-cpp
InstanceOf: CPISFlag
Usage: #example
Title: "Child protection plan"
Description: "An active child protection plan."
* identifier[laPlanId].system = "https://fhir.cpis.uk/Id/la-plan-id/X99LA"
* identifier[laPlanId].value = "CPP-2025-0001"
* status = #active
* category[cpis] = CPISFlagCategory#child-protection "CP-IS child protection information"
* code = $sct#342191000000101 "Child protection plan"
* subject = Reference(cpis-patient-child-cpp)
* period.start = "2025-03-01"
* author = Reference(cpis-local-authority-example)

Instance: cpis-flag-lac
InstanceOf: CPISFlag
Usage: #example
Title: "Looked-after child"
Description: "A looked-after child under a full care order (s31), with the date the local authority wants the record purged."
* extension[lookedAfterLegalStatus].valueCoding = CPISLookedAfterLegalStatus#s31 "Full care order (Children Act 1989 s31)"
* extension[deleteDate].valueDate = "2031-09-30"
* identifier[laPlanId].system = "https://fhir.cpis.uk/Id/la-plan-id/X99LA"
* identifier[laPlanId].value = "LAC-2023-0042"
* status = #active
* category[cpis] = CPISFlagCategory#child-protection "CP-IS child protection information"
* code = $sct#764841000000100 "Looked after child"
* subject = Reference(cpis-patient-child-lac)
* period.start = "2023-11-15"
* author = Reference(cpis-local-authority-example)

Instance: cpis-flag-ucpp
InstanceOf: CPISFlag
Usage: #example
Title: "Unborn child protection plan"
Description: "A pre-birth child protection plan, held on the mother's NHS number."
* identifier[laPlanId].system = "https://fhir.cpis.uk/Id/la-plan-id/X99LA"
* identifier[laPlanId].value = "UCPP-2025-0007"
* status = #active
* category[cpis] = CPISFlagCategory#child-protection "CP-IS child protection information"
* code = $sct#818901000000100 "Unborn child protection plan"
* subject = Reference(cpis-patient-mother-ucpp)
* period.start = "2025-05-20"
* author = Reference(cpis-local-authority-example)

Instance: cpis-flag-ended
InstanceOf: CPISFlag
Usage: #example
Title: "Ended child protection plan"
Description: "A child protection plan that has ended; it stays visible for 12 months after its end date."
* identifier[laPlanId].system = "https://fhir.cpis.uk/Id/la-plan-id/X99LA"
* identifier[laPlanId].value = "CPP-2023-0310"
* status = #inactive
* category[cpis] = CPISFlagCategory#child-protection "CP-IS child protection information"
* code = $sct#342191000000101 "Child protection plan"
* subject = Reference(cpis-patient-child-ended)
* period.start = "2023-10-02"
* period.end = "2025-01-31"
* author = Reference(cpis-local-authority-example)
