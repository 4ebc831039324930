"""What the manager does, as functions over a ``Database``: the CLI and the GUI both call these."""
