ValueSet: CPISNotificationTagVS
Id: cpis-notification-tag
Title: "CP-IS Notification Tag"
Description: "All codes of the CodeSystem cpis-notification-tag."
* ^name = "CPISNotificationTag"
* ^experimental = false
* include codes from system CPISNotificationTag
