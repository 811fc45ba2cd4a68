// State: everything that changes during a run.
//
// Residents are struct-of-arrays, one contiguous array per variable, laid
// out community by community so a community's residents are one slice.
// Institutions are few (thousands at most) and are plain structs.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "cogov/sim/actors.h"
#include "cogov/sim/human.h"
#include "cogov/sim/metrics.h"

namespace cogov {

constexpr std::uint32_t NO_TIE = 0xffffffffu;
//! A step that never comes: burn-in weeks are 0 and negative, so 0 and -1
//! cannot mark "none".
constexpr std::int64_t NEVER = INT64_MIN;

//! Resident flag bits.
enum ResidentFlag : std::uint8_t {
    PARTY_MEMBER = 1,   //!< bridges the party-mass layer
    VOLUNTEER = 2,      //!< gives volunteer hours when participating
    PARTICIPATED = 4,   //!< took part last week (read by neighbours)
    PARTICIPATING = 8,  //!< takes part this week (becomes PARTICIPATED)
    ARRIVED = 16,       //!< moved in this week (mobility scratch, cleared in the phase)
};

//! Where a resident's open issue is.
enum IssueStage : std::uint8_t {
    NO_ISSUE = 0,
    SILENT,        //!< raised, not yet reported or discovered
    AT_COMMITTEE,  //!< in the committee's queue (triage, own handling or referral)
    AT_HANDLER,    //!< referred; in the queue of issue_handler
    ORPHANED,      //!< the resident moved away; dropped at the next handling
};

//! Issue flag bits.
enum IssueFlag : std::uint8_t { DISCOVERED = 1, MULTI_ACTOR = 2, JOINT = 4 };

//! Experience codes recorded at closure, applied by the experience phase.
enum Experience : std::uint8_t { NO_EXPERIENCE = 0, GOOD, BAD, LAPSED };

//! All residents of the city, struct-of-arrays; index = community.first + local.
struct Residents {
    std::array<std::vector<float>, ACTORS> trust;  //!< [0,1] toward each actor type
    std::vector<float> interest;                   //!< DOMAINS weights per resident, summing to 1
    std::vector<float> public_spirit;              //!< [0,1]
    std::vector<float> efficacy;                   //!< [0,1]
    std::vector<float> threshold;                  //!< Granovetter threshold, share of ties
    std::vector<std::uint8_t> kind;                //!< Kind
    std::vector<std::uint8_t> flags;               //!< ResidentFlag bits
    std::vector<std::uint8_t> platform_rank;       //!< adopts the platform if rank < 256*adoption
    std::vector<std::uint16_t> tenure;             //!< weeks lived here (saturates)
    std::vector<std::int8_t> issue_domain;         //!< Domain of the open issue
    std::vector<std::uint8_t> issue_stage;         //!< IssueStage
    std::vector<std::uint8_t> issue_flags;         //!< IssueFlag bits
    std::vector<std::uint8_t> issue_handler;       //!< Actor holding the issue at AT_HANDLER
    std::vector<std::uint8_t> issue_slot;          //!< which organization, when SOCORG
    std::vector<std::uint16_t> issue_age;          //!< weeks since raised
    std::vector<std::uint8_t> experience;          //!< Experience this week
    std::vector<std::uint8_t> experience_actor;    //!< Actor the experience was with
    std::vector<std::uint32_t> ties;               //!< `degree` local indices per resident, or NO_TIE

    std::size_t size() const { return kind.size(); }
    void resize(std::size_t n, int degree);
};

struct Committee {
    std::array<float, ACTORS> trust{};  //!< toward each actor type
    double experience = 1.0;            //!< staff efficiency in (0,1]; falls with turnover
    double volunteer_hours = 0;         //!< given last week, usable this week
    double responsiveness = 0.5;        //!< last week's served share of demand, [0,1]
};

struct PropertyCompany {
    std::array<float, ACTORS> trust{};
    double collection = 0.5;                                //!< share of fees collected this week
    double hours_left = 0;                                  //!< this week's unused capacity (handling scratch)
    std::uint32_t referrals_ok = 0, referrals_bounced = 0;  //!< this week's referrals to it (scratch)
};

struct SocialOrganization {
    bool active = false;
    OrgType type = GRASSROOTS;
    double capacity = 0;   //!< service hours per week
    double reserves = 0;   //!< k CNY
    double quality = 0.5;  //!< chance an issue it handles is resolved well
    std::array<float, ACTORS> trust{};
    std::array<float, DOMAINS> focus{};                     //!< interest weights (sum 1)
    int contract = -1;                                      //!< contract slot in this community, or -1
    double hours_left = 0;                                  //!< this week's unused capacity (handling scratch)
    std::uint32_t referrals_ok = 0, referrals_bounced = 0;  //!< this week's referrals to it (scratch)
};

struct Contract {
    bool active = false;
    int org = -1;                       //!< organization slot in this community
    std::int64_t start = 0, end = 0;    //!< steps; renewal is decided at `end`
    double value_per_week = 0;          //!< k CNY
    std::int64_t next_payment = NEVER;  //!< step of the next scheduled payment (NEVER: none left)
    std::int64_t paid_until = 0;        //!< step up to which payments were scheduled
    std::int64_t late_due = NEVER;      //!< step a delayed payment arrives (NEVER: none)
    double late_amount = 0;
    bool broken = false;                //!< a new leader did not keep it
    double assigned = 0, resolved = 0;  //!< issues this term, for evaluation
};

//! One community: its residents' slice and its local institutions.
struct Community {
    std::uint32_t first = 0, size = 0;  //!< resident range
    std::uint32_t street = 0;
    std::uint32_t residents_per_cell = 1, cells = 1;
    std::array<double, DOMAINS> interest_sum{};  //!< over residents, kept up to date
    Committee committee;
    std::array<float, ACTORS> gov_trust{};       //!< street government's trust toward this community's actors
    std::array<float, ACTORS> resident_trust{};  //!< residents' mean trust at the end of last week
    std::int64_t tender_wait = 0;                //!< weeks until the next tender may open
    double coordination = 1.0;                   //!< government's steering capacity ratio, [0,1]
    //! Referral outcomes this week per target actor, for the experience phase.
    std::array<std::uint32_t, ACTORS> referrals_ok{}, referrals_bounced{};
    std::uint32_t queue_length = 0;  //!< open reported issues, in State::queue
    std::uint32_t closures = 0;      //!< residents with an experience, in State::closed
};

struct Street {
    std::array<double, DOMAINS> priorities{};  //!< leader's spending priorities (sum 1)
    std::int64_t leader_since = 0;
    std::int64_t broken_at = NEVER;  //!< step the last leader change broke commitments
    double trust_in_district = 0.5;  //!< the government-to-government trust
};

//! The whole mutable state of a run.
struct State {
    std::int64_t step = 0;  //!< steps completed (negative during the burn-in)
    Residents residents;
    std::vector<Community> communities;
    std::vector<Street> streets;
    std::vector<PropertyCompany> companies;       //!< communities x compounds
    std::vector<SocialOrganization> orgs;         //!< communities x socorg slots
    std::vector<Contract> contracts;              //!< communities x socorg slots
    std::vector<std::uint32_t> queue;             //!< per community slice: open issues, oldest first
    std::vector<std::uint32_t> closed;            //!< per community slice: residents with an experience
    std::vector<Counters> counters;               //!< this step's, per community
    std::vector<StreetCounters> street_counters;  //!< this step's, per street
    HumanChoices human;                           //!< players' answers in force (empty: every agent simulated)
    int compounds = 1, org_slots = 0, degree = 0;
};

}  // namespace cogov
