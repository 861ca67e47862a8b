"""The MiniLM tokenizer (BERT WordPiece, lower-cased) for printable ASCII text, in Python, with a memo of words.

The ``tokenizers`` library spends ~50 µs a call on a short text (building its encoding object), more than the
static embedding it feeds. On printable ASCII the BERT pipeline is simple: lower-case, split at spaces, every
punctuation character a token of its own, then each word's greedy longest-match WordPiece (``##`` for the
continuations, ``[UNK]`` for a word that does not split or is longer than ``max_input_chars_per_word``). ``ids``
gives exactly what ``tokenizer.encode(text, add_special_tokens=False).ids`` gives there (tests compare them), and
None for anything else (other characters, a special token written in the text): the caller then asks the library.
"""

from __future__ import annotations

import json
import re

_PIECES = re.compile(r"[a-z0-9]+|[^a-z0-9 ]")
_MEMO_LIMIT = 100_000


class AsciiWordPiece:
    def __init__(self, vocab: dict[str, int], unk: str, prefix: str, max_chars: int, specials: list[str]) -> None:
        self.vocab, self.unk_id, self.prefix, self.max_chars = vocab, vocab[unk], prefix, max_chars
        self.specials = tuple(specials)
        self.memo: dict[str, list[int]] = {}

    @classmethod
    def of(cls, tokenizer) -> AsciiWordPiece | None:
        """For a ``tokenizers.Tokenizer`` with BERT's normaliser (lower-casing), pre-tokeniser and WordPiece model;
        None for any other."""
        spec = json.loads(tokenizer.to_str())
        norm, pre, model = spec.get("normalizer") or {}, spec.get("pre_tokenizer") or {}, spec.get("model") or {}
        if (norm.get("type") != "BertNormalizer" or not norm.get("lowercase") or pre.get("type") != "BertPreTokenizer"
                or model.get("type") != "WordPiece"):
            return None
        return cls(tokenizer.get_vocab(with_added_tokens=True), model["unk_token"], model["continuing_subword_prefix"],
                   int(model["max_input_chars_per_word"]), [t["content"] for t in spec.get("added_tokens", [])])

    def word(self, word: str) -> list[int]:
        """One word's WordPiece ids (greedy longest match first)."""
        if len(word) > self.max_chars:
            return [self.unk_id]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                got = self.vocab.get(word[start:end] if start == 0 else self.prefix + word[start:end])
                if got is not None:
                    break
                end -= 1
            else:
                return [self.unk_id]
            out.append(got)
            start = end
        return out

    def ids(self, text: str) -> list[int] | None:
        """The token ids of ``text`` (no [CLS]/[SEP]), or None when it is not printable ASCII or names a special token."""
        if not (text.isascii() and text.isprintable()) or any(s in text for s in self.specials):
            return None
        memo, out = self.memo, []
        for piece in _PIECES.findall(text.lower()):
            got = memo.get(piece)
            if got is None:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                got = memo[piece] = self.word(piece)
            out += got
        return out
