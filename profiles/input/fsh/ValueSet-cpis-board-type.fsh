ValueSet: CPISBoardTypeVS
Id: cpis-board-type
Title: "CP-IS Board Type"
Description: "All codes of the CodeSystem cpis-board-type. Kinds of board, partnership or agreement through which partner agencies work together to safeguard children."
* ^name = "CPISBoardType"
* ^experimental = false
* include codes from system CPISBoardType
