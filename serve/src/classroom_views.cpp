// What a class session shows: a player's own agent, and the teacher's
// dashboard of players, answers and outcomes beside the ghost's.
#include <nlohmann/json.hpp>

#include "cogov/serve/classroom.h"

namespace cogov::serve {
namespace {

using nlohmann::json;

const char* const STAGE_WORDS[] = {"none", "not reported yet", "with the resident committee", "referred on", "dropped"};

json resident_json(const State& s, std::uint32_t i)
{
    const Residents& r = s.residents;
    std::uint32_t c = 0;
    while (c + 1 < s.communities.size() && s.communities[c + 1].first <= i) ++c;
    json issue = nullptr;
    if (r.issue_stage[i] != NO_ISSUE)
        issue = {{"domain", DOMAIN_NAMES[std::size_t(r.issue_domain[i])]},
                 {"stage", STAGE_WORDS[std::min<std::size_t>(r.issue_stage[i], 4)]},
                 {"silent", r.issue_stage[i] == SILENT},
                 {"weeks", r.issue_age[i]}};
    return {{"community", c},
            {"kind", KIND_NAMES[std::size_t(r.kind[i])]},
            {"issue", issue},
            {"took_part", (r.flags[i] & PARTICIPATED) != 0},
            {"trust_committee", r.trust[COMMITTEE][i]},
            {"efficacy", r.efficacy[i]}};
}

json organization_json(const State& s, std::uint32_t slot)
{
    const SocialOrganization& o = s.orgs[slot];
    const bool closed = slot < s.human.orgs.size() && s.human.orgs[slot].closed;
    return {{"community", slot / std::uint32_t(std::max(1, s.org_slots))},
            {"open", o.active && !closed},
            {"type", ORG_TYPE_NAMES[o.type]},
            {"capacity", o.capacity},
            {"reserves", o.reserves},
            {"contract", o.active && !closed && o.contract >= 0},
            {"trust_government", o.trust[GOVERNMENT]}};
}

json leader_json(const State& s, std::uint32_t street)
{
    int communities = 0, contracts = 0, orgs = 0;
    double on_time = 0, late = 0, trust = 0;
    for (std::size_t c = 0; c < s.communities.size(); ++c) {
        if (s.communities[c].street != street) continue;
        ++communities;
        on_time += s.counters[c][C_payments_on_time];
        late += s.counters[c][C_payments_late] + s.counters[c][C_payments_defaulted];
        for (int j = 0; j < s.org_slots; ++j) {
            const std::size_t k = c * std::size_t(s.org_slots) + std::size_t(j);
            contracts += s.contracts[k].active;
            if (s.orgs[k].active) ++orgs, trust += s.orgs[k].trust[GOVERNMENT];
        }
    }
    return {{"street", street},
            {"communities", communities},
            {"contracts", contracts},
            {"paid_on_time", on_time},
            {"paid_late", late},
            {"orgs_trust_government", orgs > 0 ? json(trust / orgs) : json()},
            {"trust_in_district", s.streets[street].trust_in_district}};
}

json agent_json(const State& s, const Player& p)
{
    switch (p.role) {
    case HumanRole::resident: return resident_json(s, p.agent);
    case HumanRole::organization: return organization_json(s, p.agent);
    default: return leader_json(s, p.agent);
    }
}

json choices_json(const Player& p)
{
    const auto decisions = decisions_of(p.role);
    return {{name_of(decisions[0]), name_of(p.choices[0])}, {name_of(decisions[1]), name_of(p.choices[1])}};
}

//! The outcomes a class compares: a few city series, plain numbers.
json outcomes(const json& frame)
{
    const json& m = frame.at("metrics");
    const json& trust = frame.at("trust");
    return {{"participation", m.value("participation_rate", 0.0)},
            {"resolved", m.value("issues_resolved", 0.0)},
            {"backlog", m.value("backlog", 0.0)},
            {"organizations", m.value("socorgs_active", 0.0)},
            {"trust_government", trust.at(std::size_t(RESIDENT) * ACTORS + GOVERNMENT)}};
}

}  // namespace

json Classroom::player_view(const std::string& token) const
{
    std::lock_guard lock(mutex_);
    const Player& p = players_[index_of(token)];
    const json status = session_.status();
    json agent = session_.with_model([&](const Model& m) { return agent_json(m.state(), p); });
    return {{"class", id_},
            {"name", p.name},
            {"role", HUMAN_ROLE_NAMES[std::size_t(p.role)]},
            {"agent_index", p.agent},
            {"agent", agent},
            {"choices", choices_json(p)},
            {"week", status.at("step")},
            {"weeks", status.at("steps_total")},
            {"playing", status.at("playing")},
            {"ended", ended_ || status.at("finished").get<bool>()}};
}

json Classroom::players_json() const
{
    json out = json::array();
    for (const auto& p : players_) {
        json agent = session_.with_model([&](const Model& m) { return agent_json(m.state(), p); });
        out.push_back({{"name", p.name},
                       {"role", HUMAN_ROLE_NAMES[std::size_t(p.role)]},
                       {"agent_index", p.agent},
                       {"agent", agent},
                       {"choices", choices_json(p)}});
    }
    return out;
}

json Classroom::board(std::size_t since) const
{
    std::lock_guard lock(mutex_);
    json tallies = json::object(), counts = json::object();
    for (std::size_t r = 0; r < HUMAN_ROLE_NAMES.size(); ++r) {
        const auto role = static_cast<HumanRole>(r);
        counts[HUMAN_ROLE_NAMES[r]] = {{"players", 0}, {"cap", cap(role)}};
        for (auto d : decisions_of(role)) tallies[name_of(d)] = {{"yes", 0}, {"no", 0}, {"model", 0}};
    }
    for (const auto& p : players_) {
        counts[HUMAN_ROLE_NAMES[std::size_t(p.role)]]["players"] =
            counts[HUMAN_ROLE_NAMES[std::size_t(p.role)]]["players"].get<int>() + 1;
        const auto decisions = decisions_of(p.role);
        for (std::size_t k = 0; k < 2; ++k) {
            json& t = tallies[name_of(decisions[k])][name_of(p.choices[k])];
            t = t.get<int>() + 1;
        }
    }
    json weeks = json::array();
    for (const auto& text : session_.frames_since(since)) {
        const json frame = json::parse(text);
        weeks.push_back(
            {{"step", frame.at("step")}, {"class", outcomes(frame)}, {"ghost", outcomes(frame.at("ghost"))}});
    }
    json status = session_.status();
    status["ended"] = ended_ || status.at("finished").get<bool>();
    return {{"code", code_},      {"status", status}, {"players", players_json()},           {"counts", counts},
            {"tallies", tallies}, {"weeks", weeks},   {"max_students", limits_.max_students}};
}

}  // namespace cogov::serve
