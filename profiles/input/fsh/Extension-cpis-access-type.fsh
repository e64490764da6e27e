Extension: CPISAccessTypeExt
Id: cpis-access-type
Title: "CP-IS Access Type"
Description: "Whether a CP-IS query was unscheduled (national RBAC activity B0107: recorded in the access history and notified to the responsible local authority) or scheduled (activity B0170: a silent read)."
* ^context[+].type = #element
* ^context[=].expression = "AuditEvent"
* value[x] 1..1
* value[x] only code
* value[x] from CPISAccessTypeVS (required)
