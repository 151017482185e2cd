"""The `kehoach` command (and `python -m kehoach`).

`kehoach --version` is answered here, before the command-line framework is imported: asking
for the version should not cost the start-up of everything else.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from kehoach.version import __version__

        print(f"kehoach {__version__}")
        return
    from kehoach.cli import main as run

    run()


if __name__ == "__main__":
    main()
