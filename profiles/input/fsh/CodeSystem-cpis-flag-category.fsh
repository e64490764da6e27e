CodeSystem: CPISFlagCategory
Id: cpis-flag-category
Title: "CP-IS Flag Category"
Description: "Category that marks a Flag as CP-IS child protection information (as opposed to any other alert a system may hold)."
* ^caseSensitive = true
* ^experimental = false
* #child-protection "CP-IS child protection information" "The flag says the child is on a child protection plan, is looked after, or (held on the mother's record) has an unborn child on a pre-birth child protection plan. It never carries the plan's contents."
