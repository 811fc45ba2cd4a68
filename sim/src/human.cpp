#include "cogov/sim/human.h"

#include <algorithm>

namespace cogov {

HumanRole role_of(HumanDecision d)
{
    switch (d) {
    case HumanDecision::report:
    case HumanDecision::take_part: return HumanRole::resident;
    case HumanDecision::invest:
    case HumanDecision::bid: return HumanRole::organization;
    default: return HumanRole::leader;
    }
}

std::optional<HumanDecision> parse_decision(std::string_view name)
{
    for (int d = 0; d < HUMAN_DECISIONS; ++d)
        if (name == HUMAN_DECISION_NAMES[std::size_t(d)]) return static_cast<HumanDecision>(d);
    return std::nullopt;
}

std::optional<HumanChoice> parse_choice(std::string_view name)
{
    for (int c = 0; c < 3; ++c)
        if (name == HUMAN_CHOICE_NAMES[std::size_t(c)]) return static_cast<HumanChoice>(c - 1);
    return std::nullopt;
}

const char* name_of(HumanDecision d)
{
    return HUMAN_DECISION_NAMES[static_cast<std::size_t>(d)];
}
const char* name_of(HumanChoice c)
{
    return HUMAN_CHOICE_NAMES[static_cast<std::size_t>(static_cast<int>(c) + 1)];
}

std::uint64_t agents_of(const Params& p, HumanRole role)
{
    const auto communities = static_cast<std::uint64_t>(p.city_communities);
    switch (role) {
    case HumanRole::resident: return communities * static_cast<std::uint64_t>(p.city_residents_per_community);
    case HumanRole::organization: return communities * static_cast<std::uint64_t>(p.socorg_max_per_community);
    default: return static_cast<std::uint64_t>(p.city_streets);
    }
}

std::optional<std::string> check_move(const Params& p, const HumanMove& m)
{
    if (m.step < 1 || m.step > p.time_steps)
        return "step " + std::to_string(m.step) + " is outside the run: expected an integer in [1, " +
               std::to_string(p.time_steps) + "] (time.steps)";
    const HumanRole role = role_of(m.decision);
    const std::uint64_t n = agents_of(p, role);
    if (m.agent >= n)
        return "agent " + std::to_string(m.agent) + " is not a " + HUMAN_ROLE_NAMES[std::size_t(role)] +
               ": expected an index in [0, " + std::to_string(n) + ")";
    return std::nullopt;
}

bool HumanChoices::any_resident_in(std::uint32_t first, std::uint32_t size) const
{
    const auto it = std::lower_bound(residents.begin(), residents.end(), first,
                                     [](const Resident& r, std::uint32_t i) { return r.index < i; });
    return it != residents.end() && it->index - first < size;
}

HumanChoice HumanChoices::resident(std::uint32_t index, HumanDecision d) const
{
    const auto it = std::lower_bound(residents.begin(), residents.end(), index,
                                     [](const Resident& r, std::uint32_t i) { return r.index < i; });
    if (it == residents.end() || it->index != index) return HumanChoice::model;
    return d == HumanDecision::report ? it->report : it->take_part;
}

HumanChoice HumanChoices::org(std::size_t slot, HumanDecision d) const
{
    if (slot >= orgs.size() || orgs[slot].closed) return HumanChoice::model;
    return d == HumanDecision::invest ? orgs[slot].invest : orgs[slot].bid;
}

HumanChoice HumanChoices::leader(std::uint32_t street, HumanDecision d) const
{
    if (street >= leaders.size()) return HumanChoice::model;
    return d == HumanDecision::pay ? leaders[street].pay : leaders[street].renew;
}

void HumanChoices::apply(const HumanMove& m, std::size_t orgs_total, std::size_t streets)
{
    switch (role_of(m.decision)) {
    case HumanRole::resident: {
        auto it = std::lower_bound(residents.begin(), residents.end(), m.agent,
                                   [](const Resident& r, std::uint32_t i) { return r.index < i; });
        if (it == residents.end() || it->index != m.agent) it = residents.insert(it, Resident{m.agent});
        (m.decision == HumanDecision::report ? it->report : it->take_part) = m.choice;
        break;
    }
    case HumanRole::organization: {
        if (orgs.empty()) orgs.resize(orgs_total);
        Organization& o = orgs.at(m.agent);
        if (o.closed) break;
        o.played = true;
        (m.decision == HumanDecision::invest ? o.invest : o.bid) = m.choice;
        break;
    }
    case HumanRole::leader: {
        if (leaders.empty()) leaders.resize(streets);
        Leader& l = leaders.at(m.agent);
        (m.decision == HumanDecision::pay ? l.pay : l.renew) = m.choice;
        break;
    }
    }
}

void HumanChoices::close_org(std::size_t slot, std::size_t orgs_total)
{
    if (orgs.empty()) orgs.resize(orgs_total);
    orgs.at(slot).closed = true;
}

}  // namespace cogov
