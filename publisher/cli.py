"""Command line: a thin shell over the Python API. Errors become one line and an exit code."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from . import write_epub, write_html
from .render.output import writable_file, writable_folder, write_atomic
from .version import __version__
from .errors import ExitCode, PublisherError
from .read.formats import NAMES as FORMAT_NAMES
from .read.metadata import load_metadata


def _page_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("page", type=Path, help="page text file (UTF-8/16, GB18030/GBK or Big5)")
    p.add_argument("--encoding", help="decode with this codec instead of detecting one")
    p.add_argument("--format", choices=FORMAT_NAMES,
                   help="the OCR output's format, instead of detecting it (hOCR, ALTO, PaddleOCR JSON, "
                        "Tesseract text, or one block per line)")
    p.add_argument("--no-repair", action="store_true", help="keep the text exactly as read (no OCR repairs)")
    p.add_argument("--meta", type=Path, help="metadata TOML (default: PAGE.toml beside the page, if any)")
    p.add_argument("--config", type=Path, help="publisher.toml (default: ./publisher.toml if present)")
    p.add_argument("--image", type=Path, help="the original page's image: its illustrations are cut from it "
                                              "(default: the image the hOCR/ALTO file names, when it is there)")
    _quotes_arg(p)


def _quotes_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quotes", choices=("corner", "keep"), default=None,
                   help="a Traditional page's curly quotes: as corner brackets 「」『』 (default, a logged repair) "
                        "or kept; Simplified pages are never changed")


def _vertical_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vertical", action=argparse.BooleanOptionalAction, default=None,
                   help="set the EPUB vertically, top to bottom and right to left (default: so for Traditional, "
                        "zh-Hant, pages; publisher.toml's build.vertical)")


def _config(args):
    from .workflow.config import load_config

    return load_config(getattr(args, "config", None))


def _read(args):
    from .read.metadata import sidecar_path
    from .read.page import read_page
    from .workflow.config import with_metadata_defaults

    if args.meta and not args.meta.is_file():
        raise UsageError(f"{args.meta}: no such metadata file")
    meta = load_metadata(args.meta or sidecar_path(args.page))
    meta = with_metadata_defaults(meta, _config(args).metadata)
    if args.image is not None and not args.image.is_file():
        raise UsageError(f"{args.image}: no such image file")
    return read_page(args.page, encoding=args.encoding, repair=not args.no_repair, metadata=meta, format=args.format,
                     image=args.image, quotes=args.quotes or _config(args).quotes)


def cmd_inspect(args) -> None:
    page = _read(args)
    if args.json:
        print(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
    else:
        from .render.inspect import describe

        print(describe(page, show_repairs=args.repairs, show_blocks=args.blocks))


def cmd_html(args) -> None:
    writable_file(args.output)
    path, web = write_html(_read(args), args.output, tuple(args.css), links=tuple(args.link),
                           system_fonts=args.system_fonts, base_dir=args.page.resolve().parent)
    for url in web.refused:
        print(f"publisher: refused to load {url} (only the project's own files may be loaded)", file=sys.stderr)
    for warning in web.warnings:
        print(f"publisher: warning: {warning}", file=sys.stderr)
    print(path)


def _print_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--layout", help="built-in layout name or a .css file (default: publisher.toml's, or broadsheet)")
    p.add_argument("--css", dest="extra_css", action="append", type=Path, default=[], help="stylesheet applied after the layout")
    p.add_argument("--lines", choices=("recompose", "original"),
                   help="recompose lines by the rules (default) or keep the source's line breaks")
    p.add_argument("--system-fonts", action="store_true", help="fall back to installed fonts for characters the bundled ones lack")
    p.add_argument("--arrangement", choices=("original", "packed"),
                   help="the stories where the original page had them (default for hOCR, ALTO and PaddleOCR "
                        "JSON, which record it) or packed by publisher")


def _make_pdf(args):
    from .render.pdf import make_pdf

    page = _read(args)
    config = _config(args)
    layout, extra_css = args.layout or config.layout, tuple(args.extra_css) or config.css
    result = make_pdf(page, layout, extra_css=extra_css, faithful=(args.lines or config.lines) == "original",
                      system_fonts=args.system_fonts, base_dir=args.page.resolve().parent, progress=_progress(),
                      arrangement=_arrangement(args, page, config))
    for url in result.refused:
        print(f"publisher: refused to load {url} (only the project's own files may be loaded)", file=sys.stderr)
    for warning in result.warnings:
        print(f"publisher: warning: {warning}", file=sys.stderr)
    return page, result


def _arrangement(args, page, config) -> str:
    """Asked on the command line: as asked (a page without positions says why it is packed);
    publisher.toml's or the default "original": only for pages whose OCR recorded positions."""
    if args.arrangement:
        return args.arrangement
    return config.arrangement if page.geometry is not None else "packed"


def _progress():
    """On a terminal, a line that counts the pages of a long edition as they are rendered."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total > 24:
            end = "\n" if done == total else ""
            print(f"\rpublisher: rendered {done} of {total} pages", end=end, file=sys.stderr, flush=True)

    return show


def cmd_pdf(args) -> None:

    writable_file(args.output)
    page, result = _make_pdf(args)
    path = write_atomic(args.output, result.data)
    if result.sheet:
        g = result.sheet.grid
        pages = result.sheet.pages
        width, height = (round(v * 25.4 / 72) for v in result.sheet.size)
        print(f"{path}: {pages} page{'s' if pages > 1 else ''} of {width} × {height} mm, {g.columns} "
              f"column{'s' if g.columns > 1 else ''} of {g.measure:g} em at {g.body_size:g}pt, "
              f"{len(page.stories)} stories, {result.sheet.blank_share():.1%} of the type area blank")
    else:
        print(path)


def cmd_preview(args) -> None:
    """``-o FILE.png`` for a one-page PDF; otherwise ``-o`` is a folder of ``PAGE.pageNN.png``."""
    from .render.pdfpages import png_pages, write_previews

    as_file = args.output.suffix.lower() == ".png" and not args.output.is_dir()
    writable_file(args.output) if as_file else writable_folder(args.output)
    page, result = _make_pdf(args)
    if as_file:
        pages = png_pages(result.data, args.dpi)
        if len(pages) > 1:
            raise UsageError(f"{args.output}: the PDF has {len(pages)} pages; give a folder for their PNG files")
        print(write_atomic(args.output, pages[0]))
        return
    for path in write_previews(result.data, args.output, args.page.stem, args.dpi):
        print(path)


def cmd_epub(args) -> None:
    writable_file(args.output)
    page = _read(args)
    cover = None
    if args.cover == "page":
        from .render.pdf import cover_image

        config = _config(args)
        cover, note = cover_image(page, config.layout, config.css)
        if note:
            print(f"publisher: warning: {note}", file=sys.stderr)
    vertical = args.vertical if args.vertical is not None else _config(args).vertical
    print(write_epub(page, args.output, cover_png=cover, reader_fonts=args.system_fonts, vertical=vertical))


def cmd_config(args) -> None:
    for row in _config(args).describe():
        print(row)


def cmd_layouts(args) -> None:
    from .typeset.layout import builtin_layouts, load_layout

    for name in builtin_layouts():
        print(f"{name:12} {load_layout(name).description}")
    print("(layouts/web.css styles the web page, layouts/epub.css the EPUB; copy a print layout to start your own)")


def cmd_layout_copy(args) -> None:
    from .typeset.layout import find_layout

    if args.dest.exists() and not args.force:
        raise UsageError(f"{args.dest}: already exists (use --force to replace it)")
    print(write_atomic(args.dest, find_layout(args.name).read_bytes()))


def cmd_build(args) -> None:
    from .workflow.commands import run_build

    failed = run_build(args)
    if failed:
        raise BuildFailed(f"{failed} page(s) failed (see above); the others were built")


def cmd_watch(args) -> None:
    from .workflow.commands import run_watch

    run_watch(args)


class BuildFailed(PublisherError):
    exit_code = ExitCode.input_file


class UsageError(PublisherError):
    """The command was asked for what it cannot do (exit 3)."""

    exit_code = ExitCode.input_file


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="publisher", description="Republish OCR'd Chinese newspaper pages.")
    ap.add_argument("--version", action="version", version=f"publisher {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("inspect", help="show the structure recovered from a page")
    _page_args(p)
    p.add_argument("--json", action="store_true", help="machine-readable model")
    p.add_argument("--repairs", action="store_true", help="list every repair")
    p.add_argument("--blocks", action="store_true", help="list every source line with its role (for [roles])")
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser("html", help="write the page as a web page: semantic HTML5, styled, fonts embedded")
    _page_args(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="HTML file to write")
    p.add_argument("--css", action="append", type=Path, default=[],
                   help="stylesheet file inlined after layouts/web.css, its @imports followed (repeatable)")
    p.add_argument("--link", action="append", default=[],
                   help="stylesheet URL linked after the inlined ones, not read by publisher (repeatable)")
    p.add_argument("--system-fonts", action="store_true",
                   help="let the reader's installed fonts set characters the bundled ones lack (else they are refused)")
    p.set_defaults(func=cmd_html)

    p = sub.add_parser("epub", help="write the page as a reflowable EPUB 3 with embedded fonts")
    _page_args(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="EPUB file to write")
    p.add_argument("--cover", choices=("title", "page"), default="title",
                   help="cover: a title cover (default) or the print page (publisher.toml's layout)")
    p.add_argument("--system-fonts", action="store_true",
                   help="let the reader's fonts set characters the bundled ones lack (else they are refused)")
    _vertical_arg(p)
    p.set_defaults(func=cmd_epub)

    p = sub.add_parser("pdf", help="write the print PDF")
    _page_args(p)
    _print_args(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    p.set_defaults(func=cmd_pdf)

    p = sub.add_parser("preview", help="write PNG images of the print PDF's pages")
    _page_args(p)
    _print_args(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="folder for the PNG files")
    p.add_argument("--dpi", type=float, default=80, help="resolution (default 80)")
    p.set_defaults(func=cmd_preview)

    _build_parsers(sub)
    _layout_parsers(sub)
    return ap


def _build_parsers(sub) -> None:
    for verb, helptext in (("build", "build pages or folders of pages into PDF, EPUB and HTML"),
                           ("watch", "rebuild when sources or stylesheets change")):
        p = sub.add_parser(verb, help=helptext)
        p.add_argument("paths", nargs="*", type=Path, help="page files or folders (default: source/)")
        p.add_argument("-o", "--output", type=Path, help="output folder (default: out/, or publisher.toml)")
        p.add_argument("--layout", help="built-in layout name or a .css file")
        p.add_argument("--css", dest="extra_css", action="append", type=Path, default=None,
                       help="stylesheet applied after the layout")
        p.add_argument("--formats", help="comma-separated: pdf,epub,html (default: all)")
        p.add_argument("--jobs", type=int, help="pages built at once (default: all cores)")
        p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="run the pages on a Dask distributed cluster (pip install 'publisher[dask]')")
        p.add_argument("--lines", choices=("recompose", "original"), default=None,
                       help="recompose lines by the rules (default) or keep the source's line breaks")
        p.add_argument("--system-fonts", action="store_true", default=None,
                       help="fall back to installed fonts for characters the bundled ones lack")
        p.add_argument("--arrangement", choices=("original", "packed"), default=None,
                       help="the stories where the original page had them (default, for OCR with positions) or packed")
        p.add_argument("--encoding", help="decode pages with this codec instead of detecting one")
        p.add_argument("--format", choices=FORMAT_NAMES, help="the pages' OCR format, instead of detecting it")
        p.add_argument("--meta", type=Path, help="metadata for every page (each page's PAGE.toml still wins)")
        p.add_argument("--no-repair", action="store_true", help="keep the text exactly as read (no OCR repairs)")
        p.add_argument("--cover", choices=("title", "page"), default="title",
                       help="the EPUB's cover: a title cover (default) or the print page")
        p.add_argument("--config", type=Path, help="publisher.toml (default: ./publisher.toml if present)")
        _vertical_arg(p)
        _quotes_arg(p)
        p.set_defaults(func=cmd_build if verb == "build" else cmd_watch)



def _layout_parsers(sub) -> None:
    p = sub.add_parser("config", help="show the settings in force and where each comes from")
    p.add_argument("--config", type=Path, help="publisher.toml (default: ./publisher.toml if present)")
    p.set_defaults(func=cmd_config)
    p = sub.add_parser("layouts", help="list the built-in layouts")
    p.set_defaults(func=cmd_layouts)
    p = sub.add_parser("layout", help="work with layouts")
    lsub = p.add_subparsers(dest="layout_command", required=True, metavar="ACTION")
    c = lsub.add_parser("copy", help="start a custom layout from a built-in one")
    c.add_argument("name", help="built-in layout name")
    c.add_argument("dest", type=Path, help="new .css file")
    c.add_argument("--force", action="store_true", help="replace DEST if it exists")
    c.set_defaults(func=cmd_layout_copy)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.func(args)
    except PublisherError as e:
        print(f"publisher: error: {e}", file=sys.stderr)
        return int(e.exit_code)
    except KeyboardInterrupt:
        print("publisher: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:  # a bug: say so with the traceback a developer needs
        traceback.print_exc()
        print("publisher: internal error (please report it with the traceback above)", file=sys.stderr)
        return int(ExitCode.unexpected)
    return 0


if __name__ == "__main__":
    sys.exit(main())
