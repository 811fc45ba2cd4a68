#include "cogov/serve/views.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace cogov::serve {
namespace {

using nlohmann::json;

//! Four significant digits are plenty for a chart and keep frames small.
double rounded(double x)
{
    if (x == 0 || !std::isfinite(x)) return std::isfinite(x) ? x : 0.0;
    const double scale = std::pow(10.0, 3 - std::floor(std::log10(std::abs(x))));
    return std::round(x * scale) / scale;
}

double mutual(float a, float b)
{
    return rounded(0.5 * (double(a) + double(b)));
}

//! The institutions of one community and the trust ties between them.
class Institutions {
public:
    Institutions(const State& s, std::uint32_t c) : s_(s), c_(c), com_(s.communities[c]) {}

    json build(json& links)
    {
        const auto& committee = com_.committee;
        government_ = add("government", GOVERNMENT, "Street office " + std::to_string(com_.street));
        committee_ = add("committee", COMMITTEE, "Resident committee");
        links.push_back({committee_, government_, mutual(committee.trust[GOVERNMENT], com_.gov_trust[COMMITTEE])});
        for (int f = 0; f < s_.compounds; ++f) {
            const auto& firm = s_.companies[c_ * std::size_t(s_.compounds) + f];
            const int id = add("property-" + std::to_string(f), PROPERTY, "Property company " + std::to_string(f + 1));
            property_.push_back(id);
            links.push_back({committee_, id, mutual(committee.trust[PROPERTY], firm.trust[COMMITTEE])});
            links.push_back({government_, id, mutual(com_.gov_trust[PROPERTY], firm.trust[GOVERNMENT])});
        }
        socorg_.assign(std::size_t(s_.org_slots), -1);
        for (int o = 0; o < s_.org_slots; ++o) {
            const auto& org = s_.orgs[c_ * std::size_t(s_.org_slots) + o];
            if (!org.active) continue;
            const int id = add("socorg-" + std::to_string(o), SOCORG,
                               std::string(ORG_TYPE_NAMES[org.type]) + " social organization " + std::to_string(o + 1));
            socorg_[std::size_t(o)] = id;
            links.push_back({committee_, id, mutual(committee.trust[SOCORG], org.trust[COMMITTEE])});
            links.push_back({government_, id, mutual(com_.gov_trust[SOCORG], org.trust[GOVERNMENT])});
        }
        return std::move(nodes_);
    }

    //! The institution holding resident `local`'s open issue, or -1.
    int holder(std::uint32_t local) const
    {
        const std::size_t i = com_.first + local;
        const auto& r = s_.residents;
        if (r.issue_stage[i] == AT_COMMITTEE) return committee_;
        if (r.issue_stage[i] != AT_HANDLER) return -1;
        switch (r.issue_handler[i]) {
        case GOVERNMENT: return government_;
        case COMMITTEE: return committee_;
        case PROPERTY: return property_[std::size_t(local) * s_.compounds / com_.size];
        case SOCORG: return r.issue_slot[i] < socorg_.size() ? socorg_[r.issue_slot[i]] : -1;
        default: return -1;
        }
    }

    Actor actor_of(int id) const { return static_cast<Actor>(nodes_actor_.at(std::size_t(id))); }

private:
    int add(const std::string& id, Actor actor, const std::string& label)
    {
        nodes_.push_back(
            {{"id", id}, {"actor", int(actor)}, {"label", label}, {"trust", rounded(com_.resident_trust[actor])}});
        nodes_actor_.push_back(actor);
        return int(nodes_.size()) - 1;
    }

    const State& s_;
    std::uint32_t c_;
    const Community& com_;
    json nodes_ = json::array();
    std::vector<int> nodes_actor_, property_, socorg_;
    int government_ = -1, committee_ = -1;
};

}  // namespace

json week_frame(const Model& model)
{
    const Counters city = model.city_counters();
    json trust = json::array();
    // null where there is nobody of the truster type (e.g. no social
    // organization left), so the page shows a gap rather than zero trust.
    for (int a = 0; a < ACTORS; ++a)
        for (int b = 0; b < ACTORS; ++b)
            trust.push_back(city.trusters[a] > 0 ? json(rounded(city.trust(a, b))) : json());
    json metrics = json::object();
    for (const auto& m : metric_table()) metrics[std::string(m.name)] = rounded(m.value(city));
    return {{"step", model.steps_done()}, {"trust", trust}, {"metrics", metrics}};
}

json community_network(const Model& model, std::uint32_t c, std::size_t max_residents)
{
    const State& s = model.state();
    const Community& com = s.communities.at(c);
    const auto& r = s.residents;
    // Whole grid cells only (at least one), so every cell drawn is complete.
    const std::size_t cell = std::max(1u, com.residents_per_cell);
    const std::uint32_t shown =
        std::uint32_t(std::min<std::size_t>(com.size, std::max(cell, max_residents / cell * cell)));
    json links = json::array();
    Institutions inst(s, c);
    json institutions = inst.build(links);

    json residents = json::array(), ties = json::array(), issues = json::array();
    for (std::uint32_t k = 0; k < shown; ++k) {
        const std::size_t i = com.first + k;
        json row = json::array({k / std::max(1u, com.residents_per_cell)});
        for (int a = 0; a < ACTORS; ++a) row.push_back(rounded(r.trust[a][i]));
        const int holder = inst.holder(k);
        row.push_back(holder);
        residents.push_back(std::move(row));
        if (holder >= 0) issues.push_back({k, holder, rounded(r.trust[inst.actor_of(holder)][i])});
        for (int d = 0; d < s.degree; ++d) {
            const std::uint32_t j = r.ties[i * std::size_t(s.degree) + std::size_t(d)];
            // Each tie once, from its lower end; ties to residents not shown are left out.
            if (j == NO_TIE || j <= k || j >= shown) continue;
            ties.push_back({k, j, mutual(r.trust[RESIDENT][i], r.trust[RESIDENT][com.first + j])});
        }
    }
    return {{"step", model.steps_done()},
            {"community", c},
            {"size", com.size},
            {"shown", shown},
            {"residents", residents},
            {"ties", ties},
            {"institutions", institutions},
            {"links", links},
            {"issues", issues}};
}

json vocabulary_json()
{
    json metrics = json::array();
    for (const auto& m : metric_table())
        metrics.push_back({{"name", m.name}, {"unit", m.unit}, {"meaning", m.meaning}});
    return {{"actors", ACTOR_NAMES}, {"metrics", metrics}};
}

json scenario_events_json(const Scenario& scenario)
{
    json out = json::array();
    for (const auto& e : scenario.events) out.push_back({{"step", e.step}, {"note", e.note}});
    return out;
}

}  // namespace cogov::serve
