Attribute VB_Name = "ClientBase"
' The Start sheet's buttons. Each runs one entry of clientbase_xl.excel.macros through
' xlwings (module "xlwings" in this project); the UDF Modules, Interpreter and Use UDF Server
' settings are on the xlwings.conf sheet. Messages and progress come from Python, in the
' Settings language; until Python has started, the status bar says that it is starting.
Option Explicit

' The project is stored in code page 1252 (English only here; Python speaks Russian).
Private Const STARTING As String = "ClientBase: starting Python..."

Private Sub Launch(Entry As String)
    Application.StatusBar = STARTING
    RunPython "import clientbase_xl.excel.macros as m; m." & Entry & "()"
    ' Python leaves its own last word in the status bar; if it never started, clear ours.
    If CStr(Application.StatusBar) = STARTING Then Application.StatusBar = False
End Sub

Sub CB_Refresh()
    Launch "RefreshAll"
End Sub

Sub CB_RefreshSelected()
    Launch "RefreshSelected"
End Sub

Sub CB_CloseMonth()
    Launch "CloseMonth"
End Sub

Sub CB_CheckInputs()
    Launch "CheckInputs"
End Sub

Sub CB_SplitByManager()
    Launch "SplitByManager"
End Sub
