// A live run: a Model stepped on demand whose every live change is recorded
// as a scenario event, so the run can be replayed exactly (export).
// Not thread-safe; Session guards it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cogov/sim/model.h"
#include "cogov/sim/scenario.h"
#include "cogov/serve/controls.h"

namespace cogov::serve {

//! Parameter changes applied together, in order.
using ParamSets = std::vector<std::pair<const ParamSpec*, ParamValue>>;

class LiveRun {
public:
    LiveRun(Scenario scenario, std::uint64_t seed);

    const Model& model() const { return *model_; }
    const Scenario& scenario() const { return scenario_; }
    std::uint64_t seed() const { return seed_; }
    bool finished() const { return model_->finished(); }

    //! Advance one week: first any shock endings due, then Model::step().
    void step();

    //! Set a DYNAMIC parameter from the next week on; recorded as an event at
    //! that week. Throws ScenarioError when the model refuses the value.
    void set(const ParamSpec& spec, const ParamValue& value, const std::string& note);

    //! Start a shock now and schedule its ending; both are recorded.
    void shock(const Shock& shock);

    //! A player's move from the next week on; logged (the last move of an
    //! agent's decision in a week wins). Throws ScenarioError for an agent
    //! not in this run.
    void choose(HumanMove move);

    //! Back to week 0 with the same scenario and seed; forgets live changes and moves.
    void reset();

    //! Live changes so far, in the order they applied.
    const std::vector<Event>& changes() const { return changes_; }
    //! Players' moves so far, in the order they were made.
    const std::vector<HumanMove>& moves() const { return moves_; }

    //! The scenario that reproduces this run: the original's events up to
    //! now plus every live change and player's move, and time.steps = weeks done. Validated:
    //! it loads back from its own TOML. Throws std::logic_error at week 0.
    Scenario replay_scenario() const;

private:
    //! Values to put back at a later week (the end of a shock).
    struct Restore {
        std::int64_t week;
        ParamSets sets;
        std::string note;
    };
    //! Apply all of `sets` or, if the model refuses one, none of them.
    void apply(const ParamSets& sets, const std::string& note);
    void record(const ParamSets& sets, const std::string& note);

    Scenario scenario_;
    std::uint64_t seed_;
    std::unique_ptr<Model> model_;
    std::vector<Event> changes_;
    std::vector<HumanMove> moves_;
    std::vector<Restore> restores_;
};

}  // namespace cogov::serve
