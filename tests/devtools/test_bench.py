"""`make bench` never loses a run: a measurement that fails is reported as failed, and every other
figure is still printed and written."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from devtools import bench

pytestmark = pytest.mark.django_db


@pytest.fixture
def measurements(monkeypatch):
    """Three measurements of one app, between the real ones: one fine, one whose page fails, one that
    fails in its set-up, before anything is timed."""
    registered = dict(bench._MEASUREMENTS)

    def fine_and_failing_pages(runner):
        runner.page("trial.home", reverse("localism:home"), n=2)
        runner.page("trial.missing", reverse("localism:place_detail", kwargs={"slug": "nowhere-at-all"}), n=2)
        runner.page("trial.after", reverse("localism:home"), n=2)
        runner.page("trial.frame", reverse("localism:about"), n=2, baseline=True)

    def broken_set_up(runner):
        raise RuntimeError("the worker did not start")

    monkeypatch.setattr(bench, "_MEASUREMENTS", registered)
    bench.register("trial", order=1)(fine_and_failing_pages)
    registered["trial-set-up"] = (2, broken_set_up)


def test_a_failed_measurement_is_reported_and_every_other_figure_is_written(measurements, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 measurement"):
        call_command("bench", only=["trial", "trial-set-up"], requests=2, stdout=out)

    figures = json.loads((tmp_path / "bench-only.json").read_text())
    assert figures["trial.home"]["n"] == 2 and figures["trial.home"]["queries"] > 0
    # Beside the page's time, its own reads replayed on a raw cursor, and the ratio of the two.
    home = figures["trial.home"]
    assert 0 < home["sql_ms"] < home["median_ms"]
    assert home["ratio"] == pytest.approx(home["median_ms"] / home["sql_ms"], abs=0.11)
    assert figures["trial.after"]["n"] == 2, "the measurement after the failed one still ran"
    assert figures["trial.missing"] == {"failed": f"RuntimeError: trial.missing: {figures_url()} answered 404"}
    assert figures["test_bench.broken_set_up"] == {"failed": "RuntimeError: the worker did not start"}
    printed = out.getvalue()
    assert "trial.home" in printed and "trial.missing" in printed and "FAILED" in printed
    assert "Page time ÷ its own SQL" in printed
    # A baseline is measured and printed as a page is, but the summary of the key pages leaves it out.
    assert figures["trial.frame"]["baseline"] is True and figures["trial.frame"]["ratio"] > 0
    assert "(2 pages)" in printed, "the summary counts trial.home and trial.after alone"
    assert "Baseline, not a key page: trial.frame" in printed


def figures_url() -> str:
    return reverse("localism:place_detail", kwargs={"slug": "nowhere-at-all"})
