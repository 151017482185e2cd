"""Render speed and file size, as ratios against baselines measured in the same run.

Every figure is a whole process (interpreter start, imports, YAML load and, for kehoach,
validation), run once to warm up and then timed several times, the commands in turns; the
minimum is compared, the median shown beside it.

* batch: ``kehoach render DIR -o OUT -j 1`` (one process) on N copies of the Phú Phong plan, against docxtpl
  with an equivalent template and a plain python-docx script writing the same plan
  (``baselines.py``), each over the same N specs in one process. Targets: ≥ 10× docxtpl,
  ≥ 15× python-docx.
* start-up: ``kehoach render one.yaml`` ≤ 0.4 s and ``kehoach --version`` ≤ 0.15 s wall
  (shown also as multiples of a bare ``python -c pass``).
* size: the 3-page Phú Phong plan ≤ 12 KB on disk.
* floor (shown, not a target): the same batch with the libraries' work alone (``baselines.py
  floor``); a baseline's time over it is the ceiling of kehoach's ratio to that baseline.

Run (docxtpl is an extra: ``pip install '.[bench]'``):

    python benchmarks/bench_render.py [--copies 300] [--repeat 3]

Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "phu-phong-2024.yaml"
BASELINES = Path(__file__).resolve().parent / "baselines.py"
TARGETS = {"docxtpl": 10.0, "python-docx": 15.0}
RENDER_ONE_S, VERSION_S, SIZE_BYTES = 0.4, 0.15, 12 * 1000


def kehoach_command() -> list[str]:
    """The installed `kehoach` beside this interpreter, else `python -m kehoach`."""
    script = Path(sys.executable).parent / "kehoach"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kehoach"]


def warm_up(command: list[str]) -> None:
    """One untimed run, as a user's second run would find the machine: the modules' bytecode
    written (as ``pip install`` leaves it, even when the shell sets PYTHONDONTWRITEBYTECODE)
    and the files in the page cache. Every command, baselines included, gets one."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )


def interleaved(runs: dict, repeat: int) -> dict[str, tuple[float, float]]:  # type: ignore[type-arg]
    """(minimum, median) wall seconds of each command, timed in turns (A, B, C, A, B, C …)
    after one warm-up each, so a machine that slows down or speeds up during the run weighs
    on every command alike instead of on whichever ran then. ``runs``: name → (command,
    ``before``, a callable run before each timing or None)."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for command, before in runs.values():
        if before is not None:
            before()
        warm_up(command)
    for _ in range(repeat):
        for name, (command, before) in runs.items():
            if before is not None:
                before()
            # What the command before wrote is put on disk first, untimed: the kernel would
            # otherwise write it back while this one runs, and make it pay.
            if hasattr(os, "sync"):
                os.sync()
            start = time.perf_counter()
            subprocess.run(
                command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            times[name].append(time.perf_counter() - start)
    return {name: (min(t), statistics.median(t)) for name, t in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    kehoach = kehoach_command()
    failed = []
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        work = Path(tmp)
        specs = work / "specs"
        specs.mkdir()
        for i in range(args.copies):
            shutil.copy(EXAMPLE, specs / f"ke-hoach-{i:04d}.yaml")
        template = work / "mau.docx"
        subprocess.run([sys.executable, str(BASELINES), "template", str(template)], check=True)
        sample = work / "mau-kehoach"
        subprocess.run([*kehoach, "render", str(EXAMPLE), "-o", str(sample)], check=True)
        document_xml = work / "document.xml"
        with zipfile.ZipFile(sample / f"{EXAMPLE.stem}.docx") as package:
            document_xml.write_bytes(package.read("word/document.xml"))

        def fresh(folder: Path):  # type: ignore[no-untyped-def]
            return lambda: shutil.rmtree(folder, ignore_errors=True)

        names = ("kehoach", "docxtpl", "python-docx", "floor")
        out = {name: work / f"out-{name}" for name in names}
        runs = {
            "kehoach": [*kehoach, "render", str(specs), "-o", str(out["kehoach"]), "-j", "1"],
            "docxtpl": [
                sys.executable,
                str(BASELINES),
                "docxtpl",
                str(template),
                str(specs),
                str(out["docxtpl"]),
            ],
            "python-docx": [
                sys.executable,
                str(BASELINES),
                "python-docx",
                str(specs),
                str(out["python-docx"]),
            ],
            "floor": [
                sys.executable,
                str(BASELINES),
                "floor",
                str(document_xml),
                str(specs),
                str(out["floor"]),
            ],
        }
        times = interleaved(
            {name: (cmd, fresh(out[name])) for name, cmd in runs.items()}, args.repeat
        )
        ours = times["kehoach"][0]
        print(f"Lô {args.copies} kế hoạch Phú Phong, mỗi lệnh là một tiến trình (min / trung vị):")
        for name, (best, median) in times.items():
            per_plan = best / args.copies * 1000
            label = "sàn thư viện" if name == "floor" else name
            print(f"  {label:12} {best:6.2f} s / {median:6.2f} s  ({per_plan:5.1f} ms/kế hoạch)")
        floor = times["floor"][0]
        for name, target in TARGETS.items():
            ratio = times[name][0] / ours
            ok = ratio >= target
            print(
                f"  kehoach nhanh gấp {ratio:5.1f} lần {name} (mục tiêu ≥ {target:g}×;"
                f" trần {times[name][0] / floor:.1f}×)"
            )
            if not ok:
                failed.append(f"{name} {ratio:.1f}× < {target:g}×")
        print(
            "  (sàn thư viện: phần việc của các thư viện bắt buộc, không có mã riêng của"
            " kehoach; trần: baseline chia cho sàn, mức kehoach không thể vượt)"
        )

        one = work / "one"
        starts = interleaved(
            {
                "bare": ([sys.executable, "-c", "pass"], None),
                "one": ([*kehoach, "render", str(EXAMPLE), "-o", str(one), "--force"], None),
                "version": ([*kehoach, "--version"], None),
            },
            5,
        )
        bare = starts["bare"][0]
        render_one, render_median = starts["one"]
        version, version_median = starts["version"]
        print(f"Khởi động (python trống: {bare * 1000:.0f} ms):")
        for label, best, median, limit in (
            ("kehoach render một tệp", render_one, render_median, RENDER_ONE_S),
            ("kehoach --version", version, version_median, VERSION_S),
        ):
            print(
                f"  {label:24} {best:5.2f} s / {median:5.2f} s  ({best / bare:4.1f}× python trống;"
                f" mục tiêu ≤ {limit:g} s)"
            )
            if best > limit:
                failed.append(f"{label} {best:.2f} s > {limit:g} s")

        size = (one / f"{EXAMPLE.stem}.docx").stat().st_size
        print(f"Dung lượng kế hoạch Phú Phong (3 trang): {size / 1000:.1f} KB (mục tiêu ≤ 12 KB)")
        if size > SIZE_BYTES:
            failed.append(f"dung lượng {size} B > {SIZE_BYTES} B")
    if failed:
        print("KHÔNG ĐẠT: " + "; ".join(failed))
        return 1
    print("Đạt mọi mục tiêu.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
