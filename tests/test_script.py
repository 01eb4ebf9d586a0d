import dataclasses
import datetime as dt

import pytest

from briefing.facts import extract as facts

from briefing.script import render as script

from briefing.sources import articles as sources
from briefing.script.templating import join_fr
from briefing.errors import TemplateError
from briefing.models import Article
from conftest import EVAL
from conftest import NOW

pytestmark = pytest.mark.usefixtures("shared_facts")  # what is done with the facts, not the reading (conftest)

TODAY = NOW.date()  # the run's date, for dates in articles that have none


@pytest.fixture
def seed_facts(seed):
    return facts.extract(sources.read(seed), today=TODAY)


def test_intro_story_outro(settings, seed_facts):
    s = script.render([seed_facts], settings)
    assert [seg.kind for seg in s.segments] == ["intro", "story", "outro"]
    intro, story, outro = s.segments
    assert "Nous sommes le mardi 24 novembre 2026." in intro.text
    assert "vingt-quatre novembre deux mille vingt-six" in intro.spoken
    assert intro.text.startswith("Bonjour, et bienvenue dans Le Briefing.")
    assert "un seul sujet" in intro.text
    assert story.title == seed_facts.headline
    told = script.told(seed_facts)
    for sentence in told:
        assert sentence in story.text
    # the summary sentence that says the headline again, with the place and date, is left out
    assert [s for s in seed_facts.summary if s not in told] == [seed_facts.summary[2]]
    assert "Le Briefing" in outro.text
    assert s.date == dt.date(2026, 11, 24)


def test_spoken_text_is_the_speakable_written_text(settings, seed_facts):
    for seg in script.render([seed_facts], settings).segments:
        assert "M." not in seg.spoken and "«" not in seg.spoken
        assert not any(ch.isdigit() for ch in seg.spoken)
    story = script.render([seed_facts], settings).segments[1]
    assert "Monsieur Poutine" in story.spoken
    assert "Oreshnik" in story.spoken


def test_evening_greeting(settings, seed_facts):
    evening = dataclasses.replace(settings, now=settings.now.replace(hour=19))
    assert script.render([seed_facts], evening).segments[0].text.startswith("Bonsoir")


def test_several_stories_are_announced_with_their_headlines(settings):
    stories = [
        facts.extract(Article(source=str(i), text=f"Le conseil municipal a voté le budget numéro {i} hier soir.", title=t), today=TODAY)
        for i, t in enumerate(["Budget voté", "Grève des trains", "Neige en montagne"], start=1)
    ]
    s = script.render(stories, settings)
    assert len(s.segments) == 5
    assert "3 sujets : Budget voté, Grève des trains et Neige en montagne." in s.segments[0].text
    assert "trois sujets" in s.segments[0].spoken


def test_article_text_is_never_rendered_as_a_template(settings):
    article = Article(source="x", text="Le pirate a écrit {{ 7*7 }} et {% raw %} dans le texte publié hier.")
    s = script.render([facts.extract(article, today=TODAY)], settings)
    assert "{{ 7*7 }}" in s.segments[1].text
    assert "49" not in s.segments[1].text


def test_user_templates_override_by_name(settings, seed_facts, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "outro.j2").write_text("À demain, chers auditeurs de {{ show }}.", encoding="utf-8")
    s = script.render([seed_facts], dataclasses.replace(settings, templates=mine))
    assert s.segments[-1].text == "À demain, chers auditeurs de Le Briefing."
    assert s.segments[0].text.startswith("Bonjour")  # built-in intro still used


def test_compiled_templates_are_kept_and_an_edited_one_is_compiled_anew(settings, seed_facts, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    settings = dataclasses.replace(settings, templates=mine)
    (mine / "outro.j2").write_text("À demain.", encoding="utf-8")
    assert script.render([seed_facts], settings).segments[-1].text == "À demain."
    kept = sorted((settings.cache_dir / "templates").iterdir())
    assert len(kept) >= 4, "intro, transition, story and outro are kept compiled"
    (mine / "outro.j2").write_text("À lundi.", encoding="utf-8")
    assert script.render([seed_facts], settings).segments[-1].text == "À lundi."
    # From the kept code, an error still names its template line.
    (mine / "intro.j2").write_text("Bonjour.\nIl est {{ heure }}.\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(TemplateError, match=r"intro\.j2, line 2: 'heure' is undefined"):
            script.render([seed_facts], settings)


def test_a_process_renders_again_without_compiling_again(settings, seed_facts, monkeypatch):
    from briefing.script import templating

    script.render([seed_facts], settings)
    compiled = []
    compile_ = templating.ImmutableSandboxedEnvironment.compile
    monkeypatch.setattr(templating.ImmutableSandboxedEnvironment, "compile",
                        lambda self, *args, **kwargs: compiled.append(args) or compile_(self, *args, **kwargs))
    for cache in (True, False):  # kept in the process, whether or not compiled templates are kept on disk
        once = dataclasses.replace(settings, cache=cache)
        script.render([seed_facts], once)
        compiled.clear()
        script.render([seed_facts], once)
        assert compiled == []


def test_a_template_a_users_folder_adds_in_front_of_a_built_in_one_is_used_at_once(settings, seed_facts, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    settings = dataclasses.replace(settings, templates=mine)
    assert script.render([seed_facts], settings).segments[-1].text.startswith("C'est la fin de ce briefing")
    (mine / "outro.j2").write_text("À demain.", encoding="utf-8")
    assert script.render([seed_facts], settings).segments[-1].text == "À demain."
    (mine / "outro.j2").unlink()
    assert script.render([seed_facts], settings).segments[-1].text.startswith("C'est la fin de ce briefing")


def test_compiled_templates_are_kept_again_once_their_folder_is_gone(settings, seed_facts, tmp_path):
    import shutil

    mine = tmp_path / "mine"
    mine.mkdir()
    settings = dataclasses.replace(settings, templates=mine)
    (mine / "outro.j2").write_text("À demain.", encoding="utf-8")
    script.render([seed_facts], settings)
    shutil.rmtree(settings.cache_dir / "templates")  # the cache cleared while the process lives
    (mine / "outro.j2").write_text("À lundi.", encoding="utf-8")
    assert script.render([seed_facts], settings).segments[-1].text == "À lundi."
    assert any((settings.cache_dir / "templates").iterdir())


def test_undefined_variable_names_the_file_the_line_and_the_name(settings, seed_facts, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "intro.j2").write_text("Bonjour.\nIl est {{ heure }}.\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        script.render([seed_facts], dataclasses.replace(settings, templates=mine))
    message = str(info.value)
    assert str(mine / "intro.j2") in message
    assert "line 2" in message
    assert "'heure' is undefined" in message


def test_syntax_error_names_the_file_and_line(settings, seed_facts, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "story.j2").write_text("{{ story.headline }}\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"story\.j2, line 2"):
        script.render([seed_facts], dataclasses.replace(settings, templates=mine))


def test_join_fr():
    assert join_fr([]) == ""
    assert join_fr(["a"]) == "a"
    assert join_fr(["a", "b"]) == "a et b"
    assert join_fr(["a", "b", "c"]) == "a, b et c"


def test_transitions_vary_by_story_and_never_by_run(settings):
    titles = ["Budget voté", "Grève des trains", "Neige en montagne", "Élections", "Météo"]
    stories = [
        facts.extract(Article(source=t, text=f"Le conseil municipal a voté le budget numéro {i} hier soir.", title=t), today=TODAY)
        for i, t in enumerate(titles)
    ]
    first = script.render(stories, settings)
    again = script.render(stories, settings)
    assert [s.text for s in first.segments] == [s.text for s in again.segments]
    openings = [seg.lines[0].text for seg in first.segments[1:-1]]
    assert openings[0] in ("On commence.", "Premier sujet.", "Pour commencer.")
    assert openings[-1] in ("Enfin, dernier sujet.", "Et pour terminer.", "Dernière information de ce briefing.")
    assert len(set(openings[1:-1])) >= 2  # the middle stories do not all open alike
    assert script.variant("Budget voté") == script.variant("Budget voté") != script.variant("Grève des trains")


def test_outro_recaps_the_headlines(settings):
    stories = [
        facts.extract(Article(source=t, text="Le conseil municipal a voté le budget hier soir en séance.", title=t), today=TODAY)
        for t in ("Budget voté", "Grève des trains")
    ]
    outro = script.render(stories, settings).segments[-1]
    assert outro.lines[0].text == "Voilà pour l'essentiel : Budget voté et Grève des trains."


def test_story_weaves_in_a_quote_with_its_speaker_and_no_bare_figure(settings, seed_facts):
    story = script.render([seed_facts], settings).segments[1]
    assert "« Il est nécessaire de résoudre la crise là-bas », a déclaré Vladimir Poutine." in story.text
    # the seed's 800 km² are said where « ici » leans on the sentence before: left out, never said bare
    assert "800" not in story.text and "chiffre" not in story.text
    assert story.text.count("TASS") == 1


def test_a_figure_is_said_in_the_sentence_that_says_what_it_counts(settings):
    article = Article(
        source="x",
        title="Koursk: la Russie reprend du terrain",
        text=("L'armée russe a repris l'offensive dans la région de Koursk cette semaine, après des mois de combats.\n"
              "La Russie affirme avoir repris 800 kilomètres carrés dans la région de Koursk depuis le mois d'août.\n"
              "Il en resterait 200 kilomètres carrés à reprendre selon les analystes."),
    )
    told = facts.extract(article, today=TODAY, summary_sentences=1)
    assert [f.sentence[:23] for f in told.figures] == ["La Russie affirme avoir", ""]  # « Il » leans on the sentence before
    story = script.render([told], settings).segments[1]
    assert "La Russie affirme avoir repris 800 kilomètres carrés dans la région de Koursk depuis le mois d'août." in story.text
    assert "Il en resterait 200" not in story.text
    assert "chiffre à retenir" not in story.text


def test_a_described_speaker_is_said_as_the_article_words_it_and_an_unnamed_quote_not_at_all(settings):
    article = Article(
        source="x",
        title="A Mardor, les gendarmes en première ligne",
        text=("Les gendarmes de la brigade de Mardor patrouillent chaque nuit depuis le début de l'été dans les rues du village.\n"
              "« C'est le quotidien de nos gendarmes, on ne lâche rien », confie un capitaine de gendarmerie.\n"
              "Les habitants, eux, saluent une présence rassurante dans les rues la nuit.\n"
              "« On dort enfin tranquilles depuis quelques semaines »."),
    )
    told = facts.extract(article, today=TODAY)
    assert [(q.text[:20], q.speaker) for q in told.quotes] == [("C'est le quotidien d", "un capitaine de gendarmerie")]
    story = script.render([told], settings).segments[1]
    assert "», a déclaré un capitaine de gendarmerie." in story.text
    assert "Mardor »" not in story.text and "déclaré Mardor" not in story.text
    assert "On dort enfin" not in story.text


def test_missing_facts_drop_their_sentence(settings):
    bare = facts.extract(
        Article(source="x", text="Le conseil municipal a voté le budget hier soir après un long débat public.", title="Budget voté"),
        today=settings.today,
    )
    story = script.render([bare], settings).segments[1]
    # the briefing's only story: the intro has just said its headline
    assert [line.text for line in story.lines][1:] == [bare.summary[0]]
    two = script.render([bare, bare], settings).segments[1]
    assert [line.text for line in two.lines][1:] == ["Budget voté.", bare.summary[0]]


@pytest.mark.parametrize("page", sorted(EVAL.glob("orangesum-*.html")), ids=lambda p: p.stem)
def test_eval_articles_render_cleanly(settings, page):
    from briefing.sources import articles as sources
    from briefing.sources.fetch import HttpFetch

    (article,) = sources.load([page], HttpFetch(), lambda _: None)
    told = facts.extract(article, today=settings.today)
    s = script.render([told], settings)
    for segment in s.segments:
        for line in segment.lines:
            for bad in ("None", "{{", "{%", " ,", "selon .", "a déclaré .", "a déclaré None", ":  "):
                assert bad not in line.text, (bad, line.text)
            assert not any(ch.isdigit() for ch in line.spoken), line.spoken
            assert "«" not in line.spoken
    story = s.segments[1]
    assert story.title == told.headline
    assert all(script.tidy_punctuation(sentence) in story.text for sentence in script.told(told))


@pytest.mark.parametrize("expression", [
    "cycler.__init__.__globals__.os.popen('touch {marker}').read()",
    "lipsum.__globals__['os'].popen('touch {marker}').read()",
    "''.__class__.__mro__[1].__subclasses__()",
    "story.__class__.__init__.__globals__",
    "stories.append(1)",  # the context is read, never changed
])
def test_a_user_template_cannot_reach_python(settings, seed_facts, tmp_path, expression):
    marker = tmp_path / "ran"
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "outro.j2").write_text("À demain.\n{{ " + expression.format(marker=marker) + " }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        script.render([seed_facts], dataclasses.replace(settings, templates=mine))
    assert str(info.value).startswith(f"{mine / 'outro.j2'}, line 2: ")
    assert "unsafe" in str(info.value)
    assert "\n" not in str(info.value)
    assert not marker.exists()


@pytest.mark.parametrize("name", ["/etc/passwd", "../secret.j2", "./../secret.j2", "story.j2/../../secret.j2"])
def test_a_template_includes_only_templates(settings, seed_facts, tmp_path, name):
    (tmp_path / "secret.j2").write_text("le secret", encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "outro.j2").write_text("À demain.\n{% include '" + name + "' %}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        script.render([seed_facts], dataclasses.replace(settings, templates=mine))
    assert str(info.value) == f"{mine / 'outro.j2'}, line 2: template not found: {name}"


def test_a_template_that_links_out_of_its_folder_is_refused(settings, seed_facts, tmp_path):
    (tmp_path / "secret.txt").write_text("le secret", encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "outro.j2").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(TemplateError) as info:
        script.render([seed_facts], dataclasses.replace(settings, templates=mine))
    assert str(info.value) == f"{mine / 'outro.j2'}: leads out of the templates folder (to {tmp_path / 'secret.txt'})"


def test_a_template_may_include_another_of_its_folder(settings, seed_facts, tmp_path):
    mine = tmp_path / "mine"
    (mine / "parts").mkdir(parents=True)
    (mine / "parts" / "bye.j2").write_text("Au revoir de {{ show }}.", encoding="utf-8")
    (mine / "outro.j2").write_text("{% include 'parts/bye.j2' %}", encoding="utf-8")
    assert script.render([seed_facts], dataclasses.replace(settings, templates=mine)).segments[-1].text == \
        "Au revoir de Le Briefing."
