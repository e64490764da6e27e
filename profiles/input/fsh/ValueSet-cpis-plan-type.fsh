ValueSet: CPISPlanType
Id: cpis-plan-type
Title: "CP-IS Plan Type"
Description: "The three kinds of CP-IS record, as SNOMED CT codes (from NHS England's England-ChildProtectionPlan value set): child protection plan (CPP), looked after child (LAC), and unborn child protection plan (UCPP, held on the pregnant mother's NHS number). An enumerated list, so it can be checked without a SNOMED CT terminology server."
* ^experimental = false
* $sct#342191000000101 "Child protection plan"
* $sct#764841000000100 "Looked after child"
* $sct#818901000000100 "Unborn child protection plan"
