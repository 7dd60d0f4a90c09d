; Packing Station: Windows installer (Inno Setup 6). Build on Windows after the bundle:
;   .venv\Scripts\python -m PyInstaller --noconfirm --distpath build\dist installer\station.spec
;   iscc installer\windows\packing-station.iss        -> build\PackingStationSetup-<version>.exe
; (Not built in CI: Inno Setup and PyInstaller's Windows build run on Windows only.)
;
; Silent install for a fleet (software distribution, GPO, Intune):
;   PackingStationSetup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="%TEMP%\station-setup.log"
;       [/STATION=ST-07] [/WAREHOUSE=WH-SHA] [/CENTRAL=https://wms.example.com] [/SITECONFIG=\\it\packing\site.toml]
; The parameters fill the machine-wide settings %PROGRAMDATA%\PackingStation\station.toml when
; it is first created; an existing file (IT's edits) is never overwritten. Silent uninstall:
;   "%ProgramFiles%\Packing Station\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Then enrol the station (stores its API token in Windows Credential Manager):
;   "%ProgramFiles%\Packing Station\station.exe" enroll https://wms.example.com CODE

#define AppName "Packing Station"
#define AppVersion "0.1.0"
#define Bundle "..\..\build\dist\packing-station"

[Setup]
AppId={{5C0D7F0E-8B7B-4E53-9C61-2B8D51A1C0DE}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Packing Station
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build
OutputBaseFilename=PackingStationSetup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
UninstallDisplayIcon={app}\station.exe

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Dirs]
; machine-wide settings: administrators write, packers read
Name: "{commonappdata}\PackingStation"; Permissions: users-readexec

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\station.toml"; DestDir: "{commonappdata}\PackingStation"; DestName: "station.toml"; Flags: onlyifdoesntexist uninsneveruninstall; AfterInstall: FillSettings

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\station.exe"; Parameters: "run"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\station.exe"; Parameters: "run"; WorkingDir: "{app}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\station.exe"; Parameters: "run"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// Append the values given on the command line (/STATION=... etc.) to the new settings file.
// TOML keys before the first [section]: the defaults file has every key commented out.
procedure AddSetting(var Lines: String; const Key, Param: String; const Quote: Boolean);
var
  Value: String;
begin
  Value := ExpandConstant('{param:' + Param + '|}');
  if Value = '' then
    exit;
  StringChangeEx(Value, '\', '\\', True);
  StringChangeEx(Value, '"', '\"', True);
  if Quote then
    Value := '"' + Value + '"';
  Lines := Lines + Key + ' = ' + Value + #13#10;
end;

procedure FillSettings();
var
  Path, Top, Central: String;
  Text: AnsiString;
begin
  Path := ExpandConstant('{commonappdata}\PackingStation\station.toml');
  Top := '';
  AddSetting(Top, 'station_id', 'STATION', True);
  AddSetting(Top, 'warehouse', 'WAREHOUSE', True);
  AddSetting(Top, 'site_config', 'SITECONFIG', True);
  Central := '';
  AddSetting(Central, 'url', 'CENTRAL', True);
  if (Top = '') and (Central = '') then
    exit;
  if not LoadStringFromFile(Path, Text) then
    Text := '';
  if Central <> '' then
    Central := #13#10 + '[central]' + #13#10 + Central;
  // keys first (TOML: top-level keys must precede every table), then the commented template
  SaveStringToFile(Path, '# set by the installer' + #13#10 + Top + Central + #13#10 + Text, False);
end;
