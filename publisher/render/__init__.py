"""Rendering: sheets and model → bytes.

``html`` (semantic HTML5, the class contract), ``print_html`` + ``weasy`` (the print HTML and
the one WeasyPrint wrapper) orchestrated by ``pdf``, ``epub/`` (the EPUB 3 book; ebooklib in
``epub/package``), ``pdfpages`` (PNG pages, pypdfium2), ``pdfdoc`` (a page's PDF finished and an issue's
merged, keeping tags, outline and labels; pikepdf), ``images`` (Pillow),
``folio`` (the one folio renderer), ``inspect`` (the human-readable account), ``output``
(atomic writes).

May import typeset and the shared modules; never read or workflow.
"""
