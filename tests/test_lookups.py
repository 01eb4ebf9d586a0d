"""The model's lookup tables, filled in bulk, are exactly the ones spaCy fills itself."""

from __future__ import annotations

from pathlib import Path

from spacy.lookups import Lookups, Table

from briefing.facts import nlp
from briefing.patches import spacy as lookups


def test_every_entry_and_filter_bit_as_spacy_loads_them():
    lemmatizer = nlp.pipeline().get_pipe("lemmatizer")
    assert "update" not in Table.__dict__, "spaCy's own update is back once the model is loaded"
    own = Lookups().from_disk(Path(nlp.pipeline().path) / "lemmatizer" / "lookups")
    assert own.tables == lemmatizer.lookups.tables == ["lemma_lookup", "lemma_rules", "lemma_exc", "lemma_index"]
    for name in own.tables:
        theirs, ours = own.get_table(name), lemmatizer.lookups.get_table(name)
        if name == "lemma_index":  # the same words, as sets (briefing.patches.spacy.index_as_sets)
            assert list(ours) == list(theirs) and all(ours[pos] == frozenset(theirs[pos]) for pos in theirs)
        else:
            assert list(ours.items()) == list(theirs.items())
        assert ours.bloom.to_bytes() == theirs.bloom.to_bytes()
    assert len(lemmatizer.lookups.get_table("lemma_lookup")) > 200_000


def test_lemmas_come_out_as_before():
    doc = nlp.pipeline()("« Nous ne céderons pas », a déclaré le ministre, selon l'agence, qui rapportait ses propos.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["déclaré"] == "déclarer"
    assert lemmas["rapportait"] == "rapporter"
    assert lemmas["céderons"] == "céder"


def test_other_fills_go_spacys_way_inside_and_outside():
    with lookups.fast_fill():
        table = Table("t", {"clé": 1})
        table.update([("autre", 2)], encore=3)
        assert table["clé"] == 1 and table["autre"] == 2 and table["encore"] == 3
        assert "clé" in table and "absente" not in table
    after = Table("t", {"clé": 1})
    assert after["clé"] == 1 and "clé" in after
    assert "update" not in Table.__dict__
