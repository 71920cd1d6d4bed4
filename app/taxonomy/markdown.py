"""Consultation descriptions: Markdown written by staff, turned into HTML with a small
allow-list of tags, so nothing executable ever reaches a public page."""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {"p", "em", "strong", "a", "ul", "ol", "li", "h3", "h4", "blockquote", "br", "code"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})


@lru_cache(maxsize=256)
def _render(text: str) -> str:
    # Raw HTML in the Markdown is escaped by nh3 below unless it is on the allow-list; the
    # Markdown library itself is not a sanitiser.
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str) -> Markup:
    """Sanitised HTML for a staff-written Markdown text (cached: descriptions change rarely
    and the landing page shows them on every visit)."""
    return Markup(_render(text))  # noqa: S704 - cleaned by nh3 with the allow-list  # nosec B704


def plain_text(html: str) -> str:
    """The words of sanitised HTML without any tag, for short summaries."""
    import html as html_module

    return " ".join(html_module.unescape(nh3.clean(html, tags=set())).split())
