"""Reading: page text → document model.

Takes the bytes of a page as an OCR engine wrote them (and its ``PAGE.toml``); gives a
``model.Page``. Stages, in ``page.py``: decode → source lines with their origins (``runs``) →
folio (``folio``) → OCR repairs, each logged (``repair``) → column measure (``measure``) →
stories and roles (``structure``, with ``names`` for bylines) → metadata completed.

May import only the shared modules (errors, model, chars, version).
"""
