"""``pdfdoc.join_pieces`` on a hand-made structure tree: what the rendered tests never reach —
marked content named by number, moved with its page, the parent tree following it."""

from __future__ import annotations

from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from publisher.render.pdfdoc import finish_pdf, join_pieces


def tree_pdf() -> pikepdf.Pdf:
    """Two pages; a paragraph in two pieces (one marked content on each page), named by number
    in their P elements; a layout box to unwrap around the second piece."""
    pdf = pikepdf.new()
    for n in range(2):
        pdf.add_blank_page(page_size=(200, 200))
        page = pdf.pages[n].obj
        page.StructParents = n
        page.Contents = pdf.make_stream(b"/P <</MCID 0>> BDC BT /F1 12 Tf 10 10 Td (x) Tj ET EMC")
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array()))
    root.K = Array([document])
    first = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=document, Pg=pdf.pages[0].obj,
                                         K=Array([0]), PublisherJoin=String("p-1")))
    box = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Div, P=document, Pg=pdf.pages[1].obj,
                                       K=Array(), PublisherUnwrap=True))
    second = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=box, Pg=pdf.pages[1].obj,
                                          K=Array([0]), PublisherJoin=String("p-1")))
    box.K.append(second)
    document.K.extend([first, box])
    root.ParentTree = Dictionary(Nums=Array([0, Array([first]), 1, Array([second])]))
    pdf.Root.StructTreeRoot = root
    return pdf


def test_pieces_named_by_number_join_with_their_pages_and_the_parent_tree_follows():
    pdf = tree_pdf()
    join_pieces(pdf)
    document = pdf.Root.StructTreeRoot.K[0]
    assert len(document.K) == 1  # the emptied layout box is gone
    p = document.K[0]
    assert p.S == Name.P and "/PublisherJoin" not in p
    assert p.K[0] == 0
    moved = p.K[1]
    assert moved.Type == Name.MCR and moved.MCID == 0 and moved.Pg.objgen == pdf.pages[1].obj.objgen
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    assert nums[1][0].objgen == p.objgen and nums[3][0].objgen == p.objgen


def test_a_finished_pdf_is_the_same_bytes_twice_and_labelled():
    buf = BytesIO()
    tree_pdf().save(buf)
    once, twice = finish_pdf([buf.getvalue()], "A05"), finish_pdf([buf.getvalue()], "A05")
    assert once == twice
    done = pikepdf.open(BytesIO(once))
    labels = done.Root.PageLabels.Nums  # two sheets of page A05: A05-1, A05-2
    assert int(labels[0]) == 0 and str(labels[1].P) == "A05-" and labels[1].S == Name.D
