ValueSet: CPISBoardRoleVS
Id: cpis-board-role
Title: "CP-IS Board Role"
Description: "All codes of the CodeSystem cpis-board-role. Role in which an organisation's representative sits on a board or signs an agreement."
* ^name = "CPISBoardRole"
* ^experimental = false
* include codes from system CPISBoardRole
