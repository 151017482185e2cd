"""Render speed, as a ratio against plain python-docx in the same run.

Baseline: python-docx writing the same paragraphs with no layout work (Document(),
add_paragraph, save). kehoach does validation, composing, metrics, tables and the
byte-stable rewrite on top; the ratio says what that costs. Run:

    python benchmarks/bench_render.py [--plans N] [--target RATIO]

Exits 1 when the ratio exceeds the target, so CI or a developer can gate on it.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

import docx

import kehoach
from kehoach.compose import compose

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ha-noi-kh-274.yaml"
TARGET_RATIO = 4.0  # kehoach may take at most this many times the bare python-docx time


def baseline(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def best_of(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--target", type=float, default=TARGET_RATIO)
    args = parser.parse_args()

    spec = kehoach.load(EXAMPLE)
    paragraphs = [block.text for block in compose(spec).blocks]

    def run_kehoach() -> None:
        for _ in range(args.plans):
            kehoach.to_docx_bytes(kehoach.load(EXAMPLE))

    def run_baseline() -> None:
        for _ in range(args.plans):
            baseline(paragraphs)

    run_kehoach()  # warm caches (templates, metrics) as a batch would
    ours, ours_median = best_of(run_kehoach, args.repeat)
    base, _ = best_of(run_baseline, args.repeat)
    ratio = ours / base
    per_plan = ours / args.plans * 1000
    print(f"kehoach: {per_plan:.1f} ms/kế hoạch (median {ours_median / args.plans * 1000:.1f})")
    print(f"python-docx thuần: {base / args.plans * 1000:.1f} ms/tài liệu")
    print(f"tỷ lệ: {ratio:.2f}× (mục tiêu ≤ {args.target:.1f}×)")
    return 0 if ratio <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
