"""Secret detection and redaction: keys, tokens, private keys, passwords in URLs.

Runs on every observation before the model or the store sees it, so a key that a command prints
never lands in the history, the run store or a model provider's logs.
"""

from __future__ import annotations

import re

from macrohard.safety import lazyre

# (name, pattern, group to replace; 0 means the whole match)
_PATTERNS: list[tuple[str, re.Pattern[str], int]] = [
    ("private_key", lazyre.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"
                               r"(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\Z)"), 0),
    ("aws_access_key", lazyre.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b"), 0),
    ("aws_secret", lazyre.compile(r"(?i)aws_?secret_?access_?key\W{0,4}[:=]\s*['\"]?([A-Za-z0-9/+=]{40})"), 1),
    ("github_token", lazyre.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b"), 0),
    ("gitlab_token", lazyre.compile(r"\bglpat-[A-Za-z0-9_-]{20,}\b"), 0),
    ("anthropic_key", lazyre.compile(r"\bsk-ant-[A-Za-z0-9_-]{20,}"), 0),
    ("openai_key", lazyre.compile(r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"), 0),
    ("xai_key", lazyre.compile(r"\bxai-[A-Za-z0-9]{20,}"), 0),
    ("slack_token", lazyre.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), 0),
    ("slack_webhook", lazyre.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9/]+"), 0),
    ("stripe_key", lazyre.compile(r"\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}"), 0),
    ("google_api_key", lazyre.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"), 0),
    ("huggingface_token", lazyre.compile(r"\bhf_[A-Za-z0-9]{30,}\b"), 0),
    ("npm_token", lazyre.compile(r"\bnpm_[A-Za-z0-9]{36}\b"), 0),
    ("pypi_token", lazyre.compile(r"\bpypi-AgE[A-Za-z0-9_-]{50,}"), 0),
    ("twilio_key", lazyre.compile(r"\bSK[0-9a-f]{32}\b"), 0),
    ("sendgrid_key", lazyre.compile(r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b"), 0),
    ("jwt", lazyre.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"), 0),
    ("url_password", lazyre.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^/\s:@]{1,100}:([^/\s@]{1,200})@"), 1),
    ("bearer_token", lazyre.compile(r"(?i)\bauthorization:\s*(?:bearer|token|basic)\s+([A-Za-z0-9._~+/=-]{12,})"), 1),
    ("assigned_secret", lazyre.compile(
        r"(?i)\b[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret)"
        r"[\w.-]*[\"']?\s*[:=]\s*[\"']?([^\s\"'`,;(){}\[\]$<>]{8,})"), 1),
]

# Values that look like assignments but are not secrets (placeholders, code).
_NOT_SECRET = lazyre.compile(r"(?i)^(x{4,}|\*{4,}|<[^>]*>|changeme|example\w*|your[_-]?\w*|placeholder|redacted\w*|"
                         r"none|null|true|false|undefined|required|optional|os\.environ.*|process\.env.*|"
                         r"getenv.*|settings\.\w+|self\.\w+|env\.\w+|\w+\.\w+\(.*|\[REDACTED.*)$")


def find_secrets(text: str) -> list[tuple[str, int, int]]:
    """Spans ``(kind, start, end)`` of secrets in ``text``, without overlaps."""
    spans: list[tuple[str, int, int]] = []
    for name, pattern, group in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span(group)
            value = m.group(group)
            if name == "assigned_secret" and (_NOT_SECRET.match(value) or _weak(value)):
                continue
            if any(s < end and start < e for _, s, e in spans):
                continue
            spans.append((name, start, end))
    return sorted(spans, key=lambda s: s[1])


def _weak(value: str) -> bool:
    """A word or a path is not a secret; a secret mixes classes of characters."""
    if "/" in value and not re.search(r"\d", value):
        return True
    classes = sum(bool(re.search(p, value)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]"))
    return classes < 2


def redact(text: str) -> tuple[str, list[str]]:
    """``text`` with every secret replaced by ``[REDACTED:kind]``, and the kinds found."""
    spans = find_secrets(text)
    if not spans:
        return text, []
    out, last = [], 0
    for name, start, end in spans:
        out.append(text[last:start])
        out.append(f"[REDACTED:{name}]")
        last = end
    out.append(text[last:])
    return "".join(out), [s[0] for s in spans]
