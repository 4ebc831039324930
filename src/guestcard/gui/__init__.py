"""The desktop window (PySide6): a thin shell over the services; everything Qt lives here.

``guestcard.gui.app.run`` starts it. Widgets get the ``Database``, the ``FormLibrary`` and the
``Settings`` passed in, call service functions for every read and write, and hold no session.
"""
