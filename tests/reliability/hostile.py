"""What an attacker types: strategies and fixed payloads for the hostile-input tests.

Every value is bytes, sent percent-encoded as the body or query string of a request, so that
invalid UTF-8 reaches the server exactly as a hostile client would send it.
"""

from __future__ import annotations

from hypothesis import strategies as st

# Markup carrying this marker right after "<" must never come back with the "<" raw.
MARKER = "zqhostile"
MEGABYTE = 1024 * 1024

FIXED: dict[str, bytes] = {
    "script": f'<{MARKER}><script>alert("x")</script>'.encode(),
    "attribute": f'"><img src=x onerror=alert(1) {MARKER}>'.encode(),
    "nul": b"texto\x00oculto",
    "invalid_utf8": b"caf\xe9 \xff\xfe \xc3\x28",
    "lone_surrogate": "\ud800".encode("utf-8", "surrogatepass"),
    "sql": b"'; DROP TABLE submissions; --",
    "like": b"%_\\%' OR '1'='1",
    "fts_syntax": b'"unbalanced NEAR(a b) * OR - ^col:',
    "formula": b'=HYPERLINK("http://example.com","x")',
    "formula_cmd": b"@SUM(1+1)*cmd|' /C calc'!A0",
    "tab_cr": b"\t=1+1\r+2",
    "rtl_zero_width": "\u202egnp.exe\u200b\ufeff".encode(),
    "emoji_combining": "🇲🇽👩🏽‍💻 e\u0301\u0301\u0301".encode(),
    "megabyte": b"A" * MEGABYTE,
    "megabyte_markup": f"<{MARKER}>".encode() * (MEGABYTE // 12),
}

markup = st.text(max_size=40).map(lambda t: f"<{MARKER} title='{t}'>{t}</{MARKER}>".encode())
unicode_text = st.text(max_size=300).map(lambda t: t.encode("utf-8"))
raw_bytes = st.binary(max_size=200)
metacharacters = st.text(alphabet="%_\\'\";=+-@\t\r\n<>&*()", max_size=30).map(str.encode)

hostile_values = st.one_of(
    st.sampled_from(sorted(FIXED.values())),
    markup,
    unicode_text,
    raw_bytes,
    metacharacters,
)


RAW_SIGNS = (f"<{MARKER}".encode(), b"<img src=x onerror", b'<script>alert("x")')


def raw_markup_echoed(body: bytes) -> bool:
    """True when the page holds hostile markup unescaped (it would run in a browser)."""
    return any(sign in body for sign in RAW_SIGNS)
