"""Two fixes to Sphinx's HTML that axe-core (WCAG 2.1 AA) asks for on every page.

- A toctree's caption ("Contents") is ``<p role="heading">`` without ``aria-level``; a heading
  role needs its level (aria-required-attr). It is given level 2, under the page's ``<h1>``.
- A code block is a ``<pre>`` that scrolls sideways when a line is long; a keyboard user can
  scroll it only if it can take focus (scrollable-region-focusable), so it gets ``tabindex="0"``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

CAPTION = '<p class="caption" role="heading"'


class AccessibleTranslator(HTML5Translator):
    def visit_title(self, node: nodes.title) -> None:
        super().visit_title(node)
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            for index in range(len(self.body) - 1, -1, -1):
                if self.body[index].startswith(CAPTION):
                    self.body[index] = self.body[index].replace(
                        CAPTION, CAPTION + ' aria-level="2"', 1
                    )
                    break

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        finally:
            for index in range(start, len(self.body)):
                self.body[index] = self.body[index].replace("<pre>", '<pre tabindex="0">', 1)


def setup(app: Sphinx) -> dict:
    app.set_translator("html", AccessibleTranslator)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
