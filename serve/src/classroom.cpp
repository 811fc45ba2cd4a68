#include "cogov/serve/classroom.h"

#include <algorithm>

#include "cogov/serve/errors.h"
#include "cogov/serve/registry.h"

namespace cogov::serve {

std::array<HumanDecision, 2> decisions_of(HumanRole role)
{
    switch (role) {
    case HumanRole::resident: return {HumanDecision::report, HumanDecision::take_part};
    case HumanRole::organization: return {HumanDecision::invest, HumanDecision::bid};
    default: return {HumanDecision::pay, HumanDecision::renew};
    }
}

HumanRole role_named(const std::string& name)
{
    for (std::size_t r = 0; r < HUMAN_ROLE_NAMES.size(); ++r)
        if (name == HUMAN_ROLE_NAMES[r]) return static_cast<HumanRole>(r);
    throw BadRequest("role: expected resident, organization or leader");
}

Classroom::Classroom(std::string id, std::string code, std::string secret, std::string label, Scenario scenario,
                     std::uint64_t seed, const Limits& limits)
    : id_(std::move(id)), code_(std::move(code)), secret_(std::move(secret)), limits_(limits),
      session_(id_, std::move(label), std::move(scenario), seed, limits), teacher_seen_(Clock::now())
{
    session_.set_speed(std::clamp(limits.class_speed, limits.min_speed, limits.max_speed));
}

bool Classroom::is_teacher(const std::string& secret) const
{
    if (secret.size() != secret_.size()) return false;
    unsigned char diff = 0;
    for (std::size_t k = 0; k < secret.size(); ++k) diff |= static_cast<unsigned char>(secret[k] ^ secret_[k]);
    return diff == 0;
}

bool Classroom::is_player(const std::string& token) const
{
    std::lock_guard lock(mutex_);
    return find_player(token) < players_.size();
}

int Classroom::cap(HumanRole role) const
{
    switch (role) {
    case HumanRole::resident: return limits_.max_residents_played;
    case HumanRole::organization: return limits_.max_organizations_played;
    default: return limits_.max_leaders_played;
    }
}

std::uint32_t Classroom::pick_agent(HumanRole role) const
{
    auto taken = [&](std::uint64_t a) {
        return std::any_of(players_.begin(), players_.end(),
                           [&](const Player& p) { return p.role == role && p.agent == a; });
    };
    return session_.with_model([&](const Model& m) -> std::uint32_t {
        const State& s = m.state();
        const std::size_t C = s.communities.size();
        if (role == HumanRole::resident) {
            // Round the communities, so each plays a part; within one, the first free household.
            const std::size_t k = std::size_t(std::count_if(players_.begin(), players_.end(), [](const Player& p) {
                return p.role == HumanRole::resident;
            }));
            const Community& com = s.communities[k % C];
            for (std::uint32_t i = com.first; i < com.first + com.size; ++i)
                if (!taken(i)) return i;
        } else if (role == HumanRole::organization) {
            const std::size_t slots = std::size_t(s.org_slots);
            for (std::size_t j = 0; j < slots; ++j)
                for (std::size_t c = 0; c < C; ++c) {
                    const std::size_t slot = c * slots + j;
                    const bool closed = slot < s.human.orgs.size() && s.human.orgs[slot].closed;
                    if (s.orgs[slot].active && !closed && !taken(slot)) return std::uint32_t(slot);
                }
        } else {
            for (std::uint32_t k = 0; k < s.streets.size(); ++k)
                if (!taken(k)) return k;
        }
        throw HttpError(409, std::string("no ") + HUMAN_ROLE_NAMES[std::size_t(role)] +
                                 " is left to play; choose another role");
    });
}

std::string Classroom::join(HumanRole role, const std::string& name)
{
    std::lock_guard lock(mutex_);
    if (ended_ || session_.status().at("finished").get<bool>())
        throw HttpError(409, "this round has ended; ask your teacher for the next one");
    if (players_.size() >= std::size_t(limits_.max_students))
        throw HttpError(409, "the class is full (" + std::to_string(limits_.max_students) + " students)");
    const auto in_role =
        std::count_if(players_.begin(), players_.end(), [&](const Player& p) { return p.role == role; });
    if (in_role >= cap(role))
        throw HttpError(409, "all " + std::to_string(cap(role)) + " " + HUMAN_ROLE_NAMES[std::size_t(role)] +
                                 " places are taken; choose another role");
    Player p;
    p.token = random_id();
    p.name = name;
    p.role = role;
    p.agent = pick_agent(role);
    players_.push_back(p);
    return p.token;
}

std::size_t Classroom::find_player(const std::string& token) const
{
    std::size_t k = 0;
    while (k < players_.size() && players_[k].token != token) ++k;
    return k;
}

std::size_t Classroom::index_of(const std::string& token) const
{
    const std::size_t k = find_player(token);
    if (k == players_.size()) throw HttpError(403, "not a player of this class: join again with the class code");
    return k;
}

void Classroom::choose(const std::string& token, HumanDecision decision, HumanChoice choice)
{
    std::lock_guard lock(mutex_);
    if (ended_) throw HttpError(409, "the round has ended: choices are closed");
    Player& p = players_[index_of(token)];
    const auto mine = decisions_of(p.role);
    const auto it = std::find(mine.begin(), mine.end(), decision);
    if (it == mine.end())
        throw BadRequest(std::string("decision: a ") + HUMAN_ROLE_NAMES[std::size_t(p.role)] + " decides " +
                         name_of(mine[0]) + " or " + name_of(mine[1]));
    HumanMove move;
    move.decision = decision;
    move.agent = p.agent;
    move.choice = choice;
    session_.choose(move);
    p.choices[std::size_t(it - mine.begin())] = choice;
}

void Classroom::control(const std::string& action)
{
    touch_teacher();
    if (action == "play") {
        std::lock_guard lock(mutex_);
        if (ended_) throw HttpError(409, "the round has ended");
        session_.play();
    } else if (action == "pause") {
        session_.pause();
    } else if (action == "step") {
        std::lock_guard lock(mutex_);
        if (ended_) throw HttpError(409, "the round has ended");
        session_.step();
    } else if (action == "end") {
        std::lock_guard lock(mutex_);
        ended_ = true;
        session_.pause();
    } else {
        throw BadRequest("action: expected play, pause, step or end");
    }
}

void Classroom::touch_teacher()
{
    std::lock_guard lock(mutex_);
    teacher_seen_ = Clock::now();
}

bool Classroom::idle_since(Clock::time_point cutoff) const
{
    std::lock_guard lock(mutex_);
    return teacher_seen_ < cutoff;
}

}  // namespace cogov::serve
