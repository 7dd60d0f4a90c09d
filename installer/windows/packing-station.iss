; Packing Station: Windows installer (Inno Setup 6). Build on Windows with
;   powershell -File installer\windows\build.ps1     -> build\PackingStationSetup-<version>.exe
; (the bundle with PyInstaller, then iscc /DAppVersion=<station.__version__> on this script).
; (Not built in CI: Inno Setup and PyInstaller's Windows build run on Windows only.)
;
; Silent install for a fleet (software distribution, GPO, Intune):
;   PackingStationSetup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="%TEMP%\station-setup.log"
;       [/STATION=ST-07] [/WAREHOUSE=WH-SHA] [/CENTRAL=https://wms.example.com] [/SITECONFIG=\\it\packing\site.toml]
; The parameters fill the machine-wide settings %PROGRAMDATA%\PackingStation\station.toml when
; it is first created; an existing file (IT's edits) is never overwritten. Silent uninstall:
;   "%ProgramFiles%\Packing Station\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Then enrol the PC once, for every Windows user of it (as administrator; the token goes to
; %PROGRAMDATA%\PackingStation\token, which Users may read, not change):
;   "%ProgramFiles%\Packing Station\station-cli.exe" enroll --machine https://wms.example.com CODE

#define AppName "Packing Station"
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=<station.__version__> (installer\windows\build.ps1 does)
#endif
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
; Inno Setup 6 ships no Simplified Chinese wizard (it is an "unofficial" translation): used
; when the build machine has it in Inno's Languages folder, else the wizard is English only.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[InstallDelete]
; An upgrade must not keep the previous bundle's libraries (stale DLLs beside new ones).
Type: filesandordirs; Name: "{app}\_internal"

[Dirs]
; Settings and the machine's token: administrators and SYSTEM change them, Users only read (the
; ACL is set explicitly in [Run]: ProgramData's inherited ACL would let any user create site.toml
; there). Data (the station's database, evidence): one station for every Windows user of this PC.
Name: "{commonappdata}\PackingStation"
Name: "{commonappdata}\PackingStation\data"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\station.toml"; DestDir: "{commonappdata}\PackingStation"; DestName: "station.toml"; Flags: onlyifdoesntexist uninsneveruninstall; AfterInstall: FillSettings

[Icons]
; station.exe is the windowed build (no console: closing a console window would kill the
; station); station-cli.exe the console one for doctor, enroll and db upgrade.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\station.exe"; Parameters: "run"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\station.exe"; Parameters: "run"; WorkingDir: "{app}"; Tasks: desktopicon
; Every user who logs on to the bench PC gets the station (untick for an office PC).
Name: "{commonstartup}\{#AppName}"; Filename: "{app}\station.exe"; Parameters: "run"; WorkingDir: "{app}"; Tasks: autostart

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "autostart"; Description: "Start the station when a user logs on"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
; *S-1-5-32-544 Administrators, *S-1-5-18 SYSTEM, *S-1-5-32-545 Users (names differ by language).
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\PackingStation"" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX"; Flags: runhidden waituntilterminated
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\PackingStation\data"" /grant:r *S-1-5-32-545:(OI)(CI)M"; Flags: runhidden waituntilterminated
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
