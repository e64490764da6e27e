CodeSystem: CPISNotificationTag
Id: cpis-notification-tag
Title: "CP-IS Notification Tag"
Description: "Tags (meta.tag) that mark what a notification to a council is beyond an ordinary unscheduled access, and the code of the matching warning a clinician sees (OperationOutcome.issue.details)."
* ^caseSensitive = true
* ^experimental = false
* #repeat-attendance "Repeat attendance" "An unscheduled access that completes (or continues) a repeat-attendance pattern: the child was looked up from the configured number of different care settings (3 by default) within the configured window (30 days by default), counting unscheduled accesses only and each setting (organisation and kind of setting) once."
* #missed-appointment "Missed appointment" "A health organisation in the sharing agreement recorded that the child did not attend a health appointment."
