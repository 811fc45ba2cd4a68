// Phase 2: reporting through the committee, a grid worker or the platform;
// proactive discovery by grid workers; giving up.
#include <algorithm>

#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"
#include "issue_queue.h"

namespace cogov {
namespace {

//! Chance per week that a grid worker visits a given household.
double visit_chance(const Params& p, const Community& com)
{
    if (!p.grid_enabled || p.grid_workers_per_cell == 0) return 0.0;
    const double households = std::max(1.0, double(com.residents_per_cell) / double(p.city_household_size));
    return std::min(1.0, double(p.grid_workers_per_cell) * p.grid_visits_per_worker / households);
}

//! What becomes of a silent issue this week.
enum class Outcome { reported, discovered, waits };

//! A player's answer over the model's outcome (drawn as usual, so the other
//! residents' numbers do not move): reporting always reports; staying
//! silent undoes the resident's own report, not a grid worker's discovery.
Outcome played(Outcome model, HumanChoice report)
{
    if (report == HumanChoice::yes) return Outcome::reported;
    if (report == HumanChoice::no && model == Outcome::reported) return Outcome::waits;
    return model;
}

}  // namespace

void report_issues(const StepContext& ctx, std::uint32_t c)
{
    const Params& p = ctx.p;
    Residents& r = ctx.s.residents;
    const Community& com = ctx.s.communities[c];
    Counters& k = ctx.s.counters[c];
    Rng rng(ctx.seed, Purpose::reporting, c, static_cast<std::uint64_t>(ctx.step));
    const double discover = visit_chance(p, com) * p.grid_discovery_prob;
    const bool grid_channel = p.grid_enabled && p.grid_workers_per_cell > 0;
    // Grid management holds a public-opinion meeting in every cell each month;
    // residents who took part last week raise their silent issues there.
    const bool opinion_meeting = p.grid_enabled && ctx.step % 4 == 0;
    const int adopters_below = static_cast<int>(p.platform_adoption * 256.0);

    const bool players = ctx.s.human.any_resident_in(com.first, com.size);
    for (std::size_t i = com.first; i < com.first + com.size; ++i) {
        if (r.issue_stage[i] != SILENT) continue;
        const double own = p.reporting_base + p.reporting_efficacy_weight * r.efficacy[i];
        const double committee = own + p.reporting_trust_weight * r.trust[COMMITTEE][i];
        double silent = 1.0 - logistic(committee);
        if (grid_channel) silent *= 1.0 - logistic(committee + p.grid_report_boost);
        if (p.platform_enabled && r.platform_rank[i] < adopters_below)
            silent *= 1.0 - logistic(own + p.reporting_trust_weight * r.trust[GOVERNMENT][i] + p.platform_report_boost);
        Outcome outcome = Outcome::waits;
        if (rng.uniform_double() >= silent) outcome = Outcome::reported;
        else if ((discover > 0 && rng.uniform_double() < discover) || (opinion_meeting && (r.flags[i] & PARTICIPATED)))
            outcome = Outcome::discovered;
        if (players)
            outcome = played(outcome, ctx.s.human.resident(static_cast<std::uint32_t>(i), HumanDecision::report));
        if (outcome == Outcome::reported) {
            enqueue_issue(ctx.s, c, i);
            k[C_issues_reported] += 1;
        } else if (outcome == Outcome::discovered) {
            enqueue_issue(ctx.s, c, i);
            r.issue_flags[i] |= DISCOVERED;
            k[C_issues_discovered] += 1;
        } else if (r.issue_age[i] + 1 >= p.reporting_silent_expiry) {
            close_lapsed(ctx.s, c, i);
            k[C_issues_lapsed] += 1;
        } else {
            ++r.issue_age[i];
        }
    }
}

}  // namespace cogov
