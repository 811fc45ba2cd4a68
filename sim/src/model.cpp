#include "cogov/sim/model.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "cogov/sim/phases.h"
#include "cogov/sim/population.h"

#ifdef _OPENMP
#include <omp.h>
#endif

namespace cogov {

Model::Model(Scenario scenario, std::uint64_t seed, int threads)
    : segments_{Segment{std::move(scenario), 1}}, params_(segments_.back().scenario.params), seed_(seed),
      threads_(std::max(1, threads)), state_(initialise(params_, seed, threads_))
{
    reserve_scratch();
    burn_in();
}

void Model::burn_in()
{
    // Weeks -(burn_in - 1) .. 0 under the scenario's own parameters: events
    // start at week 1, so scenarios that differ only in events share these
    // weeks bit for bit. Negative weeks key their own random streams
    // (rng.h), distinct from the recorded weeks'. Nothing is recorded.
    // The first half runs with the slow rates sped up (burn_in_params):
    // trust, efficacy and spirit learning, talk, mobility and organizations'
    // turnover go k times faster (tenure ages k weeks a week), so the slow
    // variables reach their steady state in fewer weeks; the second half
    // settles at the scenario's rates.
    const Params scenario_params = params_;
    state_.step = -params_.time_burn_in;
    const std::int64_t fast_until = state_.step + params_.time_burn_in / 2;
    if (state_.step < fast_until) {
        params_ = burn_in_params(scenario_params);
        tenure_weeks_ = static_cast<int>(std::lround(scenario_params.time_burn_in_speedup));
    }
    while (state_.step < 0) {
        if (state_.step == fast_until) params_ = scenario_params, tenure_weeks_ = 1;
        step();
    }
    params_ = scenario_params;
    tenure_weeks_ = 1;
}

Params burn_in_params(const Params& p)
{
    const double k = p.time_burn_in_speedup;
    Params fast = p;
    for (double* rate :
         {&fast.trust_a_gain, &fast.trust_a_loss, &fast.trust_reciprocity_rate, &fast.participation_efficacy_gain,
          &fast.participation_efficacy_loss, &fast.participation_spirit_rate, &fast.talk_mu, &fast.power_mobility,
          &fast.network_tie_formation, &fast.socorg_entry_rate, &fast.socorg_closure_rate})
        *rate = std::min(1.0, *rate * k);
    return fast;
}

bool same_burn_in(const Scenario& a, const Scenario& b)
{
    for (const auto& spec : param_table())
        if (spec.get(a.params) != spec.get(b.params)) return false;
    return true;
}

Model::Model(std::vector<Segment> segments, std::uint64_t seed, int threads, State state)
    : segments_(std::move(segments)), seed_(seed), threads_(std::max(1, threads)), state_(std::move(state))
{
    sync_events();
    reserve_scratch();
}

void Model::reserve_scratch()
{
    // Sized once for the largest community, so the step loop does not allocate.
    std::size_t largest = 0;
    for (const auto& com : state_.communities) largest = std::max<std::size_t>(largest, com.size);
    scratch_.resize(static_cast<std::size_t>(threads_));
    for (auto& s : scratch_) s.reserve(largest, static_cast<std::size_t>(state_.degree));
    streets_at_start_.reserve(state_.streets.size());
}

void Model::sync_events()
{
    // The scenario's parameters with every event up to the last completed week.
    const Scenario& s = scenario();
    params_ = s.params;
    next_event_ = 0;
    apply_events_through(state_.step);
    // The moves are replayed; which played organizations closed is the
    // model's doing, not the moves', so it is kept (human.h).
    HumanChoices replayed;
    for (std::size_t k = 0; k < state_.human.orgs.size(); ++k)
        if (state_.human.orgs[k].closed) replayed.close_org(k, state_.orgs.size());
    state_.human = std::move(replayed);
    next_move_ = 0;
    apply_moves_through(state_.step);
}

void Model::apply_moves_through(std::int64_t week)
{
    const auto& moves = scenario().moves;
    for (; next_move_ < moves.size() && moves[next_move_].step <= week; ++next_move_)
        state_.human.apply(moves[next_move_], state_.orgs.size(), state_.streets.size());
}

void Model::apply_human(const HumanMove& move)
{
    HumanMove m = move;
    m.step = state_.step + 1;
    if (auto why = check_move(params_, m))
        throw ScenarioError({Diagnostic{Origin{"live player", 0, 0}, "human", *why}});
    state_.human.apply(m, state_.orgs.size(), state_.streets.size());
}

void Model::apply_events_through(std::int64_t week)
{
    const auto& events = scenario().events;
    for (; next_event_ < events.size() && events[next_event_].step <= week; ++next_event_)
        for (const auto& [spec, value] : events[next_event_].sets) spec->set(params_, value);
}

void Model::rebase(Scenario next)
{
    std::vector<Diagnostic> problems;
    const auto& table = param_table();
    for (std::size_t k = 0; k < table.size(); ++k) {
        const ParamSpec& spec = table[k];
        if (spec.when != ParamWhen::fixed || spec.key == "time.steps") continue;
        if (spec.get(next.params) != spec.get(scenario().params))
            problems.push_back({next.origins.empty() ? Origin{} : next.origins[k], std::string(spec.key),
                                "is " + format_value(spec.get(next.params)) + " but the run so far has " +
                                    format_value(spec.get(scenario().params)) +
                                    ": a branch cannot change the population or structure"});
    }
    if (next.params.time_steps <= state_.step)
        problems.push_back({Origin{}, "time.steps",
                            "ends at week " + std::to_string(next.params.time_steps) +
                                ", not after the branch point (week " + std::to_string(state_.step) + ")"});
    if (!problems.empty()) throw ScenarioError(std::move(problems));
    segments_.push_back(Segment{std::move(next), state_.step + 1});
    sync_events();
}

template <class F>
void Model::for_each_community(F&& phase)
{
    const auto n = static_cast<std::int64_t>(state_.communities.size());
#pragma omp parallel num_threads(threads_)
    {
#ifdef _OPENMP
        Scratch& scratch = scratch_[static_cast<std::size_t>(omp_get_thread_num())];
#else
        Scratch& scratch = scratch_[0];
#endif
#pragma omp for schedule(dynamic, 1)
        for (std::int64_t c = 0; c < n; ++c) {
            if constexpr (std::is_invocable_v<F&, std::uint32_t, Scratch&>)
                phase(static_cast<std::uint32_t>(c), scratch);
            else phase(static_cast<std::uint32_t>(c));
        }
    }
}

void Model::step()
{
    // Each phase of a community touches only that community and reads its
    // street; phase 5a, the street leaders, reads and changes only the
    // streets. So the leaders change first, and then each community runs
    // phases 1-8 and the tallies in one pass, phases 1-4 reading the streets
    // as they were before 5a: the schedule of docs/ODD.md, with a
    // community's residents in cache from the first phase to the last.
    const std::int64_t week = state_.step + 1;
    begin_step(week);
    streets_at_start_ = state_.streets;  // the same size every week: no allocation
    const StepContext ctx{params_, state_, seed_, week, tenure_weeks_, streets_at_start_};
    const Params& p = params_;
    if (p.phases_power) turn_over_leaders(ctx);
    for_each_community([&](std::uint32_t c, Scratch& scratch) {
        if (p.phases_needs) raise_needs(ctx, c, scratch);
        if (p.phases_reporting) report_issues(ctx, c);
        if (p.phases_handling) handle_issues(ctx, c);
        if (p.phases_contracts) run_contracts(ctx, c);
        if (p.phases_power) move_and_turn_over(ctx, c, scratch);
        if (p.phases_participation) participate(ctx, c, scratch);
        if (p.phases_experience) learn_from_experience(ctx, c);
        if (p.phases_talk) talk(ctx, c, scratch);
        measure(ctx, c);
    });
    end_step();
}

void Model::begin_step(std::int64_t week)
{
    // Events and players' moves scheduled for this week apply before its phases.
    apply_events_through(week);
    apply_moves_through(week);
    for (auto& k : state_.counters) k.clear();
    for (auto& k : state_.street_counters) k.fill(0.0);
    for (auto& com : state_.communities) {
        com.referrals_ok.fill(0);
        com.referrals_bounced.fill(0);
    }
    for (auto& org : state_.orgs) org.referrals_ok = org.referrals_bounced = 0;
    for (auto& firm : state_.companies) firm.referrals_ok = firm.referrals_bounced = 0;
}

void Model::end_step()
{
    // Experiences are consumed by phase 7 or, when it is off, discarded.
    for (auto& com : state_.communities) {
        for (std::uint32_t q = 0; q < com.closures; ++q)
            state_.residents.experience[com.first + state_.closed[com.first + q]] = NO_EXPERIENCE;
        com.closures = 0;
    }
    ++state_.step;
}

Counters Model::city_counters() const
{
    Counters total;
    for (const auto& k : state_.counters) total += k;
    return total;
}

void Model::set_parameter(const ParamSpec& spec, const ParamValue& value)
{
    const Origin where{"live control", 0, 0};
    if (spec.when == ParamWhen::fixed)
        throw ScenarioError(
            {Diagnostic{where, std::string(spec.key), "fixed at initialisation; cannot change in a run"}});
    ParamRead read = spec.read(RawValue::of(value), where);
    if (auto* d = std::get_if<Diagnostic>(&read)) throw ScenarioError({std::move(*d)});
    Params next = params_;
    spec.set(next, std::get<ParamValue>(read));
    auto found = check_combinations(next, std::vector<Origin>(param_table().size(), where));
    if (!found.empty()) throw ScenarioError(std::move(found));
    params_ = next;
}

}  // namespace cogov
