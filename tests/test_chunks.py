import json
import re
import urllib.parse

import pytest
from gtts import gTTS

from briefing import pipeline

from briefing.french import sentences
from briefing.tts.chunks import split
from briefing.tts.engines.gtts import chunk_request


def _ends_on_abbreviation(chunk: str) -> bool:
    """« …par M. », « …Mme », « …etc. », « …J. », « …O.N.U. »."""
    last = chunk.split()[-1]
    word = last.rstrip(".,;:")
    return (
        word in sentences.TITLES
        or (last.endswith(".") and word.lower() in sentences.ABBREVIATIONS)
        or re.fullmatch(r"(?:[A-ZÀ-Þ]\.)+", last) is not None
    )


def test_every_chunk_fits_and_no_word_is_lost():
    text = (
        "Le président russe Vladimir Poutine et son homologue biélorusse Alexandre Loukachenko ont signé "
        "un accord de sécurité conjoint à Minsk le 6 décembre, a rapporté l'agence de presse TASS.\n"
        "Court. Les deux dirigeants, proches alliés, se sont rencontrés dans la capitale biélorusse pour "
        "marquer le 25e anniversaire de l'État de l'Union – une union sans frontières entre les deux anciennes "
        "républiques soviétiques ; ils ont aussi parlé d'économie."
    )
    chunks = split(text)
    assert all(0 < len(c) <= 100 for c in chunks)
    assert " ".join(chunks) == " ".join(text.split())
    # Packed up to the limit: few requests, where gTTS's tokenizer sends one per clause.
    assert len(chunks) <= len(text) // 100 + 2
    assert len(chunks) < len(gTTS(text, lang="fr", lang_check=False)._tokenize(text))


def test_a_long_sentence_is_cut_after_its_comma_not_between_any_two_words():
    text = (
        "Dans le cadre d'un développement lié au conflit russo-ukrainien, le président a nommé "
        "le député Alexandre Khinshtein gouverneur par intérim."
    )
    assert split(text)[0] == "Dans le cadre d'un développement lié au conflit russo-ukrainien,"


@pytest.mark.parametrize(
    "kept",
    ["M. Poutine", "Mme Dupont", "MM. Dupont", "2,5", "1 000", "12 500 000", "l'O.N.U. rappelle", "J. Biden", "5 %", "art. 3", "n° 5"],
)
def test_never_cut_inside_titles_numbers_or_acronyms(kept):
    # Slide the protected words across every position of a tight limit, so a
    # word-by-word cutter would cut inside them at some padding.
    for padding in range(1, 60):
        text = "x" * (padding % 20 + 1) + " mot" * (padding // 20) + f" {kept} et la suite de la phrase continue encore un peu"
        chunks = split(text, limit=30)
        assert any(kept in c for c in chunks), (padding, chunks)
        assert all(len(c) <= 30 for c in chunks)


def test_gtts_own_tokenizer_cuts_m_poutine_and_ours_does_not():
    sentence = "Selon TASS, M. Poutine a déclaré que le traité signé contribuera à protéger la sécurité de la Russie."
    theirs = gTTS(sentence, lang="fr", lang_check=False)._tokenize(sentence)
    assert "Selon TASS, M." in theirs or any(t.endswith("M.") or t == "M" for t in theirs)
    ours = split(sentence)
    assert not any(_ends_on_abbreviation(c) for c in ours)
    assert any("M. Poutine" in c for c in ours)


def test_each_chunk_goes_to_gtts_whole_in_one_request():
    # A chunk with what gTTS's English rules would cut or rewrite: « M. », « Dr. », a colon.
    chunk = "M. Poutine et le Dr. Martin : 2,5 millions. Selon TASS, fin."
    request = chunk_request(chunk, lang="fr", tld="fr", slow=False, timeout=(1, 1), endpoint=None)
    bodies = request.get_bodies()
    assert len(bodies) == 1
    assert _sent_text(bodies[0]) == chunk


def _sent_text(body: str) -> str:
    rpc = json.loads(urllib.parse.parse_qs(body)["f.req"][0])
    return json.loads(rpc[0][0][1])[0]


def test_seed_article_chunks_never_end_on_an_abbreviation(seed, settings):
    script = pipeline.write_script([seed], settings)
    written = [c for s in script.segments for c in split(s.text)]
    spoken = [c for s in script.segments for c in split(s.spoken)]
    assert any("M. " in c for c in written)  # the seed does hold « M. Poutine »
    for chunk in written + spoken:
        assert len(chunk) <= gTTS.GOOGLE_TTS_MAX_CHARS
        assert not _ends_on_abbreviation(chunk), chunk
