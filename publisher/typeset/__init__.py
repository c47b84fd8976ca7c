"""Typesetting: model → composed lines and made-up sheets. Pure computation, no markup.

Takes a ``model.Page``, a layout (``layout``: the CSS knobs as geometry) and the faces'
advances (``fonts``); gives a ``sheet.Sheet``: lines composed to W3C clreq (``compose``),
stories set at each width (``stories``), placed as modules on one sheet (``makeup``) or
flowed across pages (``flow``). ``faces`` says which face sets which text, read from the
stylesheets. ``fonts`` is the one module that imports fontTools and HarfBuzz.

May import only the shared modules: never read, render or workflow.
"""
