"""`briefing editions` on this machine: many editions, each with its feed,
made by a process pool; a story they share is read once and its sentences
voiced once."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace

import podcastparser
import pytest

from briefing import pipeline

from briefing.daily import editions

from briefing.publish import state
from briefing.config import Settings
from briefing.sources.fetch import HttpFetch
from conftest import NOW, SEED, subprocess_env, warm_editions, write_editions

pytestmark = pytest.mark.slow
SHARED = 0
THREE = {"nord": [SHARED, 1, 2], "sud": [3, SHARED, 4], "est": [5, 6, SHARED]}


def feed_of(folder):
    return podcastparser.parse("feed.xml", io.BytesIO((folder / "feed.xml").read_bytes()))["episodes"]


def check_three_feeds(tmp_path):
    """Each edition's feed has one episode of its three stories, the shared one in every feed."""
    titles = {}
    for name in THREE:
        (item,) = feed_of(tmp_path / name)
        (record,) = state.load(tmp_path / name).episodes
        assert item["guid"] == record.guid and len(record.stories) == 3
        mp3 = tmp_path / name / f"{record.stem}.mp3"
        assert mp3.stat().st_size == item["enclosures"][0]["file_size"]
        titles[name] = {story.title for story in record.stories}
    shared = titles["nord"] & titles["sud"] & titles["est"]
    assert len(shared) == 1
    return shared


def test_three_editions_on_this_machine_read_a_shared_story_once_and_voice_its_sentences_once(tmp_path):
    paths = write_editions(tmp_path, THREE)
    found = [replace(e, settings=replace(e.settings, now=NOW)) for e in editions.load(list(paths.values()))]
    pipeline.make([SEED], Settings(now=NOW, output=tmp_path / "made", engine="espeak"))  # this process has mixed before
    with editions.LocalRunner(2) as runner:
        done = editions.run(found, runner, HttpFetch())
    assert done.failures == []
    assert (done.read, done.extracted) == (7, 7)  # seven stories; the shared one read once for three editions
    check_three_feeds(tmp_path)
    said = [outcome.chunks for outcome in done.outcomes]
    everything = frozenset().union(*said)
    # every chunk said in any edition was voiced once: the shared story's by one edition for all three
    assert sum(outcome.voiced for outcome in done.outcomes) == len(everything)
    assert len(said[0] & said[1] & said[2]) >= 1


def briefing(*args, cwd):
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, env=subprocess_env(),
                          capture_output=True, text=True, timeout=600)


def test_the_command_makes_a_folder_of_editions_then_says_which_have_nothing_new(tmp_path):
    paths = write_editions(tmp_path / "editions", {"nord": [SHARED, 1], "sud": [SHARED, 2]})
    warm_editions(*paths.values())  # what is tested is the command: its pool need not load the language model
    first = briefing("editions", "editions", "--jobs", "2", "-q", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    written = first.stdout.split()
    assert sorted(p for p in written if p.endswith("feed.xml")) == [str(tmp_path / "editions" / n / "feed.xml")
                                                                   for n in ("nord", "sud")]
    # the next morning, nothing new in either: each said in one line, exit 2, the feeds as they were
    before = {n: (tmp_path / "editions" / n / "feed.xml").read_bytes() for n in ("nord", "sud")}
    again = briefing("editions", "editions", "-q", cwd=tmp_path)
    assert again.returncode == 2
    assert again.stderr.splitlines() == [
        f"briefing: error: editions/{n}.toml: no new story to tell from 2 source(s); 2 already told in earlier episodes"
        for n in ("nord", "sud")] + ["briefing: error: 2 of 2 editions were not published"]
    assert {n: (tmp_path / "editions" / n / "feed.xml").read_bytes() for n in ("nord", "sud")} == before


def test_two_editions_with_one_output_folder_are_refused_before_any_work(tmp_path):
    paths = write_editions(tmp_path, {"nord": [1], "sud": [2]})
    paths["sud"].write_text(paths["sud"].read_text().replace('output = "sud"', 'output = "nord"'))
    run = briefing("editions", "nord.toml", "sud.toml", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == "briefing: error: nord.toml and sud.toml both publish to " \
                         f"{tmp_path / 'nord'}: give each edition its own [feed] output\n"
    assert not (tmp_path / "nord").exists()


def test_a_name_taken_meanwhile_is_not_reused_and_a_task_run_again_publishes_nothing_twice(tmp_path):
    from mutagen.id3 import ID3

    from briefing.daily import run as daily

    from briefing.daily import lock

    from briefing.daily import work

    paths = write_editions(tmp_path, {"nord": [1, 2], "autre": [3]})
    (edition,) = [replace(e, settings=replace(e.settings, now=NOW)) for e in editions.load([paths["nord"]])]
    out = edition.settings.output

    class AnotherRunFirst(editions.LocalRunner):
        """While the edition is being made, `briefing daily` publishes to the same feed the name it was planned with."""

        def episodes(self, jobs):
            self.jobs = list(jobs)
            daily.run(replace(edition.settings, sources=(str(tmp_path / "news" / "story-3.txt"),)), HttpFetch())
            self.theirs = {p.name: p.read_bytes() for p in out.iterdir() if p.name.startswith("briefing-")}
            yield from super().episodes(jobs)

    with AnotherRunFirst(1) as runner:
        done = editions.run([edition], runner, HttpFetch())
    assert runner.jobs[0].plan.script.stem == "briefing-2026-11-24"
    (outcome,) = done.outcomes
    first, second = state.load(out).episodes
    assert (first.stem, second.stem) == ("briefing-2026-11-24", "briefing-2026-11-24-2")
    assert outcome.stem == second.stem
    assert second.title == "Le Briefing nord du mardi 24 novembre 2026, édition de 8 h" != first.title
    assert str(ID3(out / f"{second.stem}.mp3")["TIT2"]) == second.title
    assert f'src="{second.stem}.mp3"' in (out / f"{second.stem}.html").read_text(encoding="utf-8")
    assert {p: (out / p).read_bytes() for p in runner.theirs} == runner.theirs  # the other run's episode untouched
    assert [e["guid"] for e in feed_of(out)] == [second.guid, first.guid]

    # the task run again after it had published (its worker died before saying so): nothing is published twice
    again = work.finish_episode(runner.jobs[0], [], lock.FolderLocks())
    assert again.already and again.stem == second.stem and again.files == ()
    assert len(state.load(out).episodes) == 2 and len(feed_of(out)) == 2
    assert not [p.name for p in out.iterdir() if p.name.startswith(".briefing-staging")]


def test_a_cluster_that_cannot_be_reached_or_named_is_one_line_before_any_work(tmp_path):
    pytest.importorskip("celery", reason="test_a_cluster_that_cannot_be_reached: Celery is not installed")
    from conftest import free_port

    write_editions(tmp_path, {"nord": [1]})
    (tmp_path / "nord.toml").write_text((tmp_path / "nord.toml").read_text() + '[cluster]\nbroker = "redis://127.0.0.1:%d/0"\n'
                                         % (port := free_port()))
    run = briefing("editions", "nord.toml", cwd=tmp_path)  # the broker of the edition's file
    assert run.returncode == 2
    assert run.stderr.startswith(f"briefing: error: the cluster's Redis at redis://127.0.0.1:{port}/0 cannot be reached (")
    assert len(run.stderr.splitlines()) == 1 and not (tmp_path / "nord").exists()
    worker = briefing("worker", cwd=tmp_path)
    assert worker.returncode == 2
    assert worker.stderr == ("briefing: error: name the cluster's Redis: --cluster redis://HOST:6379/0, "
                             "or [cluster] broker in briefing.toml\n")
    wrong = briefing("editions", "nord.toml", "--cluster", "http://127.0.0.1:6379/", cwd=tmp_path)
    assert wrong.returncode == 2 and "must be a redis:// URL" in wrong.stderr
