"""The factored French token_match keeps exactly the words spaCy's own pattern keeps."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from briefing.facts import nlp
from briefing.patches import spacy as tokenmatch

EVAL = Path(__file__).parent / "data" / "eval"
LONG = "[" + "a-z" + "".join(chr(c) for c in range(0xE0, 0xE0 + 250)) + "]"


@pytest.fixture(scope="module")
def patterns() -> tuple[re.Pattern, re.Pattern]:
    """spaCy's pattern compiled as it is (the slow way), and the one the pipeline uses."""
    import srsly

    pipeline = nlp.pipeline()
    original = srsly.msgpack_loads((Path(pipeline.path) / "tokenizer").read_bytes())["token_match"]
    return re.compile(original), pipeline.tokenizer.token_match.__self__


def _words() -> set[str]:
    """Words of the evaluation articles and of the model's lemma tables, with their variants."""
    import json

    texts = [(EVAL / "minsk-oreshnik.txt").read_text(encoding="utf-8")]
    texts += [json.loads(p.read_text(encoding="utf-8"))["article"] for p in EVAL.glob("orangesum-*.json")]
    words = {w.strip(".,;:!?()«»\"") for text in texts for w in text.split()}
    lookups = nlp.pipeline().get_pipe("lemmatizer").lookups
    words |= {forms[0] if isinstance(forms, list) else forms for forms in lookups.get_table("lemma_lookup").values()}
    for table in lookups.get_table("lemma_index").values():
        words |= set(table)
    words |= {"faux-vampire", "entr'abat", "saut-de-ski", "pet-en-l'air", "aéro-club", "hip-hop", "burn-outs",
              "États-Unis", "prud'homal", "grand'mère", "Val-d'Oise", "Saint-Jean-de-Luz", "anti-Covid"}
    variants = set()
    for w in words:
        if "-" in w or "'" in w:
            variants |= {w.replace("-", "–"), w.replace("-", "‐"), w.replace("'", "’"), w.upper(), w.title(), w + "\n"}
    return {w for w in words | variants if w}


def test_the_installed_spacy_pattern_is_the_one_checked(patterns):
    """A spaCy upgrade that changes the pattern fails here: check it again, then list its hash."""
    original, _ = patterns
    assert hashlib.sha256(original.pattern.encode()).hexdigest() in tokenmatch.KNOWN_PATTERNS
    from spacy.lang.fr import tokenizer_exceptions

    # The model carries the same pattern spaCy builds for French.
    assert original.pattern == "(?iu)" + "|".join(f"(?:{m})" for m in tokenizer_exceptions._regular_exp)


def test_the_pipeline_uses_the_factored_pattern(patterns):
    original, fast = patterns
    assert fast.pattern == tokenmatch.factored(original.pattern)
    assert len(fast.pattern) < len(original.pattern) / 20
    assert fast.flags == original.flags


def _example(pattern: str) -> str:
    """One string the pattern matches: the first choice of each class and branch, each repeat once."""
    from re import _constants as c
    from re import _parser

    def walk(items) -> str:
        out = ""
        for op, av in items:
            if op is c.LITERAL:
                out += chr(av)
            elif op is c.IN:
                kind, value = av[0]
                out += chr(value if kind is c.LITERAL else value[0])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                out += walk(av[2]) * max(av[0], 1)
            elif op is c.SUBPATTERN:
                out += walk(av[3])
            elif op is c.BRANCH:
                out += walk(av[1][0])
            elif op is not c.AT:
                raise AssertionError(f"no example for {op}")
        return out

    return walk(_parser.parse(pattern, re.I | re.U))


def test_every_alternative_matches_its_example_in_both(patterns):
    original, fast = patterns
    alternatives = original.pattern.removeprefix("(?iu)(?:").removesuffix(")").split(")|(?:")
    examples = [_example(alternative) for alternative in alternatives]
    # each example is kept whole by spaCy's pattern (compiling each alternative alone would take as long as all)
    assert len(alternatives) == 266 and all(original.match(e).end() == len(e) for e in examples)
    assert all(fast.match(e).end() == len(e) for e in examples)
    # Broken apart, the same examples are kept whole by neither.
    for broken in {e.replace(e[len(e) // 2], " ", 1) for e in examples} | {e + "." for e in examples}:
        assert bool(fast.match(broken)) == bool(original.match(broken)), broken


def test_same_words_kept_whole(patterns):
    original, fast = patterns
    words = _words()
    kept = {w for w in words if original.match(w)}
    assert len(words) > 100_000 and len(kept) > 1_000, "the word list reaches the pattern's every branch"
    assert {w for w in words if fast.match(w)} == kept
    assert all(fast.match(w).span() == original.match(w).span() for w in kept)


def test_same_tokens_for_every_evaluation_article(patterns):
    from spacy.tokenizer import Tokenizer

    original, fast = patterns
    model = nlp.pipeline().tokenizer

    def tokenizer(token_match):
        return Tokenizer(model.vocab, rules=model.rules, prefix_search=model.prefix_search,
                         suffix_search=model.suffix_search, infix_finditer=model.infix_finditer,
                         token_match=token_match, url_match=model.url_match)

    import json

    texts = [(EVAL / "minsk-oreshnik.txt").read_text(encoding="utf-8")]
    texts += [json.loads(p.read_text(encoding="utf-8"))["article"] for p in sorted(EVAL.glob("orangesum-*.json"))]
    slow_tokens, fast_tokens = tokenizer(original.match), tokenizer(fast.match)
    for text in texts:
        assert [t.text for t in fast_tokens(text)] == [t.text for t in slow_tokens(text)]
    assert "Val-d'Oise" in [t.text for t in fast_tokens("l'hôpital de Pontoise (Val-d'Oise).")]


def test_factoring_groups_heads_under_their_shared_tail():
    pattern = f"(?iu)(?:^ab-{LONG}+$)|(?:^c[dé]-{LONG}+$)|(?:^x{LONG}*$)"
    assert tokenmatch.factored(pattern) == f"(?iu)(?:^(?:ab-|c[dé]-){LONG}+$)|(?:^(?:x){LONG}*$)"
    assert tokenmatch.factored("(?iu)(?:^ab$)|(?:^cd$)") is None, "no long class: nothing to share"
    assert tokenmatch.factored("^ab|cd") is None


def test_any_other_pattern_compiles_as_written():
    unknown = f"(?iu)(?:^ab-{LONG}+$)|(?:^cd-{LONG}+$)" + "|(?:^zz$)" * 20_000
    compile_before = re.compile
    with tokenmatch.fast_compile():
        assert re.compile(unknown).pattern == unknown
        assert re.compile("a+").pattern == "a+"
    assert re.compile is compile_before


def test_re_compile_is_restored_when_loading_fails():
    compile_before = re.compile
    with pytest.raises(RuntimeError), tokenmatch.fast_compile():
        raise RuntimeError("model missing")
    assert re.compile is compile_before
