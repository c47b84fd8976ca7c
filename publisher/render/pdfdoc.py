"""PDF documents with pikepdf (the one module that imports it): a page's PDF finished from the
parts WeasyPrint rendered, and an issue's page PDFs merged into one, each keeping what its
pages had — the structure tree (tags), Title, Lang and metadata, the outline, named
destinations — with page labels that are the newspaper's page numbers.

The structure tree is made to follow the story: WeasyPrint makes one structure element per
box, so a paragraph set in two columns (or continued on the next sheet) comes out as two
``P``. The print HTML marks such pieces with one key (``data-pdf-join``), which ``weasy``
keeps in the tree; ``join_pieces`` makes them one element (its content in reading order) and
lifts the kids of layout-only boxes (``data-pdf-unwrap``: columns) into their parents.

Output is byte-reproducible: no clock, and a file identifier computed from the content.
"""

from __future__ import annotations

from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from ..model import Page, page_label
from .folio import page_number

JOIN, UNWRAP = Name("/PublisherJoin"), Name("/PublisherUnwrap")  # set by weasy's tagger


def finish_pdf(parts: list[bytes], label: str | None = None) -> bytes:
    """WeasyPrint's parts of one page, in order, as one PDF: one structure element per
    paragraph, story and headline; page labels ``label`` (one sheet) or ``label-1``, ``label-2``…"""
    pdf = pikepdf.open(BytesIO(parts[0]))
    outline = _outline(pdf, 0)
    for data in parts[1:]:
        other = pikepdf.open(BytesIO(data))
        outline += _outline(other, len(pdf.pages))
        _append(pdf, other)
    join_pieces(pdf)
    _write_outline(pdf, _nest_by_headings(pdf, outline))
    if label:
        sheets = len(pdf.pages) > 1
        first = Dictionary({"/P": String(label + "-"), "/S": Name.D}) if sheets else Dictionary({"/P": String(label)})
        pdf.Root.PageLabels = Dictionary(Nums=Array([0, first]))
    return _save(pdf)


def merge_issue(pages: list[bytes], bookmarks: list[str], title: str) -> bytes:
    """Finished page PDFs as one: a bookmark per page (``bookmarks``) holding the page's own
    outline (its stories), the pages' labels, structure trees and named destinations (prefixed
    ``p1/``, ``p2/``… so that they stay apart), and the first page's metadata with ``title``
    and every page's description and authors."""
    pdf = pikepdf.open(BytesIO(pages[0]))
    info = [dict(pdf.docinfo.items())]
    outline, labels = [], []
    for n, data in enumerate(pages):
        other = pdf if n == 0 else pikepdf.open(BytesIO(data))
        start = 0 if n == 0 else len(pdf.pages)
        entry = _Entry(bookmarks[n], start, 0.0, _outline(other, start))
        outline.append(entry)
        labels += _labels(other, start)
        _prefix_names(other, f"p{n + 1}/")
        if n:
            info.append(dict(other.docinfo.items()))
            _append(pdf, other)
        entry.top = float(pdf.pages[start].MediaBox[3])
    _write_outline(pdf, outline)
    if any(isinstance(d, Dictionary) and ("/P" in d) for d in labels[1::2]):
        pdf.Root.PageLabels = Dictionary(Nums=Array(labels))
    _set_metadata(pdf, title, info)
    return _save(pdf)


# ------------------------------------------------------------------ structure tree


def join_pieces(pdf: pikepdf.Pdf) -> None:
    """Structure elements sharing a join key become the first of them (their kids appended in
    order); elements flagged unwrap are replaced by their kids; containers left empty go."""
    document = pdf.Root.StructTreeRoot.K[0]
    elements = list(_walk(document))
    first: dict[str, Dictionary] = {}
    emptied = []
    for element in elements:
        key = element.get(JOIN)
        if key is None:
            continue
        del element[JOIN]
        target = first.setdefault(str(key), element)
        if target is not element:
            _move_kids(pdf, element, target)
            _remove(element)
            emptied.append(element.P)
    for element in elements:
        if UNWRAP in element:
            del element[UNWRAP]
            if _is_live(element):
                parent = element.P
                _move_kids(pdf, element, parent, before=element)
                _remove(element)
                emptied.append(parent)
    for element in emptied:
        while element.get("/S") != Name.Document and len(element.K) == 0 and _is_live(element):
            parent = element.P
            _remove(element)
            element = parent


def _walk(element: Dictionary):
    """Structure elements under ``element`` (itself included), in document order."""
    yield element
    for kid in _kids(element):
        if isinstance(kid, Dictionary) and "/S" in kid:
            yield from _walk(kid)


def _kids(element: Dictionary) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _is_live(element: Dictionary) -> bool:
    parent = element.get("/P")
    return parent is not None and any(_same(k, element) for k in _kids(parent))


def _same(a, b) -> bool:
    return isinstance(a, Dictionary) and a.is_indirect and b.is_indirect and a.objgen == b.objgen


def _remove(element: Dictionary) -> None:
    parent = element.P
    parent.K = Array([k for k in _kids(parent) if not _same(k, element)])


def _move_kids(pdf: pikepdf.Pdf, source: Dictionary, target: Dictionary, before: Dictionary | None = None) -> None:
    """``source``'s kids into ``target`` (at its end, or in place of ``before``). Marked content
    named by number becomes a reference with its page, and the parent tree follows it."""
    moved = []
    for kid in _kids(source):
        if isinstance(kid, int):
            _parent_tree_entry(pdf, source.Pg, kid, target)
            kid = Dictionary(Type=Name.MCR, Pg=source.Pg, MCID=kid)
        elif isinstance(kid, Dictionary) and "/S" in kid:
            kid.P = target
        elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
            _parent_tree_entry(pdf, kid.Obj, None, target)
        moved.append(kid)
    kids = _kids(target)
    if before is None:
        kids += moved
    else:
        at = next(i for i, k in enumerate(kids) if _same(k, before))
        kids[at:at] = moved
    target.K = Array(kids)
    source.K = Array()


def _parent_tree_entry(pdf: pikepdf.Pdf, owner: Dictionary, mcid: int | None, element: Dictionary) -> None:
    """Point the parent tree's entry for marked content ``mcid`` of page ``owner`` (or for the
    annotation ``owner``) at ``element``."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    key = owner.StructParents if mcid is not None else owner.StructParent
    for i in range(0, len(nums), 2):
        if int(nums[i]) == int(key):
            if mcid is None:
                nums[i + 1] = element
            else:
                nums[i + 1][mcid] = element


# ------------------------------------------------------------------ documents


def _append(pdf: pikepdf.Pdf, other: pikepdf.Pdf) -> None:
    """``other``'s pages at the end of ``pdf``, with their structure (its parent tree numbers
    moved past ``pdf``'s) and named destinations."""
    start = len(pdf.pages)
    pdf.pages.extend(other.pages)
    root, their = pdf.Root.StructTreeRoot, other.Root.StructTreeRoot
    document, nums = root.K[0], root.ParentTree.Nums
    offset = max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1
    for kid in _kids(their.K[0]):
        copy = pdf.copy_foreign(kid)
        copy.P = document
        document.K.append(copy)
    for page in pdf.pages[start:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + offset
    theirs = their.ParentTree.Nums
    for i in range(0, len(theirs), 2):
        value = theirs[i + 1]
        nums.append(int(theirs[i]) + offset)
        nums.append(pdf.copy_foreign(value) if value.is_indirect else Array([pdf.copy_foreign(v) for v in value]))
    names = _dest_names(other)
    if names:
        mine = _dest_names(pdf)
        pairs = [(str(mine[i]), mine[i + 1]) for i in range(0, len(mine), 2)]
        pairs += [(str(names[i]), _copy_dest(pdf, names[i + 1])) for i in range(0, len(names), 2)]
        flat = [x for k, v in sorted(pairs) for x in (String(k), v)]
        pdf.Root.Names = Dictionary(Dests=Dictionary(Names=Array(flat)))


def _dest_names(pdf: pikepdf.Pdf) -> Array:
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    return dests.get("/Names", Array()) if dests is not None else Array()


def _copy_dest(pdf: pikepdf.Pdf, dest):
    if dest.is_indirect:
        return pdf.copy_foreign(dest)
    return Array([pdf.copy_foreign(v) if isinstance(v, Dictionary) else v for v in dest])


def _prefix_names(pdf: pikepdf.Pdf, prefix: str) -> None:
    names = _dest_names(pdf)
    for i in range(0, len(names), 2):
        names[i] = String(prefix + str(names[i]))


def _labels(pdf: pikepdf.Pdf, start: int) -> list:
    """``pdf``'s page label ranges moved to start at page ``start`` (plain numbers if it has none)."""
    labels = pdf.Root.get("/PageLabels")
    if labels is None:
        return [start, Dictionary(S=Name.D, St=start + 1)]
    nums = labels.Nums
    return [x for i in range(0, len(nums), 2) for x in (int(nums[i]) + start, Dictionary(dict(nums[i + 1].items())))]


class _Entry:
    """An outline entry: title, page index, where on the page (pt), children."""

    def __init__(self, title: str, page: int, top: float, children: list[_Entry], left: float = 0.0):
        self.title, self.page, self.top, self.children, self.left = title, page, top, children, left


def _outline(pdf: pikepdf.Pdf, start: int) -> list[_Entry]:
    """``pdf``'s outline, its destinations as page indexes counted from ``start``."""
    index = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}

    def entries(items) -> list[_Entry]:
        out = []
        for item in items:
            dest = item.destination
            page = index.get(dest[0].objgen, 0) if isinstance(dest, Array) and len(dest) else 0
            xyz = isinstance(dest, Array) and len(dest) > 3 and dest[1] == Name.XYZ
            left, top = (float(dest[2] or 0), float(dest[3] or 0)) if xyz else (0.0, 0.0)
            out.append(_Entry(item.title, start + page, top, entries(item.children), left))
        return out

    with pdf.open_outline() as outline:
        return entries(outline.root)


def _nest_by_headings(pdf: pikepdf.Pdf, entries: list[_Entry]) -> list[_Entry]:
    """The parts' outline entries nested by the levels of the headings they come from (an
    intertitle at the top of a part goes back under its story's headline), when there is one
    entry per heading element; else as they are."""
    flat = []

    def flatten(entries):
        for e in entries:
            flat.append(e)
            flatten(e.children)

    flatten(entries)
    levels = [int(str(e.S)[2]) for e in _walk(pdf.Root.StructTreeRoot.K[0])
              if str(e.S) in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")]
    if len(levels) != len(flat):
        return entries
    for e in flat:
        e.children = []
    top: list[_Entry] = []
    stack: list[tuple[int, _Entry]] = []
    for level, e in zip(levels, flat):
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][1].children if stack else top).append(e)
        stack.append((level, e))
    return top


def _write_outline(pdf: pikepdf.Pdf, entries: list[_Entry]) -> None:
    def items(entries: list[_Entry]) -> list[OutlineItem]:
        out = []
        for e in entries:
            item = OutlineItem(e.title, Array([pdf.pages[e.page].obj, Name.XYZ, e.left, e.top, 0]))
            item.children.extend(items(e.children))
            out.append(item)
        return out

    with pdf.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(items(entries))


def _set_metadata(pdf: pikepdf.Pdf, title: str, info: list[dict]) -> None:
    """The first page's metadata, with the issue's title and every page's description and authors."""
    def joined(key: str, sep: str) -> str:
        parts = [str(i[key]) for i in info if key in i]
        return sep.join(dict.fromkeys(p for part in parts for p in part.split(sep) if p))

    subject, author = joined("/Subject", "；"), joined("/Author", "; ")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        if subject:
            meta["dc:description"] = subject
        if author:
            meta["dc:creator"] = [author]
    pdf.docinfo.Title = String(title)
    if subject:
        pdf.docinfo.Subject = String(subject)
    if author:
        pdf.docinfo.Author = String(author)


def _save(pdf: pikepdf.Pdf) -> bytes:
    buf = BytesIO()
    pdf.save(buf, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buf.getvalue()


def issue_pdf(pages: list[Page], pdfs: list[bytes], title: str) -> bytes:
    """The issue's page PDFs (of ``pages``) as one, titled like the issue's EPUB (the paper and
    ``title``): a bookmark per page (its page number, else its place and first headline)
    holding its stories, page labels, the pages' tags and metadata."""
    papers = {p.metadata.paper for p in pages}
    paper = pages[0].metadata.paper if len(papers) == 1 else None
    name = f"{paper} {title}" if paper and paper not in title else title
    marks = []
    for i, page in enumerate(pages, 1):
        number = page_number(page)
        first = next((s.headline.text for s in page.stories if s.headline.text), page.title())
        marks.append(page_label(number) if number else f"{i}. {first}")
    return merge_issue(pdfs, marks, name)
