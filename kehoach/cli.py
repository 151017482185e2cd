"""Command line: `kehoach new | validate | render | check | huong-dan`, all in Vietnamese.

Exit codes: 0 success; 1 a checked document does not conform (`check`); 2 bad input
(invalid spec, unreadable file, existing file without --force, a wrong command line); 130
stopped with Ctrl-C. Nothing is written when any input has an error, and no traceback ever
reaches the user. Help pages, usage lines and usage errors are kehoach's own
(kehoach.cli_i18n), not typer's English ones.

No ``from __future__ import annotations`` here: typer reads every command's annotations at
each start, and as strings it evaluates them twice (about 7 ms of every run).
"""

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kehoach.cli_i18n import UsageProblem, VietCommand, VietGroup, missing_command

if TYPE_CHECKING:
    from kehoach.batch import BatchReport
    from kehoach.progress import BatchView

# Each command imports what it needs when it runs, so `kehoach --version` and `--help` start
# without pydantic, Jinja or the writer.

EXIT_INVALID = 2

app = typer.Typer(
    name="kehoach",
    help="Soạn Kế hoạch đúng thể thức Nghị định 30/2020/NĐ-CP từ tệp YAML.",
    epilog="Xem hướng dẫn từng lệnh: kehoach LỆNH -h. Tài liệu đầy đủ: kehoach huong-dan.",
    cls=VietGroup,
    no_args_is_help=True,
    invoke_without_command=True,
    options_metavar="[TÙY CHỌN]",
    subcommand_metavar="LỆNH [THAM SỐ]...",
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)
command = partial(app.command, cls=VietCommand, options_metavar="[TÙY CHỌN]")


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
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="In phiên bản rồi thoát.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Soạn Kế hoạch đúng thể thức Nghị định 30/2020/NĐ-CP từ tệp YAML."""
    if ctx.invoked_subcommand is None:
        missing_command(ctx)


def _whole_number(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> Any:
    """A number option (--jobs, --nam), checked by us so that a wrong one is explained in
    Vietnamese (typer's own conversion answers in English)."""
    if value is None or ctx.resilient_parsing:
        return value
    name = "/".join(sorted(param.opts, key=len, reverse=True))
    text = value.strip()
    if not text.isascii() or not text.isdigit():
        if param.name == "nam":
            hint = "viết năm bằng chữ số, ví dụ --nam 2026"
        else:
            hint = "viết một số, ví dụ -j 4"
        raise UsageProblem(f"{name} {value!r}: không phải là số; {hint}", ctx)
    number = int(text)
    if param.name == "jobs" and number < 1:
        raise UsageProblem(f"{name} {value}: số tiến trình phải từ 1 trở lên", ctx)
    return number


FilesArg = Annotated[
    list[Path],
    typer.Argument(
        help="Tệp kế hoạch (.yaml), thư mục (mọi tệp .yaml bên trong) hoặc mẫu tên như 'kh/*.yaml'.",
        show_default=False,
        metavar="TỆP_YAML",
    ),
]
JobsOption = Annotated[
    str | None,
    typer.Option(
        "--jobs",
        "-j",
        callback=_whole_number,
        metavar="SỐ",
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
        help="Tệp đơn vị (.csv, .yaml, .xlsx): mỗi dòng một kế hoạch từ kế hoạch khung"
        " (kehoach huong-dan don-vi).",
    ),
]


def _finish(report: "BatchReport", view: "BatchView", *, write: bool, json_to: Path | None) -> None:
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


@command("validate")
def validate_cmd(
    files: FilesArg,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="In báo cáo dạng JSON ra đầu ra chuẩn (kehoach huong-dan bao-cao)."
        ),
    ] = False,
    units: UnitsOption = None,
) -> None:
    """Kiểm tra tệp kế hoạch: mọi lỗi cùng lúc, kèm dòng:cột và cách sửa."""
    from kehoach.api import validate_many
    from kehoach.progress import BatchView

    with BatchView(quiet=quiet or as_json) as view:
        report = validate_many(files, jobs=_jobs(jobs), units=units, progress=view)
    _finish(report, view, write=False, json_to=Path("-") if as_json else None)


@command("render")
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
            help="Ghi báo cáo dạng JSON (kehoach huong-dan bao-cao); '-' để in ra đầu ra chuẩn.",
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
            jobs=_jobs(jobs),
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


def _text_option(flag: str, metavar: str, text: str) -> Any:
    return typer.Option(flag, metavar=metavar, help=text, show_default=False, callback=_utf8)


_NOT_UTF8 = (
    "không đọc được chữ: cửa sổ lệnh không gửi chữ theo bảng mã UTF-8 (có thể đang gõ bằng"
    " bảng mã TCVN3/VNI)"
)


def _utf8(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """Text the terminal sent in another encoding arrives with undecodable bytes; say so
    instead of writing them into a YAML file that cannot hold them."""
    if value is not None and not ctx.resilient_parsing and not _is_utf8(value):
        raise UsageProblem(f"{'/'.join(param.opts)}: {_NOT_UTF8}", ctx)
    return value


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@command("new")
def new_cmd(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="Tệp YAML sẽ tạo, đuôi .yaml hoặc .yml (mặc định: ke-hoach.yaml).",
            metavar="TỆP_YAML",
            show_default=False,
        ),
    ] = Path("ke-hoach.yaml"),
    co_quan: Annotated[
        str | None, _text_option("--co-quan", "TÊN", "Tên cơ quan ban hành.")
    ] = None,
    chu_quan: Annotated[
        str | None, _text_option("--chu-quan", "TÊN", "Tên cơ quan chủ quản (nếu có).")
    ] = None,
    viet_tat: Annotated[
        str | None, _text_option("--viet-tat", "CHỮ", "Chữ viết tắt của cơ quan (UBND…).")
    ] = None,
    dia_danh: Annotated[str | None, _text_option("--dia-danh", "TÊN", "Địa danh.")] = None,
    nam: Annotated[
        str | None,
        typer.Option(
            "--nam",
            metavar="NĂM",
            callback=_whole_number,
            help="Năm ban hành (mặc định: năm nay).",
            show_default=False,
        ),
    ] = None,
    trich_yeu: Annotated[
        str | None, _text_option("--trich-yeu", "NỘI_DUNG", "Trích yếu (nội dung chính).")
    ] = None,
    nguoi_ky: Annotated[
        str | None, _text_option("--nguoi-ky", "HỌ_TÊN", "Họ tên người ký.")
    ] = None,
    chuc_vu: Annotated[
        str | None, _text_option("--chuc-vu", "CHỨC_VỤ", "Chức vụ người ký.")
    ] = None,
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
            metavar="THƯ_MỤC",
            help="Thư mục chứa tệp mẫu moi.yaml.j2 (với --dang: moi-dang.yaml.j2) riêng của"
            " cơ quan.",
        ),
    ] = None,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--hoi/--khong-hoi",
            help="Hỏi các thông tin còn thiếu, kiểm tra từng câu trả lời (mặc định: hỏi khi"
            " chạy trong cửa sổ lệnh).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Tạo tệp kế hoạch mẫu có chú thích cho từng khóa (--dang: kế hoạch của cấp ủy)."""
    from kehoach.compose.wording import TemplateProblem
    from kehoach.export.outputs import write_atomic
    from kehoach.scaffold import Basics, shell_quote
    from kehoach.spec.diagnostics import os_error_text

    if file.suffix.lower() not in (".yaml", ".yml"):
        raise UsageProblem(_not_yaml(file), ctx)
    basics = Basics.party() if dang else Basics()
    if templates is not None and not (templates / basics.template).is_file():
        err.print(f"{templates}: không có tệp mẫu {basics.template}", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID)
    if file.is_dir():
        err.print(f"{file}: đây là một thư mục; hãy cho tên tệp .yaml", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID)
    if file.exists() and not force:
        err.print(
            f"{file}: tệp đã có; không ghi đè. Dùng --force để ghi đè, hoặc chọn tên khác.",
            style="red",
            markup=False,
        )
        raise typer.Exit(EXIT_INVALID)
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
    ask = sys.stdin.isatty() if interactive is None else interactive
    try:
        chosen = _fill(basics, given, file, templates, ask=ask, party_code=viet_tat is None)
        text = _skeleton_checked(basics, chosen, file, templates)
        write_atomic(file, text.encode("utf-8"))
    except OSError as exc:
        err.print(f"{file}: không ghi được tệp ({os_error_text(exc)})", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    except TemplateProblem as exc:
        err.print(f"lỗi mẫu tệp: {exc}", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    typer.echo(f"đã tạo {file}. Sửa nội dung rồi chạy: kehoach render {shell_quote(str(file))}")


def _not_yaml(file: Path) -> str:
    """Why `new` refuses a name, and the name to use instead (kehoach new writes YAML; the
    Word file is what `render` makes from it)."""
    from kehoach.scaffold import shell_quote

    fixed = file.with_suffix(".yaml") if file.suffix.lower() in (".docx", ".doc", ".txt") else None
    fixed = fixed or file.with_name(file.name + ".yaml")
    text = f"{file}: tệp kế hoạch là tệp YAML, tên phải có đuôi .yaml (hoặc .yml)"
    if file.suffix.lower() in (".docx", ".doc"):
        text += "; tệp Word là kết quả của kehoach render, không phải của kehoach new"
    return text + f". Dùng: kehoach new {shell_quote(str(fixed))}"


def _fill(
    basics: Any,
    given: dict[str, Any],
    file: Path,
    templates: Path | None,
    *,
    ask: bool,
    party_code: bool,
) -> set[str]:
    """Put the options given, and when ``ask`` the answers to each question, into
    ``basics``; an answer is checked right after it is typed and asked again until it is
    right. Returns the fields the user chose (the others keep the skeleton's stand-ins)."""
    from kehoach.scaffold import FIELDS, parse_year

    chosen: set[str] = set()
    for key, field_ in FIELDS.items():
        value = given[key]
        if value is not None:
            setattr(basics, key, value)
            chosen.add(key)
        elif ask:
            before = getattr(basics, key)
            while True:
                answer = _prompt(field_.question, basics, key)
                if answer is None:  # Enter on a stand-in: left for the clerk to fill in
                    break
                try:
                    setattr(basics, key, parse_year(answer) if key == "nam" else answer)
                except ValueError as exc:
                    err.print(f"  {exc}; hãy nhập lại.", style="red", markup=False)
                    continue
                problems = _problems(basics, {key}, file, templates)
                if not problems:
                    chosen.add(key)
                    break
                setattr(basics, key, before)  # asked again with the same default
                for line in problems:
                    err.print(f"  {line}", style="red", markup=False)
                err.print("  Hãy nhập lại.", style="red")
        if key == "co_quan" and basics.dang and party_code:
            basics.viet_tat = basics.party_code()  # D-SO-8: "CB" for a chi bộ
    return chosen


def _prompt(question: str, basics: Any, key: str) -> str | None:
    """One question; the answer typed, the default on Enter, or None on Enter when the
    default is a stand-in to fill in later. Ctrl-D (no more input) stops `new`."""
    from kehoach.scaffold import FIELDS

    default = getattr(basics, key)
    if basics.is_placeholder(key):
        suffix = " (Enter: để điền sau trong tệp)"
    elif FIELDS[key].optional and not default:
        suffix = " (Enter: không có)"
    else:
        suffix = f" [{default}]"
    while True:
        try:
            answer = input(f"{question}{suffix}: ").strip()
        except EOFError:
            raise UsageProblem(
                "hết dữ liệu vào trước khi trả lời xong các câu hỏi; chưa ghi tệp"
            ) from None
        except UnicodeDecodeError:
            answer = "\udcff"  # bytes the terminal sent in another encoding
        if _is_utf8(answer):
            break
        err.print(f"  {_NOT_UTF8}; hãy nhập lại.", style="red", markup=False)
    if answer:
        return answer
    if basics.is_placeholder(key):
        return None
    return str(default)


def _problems(basics: Any, keys: set[str], file: Path, templates: Path | None) -> list[str]:
    """The validator's errors about ``keys`` of ``basics`` (and any error of the skeleton as
    a whole), one line each with its hint."""
    from kehoach.scaffold import FIELDS, concerns, skeleton
    from kehoach.spec.validate import validate_text

    text = skeleton(basics, file.name, templates)
    _, report = validate_text(text, file)
    paths = tuple(path for key in keys for path in FIELDS[key].keys)
    lines = []
    for diagnostic in report.errors:
        if diagnostic.key_path and not concerns(diagnostic.key_path, paths):
            continue  # a stand-in the clerk fills in later, or the skeleton's sample content
        line = f"{diagnostic.key_path or file.name}: {diagnostic.message}"
        lines.append(line + (f" → {diagnostic.hint}" if diagnostic.hint else ""))
    return lines


def _skeleton_checked(basics: Any, chosen: set[str], file: Path, templates: Path | None) -> str:
    """The skeleton with what the user chose; refused (nothing written) when any of it is
    wrong, every problem listed."""
    from kehoach.scaffold import skeleton

    problems = _problems(basics, chosen, file, templates)
    if problems:
        err.print("thông tin đã nhập chưa hợp lệ; chưa ghi tệp:", style="red")
        for line in problems:
            err.print(f"  {line}", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID)
    return skeleton(basics, file.name, templates)


@command("check")
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


@command("huong-dan")
def guide_cmd(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Argument(
            help="Tài liệu (spec, check, don-vi, bao-cao, nd30, hd05), một khóa của tệp kế"
            " hoạch (nguoi_ky, co_quan.ten), số mục (3.15) hoặc mã lỗi (KT-6). Bỏ trống để"
            " xem danh sách.",
            metavar="MỤC",
            show_default=False,
        ),
    ] = None,
) -> None:
    """In tài liệu hướng dẫn cài kèm kehoach: cả tài liệu, một khóa, một mục hoặc một mã lỗi."""
    from kehoach import guide
    from kehoach.spec.diagnostics import os_error_text

    try:
        text = guide.index() if topic is None else guide.lookup(topic)
    except (guide.GuideMissing, OSError) as exc:
        reason = os_error_text(exc) if isinstance(exc, OSError) else str(exc)
        err.print(f"lỗi: {reason}", style="red", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    if text is None:
        raise UsageProblem(
            f"không có mục hướng dẫn '{topic}'; chạy 'kehoach huong-dan' để xem danh sách", ctx
        )
    if sys.stdout.isatty() and text.count("\n") > 40:
        import pydoc

        pydoc.pager(text)
    else:
        typer.echo(text)


def _jobs(value: Any) -> int | None:
    return None if value is None else int(value)


def main() -> None:
    """Entry point: the app prints its own errors and exits with their code (cli_i18n)."""
    app()
