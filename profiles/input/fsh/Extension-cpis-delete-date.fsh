Extension: CPISDeleteDate
Id: cpis-delete-date
Title: "CP-IS Delete Date"
Description: "The date on which the responsible local authority wants the CP-IS record purged."
* ^context[+].type = #element
* ^context[=].expression = "Flag"
* value[x] 1..1
* value[x] only date
