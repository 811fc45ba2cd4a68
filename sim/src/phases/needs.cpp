// Phase 1: needs.
#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"

namespace cogov {

void raise_needs(const StepContext& ctx, std::uint32_t c)
{
    Residents& r = ctx.s.residents;
    const Community& com = ctx.s.communities[c];
    Counters& k = ctx.s.counters[c];
    Rng rng(ctx.seed, Purpose::needs, c, static_cast<std::uint64_t>(ctx.step));
    std::array<float, KINDS> chance{};
    for (int kind = 0; kind < KINDS; ++kind)
        chance[kind] = static_cast<float>(ctx.p.needs_rate) * KIND_NEED_FACTOR[kind];

    std::uint32_t raised = 0;
    for (std::size_t i = com.first; i < com.first + com.size; ++i) {
        if (r.issue_stage[i] != NO_ISSUE) continue;
        if (rng.uniform() >= chance[r.kind[i]]) continue;
        r.issue_domain[i] =
            static_cast<std::int8_t>(draw_categorical(&r.interest[i * DOMAINS], DOMAINS, rng.uniform()));
        r.issue_stage[i] = SILENT;
        r.issue_flags[i] = 0;
        r.issue_age[i] = 0;
        ++raised;
    }
    k[C_issues_raised] += raised;
}

}  // namespace cogov
