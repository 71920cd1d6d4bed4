"""Atom (RFC 4287) documents for the public feeds, built with the standard library's
ElementTree (which escapes every value; nothing here is ever parsed)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree as ET  # noqa: S405  (building only, never parsing)  # nosec B405

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot hold at all; a comment may contain them (they are not refused at
# intake) and one would make the whole feed unreadable.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    content: str
    author: str
    language: str
    published: datetime
    updated: datetime
    category: tuple[str, str] | None = None  # (term, label)
    # ("verified" or "invited", "Verified: <organisation>"): a second category, when shown.
    verified: tuple[str, str] | None = None


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str
    language: str
    self_url: str
    page_url: str
    page_language: str
    updated: datetime
    author: str
    entries: list[Entry]


def timestamp(value: datetime) -> str:
    """RFC 3339 in UTC, e.g. 2026-11-28T15:49:42Z."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def tag_uri(authority: str, day: datetime, specific: str) -> str:
    """A tag: URI (RFC 4151): stable whatever the feed's address becomes."""
    return f"tag:{authority},{day:%Y-%m-%d}:{specific}"


def _text(value: str) -> str:
    return NOT_XML.sub("", value)


def _add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
    if text is not None:
        child.text = _text(text)
    return child


def render(feed: Feed) -> bytes:
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: feed.language})
    _add(root, "id", feed.id)
    _add(root, "title", feed.title, type="text")
    _add(root, "subtitle", feed.subtitle, type="text")
    _add(root, "updated", timestamp(feed.updated))
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    _add(root, "link", rel="alternate", type="text/html", hreflang=feed.page_language,
         href=feed.page_url)  # fmt: skip
    author = _add(root, "author")
    _add(author, "name", feed.author)
    _add(root, "generator", "Consulta")
    for entry in feed.entries:
        element = _add(root, "entry", **{XML_LANG: entry.language})
        _add(element, "id", entry.id)
        _add(element, "title", entry.title, type="text")
        _add(element, "published", timestamp(entry.published))
        _add(element, "updated", timestamp(entry.updated))
        person = _add(element, "author")
        _add(person, "name", entry.author)
        if entry.category:
            term, label = entry.category
            _add(element, "category", term=term, label=_text(label))
        if entry.verified:
            term, label = entry.verified
            _add(element, "category", term=term, label=_text(label))
        _add(element, "content", entry.content, type="text")
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document
