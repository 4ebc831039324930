#!/bin/sh
# Install guestcard from this folder (the built bundle) for you, or for everyone when run as root.
#
#   ./install.sh               install or upgrade (PREFIX: ~/.local, or /usr/local as root)
#   ./install.sh --uninstall   remove the program
#   PREFIX=/opt/x ./install.sh another prefix
#
# The program goes to PREFIX/lib/guestcard (replaced whole on upgrade), the command to
# PREFIX/bin/guestcard, the menu entry, icons and AppStream metadata under PREFIX/share.
# Your guest database lives elsewhere (~/.local/share/guestcard) and is never touched here.
set -eu

APP_ID=com.example.guestcard
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -z "${PREFIX:-}" ]; then
    if [ "$(id -u)" = 0 ]; then PREFIX=/usr/local; else PREFIX="$HOME/.local"; fi
fi
LIB="$PREFIX/lib/guestcard"
BIN="$PREFIX/bin/guestcard"
SHARE="$PREFIX/share"

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$LIB"
    [ -L "$BIN" ] && rm -f "$BIN"
    rm -f "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
    find "$SHARE/icons/hicolor" -name "$APP_ID.*" -path '*/apps/*' -exec rm -f {} + 2>/dev/null || true
    refresh
    echo "guestcard removed from $PREFIX (your data in ~/.local/share/guestcard is kept)"
    exit 0
fi

[ -x "$HERE/guestcard" ] && [ -d "$HERE/_internal" ] || { echo "install.sh: run it from the guestcard folder" >&2; exit 2; }

mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo"
# Copy next to the old version, then swap: a failed copy leaves the old version working.
rm -rf "$LIB.new"
mkdir -p "$LIB.new"
cp -R "$HERE/guestcard" "$HERE/_internal" "$LIB.new/"
rm -rf "$LIB.old"
[ -d "$LIB" ] && mv "$LIB" "$LIB.old"
mv "$LIB.new" "$LIB"
rm -rf "$LIB.old"
ln -sfn "$LIB/guestcard" "$BIN"

# The menu entry runs the installed command by its full path (PREFIX/bin may not be on PATH).
sed "s|^Exec=guestcard|Exec=\"$BIN\"|" "$HERE/share/applications/$APP_ID.desktop" >"$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
(cd "$HERE/share" && find icons -type f) | while read -r icon; do
    mkdir -p "$SHARE/$(dirname "$icon")"
    cp "$HERE/share/$icon" "$SHARE/$icon"
done
refresh
echo "guestcard installed: $BIN (menu: Office → guestcard)"
