// Phase 7: trust from experience (residents and institutions) and reciprocity.
#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"

namespace cogov {
namespace {

void residents_learn(const StepContext& ctx, std::uint32_t c)
{
    const Params& p = ctx.p;
    Residents& r = ctx.s.residents;
    const Community& com = ctx.s.communities[c];
    Counters& k = ctx.s.counters[c];
    for (std::uint32_t q = 0; q < com.closures; ++q) {
        const std::size_t i = com.first + ctx.s.closed[com.first + q];
        const std::uint8_t e = r.experience[i];
        if (e == NO_EXPERIENCE) continue;  // voided: the resident moved away
        const bool good = e == GOOD;
        r.efficacy[i] = update_trust(r.efficacy[i], good, p.participation_efficacy_gain, p.participation_efficacy_loss);
        // A lapsed issue was never with an institution: it lowers efficacy
        // only and is counted as issues_lapsed, not as an experience.
        if (e == LAPSED) continue;
        float& t = r.trust[r.experience_actor[i]][i];
        t = update_trust(t, good, p.trust_a_gain, p.trust_a_loss);
        k[good ? C_good_experiences : C_bad_experiences] += 1;
    }
}

//! Referral outcomes move the committee's and the target's mutual trust.
void institutions_learn(const StepContext& ctx, std::uint32_t c)
{
    const Params& p = ctx.p;
    State& s = ctx.s;
    Community& com = s.communities[c];
    auto learn = [&](float& t, int target) {
        t = update_trust_share(t, com.referrals_ok[target], com.referrals_bounced[target], p.trust_a_gain,
                               p.trust_a_loss);
    };
    for (int target = 0; target < ACTORS; ++target) learn(com.committee.trust[target], target);
    learn(com.gov_trust[COMMITTEE], GOVERNMENT);
    // Each organization and company learns from the referrals it received.
    auto own = [&](float& t, std::uint32_t ok, std::uint32_t bounced) {
        t = update_trust_share(t, ok, bounced, p.trust_a_gain, p.trust_a_loss);
    };
    for (int j = 0; j < s.org_slots; ++j) {
        SocialOrganization& org = s.orgs[c * std::size_t(s.org_slots) + j];
        if (org.active) own(org.trust[COMMITTEE], org.referrals_ok, org.referrals_bounced);
    }
    for (int f = 0; f < s.compounds; ++f) {
        PropertyCompany& firm = s.companies[c * std::size_t(s.compounds) + f];
        own(firm.trust[COMMITTEE], firm.referrals_ok, firm.referrals_bounced);
    }
}

//! Institutions' trust in residents follows residents' trust in them; the
//! government's trust in the committee follows its responsiveness, and in
//! property companies their fee collection.
void reciprocate(const StepContext& ctx, std::uint32_t c)
{
    State& s = ctx.s;
    Community& com = s.communities[c];
    const float rate = static_cast<float>(ctx.p.trust_reciprocity_rate);
    auto follow = [rate](float& t, double target) { t += rate * (static_cast<float>(target) - t); };
    const auto& residents = com.resident_trust;
    follow(com.committee.trust[RESIDENT], residents[COMMITTEE]);
    follow(com.gov_trust[RESIDENT], residents[GOVERNMENT]);
    follow(com.gov_trust[COMMITTEE], com.committee.responsiveness);
    double collection = 0;
    for (int f = 0; f < s.compounds; ++f) {
        PropertyCompany& firm = s.companies[c * std::size_t(s.compounds) + f];
        follow(firm.trust[RESIDENT], firm.collection);
        collection += firm.collection;
    }
    follow(com.gov_trust[PROPERTY], collection / s.compounds);
    for (int j = 0; j < s.org_slots; ++j) {
        SocialOrganization& org = s.orgs[c * std::size_t(s.org_slots) + j];
        if (org.active) follow(org.trust[RESIDENT], residents[SOCORG]);
    }
}

}  // namespace

void learn_from_experience(const StepContext& ctx, std::uint32_t c)
{
    residents_learn(ctx, c);
    institutions_learn(ctx, c);
    reciprocate(ctx, c);
}

}  // namespace cogov
