; Inno Setup 6 script: the Windows installer for the one-folder build (dist\guestcard).
;
;   python packaging\build.py --installer
; or by hand, after the build:
;   ISCC /DAppVersion=0.1.0 /DBundleDir=C:\src\guestcard\dist\guestcard packaging\windows\guestcard.iss
;
; - Installs for the current user (no administrator needed: %LOCALAPPDATA%\Programs\guestcard)
;   or, chosen in a dialog or with /ALLUSERS, for all users (Program Files\guestcard).
; - Start-menu entry; desktop icon on request; uninstaller in Settings → Apps.
; - The guest database, its backups and the user's forms live in %LOCALAPPDATA%\guestcard
;   (platformdirs' user data folder), which this installer never writes and the uninstaller never
;   deletes: they survive upgrades and uninstalling. Upgrades replace the program folder only.
; - AppId never changes: a new version installs over the old one instead of beside it.
; The file is UTF-8 (Inno Setup 6.3+ reads it without a BOM).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
; Windows' file version wants four numbers; build.py passes them (e.g. 0.1.0.0).
#ifndef NumericVersion
  #define NumericVersion "0.0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\guestcard"
#endif
#ifndef IconFile
  #define IconFile "..\icons\guestcard.ico"
#endif
#define AppName "guestcard"
#define AppTitle "guestcard 客史档案"
#define AppExe "guestcard.exe"
; Simplified Chinese ships with newer Inno Setup releases; older ones need the unofficial .isl.
#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")

[Setup]
; Never change AppId: it is how an upgrade finds the installed version.
AppId={{CFD57FDE-4452-4352-9FA6-38658D00C1A0}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=guestcard
VersionInfoVersion={#NumericVersion}
VersionInfoProductVersion={#NumericVersion}
VersionInfoDescription={#AppTitle} Setup
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 and later.
MinVersion=10.0
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppTitle}
OutputBaseFilename=guestcard-{#AppVersion}-setup
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running guestcard is asked to close before its files are replaced.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#if HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
DataKept=Your guest database, backups and forms were kept in your AppData\Local\guestcard folder. Delete that folder yourself if you no longer need them.
#if HaveChinese
chinesesimplified.DataKept=您的客史数据库、备份和表单仍保存在 AppData\Local\guestcard 文件夹中，没有删除。如果不再需要，可以自行删除该文件夹。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade starts from an empty program folder, so no file of the old version lingers
; (PyInstaller bundles change file names between versions). The user data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Byte code Python writes next to the Alembic migration scripts when it runs them (per-user installs).
; Only inside {app}: the database folder (%LOCALAPPDATA%\guestcard) is never listed here.
Type: filesandordirs; Name: "{app}\_internal\guestcard\storage\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\guestcard\storage\migrations\versions\__pycache__"
Type: dirifempty; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(CustomMessage('DataKept'), mbInformation, MB_OK);
end;
