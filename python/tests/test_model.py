"""cogov.Model: stepping, live parameters, metrics, state views."""

import gc
import math

import numpy as np
import pytest
import xarray as xr

import cogov
from conftest import TINY


def test_step_week_finished(tiny):
    m = cogov.Model(tiny, seed=3)
    assert (m.week, m.steps, m.finished, m.seed, m.threads) == (0, 30, False, 3, 1)
    m.step()
    assert m.week == 1
    m.step(28)
    assert m.week == 29 and not m.finished
    m.step(0)
    assert m.week == 29
    with pytest.raises(ValueError, match=r"ends at week 30 and this model is at week 29 \(1 left\)"):
        m.step(2)
    m.step()
    assert m.finished
    with pytest.raises(ValueError):
        m.step()
    with pytest.raises(ValueError, match="at least 0"):
        m.step(-1)
    assert "week 30 of 30" in repr(m)


def test_bad_construction(tiny):
    with pytest.raises(TypeError, match="expected a cogov.Scenario"):
        cogov.Model("baseline")
    with pytest.raises(ValueError, match="threads must be at least 1"):
        cogov.Model(tiny, threads=0)


def test_set_live_parameter(tiny):
    m = cogov.Model(tiny)
    m.step(2)
    m.set("contracts.p_late", 0.3)
    m.set("grid.enabled", False)
    m.set("committee.delegated_items", 72)
    m.set("trust.a_gain", 1)          # an int for a real, as in TOML
    assert m.get("contracts.p_late") == 0.3 and m.params["committee.delegated_items"] == 72
    assert m.get("trust.a_gain") == 1.0 and m.params["grid.enabled"] is False
    assert m.scenario["contracts.p_late"] == TINY.get("contracts.p_late", 0.1462)  # the scenario is unchanged (the calibrated default)
    m.step()


@pytest.mark.parametrize("key, value, message", [
    ("city.communities", 4, "live control: error: city.communities: fixed at initialisation; cannot change in a run"),
    ("contracts.p_late", 1.5, "live control: error: contracts.p_late: 1.5 is out of range: expected a real number in [0, 1] (probability); "
     "a probability or share: did you mean 0.015?"),
    ("grid.enabled", 1, "live control: error: grid.enabled: expected a boolean in {true, false}, got an integer"),
    ("committee.delegated_items", 7.5,
     "live control: error: committee.delegated_items: expected an integer in [0, 10000], got a real number"),
    ("contracts.p_lat", 0.1, "live control: error: contracts.p_lat: unknown key; did you mean 'contracts.p_late'?"),
    ("contracts.p_late", "0.3", "live control: error: contracts.p_late: expected a real number in [0, 1], got '0.3'"),
])
def test_set_refuses(tiny, key, value, message):
    m = cogov.Model(tiny)
    before = m.params
    with pytest.raises(cogov.ScenarioError) as e:
        m.set(key, value)
    assert e.value.messages == [message]
    assert m.params == before


def test_set_changes_the_run(tiny):
    a, b = cogov.Model(tiny, seed=5), cogov.Model(tiny, seed=5)
    a.step(10)
    b.step(10)
    b.set("reporting.base", 5.0)
    a.step(5)
    b.step(5)
    assert a.metrics()["issues_reported"] != b.metrics()["issues_reported"]


def test_metrics_dict_and_dataset(tiny):
    m = cogov.Model(tiny)
    m.step(3)
    city = m.metrics()
    assert "participation_rate" in city and "trust.residents.government" in city
    assert all(isinstance(v, float) for v in city.values())
    per = m.metrics("communities")
    assert per["participation_rate"].shape == (3,)
    # City counts are the communities' sums.
    assert city["issues_raised"] == per["issues_raised"].sum()
    with pytest.raises(ValueError, match="level is 'city' or 'communities'"):
        m.metrics("streets")
    ds = m.metrics_dataset()
    assert ds["trust"].dims == ("step", "truster", "trustee") and int(ds["step"][0]) == 3
    assert ds["trust"].sel(truster="residents", trustee="government").item() == city["trust.residents.government"]
    assert ds["participation_rate"].attrs["units"] and ds["participation_rate"].attrs["long_name"]
    cds = m.metrics_dataset("communities")
    assert cds["trust"].dims == ("step", "community", "truster", "trustee")
    assert list(cds["street"].values) == list(m.communities.street)
    streets = m.street_metrics()
    assert set(streets) == {"leader_changes", "commitments_broken"} and streets["leader_changes"].shape == (2,)


def test_weekly_datasets_concatenate_to_a_run(tiny):
    m = cogov.Model(tiny, seed=2)
    weeks = []
    while not m.finished:
        m.step()
        weeks.append(m.metrics_dataset())
    stepped = xr.concat(weeks, "step")
    ran = cogov.run(tiny, seed=2, threads=1)
    for name in ran.data_vars:
        np.testing.assert_array_equal(stepped[name].values, ran[name].values, err_msg=name)
        assert stepped[name].dims == ran[name].dims
        assert stepped[name].attrs.get("units") == ran[name].attrs.get("units"), name


def test_views_are_read_only_without_copies(tiny):
    m = cogov.Model(tiny)
    r = m.residents
    assert len(r) == 450
    for name in ["community", "interest", "public_spirit", "efficacy", "threshold", "kind", "flags", "platform_rank",
                 "tenure", "issue_domain", "issue_stage", "issue_flags", "issue_handler", "issue_slot", "issue_age",
                 "experience", "experience_actor", "ties", "trust"]:
        a = getattr(r, name)
        assert a.shape[0] == 450, name
        assert not a.flags.writeable, name
        with pytest.raises(ValueError, match="read-only"):
            a[0] = 0
    assert r.interest.shape == (450, 7) and r.ties.shape == (450, m.get("network.degree"))
    assert r.trust.shape == (450, 5) and r.trust.dtype == np.float32
    # Two views of one array share its memory: no copy was made.
    assert np.shares_memory(r.kind, m.residents.kind)
    assert np.shares_memory(r.trust_toward("government"), m.residents.trust_toward(0))
    assert not np.shares_memory(r.trust, m.residents.trust)  # the documented copy
    for a, name in enumerate(cogov.ACTORS):
        np.testing.assert_array_equal(r.trust[:, a], r.trust_toward(name))
    with pytest.raises(ValueError, match="actor"):
        r.trust_toward("mayor")
    assert list(r.community) == [c for c in range(3) for _ in range(150)]
    np.testing.assert_allclose(r.interest.sum(axis=1), 1, rtol=1e-5)


def test_institution_views(tiny):
    m = cogov.Model(tiny)
    m.step(5)
    c = m.communities
    assert len(c) == 3 and list(c.first) == [0, 150, 300] and list(c.size) == [150] * 3
    assert c.committee_trust.shape == (3, 5) and c.interest_sum.shape == (3, 7)
    np.testing.assert_allclose(c.interest_sum.sum(axis=1), 150, rtol=1e-4)
    # Fields are strided views into one array of structs: interleaved, not copied.
    assert np.shares_memory(c.committee_trust, m.communities.committee_trust)
    assert np.may_share_memory(c.committee_trust, c.committee_experience)
    assert not np.shares_memory(c.committee_trust, c.committee_experience)
    slots, compounds = m.get("socorg.max_per_community"), m.get("city.compounds_per_community")
    o, k, p = m.organizations, m.contracts, m.companies
    assert o.active.shape == (3, slots) and o.active.dtype == bool and o.trust.shape == (3, slots, 5)
    assert k.end.shape == (3, slots) and p.trust.shape == (3, compounds, 5) and p.collection.shape == (3, compounds)
    assert m.streets.priorities.shape == (2, 7)
    for view in (c.coordination, o.capacity, k.value_per_week, p.collection, m.streets.trust_in_district):
        assert not view.flags.writeable
    # Struct fields agree with the resident arrays they summarise.
    np.testing.assert_allclose(c.resident_trust[:, 0], [
        m.residents.trust_toward(0)[f:f + n].mean() for f, n in zip(c.first, c.size)], rtol=1e-5)


def test_views_stay_valid_across_steps_and_keep_the_model_alive(tiny):
    m = cogov.Model(tiny, seed=4)
    trust = m.residents.trust_toward("resident_committee")
    tenure = m.residents.tenure
    experience = m.communities.committee_experience
    start = trust.copy()
    m.step(10)
    # The same view shows week 10: it equals a fresh one and it moved.
    np.testing.assert_array_equal(trust, m.residents.trust_toward("resident_committee"))
    np.testing.assert_array_equal(experience, m.communities.committee_experience)
    assert not np.array_equal(trust, start)
    assert tenure.max() >= 10
    week10 = trust.copy()
    del m
    gc.collect()
    np.testing.assert_array_equal(trust, week10)  # the model lives on in its views
    assert trust.base is not None


def test_threads_give_identical_results(tiny):
    one, two = cogov.Model(tiny, seed=9, threads=1), cogov.Model(tiny, seed=9, threads=2)
    for _ in range(tiny.steps):
        one.step()
        two.step()
        a, b = one.metrics(), two.metrics()
        assert a.keys() == b.keys()
        for k in a:
            assert a[k] == b[k] or (math.isnan(a[k]) and math.isnan(b[k])), k
    np.testing.assert_array_equal(one.residents.trust, two.residents.trust)
    np.testing.assert_array_equal(one.residents.ties, two.residents.ties)
    np.testing.assert_array_equal(one.organizations.reserves, two.organizations.reserves)


def test_seeds_differ(tiny):
    a, b = cogov.Model(tiny, seed=1), cogov.Model(tiny, seed=2)
    a.step(5)
    b.step(5)
    assert not np.array_equal(a.residents.trust, b.residents.trust)
