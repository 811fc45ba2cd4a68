// Bookkeeping after the phases: tallies of the state at the end of the week,
// and property fee collection for next week (it follows residents' trust).
#include <algorithm>

#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"

namespace cogov {
namespace {

//! One pass over the residents, compound by compound: the sums of trust
//! (five running sums side by side, each in resident order) and the
//! compound's trust in its company, silent issues and the backlog.
void tally_residents(const StepContext& ctx, std::uint32_t c)
{
    const Params& p = ctx.p;
    const Residents& r = ctx.s.residents;
    Community& com = ctx.s.communities[c];
    Counters& k = ctx.s.counters[c];
    std::array<const float*, ACTORS> trust{};
    for (int a = 0; a < ACTORS; ++a) trust[a] = r.trust[a].data();
    const std::uint8_t* stage = r.issue_stage.data();
    std::array<double, ACTORS> sum{};
    std::uint32_t silent = 0, open = 0;
    for (int f = 0; f < ctx.s.compounds; ++f) {
        const std::size_t lo = com.first + std::size_t(f) * com.size / ctx.s.compounds;
        const std::size_t hi = com.first + std::size_t(f + 1) * com.size / ctx.s.compounds;
        double compound = 0;
        for (std::size_t i = lo; i < hi; ++i) {
            for (int a = 0; a < ACTORS; ++a) sum[a] += trust[a][i];
            compound += trust[PROPERTY][i];
            silent += stage[i] == SILENT;
            open += stage[i] == AT_COMMITTEE || stage[i] == AT_HANDLER;
        }
        compound /= double(std::max<std::size_t>(1, hi - lo));
        // Fee collection per compound follows its residents' trust in the company.
        ctx.s.companies[c * std::size_t(ctx.s.compounds) + f].collection =
            logistic(p.property_collection_base + p.property_collection_trust_weight * compound);
    }
    for (int a = 0; a < ACTORS; ++a) {
        com.resident_trust[a] = static_cast<float>(sum[a] / com.size);
        k.trust_sum(RESIDENT, a) = sum[a];
    }
    k.trusters[RESIDENT] = com.size;
    k[C_residents] += com.size;
    k[C_silent] += silent;
    k[C_backlog] += open;
}

void add_trust_row(Counters& k, Actor truster, const std::array<float, ACTORS>& trust)
{
    for (int a = 0; a < ACTORS; ++a) k.trust_sum(truster, a) += trust[a];
    k.trusters[truster] += 1;
}

void tally_institutions(const StepContext& ctx, std::uint32_t c)
{
    State& s = ctx.s;
    const Community& com = s.communities[c];
    const Street& street = s.streets[com.street];
    Counters& k = s.counters[c];
    k[C_communities] += 1;
    add_trust_row(k, COMMITTEE, com.committee.trust);
    std::array<float, ACTORS> government = com.gov_trust;
    government[GOVERNMENT] = static_cast<float>(street.trust_in_district);
    add_trust_row(k, GOVERNMENT, government);
    for (int f = 0; f < s.compounds; ++f) {
        const PropertyCompany& firm = s.companies[c * std::size_t(s.compounds) + f];
        add_trust_row(k, PROPERTY, firm.trust);
        k[C_fee_collection] += firm.collection;
        k[C_companies] += 1;
    }
    for (int j = 0; j < s.org_slots; ++j) {
        const SocialOrganization& org = s.orgs[c * std::size_t(s.org_slots) + j];
        if (org.active) {
            add_trust_row(k, SOCORG, org.trust);
            k[C_socorgs_active] += 1;
            k[C_socorgs_contracted] += org.contract >= 0;
            k[C_socorg_reserves] += org.reserves;
            k[C_socorg_capacity] += org.capacity;
        }
        k[C_contracts_active] += s.contracts[c * std::size_t(s.org_slots) + j].active;
    }
    std::array<double, DOMAINS> interest{};
    for (int d = 0; d < DOMAINS; ++d) interest[d] = com.interest_sum[d];
    k[C_priority_alignment] += cosine(interest, street.priorities);
}

}  // namespace

void measure(const StepContext& ctx, std::uint32_t c)
{
    tally_residents(ctx, c);
    tally_institutions(ctx, c);
}

}  // namespace cogov
