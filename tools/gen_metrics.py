"""Regenerate kehoach/data/metrics.json from Liberation Serif (metric-compatible with TNR).

The renderer and the checker both need text widths (nd30-spec §19: Quốc hiệu fit H-5/H-6,
rule lengths TN-3/CQ-5/TL-3) on machines without the fonts, so the advance widths are shipped
as data. Run: python tools/gen_metrics.py [FONT_DIR]   (Debian: fonts-liberation2)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

STYLES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
}
# Latin, Latin-1, Latin Extended-A/B, Vietnamese block, general punctuation.
RANGES = [(0x20, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070)]


def main() -> None:
    font_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
    out: dict[str, object] = {"source": "Liberation Serif 2.x advance widths", "styles": {}}
    for style, filename in STYLES.items():
        font = TTFont(font_dir / filename)
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        out["units_per_em"] = font["head"].unitsPerEm
        widths = {}
        for lo, hi in RANGES:
            for cp in range(lo, hi):
                glyph = cmap.get(cp)
                if glyph is not None:
                    widths[chr(cp)] = hmtx[glyph][0]
        out["styles"][style] = widths  # type: ignore[index]
    target = Path(__file__).resolve().parent.parent / "kehoach" / "data" / "metrics.json"
    target.write_text(
        json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")), "utf-8"
    )
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
