// Human players (class sessions): yes/no decisions a student takes over
// from one agent's model rule. Each move is part of the scenario
// ([[human]] tables), so a class run replays exactly. A run without moves
// has an empty table and every phase decides as simulated, drawing the
// same random numbers. See docs/serve.md, "Class sessions".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cogov/sim/params.h"

namespace cogov {

//! The questions a player answers; each belongs to one role.
enum class HumanDecision : std::uint8_t {
    report,     //!< resident: report the open issue (yes) or stay silent (no)
    take_part,  //!< resident: take part in the community this week or not
    invest,     //!< organization: invest in capacity (yes) or hold back (no)
    bid,        //!< organization: stay and bid for contracts (yes) or exit (no)
    pay,        //!< street leader: pay contracts on time (yes) or delay (no)
    renew,      //!< street leader: renew contracts at term end (yes) or drop them (no)
};
constexpr int HUMAN_DECISIONS = 6;
constexpr std::array<const char*, HUMAN_DECISIONS> HUMAN_DECISION_NAMES = {"report", "take_part", "invest",
                                                                           "bid",    "pay",       "renew"};

//! Who answers a decision.
enum class HumanRole : std::uint8_t { resident, organization, leader };
constexpr std::array<const char*, 3> HUMAN_ROLE_NAMES = {"resident", "organization", "leader"};
HumanRole role_of(HumanDecision d);

//! A player's answer, or `model`: the agent follows its model rule again.
enum class HumanChoice : std::int8_t { model = -1, no = 0, yes = 1 };
constexpr std::array<const char*, 3> HUMAN_CHOICE_NAMES = {"model", "no", "yes"};  //!< index: choice + 1

std::optional<HumanDecision> parse_decision(std::string_view name);
std::optional<HumanChoice> parse_choice(std::string_view name);
const char* name_of(HumanDecision d);
const char* name_of(HumanChoice c);

//! One logged move: from week `step` on, `agent` answers `decision` with
//! `choice` (until its next move).
struct HumanMove {
    std::int64_t step = 1;  //!< 1-based week the answer applies from
    HumanDecision decision = HumanDecision::report;
    //! resident index; organization slot (community * socorg.max_per_community
    //! + slot); or street index, by the decision's role
    std::uint32_t agent = 0;
    HumanChoice choice = HumanChoice::model;
    Origin origin;
};

//! How many agents of `role` a run with parameters `p` has.
std::uint64_t agents_of(const Params& p, HumanRole role);
//! Why a move does not fit a run with parameters `p`, or nothing.
std::optional<std::string> check_move(const Params& p, const HumanMove& m);

//! The answers in force. Phases read it; the contracts phase marks its own
//! community's played organizations closed when they leave, so a new
//! organization founded in the slot is not played.
struct HumanChoices {
    struct Resident {
        std::uint32_t index = 0;
        HumanChoice report = HumanChoice::model, take_part = HumanChoice::model;
    };
    struct Organization {
        HumanChoice invest = HumanChoice::model, bid = HumanChoice::model;
        bool played = false;  //!< a move named this slot
        bool closed = false;  //!< the played organization left; later answers are ignored
    };
    struct Leader {
        HumanChoice pay = HumanChoice::model, renew = HumanChoice::model;
    };
    std::vector<Resident> residents;  //!< sorted by index
    std::vector<Organization> orgs;   //!< empty, or one per organization slot
    std::vector<Leader> leaders;      //!< empty, or one per street

    //! Some played resident lives in [first, first + size).
    bool any_resident_in(std::uint32_t first, std::uint32_t size) const;
    HumanChoice resident(std::uint32_t index, HumanDecision d) const;
    HumanChoice org(std::size_t slot, HumanDecision d) const;
    HumanChoice leader(std::uint32_t street, HumanDecision d) const;
    //! Enter a move checked by check_move; `orgs`/`streets` size the tables
    //! on a role's first move (never during a simulated run's steps).
    void apply(const HumanMove& m, std::size_t orgs_total, std::size_t streets);
    //! Mark `slot` closed to its player (of `orgs_total` slots): its later
    //! answers are ignored and an organization founded in it is not played.
    void close_org(std::size_t slot, std::size_t orgs_total);
};

}  // namespace cogov
