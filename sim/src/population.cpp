#include "cogov/sim/population.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "cogov/sim/mechanisms.h"

namespace cogov {
namespace {

void resize_residents(Residents& r, std::size_t n, int degree)
{
    for (auto& t : r.trust) t.assign(n, 0.0f);
    r.interest.assign(n * DOMAINS, 0.0f);
    r.public_spirit.assign(n, 0.0f);
    r.efficacy.assign(n, 0.0f);
    r.threshold.assign(n, 0.0f);
    r.kind.assign(n, 0);
    r.flags.assign(n, 0);
    r.platform_rank.assign(n, 0);
    r.tenure.assign(n, 0);
    r.issue_domain.assign(n, -1);
    r.issue_stage.assign(n, NO_ISSUE);
    r.issue_flags.assign(n, 0);
    r.issue_handler.assign(n, 0);
    r.issue_slot.assign(n, 0);
    r.issue_age.assign(n, 0);
    r.experience.assign(n, NO_EXPERIENCE);
    r.experience_actor.assign(n, 0);
    r.ties.assign(n * static_cast<std::size_t>(degree), NO_TIE);
}

Kind draw_kind(const Params& p, float u)
{
    if (u < p.residents_share_elderly) return ELDERLY;
    u -= static_cast<float>(p.residents_share_elderly);
    if (u < p.residents_share_families) return FAMILY;
    u -= static_cast<float>(p.residents_share_families);
    if (u < p.residents_share_migrants) return MIGRANT;
    return WORKING;
}

void layout_communities(State& s, const Params& p)
{
    const auto C = static_cast<std::uint32_t>(p.city_communities);
    const auto R = static_cast<std::uint32_t>(p.city_residents_per_community);
    const auto per_cell =
        static_cast<std::uint32_t>(std::min<std::int64_t>(R, p.grid_households_per_cell * p.city_household_size));
    s.communities.resize(C);
    for (std::uint32_t c = 0; c < C; ++c) {
        Community& com = s.communities[c];
        com.first = c * R;
        com.size = R;
        com.street = static_cast<std::uint32_t>(std::uint64_t(c) * p.city_streets / C);
        com.residents_per_cell = per_cell;
        com.cells = (R + per_cell - 1) / per_cell;
        com.committee.trust.fill(static_cast<float>(p.trust_initial_institutional));
        com.gov_trust.fill(static_cast<float>(p.trust_initial_institutional));
        com.resident_trust = {float(p.trust_initial_government), float(p.trust_initial_socorg),
                              float(p.trust_initial_property), float(p.trust_initial_committee),
                              float(p.trust_initial_residents)};
    }
}

//! Weeks lived here, drawn from the steady state of the kind's mobility:
//! geometric with weekly hazard power.mobility x m_kind (saturating).
std::uint16_t stationary_tenure(const Params& p, Kind kind, Rng& rng)
{
    const double hazard = std::min(1.0, p.power_mobility * KIND_MOBILITY_FACTOR[kind]);
    const double u = 1.0 - rng.uniform_double();
    if (hazard <= 0.0) return 0xffff;
    if (hazard >= 1.0) return 0;
    return static_cast<std::uint16_t>(std::min(65535.0, std::floor(std::log(u) / std::log1p(-hazard))));
}

void populate_community(State& s, const Params& p, std::uint64_t seed, std::uint32_t c)
{
    Community& com = s.communities[c];
    Rng rng(seed, Purpose::init_population, c, 0);
    for (std::uint32_t l = 0; l < com.size; ++l) {
        const std::size_t i = com.first + l;
        draw_resident(s.residents, i, p, rng, false);
        s.residents.tenure[i] = stationary_tenure(p, static_cast<Kind>(s.residents.kind[i]), rng);
        for (int d = 0; d < DOMAINS; ++d) com.interest_sum[d] += s.residents.interest[i * DOMAINS + d];
    }
    Rng net(seed, Purpose::init_network, c, 0);
    for (std::uint32_t l = 0; l < com.size; ++l) form_ties(s, com, l, 1.0, p.network_rewire, net);
}

void found_institutions(State& s, const Params& p, std::uint64_t seed, std::uint32_t c)
{
    Rng rng(seed, Purpose::init_institutions, c, 0);
    for (int k = 0; k < s.compounds; ++k) {
        PropertyCompany& firm = s.companies[std::size_t(c) * s.compounds + k];
        firm.trust.fill(static_cast<float>(p.trust_initial_institutional));
        firm.collection =
            logistic(p.property_collection_base + p.property_collection_trust_weight * p.trust_initial_property);
    }
    for (int k = 0; k < p.socorg_initial_per_community; ++k)
        found_organization(s.orgs[std::size_t(c) * s.org_slots + k], p, rng);
    // Staggered calendars: the first tender opens after a uniform wait over
    // one term, so communities' contracts start and end in different weeks.
    s.communities[c].tender_wait =
        rng.below(static_cast<std::uint32_t>(std::max<std::int64_t>(1, p.contracts_term_weeks)));
}

}  // namespace

void Residents::resize(std::size_t n, int degree)
{
    resize_residents(*this, n, degree);
}

void draw_resident(Residents& r, std::size_t i, const Params& p, Rng& rng, bool newcomer, int same_kind)
{
    const Kind drawn = draw_kind(p, rng.uniform());
    const Kind kind = same_kind >= 0 ? static_cast<Kind>(same_kind) : drawn;
    r.kind[i] = kind;
    float* w = &r.interest[i * DOMAINS];
    float total = 0;
    for (int d = 0; d < DOMAINS; ++d) {
        w[d] = KIND_INTERESTS[kind][d] * static_cast<float>(std::exp(p.residents_interest_noise * rng.normal()));
        total += w[d];
    }
    for (int d = 0; d < DOMAINS; ++d) w[d] /= total;
    std::uint8_t flags = 0;
    if (rng.uniform() < p.residents_party_share) flags |= PARTY_MEMBER;
    if (rng.uniform() < p.residents_volunteer_share) flags |= VOLUNTEER;
    r.flags[i] = flags;
    r.platform_rank[i] = static_cast<std::uint8_t>(rng.below(256));
    r.public_spirit[i] = static_cast<float>(rng.beta_mean(p.residents_public_spirit_mean, 10.0));
    r.efficacy[i] = static_cast<float>(rng.beta_mean(p.residents_efficacy_mean, 10.0));
    r.threshold[i] = static_cast<float>(std::min(1.0, 2.0 * p.residents_threshold_mean * rng.uniform_double()));
    const std::array<double, ACTORS> initial = {p.trust_initial_government, p.trust_initial_socorg,
                                                p.trust_initial_property, p.trust_initial_committee,
                                                p.trust_initial_residents};
    for (int a = 0; a < ACTORS; ++a)
        r.trust[a][i] =
            static_cast<float>(newcomer ? (a == RESIDENT ? p.trust_newcomer_residents : p.trust_newcomer) : initial[a]);
    r.tenure[i] = 0;
    r.issue_domain[i] = -1;
    r.issue_stage[i] = NO_ISSUE;
    r.issue_flags[i] = 0;
    r.issue_age[i] = 0;
    r.experience[i] = NO_EXPERIENCE;
    const std::size_t degree = r.kind.empty() ? 0 : r.ties.size() / r.kind.size();
    std::fill_n(r.ties.begin() + static_cast<std::ptrdiff_t>(i * degree), degree, NO_TIE);
}

void found_organization(SocialOrganization& org, const Params& p, Rng& rng)
{
    const double u = rng.uniform_double();
    const OrgType type = u < p.socorg_hub_share                           ? HUB
                         : u < p.socorg_hub_share + p.socorg_agency_share ? AGENCY
                                                                          : GRASSROOTS;
    org = SocialOrganization{};
    org.active = true;
    org.type = type;
    org.capacity = p.socorg_initial_capacity * ORG_CAPACITY_FACTOR[type];
    org.reserves = p.socorg_initial_reserves;
    org.quality = std::clamp(ORG_QUALITY[type] + 0.05 * rng.normal(), 0.0, 1.0);
    org.trust.fill(static_cast<float>(p.trust_initial_institutional));
    // Organizations focus on social services: elder care, family, health, culture.
    const std::array<double, DOMAINS> base = {3, 0.3, 0.3, 0.1, 3, 1.5, 3};
    double total = 0;
    for (int d = 0; d < DOMAINS; ++d) total += (org.focus[d] = static_cast<float>(rng.gamma(base[d])));
    for (auto& f : org.focus) f = static_cast<float>(f / total);
}

namespace {

//! The other end of a new tie in slot j of resident `local` (docs/ODD.md, network).
std::uint32_t tie_partner(const Community& com, std::uint32_t local, std::size_t j, double chance, double rewire,
                          Rng& rng)
{
    const std::uint32_t cell_start = local / com.residents_per_cell * com.residents_per_cell;
    const std::uint32_t cell_size = std::min(com.residents_per_cell, com.size - cell_start);
    std::uint32_t other;
    if (cell_size < 2 || rng.uniform_double() < rewire) {
        other = rng.below(com.size - 1);
        if (other >= local) ++other;
    } else if (chance >= 1.0) {
        // Initial lattice: the nearest cell neighbours, alternating sides.
        const std::uint32_t step = static_cast<std::uint32_t>(j / 2 + 1) % cell_size;
        const std::uint32_t pos = local - cell_start;
        const std::uint32_t off =
            (j % 2 == 0) ? (pos + step) % cell_size : (pos + cell_size - step % cell_size) % cell_size;
        other = cell_start + off;
        if (other == local) other = cell_start + (pos + 1) % cell_size;
    } else {
        other = cell_start + rng.below(cell_size - 1);
        if (other >= local) ++other;
    }
    return other;
}

}  // namespace

void form_ties(State& s, const Community& com, std::uint32_t local, double chance, double rewire, Rng& rng)
{
    const std::size_t degree = static_cast<std::size_t>(s.degree);
    if (degree == 0 || com.size < 2) return;
    // Only empty slots draw; the cell (a division) is found only for a tie that forms.
    std::uint32_t* slots = &s.residents.ties[(com.first + std::size_t(local)) * degree];
    for (std::size_t j = 0; j < degree; ++j)
        if (slots[j] == NO_TIE && rng.uniform_double() < chance)
            slots[j] = tie_partner(com, local, j, chance, rewire, rng);
}

void form_ties_in(State& s, const Community& com, std::uint32_t local, std::uint64_t empty, double chance,
                  double rewire, Rng& rng)
{
    if (com.size < 2) return;
    std::uint32_t* slots = &s.residents.ties[(com.first + std::size_t(local)) * std::size_t(s.degree)];
    for (; empty != 0; empty &= empty - 1) {
        const auto j = static_cast<std::size_t>(std::countr_zero(empty));
        if (rng.uniform_double() < chance) slots[j] = tie_partner(com, local, j, chance, rewire, rng);
    }
}

State initialise(const Params& p, std::uint64_t seed, int threads)
{
    State s;
    const auto C = static_cast<std::size_t>(p.city_communities);
    const auto N = C * static_cast<std::size_t>(p.city_residents_per_community);
    s.compounds = static_cast<int>(p.city_compounds_per_community);
    s.org_slots = static_cast<int>(p.socorg_max_per_community);
    s.degree = static_cast<int>(p.network_degree);
    s.residents.resize(N, s.degree);
    layout_communities(s, p);
    s.companies.resize(C * s.compounds);
    s.orgs.resize(C * s.org_slots);
    s.contracts.resize(C * s.org_slots);
    s.queue.assign(N, 0);
    s.closed.assign(N, 0);
    s.counters.assign(C, Counters{});
    s.streets.resize(static_cast<std::size_t>(p.city_streets));
    s.street_counters.assign(s.streets.size(), StreetCounters{});
    for (std::size_t k = 0; k < s.streets.size(); ++k) {
        Rng rng(seed, Purpose::init_institutions, 1000000000ULL + k, 0);
        s.streets[k].priorities = draw_dirichlet<DOMAINS>(rng, p.power_priority_concentration);
        s.streets[k].trust_in_district = p.trust_initial_institutional;
    }
    // Each community draws from its own streams, so building them in parallel
    // gives the same city at any thread count.
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (std::int64_t c = 0; c < static_cast<std::int64_t>(C); ++c) {
        populate_community(s, p, seed, static_cast<std::uint32_t>(c));
        found_institutions(s, p, seed, static_cast<std::uint32_t>(c));
    }
    return s;
}

}  // namespace cogov
