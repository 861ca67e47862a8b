"""The MiniLM tokenizer (BERT WordPiece, lower-cased) with a memo of words, for short texts screened one at a time.

The ``tokenizers`` library spends ~50 µs a call on a short text (building its encoding object), more than the
static embedding it feeds. BERT's pipeline is local to the pieces between spaces and ASCII punctuation (its
normaliser works character by character; its pre-tokeniser splits at both), so a text's ids are its pieces' ids in
order. ``ids`` looks each piece up in a memo: a plain ASCII word is split here (greedy longest-match WordPiece,
``##`` continuations, ``[UNK]`` for a word that does not split or is longer than ``max_input_chars_per_word``), any
other piece once by the library (a call on that piece alone costs a few µs). The result is exactly
``tokenizer.encode(text, add_special_tokens=False).ids`` (tests compare them); a text that names a special token
("[CLS]") or is longer than ``LONG`` characters goes to the library whole.
"""

from __future__ import annotations

import json

from macrohard.safety import lazyre

# one ASCII punctuation character, or a run up to the next space or ASCII punctuation
_PUNCT = r"!-/:-@\[-`{-~"
_SPLIT = lazyre.compile(rf"[{_PUNCT}]|[^ {_PUNCT}]+")
_MEMO_LIMIT = 100_000
LONG = 1024  # longer texts go to the library whole: it is faster there than a Python loop over the pieces
_MOST_CALLS = 8  # unseen pieces asked of the library one by one (~3 µs each) before it reads the whole text instead
_SHORT_WORD = 16  # longer unseen ASCII words too (the greedy match costs up to n**2 / 2 look-ups here)


class FastWordPiece:
    def __init__(self, tokenizer, vocab: dict[str, int], unk: str, prefix: str, max_chars: int,
                 specials: list[str], skip: set[int]) -> None:
        self.tokenizer, self.vocab, self.unk_id, self.prefix, self.max_chars = tokenizer, vocab, vocab[unk], prefix, max_chars
        self.specials, self.skip = tuple(specials), skip
        self.memo: dict[str, list[int]] = {}

    @classmethod
    def of(cls, tokenizer, skip: set[int]) -> FastWordPiece | None:
        """For a ``tokenizers.Tokenizer`` with BERT's normaliser (lower-casing), pre-tokeniser and WordPiece model;
        None for any other. ``skip``: ids left out of every result ([CLS], [SEP], [PAD])."""
        spec = json.loads(tokenizer.to_str())
        norm, pre, model = spec.get("normalizer") or {}, spec.get("pre_tokenizer") or {}, spec.get("model") or {}
        if (norm.get("type") != "BertNormalizer" or not norm.get("lowercase") or pre.get("type") != "BertPreTokenizer"
                or model.get("type") != "WordPiece" or any(" " in t["content"] for t in spec.get("added_tokens", []))):
            return None
        return cls(tokenizer, tokenizer.get_vocab(with_added_tokens=True), model["unk_token"],
                   model["continuing_subword_prefix"], int(model["max_input_chars_per_word"]),
                   [t["content"] for t in spec.get("added_tokens", [])], skip)

    def word(self, word: str) -> list[int]:
        """One lower-cased ASCII word's WordPiece ids (greedy longest match first)."""
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

    def _library(self, text: str) -> list[int]:
        return [i for i in self.tokenizer.encode(text, add_special_tokens=False).ids if i not in self.skip]

    def ids(self, text: str) -> list[int]:
        """The token ids of ``text`` without [CLS]/[SEP]: the library's, sooner."""
        if len(text) > LONG or any(s in text for s in self.specials):
            return self._library(text)
        memo, out, asked = self.memo, [], 0
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        for piece in _SPLIT.findall(text):
            got = memo.get(piece)
            if got is None:
                if piece.isascii() and len(piece) <= _SHORT_WORD and (piece.isalnum() or len(piece) == 1 and piece.isprintable()):
                    got = self.word(piece.lower())
                elif asked < _MOST_CALLS:  # another script, a control character, a long word: the library, on it alone
                    asked += 1
                    got = self._library(piece)
                else:  # many new words: one call on the whole text costs less
                    return self._library(text)
                memo[piece] = got
            out += got
        return out
