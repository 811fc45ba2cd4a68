// Phase 3: handling, referral and bouncing.
#include <algorithm>

#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"
#include "issue_queue.h"

namespace cogov {
namespace {

//! Eq. H1: hours staff spend on delegated work D (hours the items would
//! take at full attention) out of staff hours S. A = S D / (S + D): close to
//! D while the burden is light, approaching but never reaching S as it
//! grows, so each item gets less attention as items pile up and service
//! hours S^2 / (S + D) fall smoothly with the burden (no cliff at D = S).
double admin_hours(double staff, double delegated)
{
    return staff + delegated > 0 ? staff * delegated / (staff + delegated) : 0.0;
}

//! One community's institutions working through its queue for one week.
class Desk {
public:
    Desk(const StepContext& ctx, std::uint32_t c)
        : p_(ctx.p), s_(ctx.s), c_(c), com_(ctx.s.communities[c]), r_(ctx.s.residents), k_(ctx.s.counters[c]),
          rng_(ctx.seed, Purpose::handling, c, static_cast<std::uint64_t>(ctx.step)),
          street_(ctx.streets_at_start[com_.street])
    {
        plan_capacity();
    }

    void work();

private:
    void plan_capacity();
    bool triage(std::size_t i);
    bool serve(std::size_t i);
    void close(std::size_t i, Actor who, bool resolved, bool abandoned = false);
    void count_referral(Actor target, std::size_t i, bool ok);
    Actor remit(int domain) const;
    int pick_org(int domain) const;
    PropertyCompany& company_of(std::size_t i) const;
    float& target_trust_in_committee(Actor target, std::size_t i) const;
    double alignment_with(Actor target, std::size_t i) const;
    double quality(Actor who, std::size_t i) const;
    double& hours(Actor who, std::size_t i);

    const Params& p_;
    State& s_;
    std::uint32_t c_;
    Community& com_;
    Residents& r_;
    Counters& k_;
    Rng rng_;
    const Street& street_;
    double committee_hours_ = 0, government_hours_ = 0;
    double attention_ = 1;  //!< Eq. H1b: care per committee-handled issue, in (0, 1]
    std::array<float, DOMAINS> community_interest_{};
    int coordination_mechanisms_ = 0;
    std::uint32_t seen_ = 0, advanced_ = 0;
};

void Desk::plan_capacity()
{
    const Params& p = p_;
    const double staff_hours = double(p.committee_staff) * p.committee_hours_per_staff * com_.committee.experience;
    const double takeback = p.service_centre_enabled ? p.service_centre_takeback_share : 0.0;
    const double admin =
        admin_hours(staff_hours, double(p.committee_delegated_items) * p.committee_hours_per_item * (1 - takeback));
    const double grid = p.grid_enabled ? double(p.grid_workers_per_cell) * com_.cells * p.grid_worker_hours : 0.0;
    committee_hours_ = staff_hours - admin + com_.committee.volunteer_hours * p.committee_volunteer_efficiency + grid;
    // Eq. H1b: the staff's service share S/(S+D) is also the care each issue
    // gets, so the burden lowers the quality of the work, not only its hours.
    if (staff_hours > 0) attention_ = 1.0 - p.committee_attention_effect * admin / staff_hours;
    k_[C_committee_admin_hours] += admin;
    k_[C_committee_service_hours] += committee_hours_;

    int contracts = 0;
    for (int j = 0; j < s_.org_slots; ++j) contracts += s_.contracts[c_ * std::size_t(s_.org_slots) + j].active;
    const double own = p.government_service_budget * (1 - p.government_outsourcing_share) / p.government_cost_per_hour;
    const double steering = contracts * p.government_coordination_hours;
    com_.coordination = steering > 0 ? std::min(1.0, own / steering) : 1.0;
    government_hours_ = std::max(0.0, own - steering) + (p.service_centre_enabled ? p.service_centre_hours : 0.0);
    k_[C_government_hours] += government_hours_;

    const double residents_per_compound = double(com_.size) / s_.compounds;
    for (int f = 0; f < s_.compounds; ++f) {
        PropertyCompany& firm = s_.companies[c_ * std::size_t(s_.compounds) + f];
        firm.hours_left = p.property_hours_per_resident * residents_per_compound * firm.collection;
    }
    bool hub = false;
    for (int j = 0; j < s_.org_slots; ++j) {
        SocialOrganization& org = s_.orgs[c_ * std::size_t(s_.org_slots) + j];
        org.hours_left = org.active ? org.capacity : 0.0;
        hub = hub || (org.active && org.type == HUB);
    }
    coordination_mechanisms_ = int(p.referral_responsibility_lists) + int(p.referral_joint_meetings) + int(hub);
    double total = 0;
    for (double x : com_.interest_sum) total += x;
    for (int d = 0; d < DOMAINS; ++d)
        community_interest_[d] = total > 0 ? static_cast<float>(com_.interest_sum[d] / total) : 0.0f;
}

int Desk::pick_org(int domain) const
{
    // Routed with capacity in mind: among the contracted organizations with
    // the hours to take one more issue this week, the one most focused on
    // the domain; none (the government's remit) when all are full.
    int best = -1;
    float best_focus = -1;
    for (int j = 0; j < s_.org_slots; ++j) {
        const SocialOrganization& org = s_.orgs[c_ * std::size_t(s_.org_slots) + j];
        if (org.active && org.contract >= 0 && org.hours_left >= p_.handling_hours_per_issue &&
            org.focus[domain] > best_focus) {
            best = j;
            best_focus = org.focus[domain];
        }
    }
    return best;
}

Actor Desk::remit(int domain) const
{
    const Actor a = DOMAIN_REMIT[domain];
    return (a == SOCORG && pick_org(domain) < 0) ? GOVERNMENT : a;
}

PropertyCompany& Desk::company_of(std::size_t i) const
{
    const std::size_t local = i - com_.first;
    return s_.companies[c_ * std::size_t(s_.compounds) + local * s_.compounds / com_.size];
}

float& Desk::target_trust_in_committee(Actor target, std::size_t i) const
{
    switch (target) {
    case SOCORG: return s_.orgs[c_ * std::size_t(s_.org_slots) + r_.issue_slot[i]].trust[COMMITTEE];
    case PROPERTY: return company_of(i).trust[COMMITTEE];
    default: return com_.gov_trust[COMMITTEE];
    }
}

double Desk::alignment_with(Actor target, std::size_t i) const
{
    switch (target) {
    case SOCORG: return cosine(community_interest_, s_.orgs[c_ * std::size_t(s_.org_slots) + r_.issue_slot[i]].focus);
    case PROPERTY: return cosine(community_interest_, PROPERTY_PROFILE) * company_of(i).collection;
    default: return cosine(community_interest_, street_.priorities);
    }
}

double Desk::quality(Actor who, std::size_t i) const
{
    const int d = r_.issue_domain[i];
    switch (who) {
    case COMMITTEE: return p_.handling_committee_quality * attention_;
    case SOCORG: return s_.orgs[c_ * std::size_t(s_.org_slots) + r_.issue_slot[i]].quality;
    case PROPERTY: return p_.handling_property_quality * (0.5 + 0.5 * company_of(i).collection);
    default: {
        const double priority = std::min(1.0, DOMAINS * street_.priorities[d]);
        return p_.handling_government_quality * (1.0 - p_.government_priority_effect * (1.0 - priority));
    }
    }
}

double& Desk::hours(Actor who, std::size_t i)
{
    switch (who) {
    case COMMITTEE: return committee_hours_;
    case SOCORG: return s_.orgs[c_ * std::size_t(s_.org_slots) + r_.issue_slot[i]].hours_left;
    case PROPERTY: return company_of(i).hours_left;
    default: return government_hours_;
    }
}

void Desk::close(std::size_t i, Actor who, bool resolved, bool abandoned)
{
    const double age = r_.issue_age[i];
    r_.issue_stage[i] = NO_ISSUE;
    k_[C_issues_closed] += 1;
    if (resolved) {
        k_[C_issues_resolved] += 1;
        k_[C_resolution_weeks] += age;
        if (r_.issue_flags[i] & MULTI_ACTOR) k_[C_multi_actor_resolved] += 1;
    } else {
        k_[abandoned ? C_issues_abandoned : C_issues_failed] += 1;
    }
    if (who == SOCORG) {
        const SocialOrganization& org = s_.orgs[c_ * std::size_t(s_.org_slots) + r_.issue_slot[i]];
        if (org.contract >= 0) {
            Contract& deal = s_.contracts[c_ * std::size_t(s_.org_slots) + org.contract];
            deal.assigned += 1;
            deal.resolved += resolved;
        }
    }
    const bool good = resolved && age <= double(p_.trust_expected_weeks);
    record_experience(s_, c_, i, good ? GOOD : BAD, who);
}

bool Desk::triage(std::size_t i)
{
    ++seen_;
    const int d = r_.issue_domain[i];
    const Actor target = remit(d);
    const double h = p_.handling_hours_per_issue;
    if (target == COMMITTEE) {
        if (committee_hours_ < h) return false;
        committee_hours_ -= h;
        ++advanced_;
        close(i, COMMITTEE, rng_.uniform_double() < quality(COMMITTEE, i));
        return false;
    }
    if (committee_hours_ < p_.handling_referral_hours) return false;
    committee_hours_ -= p_.handling_referral_hours;
    if (target == SOCORG) r_.issue_slot[i] = static_cast<std::uint8_t>(pick_org(d));
    const double mutual = 0.5 * (com_.committee.trust[target] + target_trust_in_committee(target, i));
    const double align = alignment_with(target, i);
    const double roll = rng_.uniform_double();
    if (mutual >= p_.referral_alliance_trust && align >= p_.referral_alliance_align) {
        r_.issue_flags[i] |= JOINT;
        k_[C_issues_joint] += 1;
    } else {
        const double logit = p_.referral_base + p_.referral_trust_weight * mutual + p_.referral_align_weight * align +
                             p_.referral_coordination_bonus * coordination_mechanisms_ +
                             (target == GOVERNMENT ? p_.network_admin_weight : 0.0);
        const double steering = (target == GOVERNMENT || target == SOCORG) ? com_.coordination : 1.0;
        if (roll >= logistic(logit) * steering) {
            k_[C_issues_bounced] += 1;
            com_.referrals_bounced[target] += 1;
            count_referral(target, i, false);
            return false;
        }
        k_[C_issues_referred] += 1;
    }
    com_.referrals_ok[target] += 1;
    count_referral(target, i, true);
    r_.issue_flags[i] |= MULTI_ACTOR;
    r_.issue_stage[i] = AT_HANDLER;
    r_.issue_handler[i] = target;
    ++advanced_;
    return true;
}

//! The referral's outcome for the one organization or company it went to (T2).
void Desk::count_referral(Actor target, std::size_t i, bool ok)
{
    std::uint32_t* tally = nullptr;
    if (target == SOCORG)
        tally = ok ? &s_.orgs[c_ * std::size_t(s_.org_slots) + r_.issue_slot[i]].referrals_ok
                   : &s_.orgs[c_ * std::size_t(s_.org_slots) + r_.issue_slot[i]].referrals_bounced;
    else if (target == PROPERTY) tally = ok ? &company_of(i).referrals_ok : &company_of(i).referrals_bounced;
    if (tally) ++*tally;
}

bool Desk::serve(std::size_t i)
{
    const Actor who = static_cast<Actor>(r_.issue_handler[i]);
    if (who == SOCORG) {
        const SocialOrganization& org = s_.orgs[c_ * std::size_t(s_.org_slots) + r_.issue_slot[i]];
        if (!org.active) {  // the organization left: back to the committee
            r_.issue_stage[i] = AT_COMMITTEE;
            return false;
        }
    }
    const double need = p_.handling_hours_per_issue * ((r_.issue_flags[i] & JOINT) ? 0.5 : 1.0);
    double& pool = hours(who, i);
    if (pool < need) return false;
    pool -= need;
    close(i, who, rng_.uniform_double() < quality(who, i));
    return true;
}

void Desk::work()
{
    std::uint32_t kept = 0;
    const std::uint32_t length = com_.queue_length;
    for (std::uint32_t q = 0; q < length; ++q) {
        const std::uint32_t local = s_.queue[com_.first + q];
        const std::size_t i = com_.first + local;
        if (r_.issue_stage[i] == ORPHANED) {
            r_.issue_stage[i] = NO_ISSUE;
            continue;
        }
        ++r_.issue_age[i];
        if (r_.issue_stage[i] == AT_COMMITTEE) triage(i);
        if (r_.issue_stage[i] == AT_HANDLER) serve(i);
        if (r_.issue_stage[i] == NO_ISSUE) continue;
        if (r_.issue_age[i] > p_.handling_max_wait) {
            const Actor holder = r_.issue_stage[i] == AT_HANDLER ? static_cast<Actor>(r_.issue_handler[i]) : COMMITTEE;
            close(i, holder, false, true);
            continue;
        }
        s_.queue[com_.first + kept++] = local;
    }
    com_.queue_length = kept;
    if (seen_ > 0) com_.committee.responsiveness = double(advanced_) / seen_;
}

}  // namespace

void handle_issues(const StepContext& ctx, std::uint32_t c)
{
    Desk desk(ctx, c);
    desk.work();
}

}  // namespace cogov
