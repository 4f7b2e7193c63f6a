"""The one link filter: only web addresses (http, https) and mail addresses become links.

Every ``href`` Wijkgraaf writes — the toolbox, the wijkagenda document, links in the app —
passes :func:`web_url`. Anything else a source may name as its page (``javascript:``,
``data:``, ``file:``, ``urn:``, a relative or scheme-relative address) is shown as plain text,
so a crafted ``foaf:page <javascript:alert(1)>`` cannot run in a reader's browser.

>>> web_url("https://wetten.overheid.nl/BWBR0035362")
'https://wetten.overheid.nl/BWBR0035362'
>>> web_url("javascript:alert(document.domain)"), web_url("file:///etc/passwd")
('', '')
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["web_url", "WEB_SCHEMES"]

#: the schemes a link may have
WEB_SCHEMES = ("http", "https", "mailto")
_WEB = re.compile(r"(?:https?://[^/?#\s]|mailto:[^\s])", re.IGNORECASE)
# what a URL may hold as it is; everything else (spaces, quotes, <, >, brackets, backslash,
# control characters, non-ASCII) is percent-encoded, so the address cannot leave its
# attribute or its Markdown link
_SAFE = "/?#:@!$&'*+,;=%~-._[]"


def web_url(url: object) -> str:
    """``url`` ready for an ``href`` when it is an http, https or mailto address (unsafe
    characters percent-encoded), else ``""`` (show the title as plain text)."""
    text = str(url or "").strip()
    if not _WEB.match(text):
        return ""
    return quote(text, safe=_SAFE)
