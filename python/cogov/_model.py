"""cogov.Model: one simulation stepped from Python (the engine's Model)."""

from . import _cogov
from ._datasets import week_dataset


class Model(_cogov._Model):
    """One simulation, built from a scenario and a seed, stepped week by week.

        m = cogov.Model(scenario, seed=1, threads=2)
        m.step(); m.step(52); m.week; m.finished
        m.set("contracts.p_late", 0.3)          # live (DYNAMIC) parameters only
        m.residents.trust_toward("government")  # read-only NumPy views of the state
        m.metrics(); m.metrics_dataset()        # this week's metrics

    threads changes speed only, never results. Stepping releases the GIL.
    State views (residents, communities, streets, companies, organizations,
    contracts) are read-only NumPy arrays over the engine's own memory: no
    copy, always showing the current week, valid as long as they exist (each
    holds the model alive; the engine never reallocates them after building
    the city). The one exception is residents.trust, a (residents x actor
    types) copy, because the engine keeps one array per actor type.
    """

    def __init__(self, scenario, seed: int = 1, threads: int = 1):
        if not isinstance(scenario, _cogov.Scenario):
            raise TypeError(f"Model: expected a cogov.Scenario (see cogov.load_scenario), got {type(scenario).__name__}")
        super().__init__(scenario, seed, threads)

    @property
    def residents(self) -> _cogov.Residents:
        """Every resident's state (trust, community, kind, flags, issue, ties, ...) as read-only views."""
        return _cogov._residents(self)

    @property
    def communities(self) -> _cogov.Communities:
        """Every community's state (its residents' range, street, committee, government's trust, ...)."""
        return _cogov._communities(self)

    @property
    def streets(self) -> _cogov.Streets:
        """Every street's leader priorities, tenure, broken commitments, trust in the district."""
        return _cogov._streets(self)

    @property
    def companies(self) -> _cogov.Companies:
        """Property companies, (communities, compounds)."""
        return _cogov._companies(self)

    @property
    def organizations(self) -> _cogov.Organizations:
        """Social organization slots, (communities, slots)."""
        return _cogov._organizations(self)

    @property
    def contracts(self) -> _cogov.Contracts:
        """Contract slots, (communities, slots)."""
        return _cogov._contracts(self)

    def street_metrics(self) -> dict:
        """This week's street series, {name: array over streets} (leader_changes, commitments_broken)."""
        return self._street_metrics()

    def metrics_dataset(self, level: str = "city"):
        """This week's metrics as an xarray Dataset with the run file's names, dims and units.

        level="city": one variable per metric over (step,) and `trust` over
        (step, truster, trustee); level="communities": (step, community) and
        (step, community, truster, trustee), with `street` along community.
        `step` has the one week, so xr.concat of these along "step" gives what
        cogov.run(...) returns for the same weeks.
        """
        return week_dataset(self, level)

    def __repr__(self) -> str:
        s = self.scenario
        return (f"<cogov.Model '{s.name}' seed {self.seed}, week {self.week} of {self.steps}, "
                f"{len(self.residents)} residents in {len(self.communities)} communities>")
