Extension: CPISBoardHost
Id: cpis-board-host
Title: "CP-IS Board Host"
Description: "The organisation (normally the council) that hosts the board and to which it is accountable."
* ^context[+].type = #element
* ^context[=].expression = "Group"
* value[x] 1..1
* value[x] only Reference(Organization)
