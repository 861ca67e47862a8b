"""The names make gives a recipe's automatic variables (``$@``, ``$<``, ``$^``, ``$+``, ``$|``), rule by rule.

Earlier every automatic variable read as one placeholder word, so ``all: run.sh`` with ``sh $<`` (also ``$^``,
``$(<)``, ``${^}``, a static pattern rule, ``VPATH``) was judged as ``sh`` of a file that does not exist, and ran
``run.sh`` unread (guard18). Now an explicit rule whose names are plain files gets its own names, as make gives
them: ``$@`` each target in turn, ``$<`` the first prerequisite of the rule with the recipe, ``$^``/``$+`` those
followed by the other rules' prerequisites of the same target, ``$|`` the order-only ones. Where the guard cannot
name the file (a pattern or suffix rule's stem, ``vpath``/``VPATH``/``GPATH`` searching other folders, ``$?``,
``$*``) the placeholder stays, and a recipe that runs it as a script or program is asked about
(``scripts.read_script``: ``AUTOMATIC`` in the name).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from macrohard.safety import lazyre

if TYPE_CHECKING:
    from macrohard.safety.makelang import Makefile

_NAME = lazyre.compile(r"[\w./+,@=-]+")
MAX_TARGETS = 8  # a rule with more targets keeps the placeholder (its recipe is judged once per target)


def recipes(mk: Makefile) -> Iterator[tuple[str, dict[str, str] | None]]:
    """Each recipe line with the automatic variables of each target it is run for (None: the placeholder)."""
    cache: dict[int, list[dict[str, str] | None]] = {}
    for raw, index in zip(mk.recipes, mk.recipe_rule, strict=True):
        if index not in cache:
            cache[index] = _automatic(mk, index)
        for local in cache[index]:
            yield raw, local


def _automatic(mk: Makefile, index: int) -> list[dict[str, str] | None]:
    if index < 0 or mk.vpath or any(mk.expand(f"$({v})").strip() for v in ("VPATH", "GPATH")):
        return [None]
    targets, prereqs = mk.rules[index]
    names = [*targets, *prereqs]
    if not targets or len(targets) > MAX_TARGETS or \
            not all(_NAME.fullmatch(n) and not n.startswith(".") and ":" not in n for n in names):
        return [None]  # a pattern, static pattern, suffix or double-colon rule, or a name the guard cannot read
    out: list[dict[str, str] | None] = []
    for target in targets:
        merged = list(mk.normal[index])
        order = _order_only(prereqs, mk.normal[index])
        for i, (others, words) in enumerate(mk.rules):
            if i != index and target in others:
                if not all(_NAME.fullmatch(w) for w in words):
                    return [None]
                merged += mk.normal[i]
                order += _order_only(words, mk.normal[i])
        if set(order) & set(merged):
            return [None]  # a name both order-only and normal: make's lists then follow no rule worth copying
        out.append({"@": target, "<": merged[0] if merged else "", "^": " ".join(dict.fromkeys(merged)),
                    "+": " ".join(merged), "|": " ".join(dict.fromkeys(order))})
    return out


def _order_only(words: list[str], normal: list[str]) -> list[str]:
    """A rule's order-only prerequisites (``words`` less the ``normal`` ones before ``|``): make gives ``$|`` those of every rule of the target, the recipe's rule
    first (guard19: only the recipe's rule was read, so ``all: | run.sh`` in another rule ran ``run.sh`` unread)."""
    return [w for w in words[len(normal):] if w not in normal]
