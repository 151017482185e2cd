"""Command line: `kehoach new | validate | render | check`, all messages in Vietnamese.

Exit codes: 0 success; 1 a checked document does not conform (`check`); 2 bad input
(invalid spec, unreadable file, existing file without --force). Nothing is written when
any input has an error, and no traceback ever reaches the user.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kehoach import cli_i18n

if TYPE_CHECKING:
    from kehoach.export.outputs import Output
    from kehoach.inputs import SpecInput
    from kehoach.spec.diagnostics import Report
    from kehoach.spec.model import KeHoach

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


def _print_report(report: Report) -> None:
    from kehoach.spec.diagnostics import Severity

    for diagnostic in report.sorted():
        style = "red" if diagnostic.severity is Severity.ERROR else "yellow"
        err.print(diagnostic.format(), style=style, markup=False, soft_wrap=True)


def _summary(reports: list[Report]) -> str:
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports)
    return f"{len(reports)} tệp, {errors} lỗi, {warnings} cảnh báo"


def _validate_all(
    arguments: list[Path],
) -> tuple[list[tuple[SpecInput, KeHoach]], list[Report], bool]:
    """Every spec the arguments name, validated; (valid specs, reports, all arguments found)."""
    from kehoach.inputs import expand
    from kehoach.spec.validate import validate_file

    inputs, problems = expand(arguments)
    for problem in problems:
        err.print(problem, style="red", markup=False)
    specs, reports = [], []
    for item in inputs:
        spec, report = validate_file(item.path)
        _print_report(report)
        reports.append(report)
        if spec is not None and report.ok:
            specs.append((item, spec))
    return specs, reports, not problems


FilesArg = Annotated[
    list[Path],
    typer.Argument(
        help="Tệp kế hoạch (.yaml), thư mục (mọi tệp .yaml bên trong) hoặc mẫu tên như 'kh/*.yaml'.",
        show_default=False,
        metavar="TỆP_YAML",
    ),
]


@app.command("validate", options_metavar="[TÙY CHỌN]")
def validate_cmd(files: FilesArg) -> None:
    """Kiểm tra tệp kế hoạch: mọi lỗi cùng lúc, kèm dòng:cột và cách sửa."""
    _, reports, found = _validate_all(files)
    failed = any(not r.ok for r in reports) or not found
    err.print(_summary(reports), style="bold red" if failed else "bold green")
    raise typer.Exit(EXIT_INVALID if failed else 0)


@app.command("render", options_metavar="[TÙY CHỌN]")
def render_cmd(
    files: FilesArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Thư mục ghi tệp .docx (mặc định: cạnh tệp YAML); với một tệp YAML có thể"
            " là tên tệp .docx.",
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--mau", help="Thư mục chứa mẫu câu chữ ke_hoach.j2 của cơ quan."),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm PDF qua LibreOffice.")] = False,
    png: Annotated[
        bool, typer.Option("--png", help="Xuất thêm ảnh PNG từng trang để xem nhanh.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", "-f", help="Ghi đè cả tệp trùng tên không do kehoach tạo ra."),
    ] = False,
) -> None:
    """Kiểm tra rồi xuất tệp Word (.docx) đúng thể thức NĐ 30."""
    from kehoach.api import to_docx_bytes, wording_for
    from kehoach.compose.wording import TemplateProblem
    from kehoach.export.outputs import Output, refusals, write_atomic
    from kehoach.spec.diagnostics import os_error_text

    specs, reports, found = _validate_all(files)
    if any(not r.ok for r in reports) or not found:
        err.print(_summary(reports) + "; không ghi tệp nào.", style="bold red")
        raise typer.Exit(EXIT_INVALID)
    if templates is not None and not (templates / "ke_hoach.j2").is_file():
        err.print(f"{templates}: không có tệp mẫu ke_hoach.j2", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID)
    one_file = output is not None and output.suffix.lower() == ".docx" and not output.is_dir()
    if one_file and len(specs) != 1:
        err.print(
            f"-o {output}: tên tệp .docx chỉ dùng khi xuất một kế hoạch; đang có {len(specs)}."
            " Hãy cho -o là một thư mục.",
            style="red",
            markup=False,
        )
        raise typer.Exit(EXIT_INVALID)
    targets = [
        (item.path, output if one_file and output else item.target(output)) for item, _ in specs
    ]
    _refuse(refusals([Output(t, s, b"") for s, t in targets], force=force))
    # Compose everything before writing anything: a template error must not leave half a batch.
    try:
        wording = wording_for(templates)
        outputs = [
            Output(target, source, to_docx_bytes(spec, wording=wording))
            for (source, target), (_, spec) in zip(targets, specs, strict=True)
        ]
    except TemplateProblem as exc:
        err.print(f"lỗi mẫu câu chữ: {exc}", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    with tempfile.TemporaryDirectory(prefix="kehoach-") as work:
        if pdf or png:
            outputs += _pages(outputs, Path(work), pdf=pdf, png=png)
        _refuse(refusals(outputs, force=force))
        for item in outputs:
            try:
                write_atomic(item.target, item.data())
            except OSError as exc:
                err.print(
                    f"{item.target}: không ghi được tệp ({os_error_text(exc)})",
                    style="red",
                    markup=False,
                )
                raise typer.Exit(EXIT_INVALID) from None
            typer.echo(f"đã ghi {item.target}")


def _refuse(problems: list[str]) -> None:
    """Stop before the first write when any output cannot be written as promised."""
    if problems:
        for problem in problems:
            err.print(problem, style="red", markup=False)
        err.print("không ghi tệp nào.", style="bold red")
        raise typer.Exit(EXIT_INVALID)


def _pages(documents: list[Output], work: Path, *, pdf: bool, png: bool) -> list[Output]:
    """PDF and PNG outputs of the rendered documents, made in the private folder ``work``
    (the user's folder sees them only once every output has been checked)."""
    from kehoach.export import pdf as pdf_module
    from kehoach.export.outputs import Output

    sources = []
    for i, document in enumerate(documents):
        path = work / f"doc{i:04d}.docx"
        path.write_bytes(document.data())
        sources.append(path)
    extra: list[Output] = []
    try:
        made = pdf_module.convert_to_pdf(sources, work)
        for document, pdf_file in zip(documents, made, strict=True):
            stem, folder = document.target.stem, document.target.parent
            if pdf:
                extra.append(Output(folder / f"{stem}.pdf", document.source, pdf_file))
            if png:
                pages = pdf_module.render_png_pages(pdf_file, work)
                extra += [
                    Output(folder / f"{stem}-{n}.png", document.source, page)
                    for n, page in enumerate(pages, start=1)
                ]
    except pdf_module.ConversionError as exc:
        err.print(str(exc), style="red", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    return extra


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
    force: Annotated[bool, typer.Option("--force", "-f", help="Ghi đè nếu tệp đã có.")] = False,
    templates: Annotated[
        Path | None,
        typer.Option("--mau", help="Thư mục chứa tệp mẫu moi.yaml.j2 riêng của cơ quan."),
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
    """Tạo tệp kế hoạch mẫu có chú thích cho từng khóa."""
    from kehoach.compose.wording import TemplateProblem
    from kehoach.export.outputs import write_atomic
    from kehoach.scaffold import Basics, skeleton
    from kehoach.spec.diagnostics import os_error_text
    from kehoach.spec.validate import validate_text

    if templates is not None and not (templates / "moi.yaml.j2").is_file():
        err.print(f"{templates}: không có tệp mẫu moi.yaml.j2", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID)
    if file.exists() and not force:
        err.print(
            f"{file}: tệp đã có; không ghi đè. Dùng --force để ghi đè, hoặc chọn tên khác.",
            style="red",
            markup=False,
        )
        raise typer.Exit(EXIT_INVALID)
    basics = Basics()
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
) -> None:
    """Kiểm tra thể thức NĐ 30 của bất kỳ tệp .docx nào (kể cả tệp soạn tay)."""
    from kehoach.check.report import run_check

    raise typer.Exit(run_check(files, as_json, out))


def main() -> None:
    """Entry point: typer's usage errors keep their exit code 2, nothing else escapes."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("đã dừng.")
        sys.exit(130)
