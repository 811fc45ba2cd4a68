// Phase 5: power instability. Street leaders change; residents move;
// committee staff turn over; newcomers build ties.
#include <algorithm>

#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"
#include "cogov/sim/population.h"

namespace cogov {
namespace {

//! Ties to a resident who moved away end: the newcomer in that place is a
//! stranger. Clears the ARRIVED marks. Lists the residents left with an
//! empty tie slot in scratch.open_slots (in order) and returns how many.
std::uint32_t drop_ties_to_arrivals(State& s, const Community& com, Scratch& scratch)
{
    const std::size_t degree = static_cast<std::size_t>(s.degree);
    // Local pointers: byte stores could otherwise alias the vectors' own.
    std::uint8_t* flags = s.residents.flags.data() + com.first;
    std::uint32_t* ties = s.residents.ties.data() + std::size_t(com.first) * degree;
    // gone[l]: 1 if resident l arrived this week; gone[size] = 1 stands for NO_TIE.
    std::uint8_t* gone = scratch.gone.data();
    for (std::uint32_t l = 0; l < com.size; ++l) gone[l] = (flags[l] & ARRIVED) ? 1 : 0;
    gone[com.size] = 1;
    std::uint32_t* open = scratch.open_slots.data();
    std::uint32_t count = 0;
    for (std::uint32_t l = 0; l < com.size; ++l, ties += degree) {
        unsigned empty = 0;
        for (std::size_t j = 0; j < degree; ++j) {
            const std::uint32_t t = ties[j];
            const unsigned g = gone[std::min(t, com.size)];
            ties[j] = g ? NO_TIE : t;
            empty |= g;
        }
        open[count] = l;
        count += empty;
    }
    for (std::uint32_t l = 0; l < com.size; ++l) flags[l] &= static_cast<std::uint8_t>(~ARRIVED);
    return count;
}

void move_residents(const StepContext& ctx, std::uint32_t c, Rng& rng, Scratch& scratch)
{
    const Params& p = ctx.p;
    Residents& r = ctx.s.residents;
    Community& com = ctx.s.communities[c];
    std::array<float, KINDS> chance{};
    for (int kind = 0; kind < KINDS; ++kind)
        chance[kind] = static_cast<float>(p.power_mobility) * KIND_MOBILITY_FACTOR[kind];
    std::uint32_t moved = 0;
    for (std::size_t i = com.first; i < com.first + com.size; ++i) {
        r.tenure[i] = static_cast<std::uint16_t>(std::min(0xffff, int(r.tenure[i]) + ctx.tenure_weeks));
        if (rng.uniform() >= chance[r.kind[i]]) continue;
        const std::uint8_t stage = r.issue_stage[i];
        for (int d = 0; d < DOMAINS; ++d) com.interest_sum[d] -= r.interest[i * DOMAINS + d];
        // The household that moves in is of the same kind, so the composition
        // stays as the scenario says although kinds move at different rates.
        draw_resident(r, i, p, rng, true, r.kind[i]);
        r.flags[i] |= ARRIVED;
        for (int d = 0; d < DOMAINS; ++d) com.interest_sum[d] += r.interest[i * DOMAINS + d];
        // A queued issue leaves with its resident; handling drops it next week.
        if (stage == AT_COMMITTEE || stage == AT_HANDLER || stage == ORPHANED) r.issue_stage[i] = ORPHANED;
        // draw_resident voided any experience of the departed resident.
        ++moved;
    }
    ctx.s.counters[c][C_residents_moved] += moved;
    if (moved == 0 && p.network_tie_formation <= 0) return;
    // Only residents with an empty slot form ties (form_ties does nothing
    // for the others and draws nothing), in the same order.
    const std::uint32_t open = drop_ties_to_arrivals(ctx.s, com, scratch);
    if (p.network_tie_formation > 0)
        for (std::uint32_t q = 0; q < open; ++q)
            form_ties(ctx.s, com, scratch.open_slots[q], p.network_tie_formation, p.network_rewire, rng);
}

void turn_over_staff(const StepContext& ctx, std::uint32_t c, Rng& rng)
{
    const Params& p = ctx.p;
    Committee& committee = ctx.s.communities[c].committee;
    int departures = 0;
    for (std::int64_t m = 0; m < p.committee_staff; ++m) departures += rng.uniform_double() < p.committee_staff_turnover;
    ctx.s.counters[c][C_staff_departures] += departures;
    committee.experience += p.committee_experience_recovery * (1.0 - committee.experience);
    if (departures == 0 || p.committee_staff == 0) return;
    // A newcomer starts at 30% efficiency; relations are personal and partly reset.
    const double share = std::min(1.0, double(departures) / double(p.committee_staff));
    committee.experience = std::max(0.05, committee.experience - 0.7 * share);
    for (auto& t : committee.trust)
        t = static_cast<float>(t + share * (p.trust_initial_institutional - t));
}

}  // namespace

void turn_over_leaders(const StepContext& ctx)
{
    const Params& p = ctx.p;
    for (std::size_t k = 0; k < ctx.s.streets.size(); ++k) {
        Street& street = ctx.s.streets[k];
        Rng rng(ctx.seed, Purpose::leaders, k, static_cast<std::uint64_t>(ctx.step));
        if (rng.uniform_double() >= 1.0 / p.power_leader_tenure) continue;
        StreetCounters& counts = ctx.s.street_counters[k];
        counts[S_leader_changes] += 1;
        street.leader_since = ctx.step;
        const bool kept = rng.uniform_double() < p.power_continuity;
        float trust = static_cast<float>(street.trust_in_district);
        trust = update_trust(trust, kept, p.trust_a_gain, p.trust_a_loss);
        street.trust_in_district = trust;
        if (!kept) {
            street.broken_at = ctx.step;
            counts[S_commitments_broken] += 1;
        }
        if (rng.uniform_double() < p.power_reshuffle)
            street.priorities = draw_dirichlet<DOMAINS>(rng, p.power_priority_concentration);
    }
}

void move_and_turn_over(const StepContext& ctx, std::uint32_t c, Scratch& scratch)
{
    Rng rng(ctx.seed, Purpose::mobility, c, static_cast<std::uint64_t>(ctx.step));
    move_residents(ctx, c, rng, scratch);
    turn_over_staff(ctx, c, rng);
}

}  // namespace cogov
