"""Loading a real run file into tidy frames."""

import h5py
import numpy as np
import pytest

from conftest import STEPS

ACTORS = ["government", "social_organization", "property_company", "resident_committee", "residents"]


def test_provenance_parameters_and_events(events_run, files):
    run = events_run
    assert run.provenance["format"] == "cogov-run"
    assert run.seed == 5
    assert run.name == "events-test"
    assert "grid management" in run.provenance["scenario_description"]
    assert run.parameters["city.communities"] == 3
    assert run.parameters["trust.a_gain"] == pytest.approx(0.09576)  # the calibrated default
    assert list(run.actors) == ACTORS
    assert list(run.steps) == list(range(1, STEPS + 1))
    events = run.events.sort_values(["step", "key"]).to_dict("records")
    assert events == [
        {"step": 10, "key": "committee.delegated_items", "value": "72", "note": "burden cut"},
        {"step": 10, "key": "service_centre.enabled", "value": "true", "note": "burden cut"},
        {"step": 20, "key": "grid.enabled", "value": "true", "note": "grid management"},
    ]


def test_city_frame_is_tidy_and_matches_the_file(events_run, files):
    frame = events_run.city_frame()
    assert list(frame.columns) == ["step", "metric", "value"]
    assert len(frame) == STEPS * len(events_run.metrics)
    assert "trust" not in set(frame["metric"])
    with h5py.File(files["events"]) as f:
        expected = f["city/backlog"][...]
    got = frame[frame["metric"] == "backlog"].sort_values("step")["value"].to_numpy()
    np.testing.assert_array_equal(got, expected)


def test_metric_info_comes_from_the_file(events_run):
    info = events_run.metrics["participation_rate"]
    assert info.units == "share"
    assert info.long_name.startswith("Share of residents who took part")


def test_community_frame_sums_to_the_city(events_run):
    frame = events_run.community_frame(["issues_raised"])
    assert list(frame.columns) == ["step", "community", "street", "metric", "value"]
    assert len(frame) == STEPS * 3
    assert set(frame["street"]) == {0}
    by_step = frame.groupby("step")["value"].sum().to_numpy()
    np.testing.assert_allclose(by_step, events_run.city_wide(["issues_raised"])["issues_raised"].to_numpy())


def test_trust_frame_has_actor_columns(events_run, files):
    frame = events_run.trust_frame()
    assert list(frame.columns) == ["step", "truster", *ACTORS]
    assert len(frame) == STEPS * len(ACTORS)
    with h5py.File(files["events"]) as f:
        trust = f["city/trust"][...]
    row = frame[(frame["step"] == 7) & (frame["truster"] == "residents")]
    assert row["government"].item() == trust[6, 4, 0]
    assert row["resident_committee"].item() == trust[6, 4, 3]


def test_community_trust_frame(events_run, files):
    frame = events_run.trust_frame("communities")
    assert list(frame.columns[:3]) == ["step", "community", "truster"]
    assert len(frame) == STEPS * 3 * len(ACTORS)
    with h5py.File(files["events"]) as f:
        trust = f["communities/trust"][...]
    row = frame[(frame["step"] == STEPS) & (frame["community"] == 2) & (frame["truster"] == "government")]
    assert row["social_organization"].item() == trust[STEPS - 1, 2, 0, 1]


def test_street_frame(events_run):
    frame = events_run.street_frame()
    assert list(frame.columns) == ["step", "street", "metric", "value"]
    assert set(frame["metric"]) == {"leader_changes", "commitments_broken"}
    assert len(frame) == STEPS * 2


def test_series_wide_names_trust_cells(events_run):
    wide = events_run.series_wide()
    assert wide.shape == (STEPS, len(events_run.metrics) + 25)
    trust = events_run.trust()
    np.testing.assert_array_equal(wide["trust.social_organization.government"].to_numpy(), trust[:, 1, 0])
    info = events_run.series_info()
    assert info["trust.residents.government"].long_name == "Residents' trust in government"


def test_unknown_metric_is_named(events_run):
    with pytest.raises(KeyError, match="no metric nonsense"):
        events_run.city_wide(["backlog", "nonsense"])
