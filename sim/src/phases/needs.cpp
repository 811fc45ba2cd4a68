// Phase 1: needs.
#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"

namespace cogov {

void raise_needs(const StepContext& ctx, std::uint32_t c, Scratch& scratch)
{
    Residents& r = ctx.s.residents;
    const Community& com = ctx.s.communities[c];
    Counters& k = ctx.s.counters[c];
    Rng rng(ctx.seed, Purpose::needs, c, static_cast<std::uint64_t>(ctx.step));
    std::array<float, KINDS> chance{};
    for (int kind = 0; kind < KINDS; ++kind)
        chance[kind] = static_cast<float>(ctx.p.needs_rate) * KIND_NEED_FACTOR[kind];

    // The draws first, in the stream's order: who raises an issue, and the
    // uniform that picks its domain. Then the domains: the raisers are a few
    // in a hundred, far apart in memory, and their interests' loads no
    // longer hold up the draws and each other.
    std::uint32_t* raisers = scratch.raisers.data();
    float* picks = scratch.picks.data();
    std::uint32_t raised = 0;
    for (std::uint32_t l = 0; l < com.size; ++l) {
        const std::size_t i = com.first + l;
        if (r.issue_stage[i] != NO_ISSUE) continue;
        if (rng.uniform() >= chance[r.kind[i]]) continue;
        raisers[raised] = l;
        picks[raised] = rng.uniform();
        ++raised;
    }
    for (std::uint32_t q = 0; q < raised; ++q) {
        const std::size_t i = com.first + raisers[q];
        r.issue_domain[i] = static_cast<std::int8_t>(draw_categorical(&r.interest[i * DOMAINS], DOMAINS, picks[q]));
        r.issue_stage[i] = SILENT;
        r.issue_flags[i] = 0;
        r.issue_age[i] = 0;
    }
    k[C_issues_raised] += raised;
}

}  // namespace cogov
