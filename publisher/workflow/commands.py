"""The ``build`` and ``watch`` commands: options from the command line over publisher.toml,
progress on a terminal (plain lines otherwise), and a one-screen summary."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..errors import InputError
from .build import BuildOptions, BuildReport, PageResult, build
from .config import FORMATS, load_config


def options_from(args) -> tuple[list[Path], BuildOptions, int | None]:
    config = load_config(args.config)
    formats = tuple(f.strip() for f in args.formats.split(",")) if args.formats else config.formats
    if not formats or not set(formats) <= set(FORMATS):
        raise InputError(f"--formats takes a comma-separated list of {', '.join(FORMATS)}")
    paths = list(args.paths) or list(config.sources)
    options = BuildOptions(
        outdir=args.output or config.output,
        layout=args.layout or config.layout,
        extra_css=tuple(args.extra_css) if args.extra_css is not None else config.css,
        formats=formats,
        faithful=(args.lines or config.lines) == "original",
        system_fonts=bool(args.system_fonts),
        metadata_defaults=tuple(sorted({**config.metadata, **_meta_file(args.meta)}.items())),
        encoding=args.encoding,
        repair=not args.no_repair,
        cover=args.cover,
        format=args.format,
        vertical=args.vertical if args.vertical is not None else config.vertical,
        quotes=args.quotes or config.quotes,
        arrangement=args.arrangement or config.arrangement,
    )
    return paths, options, args.jobs or config.jobs


def _meta_file(path: Path | None) -> dict[str, str]:
    """``--meta FILE``: metadata for every page, over publisher.toml's, under each page's own."""
    import dataclasses

    from ..read.metadata import FIELDS, load_metadata

    if path is None:
        return {}
    if not path.is_file():
        raise InputError(f"{path}: no such metadata file")
    meta = load_metadata(path)
    return {k: v for k, v in dataclasses.asdict(meta).items() if k in FIELDS and v}


def run_build(args) -> int:
    paths, options, jobs = options_from(args)
    report = _build_with_progress(paths, options, jobs, args.scheduler)
    print(summary(report))
    return len(report.failed)


def _build_with_progress(paths, options, jobs, scheduler=None) -> BuildReport:
    if sys.stdout.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), transient=True) as bar:
            task = bar.add_task("building", total=None)

            def tick(result: PageResult, n: int, total: int) -> None:
                bar.update(task, completed=n, total=total, description=result.source.name)
                if result.error:
                    bar.console.print(f"[red]failed[/red] {result.error}")

            return build(paths, options, jobs=jobs, scheduler=scheduler, progress=tick)

    def line(result: PageResult, n: int, total: int) -> None:
        state = "failed: " + result.error if result.error else ("cached" if result.cached else f"{result.seconds:.1f} s")
        print(f"[{n}/{total}] {result.source} {state}", flush=True)

    return build(paths, options, jobs=jobs, scheduler=scheduler, progress=line)


def summary(report: BuildReport) -> str:
    rows = []
    for r in report.pages:
        if r.error:
            rows.append(f"  {r.source}: FAILED — {r.error}")
            continue
        sizes = ", ".join(f"{k} {p.stat().st_size / 1024:.0f} KB" for k, p in r.outputs.items() if p.exists())
        measure = f"{r.measure:g} em" if r.measure else "measure unknown"
        note = "cached" if r.cached else f"{r.seconds:.1f} s"
        if not r.cached and set(r.made) != set(r.outputs):
            note += f", {' and '.join(r.made)} remade, the rest current"
        blank = f", {r.blank:.0%} blank" if r.blank is not None else ""
        printed = f", {r.pages} pp" if r.pages else ""  # (no PDF asked for: no pages)
        rows.append(f"  {r.source.name}: {r.stories} stories, {measure}, {r.repairs} repairs{printed}{blank}; "
                    f"{sizes} ({note})")
        rows += [f"    refused to load {u}" for u in r.refused]
        rows += [f"    warning: {n}" for n in r.notes]
    for folder, outs in report.issues.items():
        if outs:  # (an issue is made only as a PDF and an EPUB: none when neither format is asked for)
            rows.append(f"  issue {folder}: " + ", ".join(f"{k} {p}" for k, p in outs.items()))
    built = sum(1 for r in report.pages if not r.error and not r.cached)
    cached = sum(1 for r in report.pages if r.cached)
    head = (f"{len(report.pages)} page(s): {built} built, {cached} unchanged, {len(report.failed)} failed "
            f"in {report.seconds:.1f} s")
    return "\n".join([head, *rows])


def run_watch(args) -> None:
    from watchfiles import watch

    paths, options, jobs = options_from(args)
    report = _build_with_progress(paths, options, jobs, args.scheduler)
    print(summary(report))
    watched = [p for p in {*paths, *options.extra_css} if p.exists()]
    from ..typeset.fonts import FONTS_DIR
    from ..typeset.layout import LAYOUTS_DIR, stylesheet_files

    watched += [*stylesheet_files(options.layout, options.extra_css), LAYOUTS_DIR / "epub.css",
                LAYOUTS_DIR / "epub-vertical.css", LAYOUTS_DIR / "web.css", FONTS_DIR]
    watched = list(dict.fromkeys(watched))  # all the cache key reads, the stylesheets' imports included
    announced = False
    try:
        # an empty yield after each quiet second: the first says the watcher is ready
        for changes in watch(*watched, debounce=300, step=100, yield_on_timeout=True, rust_timeout=1000):
            if not changes:
                if not announced:
                    print(f"watching {', '.join(map(str, watched))} (Ctrl-C to stop)", flush=True)
                    announced = True
                continue
            changed = sorted({Path(p).name for _, p in changes})
            started = time.perf_counter()
            report = build(paths, options, jobs=jobs, scheduler=args.scheduler)
            rebuilt = [r.source.name for r in report.pages if not r.cached and not r.error]
            failed = [r.error for r in report.failed]
            print(f"changed {', '.join(changed)} → rebuilt {', '.join(rebuilt) or 'nothing'} "
                  f"in {time.perf_counter() - started:.1f} s", flush=True)
            for f in failed:
                print(f"  failed: {f}", flush=True)
    except KeyboardInterrupt:
        pass
