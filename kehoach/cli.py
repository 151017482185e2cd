"""Command line: `kehoach new | validate | render | check`, all messages in Vietnamese.

Exit codes: 0 success; 1 a checked document does not conform (`check`); 2 bad input
(invalid spec, unreadable file, existing file without --force). Nothing is written when
any input has an error, and no traceback ever reaches the user.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kehoach import cli_i18n

if TYPE_CHECKING:
    from kehoach.batch import BatchReport
    from kehoach.progress import BatchView

# Each command imports what it needs when it runs, so `kehoach --version` and `--help` start
# without pydantic, Jinja or the writer.
cli_i18n.install()

EXIT_INVALID = 2

app = typer.Typer(
    name="kehoach",
    help="Soạn Kế hoạch đúng thể thức Nghị định 30/2020/NĐ-CP từ tệp YAML.",
    no_args_is_help=True,
    options_metavar="[TÙY CHỌN]",
    subcommand_metavar="LỆNH [THAM SỐ]...",
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class _Console:
    """A rich console made on first use (rich costs start-up time)."""

    def __init__(self, *, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            # Never hard-wrap paths and messages.
            self._console = Console(stderr=self._stderr, highlight=False, soft_wrap=True)
        return getattr(self._console, name)


out = _Console(stderr=False)
err = _Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        from kehoach.version import __version__

        typer.echo(f"kehoach {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="In phiên bản rồi thoát.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Soạn Kế hoạch đúng thể thức Nghị định 30/2020/NĐ-CP từ tệp YAML."""


FilesArg = Annotated[
    list[Path],
    typer.Argument(
        help="Tệp kế hoạch (.yaml), thư mục (mọi tệp .yaml bên trong) hoặc mẫu tên như 'kh/*.yaml'.",
        show_default=False,
        metavar="TỆP_YAML",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Số tiến trình chạy song song (mặc định: số nhân CPU, lô nhỏ chạy trong một tiến trình;"
        " 1 = một tiến trình). Kết quả giống hệt nhau với mọi số.",
        show_default=False,
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Chỉ in các lỗi, cảnh báo và một dòng tổng kết (không thanh tiến độ)."
    ),
]
UnitsOption = Annotated[
    Path | None,
    typer.Option(
        "--don-vi",
        metavar="TỆP",
        help="Tệp đơn vị (.csv, .yaml, .xlsx): mỗi dòng một kế hoạch từ kế hoạch khung (docs/don-vi.md).",
    ),
]


def _finish(report: BatchReport, view: BatchView, *, write: bool, json_to: Path | None) -> None:
    """Summary, machine-readable report, exit code: 0 all good, 2 anything failed."""
    view.summary(report, write=write)
    if json_to is not None:
        import json

        text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if str(json_to) == "-":
            typer.echo(text, nl=False)
        else:
            from kehoach.export.outputs import write_atomic
            from kehoach.spec.diagnostics import os_error_text

            try:
                write_atomic(json_to, text.encode("utf-8"))
            except OSError as exc:
                view.say(f"{json_to}: không ghi được báo cáo ({os_error_text(exc)})", "red")
                raise typer.Exit(EXIT_INVALID) from None
    raise typer.Exit(0 if report.ok else EXIT_INVALID)


@app.command("validate", options_metavar="[TÙY CHỌN]")
def validate_cmd(
    files: FilesArg,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="In báo cáo dạng JSON ra đầu ra chuẩn (docs/bao-cao.md).")
    ] = False,
    units: UnitsOption = None,
) -> None:
    """Kiểm tra tệp kế hoạch: mọi lỗi cùng lúc, kèm dòng:cột và cách sửa."""
    from kehoach.api import validate_many
    from kehoach.progress import BatchView

    with BatchView(quiet=quiet or as_json) as view:
        report = validate_many(files, jobs=jobs, units=units, progress=view)
    _finish(report, view, write=False, json_to=Path("-") if as_json else None)


@app.command("render", options_metavar="[TÙY CHỌN]")
def render_cmd(
    files: FilesArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="THƯ_MỤC",
            help="Thư mục ghi tệp .docx (mặc định: cạnh tệp YAML); với một kế hoạch có thể"
            " là tên tệp .docx.",
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--mau", metavar="THƯ_MỤC", help="Thư mục chứa mẫu câu chữ ke_hoach.j2 của cơ quan."
        ),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm PDF qua LibreOffice.")] = False,
    png: Annotated[
        bool, typer.Option("--png", help="Xuất thêm ảnh PNG từng trang để xem nhanh.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", "-f", help="Ghi đè cả tệp trùng tên không do kehoach tạo ra."),
    ] = False,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
    keep_going: Annotated[
        bool,
        typer.Option(
            "--tiep-tuc",
            help="Vẫn ghi các kế hoạch đúng khi có kế hoạch lỗi (mặc định: có lỗi thì không ghi"
            " tệp nào).",
        ),
    ] = False,
    report_to: Annotated[
        Path | None,
        typer.Option(
            "--bao-cao",
            metavar="TỆP.json",
            help="Ghi báo cáo dạng JSON (docs/bao-cao.md); '-' để in ra đầu ra chuẩn.",
        ),
    ] = None,
    units: UnitsOption = None,
    names: Annotated[
        str | None,
        typer.Option(
            "--ten",
            metavar="MẪU",
            help="Tên tệp cho mỗi đơn vị, ví dụ '{dia_danh}-{so}.docx' (mặc định '{stt}-{dia_danh}.docx').",
        ),
    ] = None,
) -> None:
    """Kiểm tra rồi xuất tệp Word (.docx) đúng thể thức NĐ 30."""
    from kehoach.api import render_many
    from kehoach.progress import BatchView

    with BatchView(quiet=quiet or str(report_to) == "-") as view:
        report = render_many(
            files,
            output,
            jobs=jobs,
            keep_going=keep_going,
            force=force,
            templates=templates,
            pdf=pdf,
            png=png,
            units=units,
            names=names,
            progress=view,
        )
    _finish(report, view, write=True, json_to=report_to)


@app.command("new", options_metavar="[TÙY CHỌN]")
def new_cmd(
    file: Annotated[Path, typer.Argument(help="Tệp YAML sẽ tạo.", metavar="TỆP_YAML")] = Path(
        "ke-hoach.yaml"
    ),
    co_quan: Annotated[str | None, typer.Option("--co-quan", help="Tên cơ quan ban hành.")] = None,
    chu_quan: Annotated[
        str | None, typer.Option("--chu-quan", help="Tên cơ quan chủ quản (nếu có).")
    ] = None,
    viet_tat: Annotated[
        str | None, typer.Option("--viet-tat", help="Chữ viết tắt của cơ quan (UBND…).")
    ] = None,
    dia_danh: Annotated[str | None, typer.Option("--dia-danh", help="Địa danh.")] = None,
    nam: Annotated[int | None, typer.Option("--nam", help="Năm ban hành.")] = None,
    trich_yeu: Annotated[
        str | None, typer.Option("--trich-yeu", help="Trích yếu (nội dung chính).")
    ] = None,
    nguoi_ky: Annotated[str | None, typer.Option("--nguoi-ky", help="Họ tên người ký.")] = None,
    chuc_vu: Annotated[str | None, typer.Option("--chuc-vu", help="Chức vụ người ký.")] = None,
    dang: Annotated[
        bool,
        typer.Option(
            "--dang",
            help="Kế hoạch của cấp ủy, tổ chức đảng (thể thức Hướng dẫn 05-HD/VPTW).",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", "-f", help="Ghi đè nếu tệp đã có.")] = False,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--mau",
            help="Thư mục chứa tệp mẫu moi.yaml.j2 (với --dang: moi-dang.yaml.j2) riêng của"
            " cơ quan.",
        ),
    ] = None,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--hoi/--khong-hoi",
            help="Hỏi các thông tin còn thiếu (mặc định: hỏi khi chạy trong cửa sổ lệnh).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Tạo tệp kế hoạch mẫu có chú thích cho từng khóa (--dang: kế hoạch của cấp ủy)."""
    from kehoach.compose.wording import TemplateProblem
    from kehoach.export.outputs import write_atomic
    from kehoach.scaffold import Basics, skeleton
    from kehoach.spec.diagnostics import os_error_text
    from kehoach.spec.validate import validate_text

    basics = Basics.party() if dang else Basics()
    if templates is not None and not (templates / basics.template).is_file():
        err.print(f"{templates}: không có tệp mẫu {basics.template}", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID)
    if file.exists() and not force:
        err.print(
            f"{file}: tệp đã có; không ghi đè. Dùng --force để ghi đè, hoặc chọn tên khác.",
            style="red",
            markup=False,
        )
        raise typer.Exit(EXIT_INVALID)
    ask = sys.stdin.isatty() if interactive is None else interactive
    given = {
        "co_quan": co_quan,
        "chu_quan": chu_quan,
        "viet_tat": viet_tat,
        "dia_danh": dia_danh,
        "nam": nam,
        "trich_yeu": trich_yeu,
        "nguoi_ky": nguoi_ky,
        "chuc_vu": chuc_vu,
    }
    questions = {
        "co_quan": "Tên cơ quan ban hành",
        "chu_quan": "Cơ quan chủ quản (bỏ trống nếu không có)",
        "viet_tat": "Chữ viết tắt của cơ quan",
        "dia_danh": "Địa danh",
        "nam": "Năm ban hành",
        "trich_yeu": "Trích yếu",
        "nguoi_ky": "Họ tên người ký",
        "chuc_vu": "Chức vụ người ký",
    }
    for key, value in given.items():
        if value is None and ask:
            default = getattr(basics, key)
            value = typer.prompt(
                questions[key], default=default, type=type(default), show_default=bool(default)
            )
        if value is not None:
            setattr(basics, key, value)
        if key == "co_quan" and dang and viet_tat is None:
            basics.viet_tat = basics.party_code()  # D-SO-8: "CB" for a chi bộ
    try:
        text = skeleton(basics, file.name, templates)
        # What the user typed must give a file that validates; say why before writing.
        _, report = validate_text(text, file)
        if not report.ok:
            err.print("thông tin đã nhập chưa hợp lệ; chưa ghi tệp:", style="red")
            for diagnostic in report.errors:
                line = f"  {diagnostic.key_path}: {diagnostic.message}"
                err.print(
                    line + (f" → {diagnostic.hint}" if diagnostic.hint else ""),
                    style="red",
                    markup=False,
                )
            raise typer.Exit(EXIT_INVALID)
        write_atomic(file, text.encode("utf-8"))
    except OSError as exc:
        err.print(f"{file}: không ghi được tệp ({os_error_text(exc)})", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    except TemplateProblem as exc:
        err.print(f"lỗi mẫu tệp: {exc}", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    typer.echo(f"đã tạo {file}. Sửa nội dung rồi chạy: kehoach render {file}")


@app.command("check", options_metavar="[TÙY CHỌN]")
def check_cmd(
    files: Annotated[
        list[Path], typer.Argument(help="Các tệp Word (.docx) cần kiểm tra.", metavar="TỆP_DOCX")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Xuất PDF bằng LibreOffice để tìm đề mục, lời dẫn bị tách khỏi nội dung ở "
            "cuối trang (NT-1).",
        ),
    ] = False,
) -> None:
    """Kiểm tra thể thức NĐ 30 của bất kỳ tệp .docx nào (kể cả tệp soạn tay)."""
    from kehoach.check.report import run_check

    raise typer.Exit(run_check(files, as_json, out, pdf=pdf))


def main() -> None:
    """Entry point: typer's usage errors keep their exit code 2, nothing else escapes."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("đã dừng.")
        sys.exit(130)
