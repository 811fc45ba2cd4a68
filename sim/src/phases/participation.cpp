// Phase 6: participation in deliberation and volunteering.
#include <algorithm>

#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"

namespace cogov {
namespace {

//! Weeks after which a resident counts as settled for the tenure term of
//! (P1): ten years, the span over which length of residence keeps building
//! local ties and attachment (Kasarda and Janowitz 1974).
constexpr float TENURE_SETTLED_WEEKS = 520.0f;

//! Per resident 0x100 (a tie) plus 1 if they took part last week, with a 0
//! after the last for NO_TIE: summed over a resident's ties, the high byte
//! counts the ties and the low byte those who took part (degree <= 64 < 256).
void copy_took_part(const Residents& r, const Community& com, std::uint16_t* took_part)
{
    const std::uint8_t* flags = r.flags.data() + com.first;
    for (std::uint32_t l = 0; l < com.size; ++l) took_part[l] = static_cast<std::uint16_t>(0x100 | ((flags[l] & PARTICIPATED) ? 1 : 0));
    took_part[com.size] = 0;
}

//! Share of each resident's ties who took part last week (0 without ties), into `share`.
void participating_shares(const Residents& r, const Community& com, std::size_t degree, const std::uint16_t* took_part,
                          float* share)
{
    const std::uint32_t* ties = r.ties.data() + std::size_t(com.first) * degree;
    for (std::uint32_t l = 0; l < com.size; ++l, ties += degree) {
        unsigned counts = 0;
        for (std::size_t j = 0; j < degree; ++j) counts += took_part[std::min(ties[j], com.size)];
        const int known = int(counts >> 8), active = int(counts & 0xff);
        share[l] = float(active) / float(std::max(known, 1));  // 0 / 1 = 0 without ties
    }
}

//! Every resident's chance of taking part this week (P1: logistic of the score).
void participation_chances(const StepContext& ctx, const Community& com, Scratch& scratch)
{
    const Params& p = ctx.p;
    const Residents& r = ctx.s.residents;
    copy_took_part(r, com, scratch.took_part.data());
    float* chance = scratch.chance.data();
    participating_shares(r, com, static_cast<std::size_t>(ctx.s.degree), scratch.took_part.data(), chance);
    const float base = static_cast<float>(p.participation_base +
                                          (p.participation_deliberation ? p.participation_deliberation_boost : 0.0));
    const float w_spirit = float(p.participation_spirit_weight), w_trust = float(p.participation_trust_weight);
    const float w_efficacy = float(p.participation_efficacy_weight), w_neighbours = float(p.participation_neighbour_weight);
    const float w_tenure = static_cast<float>(p.participation_tenure_weight);
    const float* spirit = r.public_spirit.data() + com.first;
    const float* trust = r.trust[COMMITTEE].data() + com.first;
    const float* efficacy = r.efficacy.data() + com.first;
    const float* threshold = r.threshold.data() + com.first;
    const std::uint16_t* tenure = r.tenure.data() + com.first;
    // The score replaces the share in `chance` (a loop the compiler
    // vectorises: the neighbour term is w or +0 as w times 1 or 0, w >= 0
    // by its range), then its logistic.
    for (std::uint32_t l = 0; l < com.size; ++l)
        chance[l] = base + w_spirit * spirit[l] + w_trust * trust[l] + w_efficacy * efficacy[l] +
                    w_neighbours * float(chance[l] >= threshold[l]) +
                    w_tenure * std::min(1.0f, float(tenure[l]) * (1.0f / TENURE_SETTLED_WEEKS));
    for (std::uint32_t l = 0; l < com.size; ++l) chance[l] = logistic_f(chance[l]);
}

//! A draw for a player taking part where the model would not (from the
//! players' own stream, so the community's stream stays as simulated).
double player_draw(const StepContext& ctx, std::size_t i)
{
    return Rng(ctx.seed, Purpose::players, i, static_cast<std::uint64_t>(ctx.step)).uniform_double();
}

}  // namespace

void participate(const StepContext& ctx, std::uint32_t c, Scratch& scratch)
{
    const Params& p = ctx.p;
    Residents& r = ctx.s.residents;
    Community& com = ctx.s.communities[c];
    Counters& k = ctx.s.counters[c];
    // Every chance first, from last week's participation; then this week's
    // draws, which replace it (what neighbours see next week).
    participation_chances(ctx, com, scratch);
    Rng rng(ctx.seed, Purpose::participation, c, static_cast<std::uint64_t>(ctx.step));
    const double success = com.committee.responsiveness;
    const float* chance = scratch.chance.data();
    std::uint32_t participants = 0;
    double hours = 0;
    const bool players = ctx.s.human.any_resident_in(com.first, com.size);

    // Local pointers: byte stores could otherwise alias the vectors' own.
    std::uint8_t* flags = r.flags.data() + com.first;
    float* efficacy = r.efficacy.data() + com.first;
    float* spirit = r.public_spirit.data() + com.first;
    float* neighbours = r.trust[RESIDENT].data() + com.first;
    for (std::uint32_t l = 0; l < com.size; ++l) {
        const bool joins = !(rng.uniform() >= chance[l]);
        const HumanChoice choice =
            players ? ctx.s.human.resident(com.first + l, HumanDecision::take_part) : HumanChoice::model;
        bool takes_part = joins;
        if (choice == HumanChoice::no) {
            if (joins) rng.uniform_double();  // a player staying away spends the model's draw: others' do not move
            takes_part = false;
        } else if (choice == HumanChoice::yes) {
            takes_part = true;
        }
        const std::uint8_t f = static_cast<std::uint8_t>(flags[l] & ~(PARTICIPATED | PARTICIPATING));
        flags[l] = static_cast<std::uint8_t>(f | (takes_part ? PARTICIPATED : 0));
        if (!takes_part) continue;
        ++participants;
        if (f & VOLUNTEER) hours += p.participation_volunteer_hours;
        const bool good = (joins ? rng.uniform_double() : player_draw(ctx, com.first + l)) < success;
        efficacy[l] = update_trust(efficacy[l], good, p.participation_efficacy_gain, p.participation_efficacy_loss);
        spirit[l] = update_trust(spirit[l], good, p.participation_spirit_rate, p.participation_spirit_rate);
        // Collective action builds (or erodes) trust in neighbours, slowly.
        neighbours[l] = update_trust(neighbours[l], good, p.participation_spirit_rate, p.participation_spirit_rate);
    }
    com.committee.volunteer_hours = hours;
    k[C_participants] += participants;
    k[C_volunteer_hours] += hours;
}

}  // namespace cogov
