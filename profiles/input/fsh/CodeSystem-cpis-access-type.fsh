CodeSystem: CPISAccessType
Id: cpis-access-type
Title: "CP-IS Access Type"
Description: "Whether a CP-IS query came from an unscheduled or a scheduled care setting, which decides whether it is recorded and notified."
* ^caseSensitive = true
* ^experimental = false
* #unscheduled "Unscheduled care access" "Query from an unscheduled care setting (national RBAC activity B0107): recorded in the child's access history and notified to the responsible local authority."
* #scheduled "Scheduled care access" "Query from a scheduled care setting (national RBAC activity B0170), e.g. GP in hours, school nursing, health visiting, CAMHS: a silent read, neither recorded in the access history nor notified."
