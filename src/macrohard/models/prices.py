"""Prices in USD per million tokens (prompt, completion), for money budgets. Local models cost 0."""

from __future__ import annotations

import json
from typing import Any

from macrohard.types import Usage

PRICES: dict[str, tuple[float, float]] = {
    "grok-4": (3.00, 15.00),
    "grok-4-fast": (0.20, 0.50),
    "grok-code-fast-1": (0.20, 1.50),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4o-mini": (0.15, 0.60),
}


def cost_usd(model: str, usage: Usage) -> float:
    prompt, completion = PRICES.get(model, (0.0, 0.0))
    return (usage.prompt_tokens * prompt + usage.completion_tokens * completion) / 1_000_000


# rt58c: the most one reply may hold when the model sets no cap of its own and a wallet pays for it; an HTTP model
# without ``max_tokens`` is given this one (sent to its server) by the run that reserves for it
CALL_TOKENS = 8192


def price_key(model: object) -> str:
    """The name the price table knows ``model`` by: an HTTP model's own model name (``grok-4`` of ``xai:grok-4``)."""
    own = getattr(model, "model", None)
    return own if isinstance(own, str) and own else str(getattr(model, "name", ""))


def prompt_tokens_bound(messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> int:
    """At least as many tokens as the request's prompt can count: a byte-level tokenizer's token covers at least one
    byte, so the request's JSON bytes (escapes make it longer, not shorter), plus each message's template tokens."""
    body = json.dumps({"messages": messages, "tools": tools}, ensure_ascii=False).encode()
    return len(body) + 32 * len(messages) + 256


def call_bound_usd(model: object, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> float:
    """The most one call of ``model`` with this prompt can cost: the prompt's bound and the reply's cap (its
    ``max_tokens``, else ``CALL_TOKENS``) at the table's prices; 0 for an unpriced (local) model."""
    prompt, completion = PRICES.get(price_key(model), (0.0, 0.0))
    if not prompt and not completion:
        return 0.0
    cap = getattr(model, "max_tokens", None) or CALL_TOKENS
    return (prompt_tokens_bound(messages, tools) * prompt + cap * completion) / 1_000_000
