; Inno Setup 6 script: the Windows installer of Compliance Workbench.
;
; Build on Windows, after `python installer\build.py --bundle-only` has made dist\workbench\:
;     ISCC /DAppVersion=0.1.0 installer\windows\workbench.iss
; (`python installer\build.py` does both when ISCC.exe is on PATH.)
; Result: installer\dist\compliance-workbench-<version>-windows-x64-setup.exe
;
; What it installs:
;   - the one-folder bundle under Program Files (all users, when run as administrator) or
;     %LOCALAPPDATA%\Programs (one user, no administrator rights needed: the default, because
;     compliance staff rarely have them; IT can deploy per machine with /ALLUSERS);
;   - a Start-menu entry (and optionally a desktop icon) that starts the window without a
;     console: workbench-gui.exe. workbench.exe is the same program for the command line;
;   - rule packs: "Validate rule pack" and "Import rule pack into Compliance Workbench" in the
;     right-click menu of .yaml and .yml files. Windows keys associations on the last extension
;     only, so a ".wbrules.yaml" association is impossible there, and taking over every .yaml
;     file would break the users' editors; verbs under SystemFileAssociations add to the menu
;     without changing what a double-click opens. Both run the command line in a console that
;     stays open, so the user reads the result; import goes to the default database;
;   - an uninstaller (Settings > Apps), which removes all of the above and keeps the user's
;     databases and settings (%LOCALAPPDATA%\ComplianceWorkbench, registry settings).
;
; Silent install for IT: setup.exe /VERYSILENT /ALLUSERS /NORESTART

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (workbench.__version__; build.py does this)
#endif

#define AppName "Compliance Workbench"
#define AppPublisher "Compliance Workbench"
#define AppExe "workbench.exe"
#define AppGuiExe "workbench-gui.exe"
#define AppUserModelId "ComplianceWorkbench.Workbench"
#define Bundle "..\dist\workbench"

[Setup]
; AppId identifies the product across versions (upgrades replace, uninstall finds it): never change.
AppId={{6C1E7C0B-2F64-4C7B-9E3A-5B0C1D7A9E21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=compliance-workbench-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\app\app.ico
UninstallDisplayIcon={app}\{#AppGuiExe}
UninstallDisplayName={#AppName} {#AppVersion}
ChangesAssociations=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "rulepackverbs"; Description: "Add ""Validate"" and ""Import"" for rule packs to the right-click menu of .yaml files"; GroupDescription: "Rule packs:"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the whole library folder: stale modules from an older version must not load.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppGuiExe}"; Parameters: "gui"; WorkingDir: "{userdocs}"; AppUserModelID: "{#AppUserModelId}"; Comment: "Impact of export restrictions on service obligations"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppGuiExe}"; Parameters: "gui"; WorkingDir: "{userdocs}"; AppUserModelID: "{#AppUserModelId}"; Tasks: desktopicon

[Registry]
; HKA = HKLM for an all-users install, HKCU for a per-user one. uninsdeletekey removes each verb.
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yaml\shell\ComplianceWorkbench.Validate"; ValueType: string; ValueName: ""; ValueData: "Validate rule pack"; Flags: uninsdeletekey; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yaml\shell\ComplianceWorkbench.Validate"; ValueType: string; ValueName: "Icon"; ValueData: """{app}\{#AppExe}"",0"; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yaml\shell\ComplianceWorkbench.Validate\command"; ValueType: string; ValueName: ""; ValueData: "cmd.exe /k """"{app}\{#AppExe}"" rules validate ""%1"""""; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yaml\shell\ComplianceWorkbench.Import"; ValueType: string; ValueName: ""; ValueData: "Import rule pack into {#AppName}"; Flags: uninsdeletekey; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yaml\shell\ComplianceWorkbench.Import"; ValueType: string; ValueName: "Icon"; ValueData: """{app}\{#AppExe}"",0"; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yaml\shell\ComplianceWorkbench.Import\command"; ValueType: string; ValueName: ""; ValueData: "cmd.exe /k """"{app}\{#AppExe}"" rules import ""%1"""""; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yml\shell\ComplianceWorkbench.Validate"; ValueType: string; ValueName: ""; ValueData: "Validate rule pack"; Flags: uninsdeletekey; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yml\shell\ComplianceWorkbench.Validate"; ValueType: string; ValueName: "Icon"; ValueData: """{app}\{#AppExe}"",0"; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yml\shell\ComplianceWorkbench.Validate\command"; ValueType: string; ValueName: ""; ValueData: "cmd.exe /k """"{app}\{#AppExe}"" rules validate ""%1"""""; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yml\shell\ComplianceWorkbench.Import"; ValueType: string; ValueName: ""; ValueData: "Import rule pack into {#AppName}"; Flags: uninsdeletekey; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yml\shell\ComplianceWorkbench.Import"; ValueType: string; ValueName: "Icon"; ValueData: """{app}\{#AppExe}"",0"; Tasks: rulepackverbs
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yml\shell\ComplianceWorkbench.Import\command"; ValueType: string; ValueName: ""; ValueData: "cmd.exe /k """"{app}\{#AppExe}"" rules import ""%1"""""; Tasks: rulepackverbs
; "workbench" on PATH for the command line is left to IT (a per-user PATH edit is easy to get
; wrong and hard to undo); the console executable's folder is shown after installation.

[Run]
Filename: "{app}\{#AppGuiExe}"; Parameters: "gui"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python writes no caches into a frozen app; remove anything a crash dump or log left beside it.
Type: filesandordirs; Name: "{app}\_internal"
