Extension: CPISLookedAfterLegalStatusExt
Id: cpis-looked-after-legal-status
Title: "CP-IS Looked After Legal Status"
Description: "The legal basis on which a looked-after child is looked after (Children Act 1989 s31 full care order, s38 interim care order, s20 voluntary agreement). Only allowed on a looked-after child (LAC) Flag."
* ^context[+].type = #element
* ^context[=].expression = "Flag"
* value[x] 1..1
* value[x] only Coding
* value[x] from CPISLookedAfterLegalStatusVS (required)
