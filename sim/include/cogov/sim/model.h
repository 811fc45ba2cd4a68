// Model: one simulation, stepped one week at a time.
#pragma once

#include <cstdint>
#include <vector>

#include "cogov/sim/metrics.h"
#include "cogov/sim/params.h"
#include "cogov/sim/phases.h"
#include "cogov/sim/scenario.h"
#include "cogov/sim/state.h"

namespace cogov {

//! A stretch of a run under one scenario, from `start` (1-based week) on.
//! A straight run has one segment; each branch adds one.
struct Segment {
    Scenario scenario;
    std::int64_t start = 1;
};

//! The burn-in's fast parameters: `p` with its slow rates multiplied by
//! time.burn_in_speedup (capped at 1). See Model::burn_in and docs/ODD.md §5.
Params burn_in_params(const Params& p);

//! Whether `a` and `b` burn in bit for bit alike: every parameter equal
//! (events and players' moves start at week 1, so they play no part). Then
//! one's state after the burn-in can start the other (the constructor from
//! a state), which is how compare and effect sweeps run a reform and its
//! base's shared burn-in once.
bool same_burn_in(const Scenario& a, const Scenario& b);

class Model {
public:
    //! Build the initial city and run its burn-in (`time.burn_in` unrecorded
    //! weeks before week 1). `threads` only changes speed, never results.
    Model(Scenario scenario, std::uint64_t seed, int threads = 1);
    //! Resume from a saved state (see checkpoint.h); `segments` is the
    //! history that produced it, its last scenario the one in force.
    Model(std::vector<Segment> segments, std::uint64_t seed, int threads, State state);

    //! Advance one week: events, then the eight phases in schedule order.
    void step();

    std::int64_t steps_done() const { return state_.step; }
    std::int64_t steps_total() const { return scenario().params.time_steps; }
    bool finished() const { return steps_done() >= steps_total(); }
    std::uint64_t seed() const { return seed_; }
    int threads() const { return threads_; }

    //! The scenario in force (the last segment's).
    const Scenario& scenario() const { return segments_.back().scenario; }
    const std::vector<Segment>& segments() const { return segments_; }

    //! Branch: continue from the next week under `next`, as if it had always
    //! been in force (its parameters with its events up to now applied; its
    //! later events still to come). Throws ScenarioError if `next` describes
    //! a different population or ends before the next week.
    void rebase(Scenario next);
    //! The parameters in force now (scenario values changed by events so far).
    const Params& params() const { return params_; }
    const State& state() const { return state_; }

    //! The last step's tallies for one community, and summed over the city.
    const Counters& community_counters(std::uint32_t c) const { return state_.counters[c]; }
    Counters city_counters() const;
    const StreetCounters& street_counters(std::uint32_t k) const { return state_.street_counters[k]; }

    //! Change a DYNAMIC parameter from now on (live controls). Throws
    //! ScenarioError if the parameter is fixed, the value out of range, or
    //! the combination with the others is refused.
    void set_parameter(const ParamSpec& spec, const ParamValue& value);

    //! A player's move from the next week on (class sessions; the caller
    //! logs it). Throws ScenarioError if the agent is not in this run.
    void apply_human(const HumanMove& move);

private:
    //! Run `phase(c)` or `phase(c, scratch)` for every community, in parallel.
    template <class F>
    void for_each_community(F&& phase);
    void begin_step(std::int64_t step);
    void end_step();

    void burn_in();
    void sync_events();
    //! Apply the scenario's not yet applied events up to `week` (the one
    //! loop over events, for sync_events and begin_step).
    void apply_events_through(std::int64_t week);
    //! Enter the scenario's not yet applied players' moves up to `week`.
    void apply_moves_through(std::int64_t week);
    void reserve_scratch();

    std::vector<Segment> segments_;
    Params params_;
    std::uint64_t seed_;
    int threads_;
    State state_;
    std::vector<Street> streets_at_start_;  //!< the streets before this week's leader turnover (StepContext)
    std::size_t next_event_ = 0;
    std::size_t next_move_ = 0;
    int tenure_weeks_ = 1;          //!< weeks a resident's tenure ages per step (k in the fast burn-in)
    std::vector<Scratch> scratch_;  //!< per thread, for the phases' working memory
};

}  // namespace cogov
