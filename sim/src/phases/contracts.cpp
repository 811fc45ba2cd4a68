// Phase 4: contracts (payments, evaluation, renewal, tenders) and the social
// organizations' finance, investment, exit and entry.
#include <algorithm>

#include "cogov/sim/mechanisms.h"
#include "cogov/sim/phases.h"
#include "cogov/sim/population.h"

namespace cogov {
namespace {

//! The street buying services in one community for one week.
class Purchaser {
public:
    Purchaser(const StepContext& ctx, std::uint32_t c)
        : p_(ctx.p), s_(ctx.s), c_(c), com_(ctx.s.communities[c]), k_(ctx.s.counters[c]),
          street_(ctx.streets_at_start[com_.street]), step_(ctx.step),
          rng_(ctx.seed, Purpose::contracts, c, static_cast<std::uint64_t>(ctx.step))
    {
    }

    void run()
    {
        for (int j = 0; j < s_.org_slots; ++j)
            if (contract(j).active) settle(j);
        tender();
        hub_ = false;
        active_ = 0;
        for (int j = 0; j < s_.org_slots; ++j) {
            hub_ = hub_ || (org(j).active && org(j).type == HUB);
            active_ += org(j).active;
        }
        for (int j = 0; j < s_.org_slots; ++j)
            if (org(j).active) finance(j);
        enter();
    }

private:
    Contract& contract(int j) { return s_.contracts[c_ * std::size_t(s_.org_slots) + j]; }
    SocialOrganization& org(int j) { return s_.orgs[c_ * std::size_t(s_.org_slots) + j]; }
    Contract& contract_of(const SocialOrganization& o) { return contract(o.contract); }
    void gain(float& t) { t = update_trust(t, true, p_.trust_a_gain, p_.trust_a_loss); }
    void lose(float& t) { t = update_trust(t, false, p_.trust_a_gain, p_.trust_a_loss); }

    void settle(int j);
    void pay(Contract& deal, SocialOrganization& holder);
    void evaluate(int j);
    void end_contract(int j);
    void tender();
    void schedule(Contract& deal);
    void finance(int j);
    void enter();
    double value_per_week() const
    {
        return p_.government_service_budget * p_.government_outsourcing_share /
               double(std::max<std::int64_t>(1, p_.contracts_per_community));
    }

    const Params& p_;
    State& s_;
    std::uint32_t c_;
    Community& com_;
    Counters& k_;
    const Street& street_;
    std::int64_t step_;
    Rng rng_;
    bool hub_ = false;  //!< an active hub organization at the start of finance
    int active_ = 0;    //!< active organizations at the start of finance
};

void Purchaser::settle(int j)
{
    Contract& deal = contract(j);
    SocialOrganization& holder = org(deal.org);
    if (deal.late_due == step_) {
        holder.reserves += deal.late_amount;
        deal.late_amount = 0;
        deal.late_due = NEVER;
    }
    if (!deal.broken && street_.broken_at > deal.start) deal.broken = true;
    if (deal.next_payment == step_) pay(deal, holder);
    if (deal.end == step_) evaluate(j);
}

void Purchaser::pay(Contract& deal, SocialOrganization& holder)
{
    const double amount = deal.value_per_week * double(deal.next_payment - deal.paid_until);
    deal.paid_until = deal.next_payment;
    deal.next_payment =
        deal.paid_until < deal.end ? std::min(deal.paid_until + p_.contracts_payment_interval, deal.end) : NEVER;
    const double u = rng_.uniform_double();
    bool defaulted = u < p_.contracts_p_default && !p_.contracts_payment_guarantee;
    bool late = !defaulted && u < p_.contracts_p_default + p_.contracts_p_late;
    // A played street leader decides instead: on time, or late (never a default).
    const HumanChoice pays = s_.human.leader(com_.street, HumanDecision::pay);
    if (pays != HumanChoice::model) defaulted = false, late = pays == HumanChoice::no;
    if (defaulted) {
        k_[C_payments_defaulted] += 1;
        lose(holder.trust[GOVERNMENT]);
        lose(holder.trust[GOVERNMENT]);  // a broken promise weighs twice
    } else if (late) {
        k_[C_payments_late] += 1;
        deal.late_amount += amount;
        deal.late_due = std::max(deal.late_due, step_ + p_.contracts_delay_weeks);
        lose(holder.trust[GOVERNMENT]);
    } else {
        k_[C_payments_on_time] += 1;
        holder.reserves += amount;
        gain(holder.trust[GOVERNMENT]);
    }
}

void Purchaser::evaluate(int j)
{
    Contract& deal = contract(j);
    SocialOrganization& holder = org(deal.org);
    const double performance = deal.assigned > 0 ? deal.resolved / deal.assigned : holder.quality;
    // A hollow government judges badly: its noise grows as steering capacity falls.
    const double sd = p_.contracts_third_party ? p_.contracts_third_party_noise
                                               : p_.contracts_evaluation_noise * (2.0 - com_.coordination);
    const double judged = performance + sd * rng_.normal();
    const bool passed = judged >= p_.contracts_renewal_threshold;
    if (passed) gain(com_.gov_trust[SOCORG]);
    else lose(com_.gov_trust[SOCORG]);
    // Both sides must want another term: an organization that no longer
    // trusts the government to pay refuses the risk.
    const bool accepted = holder.trust[GOVERNMENT] >= p_.contracts_refusal_trust;
    const HumanChoice leader = s_.human.leader(com_.street, HumanDecision::renew);
    const bool wanted =
        leader == HumanChoice::model ? passed : leader == HumanChoice::yes;  // a played leader overrides the evaluation
    const bool renew = wanted && accepted && !deal.broken && j < p_.contracts_per_community && value_per_week() > 0;
    if (!renew) {
        end_contract(j);
        return;
    }
    k_[C_contracts_renewed] += 1;
    gain(holder.trust[GOVERNMENT]);
    schedule(deal);
}

void Purchaser::end_contract(int j)
{
    Contract& deal = contract(j);
    SocialOrganization& holder = org(deal.org);
    k_[C_contracts_dropped] += 1;
    lose(holder.trust[GOVERNMENT]);
    holder.reserves += deal.late_amount;  // delayed money still arrives, settled at the end
    holder.contract = -1;
    deal = Contract{};
    com_.tender_wait = p_.contracts_tender_gap;
}

void Purchaser::tender()
{
    if (com_.tender_wait > 0) {
        --com_.tender_wait;
        return;
    }
    int running = 0, free_slot = -1;
    for (int j = 0; j < s_.org_slots; ++j) {
        if (contract(j).active) ++running;
        else if (free_slot < 0 && j < p_.contracts_per_community) free_slot = j;
    }
    if (free_slot < 0 || running >= p_.contracts_per_community || value_per_week() <= 0) return;
    int best = -1, bidders = 0;
    double best_score = -1;
    for (int j = 0; j < s_.org_slots; ++j) {
        SocialOrganization& o = org(j);
        if (!o.active || o.contract >= 0) continue;
        ++bidders;
        const double score = o.quality * cosine(o.focus, street_.priorities) + 0.05 * rng_.uniform_double();
        if (score > best_score) best = j, best_score = score;
    }
    if (best < 0) return;
    for (int j = 0; j < s_.org_slots; ++j)  // losing a tender strains relations with the winner
        if (j != best && org(j).active && org(j).contract < 0 && bidders > 1) lose(org(j).trust[SOCORG]);
    Contract& deal = contract(free_slot);
    deal = Contract{};
    deal.active = true;
    deal.org = best;
    schedule(deal);
    org(best).contract = free_slot;
    k_[C_contracts_started] += 1;
}

//! A new term from this step: value, end and payment dates; performance reset.
void Purchaser::schedule(Contract& deal)
{
    deal.start = deal.paid_until = step_;
    deal.end = step_ + p_.contracts_term_weeks;
    deal.value_per_week = value_per_week();
    deal.next_payment = std::min(step_ + p_.contracts_payment_interval, deal.end);
    deal.assigned = deal.resolved = 0;
    deal.broken = false;
}

void Purchaser::finance(int j)
{
    SocialOrganization& o = org(j);
    const double overhead = p_.socorg_overhead * ORG_OVERHEAD_FACTOR[o.type];
    o.reserves += p_.socorg_other_income - overhead - o.capacity * p_.socorg_cost_per_hour;
    // Exit when reserves are exhausted, or by the closure hazard (founders
    // leave, volunteers burn out): the social layer is short-lived.
    const std::size_t slot = c_ * std::size_t(s_.org_slots) + std::size_t(j);
    const bool exits = s_.human.org(slot, HumanDecision::bid) == HumanChoice::no;
    const bool closes = rng_.uniform_double() < p_.socorg_closure_rate || exits;
    if (o.reserves < 0 || closes) {
        if (o.contract >= 0) end_contract(o.contract);
        o.active = false;
        k_[C_socorgs_exited] += 1;
        if (slot < s_.human.orgs.size() && s_.human.orgs[slot].played)
            s_.human.orgs[slot].closed = true;  // a new organization here is not played
        return;
    }
    // Eq. S2: capacity grows toward what its income sustains, paid from the
    // reserves above a precautionary buffer: a year of running costs scaled
    // by perceived renewal risk (1 - trust in government) and risk aversion.
    const double risk = 1.0 - o.trust[GOVERNMENT];
    const double running = overhead + o.capacity * p_.socorg_cost_per_hour;
    const double buffer = p_.socorg_risk_aversion * risk * 52.0 * running;
    const double income = (o.contract >= 0 ? contract_of(o).value_per_week : 0.0) + p_.socorg_other_income;
    const double target = std::max(0.0, income - overhead) / std::max(1e-9, p_.socorg_cost_per_hour);
    const double affordable = std::max(0.0, o.reserves - buffer) / p_.socorg_capacity_cost;
    double grow = std::min(p_.socorg_invest_rate * std::max(0.0, target - o.capacity), affordable);
    // A played organization decides: hold back, or invest all the way to the target from its reserves.
    const HumanChoice invests = s_.human.org(slot, HumanDecision::invest);
    if (invests != HumanChoice::model)
        grow = invests == HumanChoice::no
                   ? 0.0
                   : std::min(std::max(0.0, target - o.capacity), std::max(0.0, o.reserves) / p_.socorg_capacity_cost);
    const double invest = grow * p_.socorg_capacity_cost;
    o.reserves -= invest;
    o.capacity = (o.capacity + grow) * (1.0 - p_.socorg_depreciation);
    k_[C_socorg_investment] += invest;
    // A hub's monthly coordination meetings build trust among organizations:
    // every organization of a community with an active hub gains, the hub
    // too, once there is another organization to meet.
    if (step_ % 4 == 0 && hub_ && active_ > 1) gain(o.trust[SOCORG]);
}

void Purchaser::enter()
{
    // Entry responds to the climate (organizations' mean trust in government)
    // and to room: the chance scales with the share of free slots, so entry
    // slows as the sector fills and balances exits well below the cap.
    double climate = 0;
    int active = 0, free_slot = -1;
    for (int j = 0; j < s_.org_slots; ++j) {
        if (org(j).active) climate += org(j).trust[GOVERNMENT], ++active;
        else if (free_slot < 0) free_slot = j;
    }
    climate = active > 0 ? climate / active : p_.trust_initial_institutional;
    const double room = s_.org_slots > 0 ? double(s_.org_slots - active) / s_.org_slots : 0.0;
    const double u = rng_.uniform_double();
    if (free_slot < 0 || u >= p_.socorg_entry_rate * climate * room) return;
    found_organization(org(free_slot), p_, rng_);
    k_[C_socorgs_entered] += 1;
}

}  // namespace

void run_contracts(const StepContext& ctx, std::uint32_t c)
{
    Purchaser purchaser(ctx, c);
    purchaser.run();
}

}  // namespace cogov
