# Install clientbase_xl for desktop Excel on Windows, and point a workbook at it.
#   powershell -ExecutionPolicy Bypass -File windows.ps1 -Wheel clientbase_xl-X-py3-none-any.whl -Book ClientBase.xlsm
# Installs uv (Astral's installer) if missing, the wheel as a uv tool (its own Python and
# environment), writes that Python into the book's xlwings.conf sheet with
# `clientbase-xl excel-setup`, and says what it did. Written from the tools' documentation;
# not run on Windows here (see docs/excel.md).
param(
    [Parameter(Mandatory = $true)][string]$Wheel,
    [Parameter(Mandatory = $true)][string]$Book
)
$ErrorActionPreference = "Stop"

if (-not (Get-Command uv -ErrorAction SilentlyContinue)) {
    Write-Host "Installing uv..."
    powershell -ExecutionPolicy Bypass -c "irm https://astral.sh/uv/install.ps1 | iex"
    $env:Path = "$env:USERPROFILE\.local\bin;$env:Path"
}
Write-Host "Installing $Wheel as the tool clientbase-xl..."
uv tool install --force --python 3.11 "$Wheel"
$ToolDir = (uv tool dir).Trim()
$Python = Join-Path $ToolDir "clientbase-xl\Scripts\python.exe"
Write-Host "Writing $Python into $Book (sheet xlwings.conf)..."
& $Python -m clientbase_xl.cli excel-setup "$Book" --platform win --interpreter "$Python"
Write-Host ""
Write-Host "Done: uv tool clientbase-xl ($(& $Python -m clientbase_xl.cli --version)), interpreter $Python, book $Book."
