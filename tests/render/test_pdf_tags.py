"""The PDF's tags follow the story, read back with poppler (``pdfinfo -struct-text``): one H2
per headline (its kicker and subheadline beside it in one heading group), one P per paragraph
however many columns, modules or sheets it is set over, in story order. A long edition made in
parts and an issue made of page PDFs keep the tags, Title, Lang and metadata, and carry an
outline and page labels; the same input gives the same bytes."""

from __future__ import annotations

import subprocess

import pdfplumber
import pytest

import publisher.render.pdf as pdf
from conftest import ROOT, SAMPLE, han
from pdfcheck import bookmarks, catalog_and_info, page_labels, struct_tree
from publisher import read_page
from publisher.model import page_label

PAGES = ROOT / "tests" / "pages"


def expected_stories(page) -> list[dict]:
    """What the tags must hold per story, from the model: its heading group, and its body as
    (H3 | P, text) in order — a paragraph's text whole, the dateline opening the first."""
    out = []
    for s in page.stories:
        body = []
        for n, b in enumerate(s.body):
            text = (s.dateline or "") + b.text if n == 0 else b.text
            body.append(("H3" if b.type == "intertitle" else "P", han(text)))
        group = [("P", han(s.kicker.text))] if s.kicker else []
        group.append(("H2", han(s.headline.text)))
        group += [("P", han(s.subheadline.text))] if s.subheadline else []
        out.append({"group": group, "body": body})
    return out


def tagged_stories(path) -> list[dict]:
    """Per Art element, in order: its heading group's elements and its body's H3/P, with text."""
    out = []
    for art in struct_tree(path).find("Art"):
        head = art.kids[0]
        group = [(k.tag, han(k.text())) for k in head.kids] if head.tag == "NonStruct" else []
        body = [(k.tag, han(k.text())) for k in art.kids if k.tag in ("P", "H3")]
        out.append({"group": group, "body": body})
    return out


@pytest.fixture(scope="module")
def sample():
    return read_page(SAMPLE)


@pytest.fixture(scope="module")
def broadsheet(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("tags") / "sample.pdf"
    path.write_bytes(pdf.make_pdf(sample).data)
    return path


def test_one_h2_per_headline_and_one_p_per_paragraph_in_story_order(broadsheet, sample):
    tree = struct_tree(broadsheet)
    assert len(tree.find("H2")) == len(sample.stories)  # a two-line headline is one heading
    assert tagged_stories(broadsheet) == expected_stories(sample)
    cut = sum(1 for s in sample.stories for b in s.body if b.type == "paragraph")
    assert len([p for art in tree.find("Art") for p in art.kids if p.tag == "P"]) == cut
    poppler = subprocess.run(["pdfinfo", "-struct", str(broadsheet)], capture_output=True, text=True, check=True).stdout
    assert [line.split()[0] for line in poppler.splitlines()].count("H2") == len(sample.stories)  # a second reader


def test_the_page_outline_is_its_stories(broadsheet, sample):
    tops = [(title, page) for level, title, page in bookmarks(broadsheet) if level == 0]
    assert tops == [(s.headline.text, 0) for s in sample.stories]


def outline_of(page) -> list[tuple[int, str]]:
    """Each story's headline, its intertitles under it."""
    return [x for s in page.stories for x in [(0, s.headline.text)]
            + [(1, b.text) for b in s.body if b.type == "intertitle"]]


def test_a_long_edition_made_in_parts_has_one_tree_and_one_outline(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "PAGES_PER_PART", 2)
    result = pdf.make_pdf(sample, "a4")
    parts = tmp_path / "parts.pdf"
    parts.write_bytes(result.data)
    assert result.sheet.pages > 4  # three parts or more, and stories continued from part to part
    assert tagged_stories(parts) == expected_stories(sample)
    assert [(level, title) for level, title, _ in bookmarks(parts)] == outline_of(sample)
    n = result.sheet.pages  # the layout's page numbers count the edition, not the part
    assert footers(parts) == [f"{k} / {n}" for k in range(1, n + 1)]


def footers(path) -> list[str]:
    """What each page prints in its bottom margin (the A4 layout's page numbers)."""
    with pdfplumber.open(path) as doc:
        return ["".join(c["text"] for c in page.chars if c["top"] > page.height - 14 * 72 / 25.4)
                for page in doc.pages]
    catalog, info = catalog_and_info(parts)
    assert catalog["Lang"] == b"zh-Hans" and catalog["MarkInfo"]["Marked"]
    assert info["Title"] == sample.title() and info["Producer"].startswith("WeasyPrint")


@pytest.fixture(scope="module")
def issue(tmp_path_factory):
    """Two small pages with page numbers, and their PDFs."""
    folder = tmp_path_factory.mktemp("issue")
    pages = []
    for name, number in (("evening-news_no-breaks.txt", "A05"), ("county-weekly_12em.gbk.txt", "A06")):
        (folder / name).write_bytes((PAGES / name).read_bytes())
        (folder / name).with_suffix(".toml").write_text(f'paper = "晚报"\npage = "{number}"\n', encoding="utf-8")
        pages.append(read_page(folder / name))
    pdfs = [pdf.make_pdf(p).data for p in pages]
    return folder, pages, pdfs


def test_the_issue_pdf_keeps_its_pages_tags_and_adds_an_outline_and_page_labels(issue):
    folder, pages, pdfs = issue
    path = folder / "issue.pdf"
    path.write_bytes(pdf.issue_pdf(pages, pdfs, "2020-03-16"))
    numbers = [pdf.page_number(p) for p in pages]
    assert all(numbers) and page_labels(path) == numbers
    singles = []
    for n, data in enumerate(pdfs):
        single = folder / f"page{n}.pdf"
        single.write_bytes(data)
        assert page_labels(single) == [numbers[n]]
        singles += tagged_stories(single)
    assert tagged_stories(path) == singles == [s for p in pages for s in expected_stories(p)]
    expected = []
    for n, p in enumerate(pages):
        expected.append((0, page_label(numbers[n]), n))
        expected += [(1, s.headline.text, n) for s in p.stories]
    assert [b for b in bookmarks(path) if b[0] < 2] == expected
    catalog, info = catalog_and_info(path)
    assert catalog["Lang"] == b"zh-Hans" and "StructTreeRoot" in catalog and catalog["MarkInfo"]["Marked"]
    assert info["Title"] == "晚报 2020-03-16" and info["Producer"].startswith("WeasyPrint")
    assert all(s.headline.text in info["Subject"] for p in pages for s in p.stories)


def test_the_issue_pdf_is_byte_reproducible(issue):
    _, pages, pdfs = issue
    first = pdf.issue_pdf(pages, pdfs, "2020-03-16")  # (a page's PDF is: test_pdf.py)
    assert pdf.issue_pdf(pages, list(pdfs), "2020-03-16") == first
