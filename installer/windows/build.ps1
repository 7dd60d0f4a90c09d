# Build the Windows installer: the PyInstaller bundle, then Inno Setup with the version read
# from station/__init__.py (never written twice). Run from the repository root on Windows:
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
$ErrorActionPreference = "Stop"
$version = (Select-String -Path station\__init__.py -Pattern '^__version__ = "(.+)"').Matches[0].Groups[1].Value
.venv\Scripts\python -m PyInstaller --noconfirm --distpath build\dist --workpath build\pyinstaller installer\station.spec
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
.venv\Scripts\python installer\licences.py build\dist\packing-station
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
iscc "/DAppVersion=$version" installer\windows\packing-station.iss
exit $LASTEXITCODE
