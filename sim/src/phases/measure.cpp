// Bookkeeping after the phases: tallies of the state at the end of the week,
// and property fee collection for next week (it follows residents' trust).
#include <algorithm>
#include <cstring>

#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"
#include "x86_dispatch.h"

namespace cogov {
namespace {

// Vectors of 4 doubles and 4 floats (GCC/Clang vector extensions).
typedef double Double4 __attribute__((vector_size(4 * sizeof(double))));
typedef float Float4 __attribute__((vector_size(4 * sizeof(float))));

//! Adds residents [lo, hi)'s trust to sum (actor by actor, in resident order)
//! and their trust in the company to compound (in resident order). Four
//! residents at a time: their values of actors 0-3 turned into one vector
//! per resident (a transpose), each added to the running sums of actors 0-3
//! in turn, so every lane is the scalar sum's additions in its order.
COGOV_AVX2_CLONES
void sum_trust(const std::array<const float*, ACTORS>& trust, std::size_t lo, std::size_t hi,
               std::array<double, ACTORS>& sum, double& compound)
{
    static_assert(ACTORS == 5 && PROPERTY == 2);
    Double4 first{sum[0], sum[1], sum[2], sum[3]};
    double last = sum[4], company = compound;
    std::size_t i = lo;
    for (; i + 4 <= hi; i += 4) {
        Double4 d[ACTORS];
        for (int a = 0; a < ACTORS; ++a) {
            Float4 f;
            std::memcpy(&f, trust[a] + i, sizeof f);
            d[a] = __builtin_convertvector(f, Double4);
        }
        const Double4 even01 = __builtin_shufflevector(d[0], d[1], 0, 4, 2, 6),
                      odd01 = __builtin_shufflevector(d[0], d[1], 1, 5, 3, 7);
        const Double4 even23 = __builtin_shufflevector(d[2], d[3], 0, 4, 2, 6),
                      odd23 = __builtin_shufflevector(d[2], d[3], 1, 5, 3, 7);
        first += __builtin_shufflevector(even01, even23, 0, 1, 4, 5);  // resident i
        first += __builtin_shufflevector(odd01, odd23, 0, 1, 4, 5);    // i + 1
        first += __builtin_shufflevector(even01, even23, 2, 3, 6, 7);  // i + 2
        first += __builtin_shufflevector(odd01, odd23, 2, 3, 6, 7);    // i + 3
        for (int k = 0; k < 4; ++k) last += d[4][k];
        for (int k = 0; k < 4; ++k) company += d[PROPERTY][k];
    }
    for (; i < hi; ++i) {
        first += Double4{trust[0][i], trust[1][i], trust[2][i], trust[3][i]};
        last += trust[4][i];
        company += trust[PROPERTY][i];
    }
    for (int a = 0; a < 4; ++a) sum[a] = first[a];
    sum[4] = last;
    compound = company;
}

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
        sum_trust(trust, lo, hi, sum, compound);
        for (std::size_t i = lo; i < hi; ++i) {
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
