Extension: CPISCareSettingExt
Id: cpis-care-setting
Title: "CP-IS Care Setting"
Description: "The kind of care setting (emergency department, walk-in centre, GP out of hours...) from which the clinician queried CP-IS."
* ^context[+].type = #element
* ^context[=].expression = "AuditEvent"
* value[x] 1..1
* value[x] only Coding
* value[x] from CPISCareSettingVS (required)
