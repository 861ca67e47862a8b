"""Prices in USD per million tokens (prompt, completion), for money budgets. Local models cost 0."""

from __future__ import annotations

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
