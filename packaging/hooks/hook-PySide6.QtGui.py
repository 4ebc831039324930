"""PySide6.QtGui, as PyInstaller's own hook collects it, minus the plugins a desktop program never loads.

Filtering here (not after the Analysis) keeps the libraries only those plugins link to out of the
bundle too: the GTK3 platform theme alone pulls in GTK's whole stack (cairo, pango, gdk-pixbuf, atk).
Kept: the xcb, wayland, offscreen and minimal platforms, input methods (ibus, compose: Chinese input),
the XDG portal theme, image formats and SVG icons, xcb GL integration.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

DROPPED = (
    "platforms/libqvnc",
    "platforms/libqeglfs",
    "platforms/libqlinuxfb",
    "platforms/libqvkkhrdisplay",
    "platforms/libqminimalegl",
    "platforms/libqwayland-egl",
    "platforms/libqwayland-generic",
    "platformthemes/libqgtk3",
    "egldeviceintegrations/",
    "wayland-graphics-integration-client/",
    "generic/",
    # Qt's on-screen keyboard (PySide6-Addons): a QML program, it pulls in QtQuick and QtQml.
    "platforminputcontexts/libqtvirtualkeyboardplugin",
    "accessiblebridge/",
)


def _kept(dest_dir: str, name: str) -> bool:
    path = (dest_dir.replace("\\", "/").rstrip("/") + "/" + name).split("/plugins/", 1)[-1]
    return not path.startswith(DROPPED)


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if _kept(dest, src.replace("\\", "/").rsplit("/", 1)[-1])]
