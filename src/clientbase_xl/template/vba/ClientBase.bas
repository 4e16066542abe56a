Attribute VB_Name = "ClientBase"
' The Start sheet's buttons. Each runs one entry of clientbase_xl.excel.macros through
' xlwings (module "xlwings" in this project); the UDF Modules and Interpreter settings are on
' the xlwings.conf sheet. Messages and progress come from Python, in the Settings language.
Option Explicit

Sub CB_Refresh()
    RunPython "import clientbase_xl.excel.macros as m; m.RefreshAll()"
End Sub

Sub CB_RefreshSelected()
    RunPython "import clientbase_xl.excel.macros as m; m.RefreshSelected()"
End Sub

Sub CB_CloseMonth()
    RunPython "import clientbase_xl.excel.macros as m; m.CloseMonth()"
End Sub

Sub CB_CheckInputs()
    RunPython "import clientbase_xl.excel.macros as m; m.CheckInputs()"
End Sub

Sub CB_SplitByManager()
    RunPython "import clientbase_xl.excel.macros as m; m.SplitByManager()"
End Sub
