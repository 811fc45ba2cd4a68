// The optional final snapshot of per-agent state (/snapshot).
#include "cogov/sim/h5.h"
#include "cogov/sim/output.h"

namespace cogov {
namespace {

//! A column of one field gathered from a vector of institution structs.
template <class T, class S, class F>
std::vector<T> column(const std::vector<S>& items, F field)
{
    std::vector<T> out;
    out.reserve(items.size());
    for (const auto& x : items) out.push_back(static_cast<T>(field(x)));
    return out;
}

template <class S>
std::vector<float> trust_rows(const std::vector<S>& items, std::array<float, ACTORS> S::*trust)
{
    std::vector<float> out;
    out.reserve(items.size() * ACTORS);
    for (const auto& x : items) out.insert(out.end(), (x.*trust).begin(), (x.*trust).end());
    return out;
}

void write_residents(h5::File& f, const State& s)
{
    const Residents& r = s.residents;
    const std::size_t n = r.size();
    f.create_group("/snapshot/residents");
    std::vector<float> trust(n * ACTORS);
    for (std::size_t i = 0; i < n; ++i)
        for (int a = 0; a < ACTORS; ++a) trust[i * ACTORS + a] = r.trust[a][i];
    std::vector<std::uint32_t> community(n);
    for (std::uint32_t c = 0; c < s.communities.size(); ++c)
        std::fill_n(community.begin() + s.communities[c].first, s.communities[c].size, c);
    const std::string g = "/snapshot/residents/";
    f.write(g + "community", community, {n});
    f.write(g + "trust", trust, {n, std::size_t(ACTORS)});
    f.write(g + "interest", r.interest, {n, std::size_t(DOMAINS)});
    f.write(g + "public_spirit", r.public_spirit, {n});
    f.write(g + "efficacy", r.efficacy, {n});
    f.write(g + "threshold", r.threshold, {n});
    f.write(g + "kind", r.kind, {n});
    f.write(g + "flags", r.flags, {n});
    f.write(g + "tenure", r.tenure, {n});
    f.write(g + "issue_stage", r.issue_stage, {n});
    f.write(g + "issue_domain", r.issue_domain, {n});
    f.write(g + "issue_age", r.issue_age, {n});
    f.write(g + "ties", r.ties, {n, std::size_t(s.degree)});
}

void write_institutions(h5::File& f, const State& s)
{
    const std::size_t C = s.communities.size(), O = s.orgs.size(), P = s.companies.size();
    f.create_group("/snapshot/committees");
    std::vector<float> committee_trust;
    for (const auto& com : s.communities)
        committee_trust.insert(committee_trust.end(), com.committee.trust.begin(), com.committee.trust.end());
    f.write("/snapshot/committees/trust", committee_trust, {C, std::size_t(ACTORS)});
    f.write("/snapshot/committees/experience",
            column<double>(s.communities, [](const Community& c) { return c.committee.experience; }), {C});
    f.write("/snapshot/committees/government_trust", trust_rows(s.communities, &Community::gov_trust),
            {C, std::size_t(ACTORS)});
    f.create_group("/snapshot/socorgs");
    f.write("/snapshot/socorgs/active",
            column<std::uint8_t>(s.orgs, [](const SocialOrganization& o) { return o.active; }), {O});
    f.write("/snapshot/socorgs/type", column<std::uint8_t>(s.orgs, [](const SocialOrganization& o) { return o.type; }),
            {O});
    f.write("/snapshot/socorgs/capacity",
            column<double>(s.orgs, [](const SocialOrganization& o) { return o.capacity; }), {O});
    f.write("/snapshot/socorgs/reserves",
            column<double>(s.orgs, [](const SocialOrganization& o) { return o.reserves; }), {O});
    f.write("/snapshot/socorgs/quality", column<double>(s.orgs, [](const SocialOrganization& o) { return o.quality; }),
            {O});
    f.write("/snapshot/socorgs/contract",
            column<std::int32_t>(s.orgs, [](const SocialOrganization& o) { return o.contract; }), {O});
    f.write("/snapshot/socorgs/trust", trust_rows(s.orgs, &SocialOrganization::trust), {O, std::size_t(ACTORS)});
    f.create_group("/snapshot/companies");
    f.write("/snapshot/companies/collection",
            column<double>(s.companies, [](const PropertyCompany& p) { return p.collection; }), {P});
    f.write("/snapshot/companies/trust", trust_rows(s.companies, &PropertyCompany::trust), {P, std::size_t(ACTORS)});
    std::vector<double> priorities;
    for (const auto& st : s.streets) priorities.insert(priorities.end(), st.priorities.begin(), st.priorities.end());
    f.create_group("/snapshot/streets");
    f.write("/snapshot/streets/priorities", priorities, {s.streets.size(), std::size_t(DOMAINS)});
}

}  // namespace

void write_snapshot(h5::File& f, const Model& model)
{
    f.create_group("/snapshot");
    f.set_attr("/snapshot", "step", static_cast<std::int64_t>(model.steps_done()));
    write_residents(f, model.state());
    write_institutions(f, model.state());
}

}  // namespace cogov
