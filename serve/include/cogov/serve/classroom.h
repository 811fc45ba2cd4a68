// A class session: one live run the teacher steers, in which students
// play agents from their phones (HubNet-style participatory simulation).
// Students join with a short code and take a role under head-count caps;
// each answer is a logged HumanMove, so the run exports and replays
// exactly, beside the session's all-simulated ghost. Thread-safe.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cogov/sim/human.h"
#include "cogov/serve/session.h"

namespace cogov::serve {

//! One student: a role, the agent it plays and its standing answers.
struct Player {
    std::string token;  //!< the student's secret (128 bits, hex)
    std::string name;   //!< as typed, at most 24 characters
    HumanRole role = HumanRole::resident;
    std::uint32_t agent = 0;  //!< index in the role's agents (see HumanMove)
    //! The role's two answers (report/take_part, invest/bid, pay/renew).
    std::array<HumanChoice, 2> choices{HumanChoice::model, HumanChoice::model};
};

//! The role's two decisions, in Player::choices order.
std::array<HumanDecision, 2> decisions_of(HumanRole role);
//! The role named `name` (resident, organization, leader); BadRequest otherwise.
HumanRole role_named(const std::string& name);

class Classroom {
public:
    Classroom(std::string id, std::string code, std::string secret, std::string label, Scenario scenario,
              std::uint64_t seed, const Limits& limits);

    const std::string& id() const { return id_; }
    const std::string& code() const { return code_; }
    //! The teacher's secret matches (in constant time).
    bool is_teacher(const std::string& secret) const;
    //! `token` is a player's of this class (its own rate-limit budget).
    bool is_player(const std::string& token) const;

    //! A new player in `role`; HttpError 409 when the class or role is full
    //! or the round has ended. Returns the player's token.
    std::string join(HumanRole role, const std::string& name);
    //! The player's answer to one of its role's decisions, from next week.
    void choose(const std::string& token, HumanDecision decision, HumanChoice choice);
    //! What the player sees: its agent now, its answers, the week. 403 for an unknown token.
    nlohmann::json player_view(const std::string& token) const;
    //! The teacher's dashboard: players, answers, tallies; outcomes from week `since`.
    nlohmann::json board(std::size_t since) const;
    //! Teacher: play, pause, step or end (the round is over: no more answers).
    void control(const std::string& action);
    void set_speed(double weeks_per_second) { session_.set_speed(weeks_per_second); }

    Session& session() { return session_; }
    const Session& session() const { return session_; }
    //! Teacher seen now / not since `cutoff`.
    void touch_teacher();
    bool idle_since(Clock::time_point cutoff) const;
    void close() { session_.close(); }

private:
    std::size_t index_of(const std::string& token) const;     // 403 for an unknown token; under the lock
    std::size_t find_player(const std::string& token) const;  // players_.size() if unknown; under the lock
    std::uint32_t pick_agent(HumanRole role) const;           // under the lock
    int cap(HumanRole role) const;
    nlohmann::json players_json() const;

    const std::string id_, code_, secret_;
    const Limits limits_;
    Session session_;
    mutable std::mutex mutex_;
    std::vector<Player> players_;
    bool ended_ = false;
    Clock::time_point teacher_seen_;
};

}  // namespace cogov::serve
