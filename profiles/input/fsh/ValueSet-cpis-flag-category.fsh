ValueSet: CPISFlagCategoryVS
Id: cpis-flag-category
Title: "CP-IS Flag Category"
Description: "All codes of the CodeSystem cpis-flag-category. Category that marks a Flag as CP-IS child protection information (as opposed to any other alert a system may hold)."
* ^name = "CPISFlagCategory"
* ^experimental = false
* include codes from system CPISFlagCategory
