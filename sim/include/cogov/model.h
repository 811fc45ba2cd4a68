// Model: one simulation, stepped one week at a time.
#pragma once

#include <cstdint>
#include <vector>

#include "cogov/metrics.h"
#include "cogov/params.h"
#include "cogov/scenario.h"
#include "cogov/state.h"

namespace cogov {

class Model {
public:
    //! Build the initial city. `threads` only changes speed, never results.
    Model(Scenario scenario, std::uint64_t seed, int threads = 1);

    //! Advance one week: events, then the eight phases in schedule order.
    void step();

    std::int64_t steps_done() const { return state_.step; }
    std::int64_t steps_total() const { return scenario_.params.time_steps; }
    bool finished() const { return steps_done() >= steps_total(); }
    std::uint64_t seed() const { return seed_; }
    int threads() const { return threads_; }

    const Scenario& scenario() const { return scenario_; }
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

private:
    template <class F>
    void for_each_community(F&& phase);
    void begin_step(std::int64_t step);
    void end_step();

    Scenario scenario_;
    Params params_;
    std::uint64_t seed_;
    int threads_;
    State state_;
    std::size_t next_event_ = 0;
    std::vector<std::vector<float>> scratch_;  //!< per thread, for talk
};

}  // namespace cogov
