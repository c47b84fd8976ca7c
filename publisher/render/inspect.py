"""A human-readable account of what was recovered from a page (``publisher inspect``)."""

from __future__ import annotations

from collections import Counter

from ..model import Page


def describe(page: Page, show_repairs: bool = False, show_blocks: bool = False) -> str:
    m = page.measure_em
    out = [
        f"{page.source_name}  ({page.encoding}; measure {f'{m:g} em' if m else 'unknown'}; "
        f"{len(page.stories)} stories; {len(page.repairs)} repairs)"
    ]
    folio = [f"{c.role} {c.name}" for c in page.credits]
    if page.folio.url:
        folio.append(page.folio.url)
    if folio:
        out.append("folio: " + " · ".join(folio))
    for i, s in enumerate(page.stories, 1):
        out.append("")
        out.append(f"{i}. [{s.kind}] {s.headline.text or '(no headline)'}")
        if s.box:
            out.append(f"   on the page: {s.box.x0:g},{s.box.y0:g} – {s.box.x1:g},{s.box.y1:g}"
                       + (f" (photo {s.photo_box.x0:g},{s.photo_box.y0:g} – {s.photo_box.x1:g},{s.photo_box.y1:g})"
                          if s.photo_box else ""))
        for label, value in (("kicker", s.kicker and s.kicker.text), ("subheadline", s.subheadline and s.subheadline.text),
                             ("dateline", s.dateline), *(("byline", f"{b.text} ({b.position})") for b in s.bylines)):
            if value:
                out.append(f"   {label}: {value}")
        for b in s.body:
            if b.type == "intertitle":
                out.append(f"   ## {b.text}")
            else:
                out.append(f"   ¶ {b.text[:24]}…  ({len(b.text)} chars, {len(b.breaks)} line breaks)")
        if s.caption:
            out.append(f"   caption: {s.caption.text[:24]}…  ({len(s.caption.text)} chars)")
    out.append("")
    counts = Counter(r.kind for r in page.repairs)
    out.append("repairs: " + (", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "none"))
    if page.doubts:
        out.append("least sure of:")
        out += [f"  {d}" for d in page.doubts]
    if show_blocks:
        unit = "item of the JSON" if page.format == "paddle" else "line"
        out.append(f"blocks ({unit}, role, text as read; correct a role with [roles] in PAGE.toml):")
        width = max((len(str(b.line)) for b in page.lines), default=1)
        out += [f"  {b.line:>{width}}  {b.role:<11}  {' '.join(b.text.split())[:40]}" for b in page.lines]
    if show_repairs:
        # converted OCR files: the line of the OCR file (JSON: the box item), no column
        where = (lambda r: f"item {r.line}") if page.format == "paddle" else (
            lambda r: f"{r.line}:{r.column}" if r.column else f"line {r.line}")
        out += [f"  {where(r)} {r.kind}: {r.before!r} → {r.after!r}" for r in page.repairs]
    return "\n".join(out)
