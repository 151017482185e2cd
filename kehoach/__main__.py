"""The `kehoach` command (and `python -m kehoach`).

`kehoach --version` is answered here, before the command-line framework is imported: asking
for the version should not cost the start-up of everything else.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from kehoach.version import __version__

        print(f"kehoach {__version__}")
        return
    # kehoach validates with its own models only: skip pydantic's scan of installed packages
    # for plugins (a documented switch), which costs start-up on every run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from kehoach.cli import main as run

    run()


if __name__ == "__main__":
    main()
