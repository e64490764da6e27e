ValueSet: CPISCareSettingVS
Id: cpis-care-setting
Title: "CP-IS Care Setting"
Description: "All codes of the CodeSystem cpis-care-setting. The kind of care setting from which a clinician queried CP-IS."
* ^name = "CPISCareSetting"
* ^experimental = false
* include codes from system CPISCareSetting
