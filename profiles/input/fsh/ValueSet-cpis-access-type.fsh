ValueSet: CPISAccessTypeVS
Id: cpis-access-type
Title: "CP-IS Access Type"
Description: "All codes of the CodeSystem cpis-access-type. Whether a CP-IS query came from an unscheduled or a scheduled care setting, which decides whether it is recorded and notified."
* ^name = "CPISAccessType"
* ^experimental = false
* include codes from system CPISAccessType
