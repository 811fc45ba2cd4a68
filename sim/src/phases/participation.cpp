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

//! Share of i's ties who took part last week (0 without ties).
float participating_share(const State& s, const Community& com, std::size_t i)
{
    const std::size_t degree = static_cast<std::size_t>(s.degree);
    const std::uint32_t* ties = &s.residents.ties[i * degree];
    int known = 0, active = 0;
    for (std::size_t j = 0; j < degree; ++j) {
        if (ties[j] == NO_TIE) continue;
        ++known;
        active += (s.residents.flags[com.first + ties[j]] & PARTICIPATED) != 0;
    }
    return known > 0 ? float(active) / float(known) : 0.0f;
}

//! A draw for a player taking part where the model would not (from the
//! players' own stream, so the community's stream stays as simulated).
double player_draw(const StepContext& ctx, std::size_t i)
{
    return Rng(ctx.seed, Purpose::players, i, static_cast<std::uint64_t>(ctx.step)).uniform_double();
}

}  // namespace

void participate(const StepContext& ctx, std::uint32_t c)
{
    const Params& p = ctx.p;
    State& s = ctx.s;
    Residents& r = s.residents;
    Community& com = s.communities[c];
    Counters& k = s.counters[c];
    Rng rng(ctx.seed, Purpose::participation, c, static_cast<std::uint64_t>(ctx.step));
    const float base = static_cast<float>(p.participation_base +
                                          (p.participation_deliberation ? p.participation_deliberation_boost : 0.0));
    const double success = com.committee.responsiveness;
    const float tenure_weight = static_cast<float>(p.participation_tenure_weight);
    std::uint32_t participants = 0;
    double hours = 0;
    const bool players = s.human.any_resident_in(com.first, com.size);

    for (std::size_t i = com.first; i < com.first + com.size; ++i) {
        const float score = base + float(p.participation_spirit_weight) * r.public_spirit[i] +
                            float(p.participation_trust_weight) * r.trust[COMMITTEE][i] +
                            float(p.participation_efficacy_weight) * r.efficacy[i] +
                            (participating_share(s, com, i) >= r.threshold[i] ? float(p.participation_neighbour_weight) : 0.0f) +
                            tenure_weight * std::min(1.0f, float(r.tenure[i]) * (1.0f / TENURE_SETTLED_WEEKS));
        const bool joins = rng.uniform() < logistic_f(score);
        const HumanChoice choice = players ? s.human.resident(std::uint32_t(i), HumanDecision::take_part) : HumanChoice::model;
        if (choice == HumanChoice::no) {
            if (joins) rng.uniform_double();  // a player staying away spends the model's draw: others' do not move
            continue;
        }
        if (!joins && choice != HumanChoice::yes) continue;
        r.flags[i] |= PARTICIPATING;
        ++participants;
        if (r.flags[i] & VOLUNTEER) hours += p.participation_volunteer_hours;
        const bool good = (joins ? rng.uniform_double() : player_draw(ctx, i)) < success;
        r.efficacy[i] = update_trust(r.efficacy[i], good, p.participation_efficacy_gain, p.participation_efficacy_loss);
        r.public_spirit[i] = update_trust(r.public_spirit[i], good, p.participation_spirit_rate, p.participation_spirit_rate);
        // Collective action builds (or erodes) trust in neighbours, slowly.
        r.trust[RESIDENT][i] = update_trust(r.trust[RESIDENT][i], good, p.participation_spirit_rate,
                                            p.participation_spirit_rate);
    }
    // This week's participants are what neighbours see next week.
    for (std::size_t i = com.first; i < com.first + com.size; ++i) {
        const std::uint8_t f = r.flags[i];
        r.flags[i] = static_cast<std::uint8_t>((f & ~(PARTICIPATED | PARTICIPATING)) | ((f & PARTICIPATING) ? PARTICIPATED : 0));
    }
    com.committee.volunteer_hours = hours;
    k[C_participants] += participants;
    k[C_volunteer_hours] += hours;
}

}  // namespace cogov
