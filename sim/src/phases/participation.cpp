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

//! Last week's participation as 1 or 0 per resident, with a 0 after the
//! last for NO_TIE (so counting a tie needs no branch).
void copy_took_part(const Residents& r, const Community& com, std::uint8_t* took_part)
{
    for (std::uint32_t l = 0; l < com.size; ++l) took_part[l] = (r.flags[com.first + l] & PARTICIPATED) ? 1 : 0;
    took_part[com.size] = 0;
}

//! Share of i's ties who took part last week (0 without ties).
float participating_share(const Residents& r, std::size_t degree, std::size_t i, const std::uint8_t* took_part,
                          std::uint32_t sentinel)
{
    const std::uint32_t* ties = &r.ties[i * degree];
    int known = 0, active = 0;
    for (std::size_t j = 0; j < degree; ++j) {
        known += ties[j] != NO_TIE;
        active += took_part[std::min(ties[j], sentinel)];
    }
    return float(active) / float(std::max(known, 1));  // 0 / 1 = 0 without ties
}

//! Every resident's chance of taking part this week (P1: logistic of the score).
void participation_chances(const StepContext& ctx, const Community& com, Scratch& scratch)
{
    const Params& p = ctx.p;
    const Residents& r = ctx.s.residents;
    copy_took_part(r, com, scratch.took_part.data());
    const float base = static_cast<float>(p.participation_base +
                                          (p.participation_deliberation ? p.participation_deliberation_boost : 0.0));
    const float w_spirit = float(p.participation_spirit_weight), w_trust = float(p.participation_trust_weight);
    const float w_efficacy = float(p.participation_efficacy_weight), w_neighbours = float(p.participation_neighbour_weight);
    const float w_tenure = static_cast<float>(p.participation_tenure_weight);
    const std::size_t degree = static_cast<std::size_t>(ctx.s.degree);
    float* chance = scratch.chance.data();
    for (std::uint32_t l = 0; l < com.size; ++l) {
        const std::size_t i = com.first + l;
        const float share = participating_share(r, degree, i, scratch.took_part.data(), com.size);
        const float score = base + w_spirit * r.public_spirit[i] + w_trust * r.trust[COMMITTEE][i] +
                            w_efficacy * r.efficacy[i] + (share >= r.threshold[i] ? w_neighbours : 0.0f) +
                            w_tenure * std::min(1.0f, float(r.tenure[i]) * (1.0f / TENURE_SETTLED_WEEKS));
        chance[l] = logistic_f(score);
    }
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

    // Local pointers: byte stores could otherwise alias the vectors' own.
    std::uint8_t* flags = r.flags.data() + com.first;
    float* efficacy = r.efficacy.data() + com.first;
    float* spirit = r.public_spirit.data() + com.first;
    float* neighbours = r.trust[RESIDENT].data() + com.first;
    for (std::uint32_t l = 0; l < com.size; ++l) {
        const bool takes_part = !(rng.uniform() >= chance[l]);
        const std::uint8_t f = static_cast<std::uint8_t>(flags[l] & ~(PARTICIPATED | PARTICIPATING));
        flags[l] = static_cast<std::uint8_t>(f | (takes_part ? PARTICIPATED : 0));
        if (!takes_part) continue;
        ++participants;
        if (f & VOLUNTEER) hours += p.participation_volunteer_hours;
        const bool good = rng.uniform_double() < success;
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
