Extension: CPISBoardAccountableTo
Id: cpis-board-accountable-to
Title: "CP-IS Board Accountable To"
Description: "Another board (Group) to which this board is accountable, e.g. a partnership group accountable to the Children's Trust Board."
* ^context[+].type = #element
* ^context[=].expression = "Group"
* value[x] 1..1
* value[x] only Reference(Group)
