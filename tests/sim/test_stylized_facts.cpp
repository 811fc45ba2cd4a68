// The stylized facts of docs/ODD.md ("Purpose and patterns"; docs/facts.md
// gives each fact's control, criterion and measured effect). Each test runs
// a treatment against a control on common random numbers (replicate r of
// every arm uses the same seed) and requires the 95% confidence interval of
// the paired difference over replicates to lie on the predicted side of
// zero. Each test was broken once (mechanism switched off or inverted, or
// the control used as treatment) and seen to fail; the comment above each
// test says how, with the failing numbers.
//
// Size: the default suite runs a small city (4 communities of 2,000
// residents, 260 weeks, 8 replicates); COGOV_LONG_TESTS=1 runs 20
// replicates for tighter intervals. COGOV_FACTS_REPORT=1 prints every
// checked effect (the numbers of docs/facts.md). COGOV_FACTS_PARAMS="k=v,..."
// sets parameters in every arm before the test's own (one posterior draw:
// scripts/facts-posterior.py runs the facts over draws of a calibration).
#include <doctest/doctest.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>

#include "cogov/sim/compare.h"
#include "cogov/sim/metrics.h"
#include "cogov/sim/model.h"
#include "support.h"

using namespace cogov;

namespace {

bool long_tests()
{
    return std::getenv("COGOV_LONG_TESTS") != nullptr;
}

//! Replicates per arm: 8 by default, 20 with COGOV_LONG_TESTS=1.
int replicates()
{
    return long_tests() ? 20 : 8;
}

//! A city small enough for tests, with communities of the baseline's size
//! (the committee's staffing is per community, so its load needs the size).
Scenario city(const Overrides& extra, std::int64_t steps = 260)
{
    Overrides o = {"city.communities=4", "city.streets=2", "city.residents_per_community=2000",
                   "grid.households_per_cell=150"};
    if (const char* draw = std::getenv("COGOV_FACTS_PARAMS")) {
        std::string list = draw;
        for (std::size_t at = 0; at < list.size();) {
            const std::size_t end = std::min(list.find(',', at), list.size());
            if (end > at) o.push_back(list.substr(at, end - at));
            at = end + 1;
        }
    }
    o.insert(o.end(), extra.begin(), extra.end());
    return test::small_scenario(o, steps);
}

CompareResult paired(const std::vector<Scenario>& arms, bool keep_series = false, std::uint64_t seed = 2026)
{
    CompareConfig config;
    config.replicates = replicates();
    config.seed = seed;
    config.threads = 2;
    config.keep_series = keep_series;
    return compare(arms, config);
}

std::size_t outcome(const std::string& name)
{
    const auto& t = outcome_table();
    for (std::size_t o = 0; o < t.size(); ++o)
        if (t[o].name == name) return o;
    FAIL("no outcome " << name);
    return 0;
}

//! The paired difference (arm k vs arm 0) of an outcome.
const PairedDifference& diff(const CompareResult& r, const std::string& name, std::size_t k = 1)
{
    return r.differences.at(k - 1).at(outcome(name));
}

//! With COGOV_FACTS_REPORT set, print a paired difference: both means, the
//! difference and its 95% interval.
void show(const PairedDifference& d, const std::string& name)
{
    if (!std::getenv("COGOV_FACTS_REPORT")) return;
    MESSAGE(name << ": control " << d.mean_base << ", treatment " << d.mean_alternative << ", difference "
                 << d.diff_mean << " [" << d.ci_low << ", " << d.ci_high << "]");
}

void check_higher(const PairedDifference& d, const std::string& name)
{
    show(d, name);
    INFO(name << ": control " << d.mean_base << ", treatment " << d.mean_alternative << ", CI [" << d.ci_low << ", "
              << d.ci_high << "]");
    CHECK(d.ci_low > 0);
}

void check_lower(const PairedDifference& d, const std::string& name)
{
    show(d, name);
    INFO(name << ": control " << d.mean_base << ", treatment " << d.mean_alternative << ", CI [" << d.ci_low << ", "
              << d.ci_high << "]");
    CHECK(d.ci_high < 0);
}

//! Arm k against arm 0.
void check_higher(const CompareResult& r, const std::string& name, std::size_t k = 1)
{
    check_higher(diff(r, name, k), name);
}
void check_lower(const CompareResult& r, const std::string& name, std::size_t k = 1)
{
    check_lower(diff(r, name, k), name);
}

//! One arm's per-replicate values of an outcome.
std::vector<double> values(const ArmResult& arm, const std::string& name)
{
    std::vector<double> out;
    for (const auto& run : arm.outcomes) out.push_back(run.at(outcome(name)));
    return out;
}

//! The paired difference of an outcome between arms `base` and `alternative`.
PairedDifference between(const CompareResult& r, const std::string& name, std::size_t base, std::size_t alternative)
{
    return paired_difference(values(r.arms.at(base), name), values(r.arms.at(alternative), name));
}

//! One arm's per-replicate values of series `name` in week `week` (1-based).
std::vector<double> at_week(const ArmResult& arm, const std::string& name, std::size_t week)
{
    const std::size_t column = series_index(name);
    std::vector<double> out;
    for (const auto& run : arm.series) out.push_back(run.at(week - 1).at(column));
    return out;
}

}  // namespace

// Fact 1. Control: the baseline's 296 delegated items; treatment: 72.
// Checked by breaking it: with committee.attention_effect = 0 in both arms
// (the burden takes hours but not care, Eq. H1b off) the committee's hours
// never run out in this city, so the cut raised service hours (+238) and
// changed nothing else: resolved share 0.7148, resolution time 2.475 weeks
// and trust in the committee 0.5631 in both arms, CI [0, 0], and three of
// the four checks failed (COGOV_FACTS_PARAMS=committee.attention_effect=0).
// Before Eq. H1b, `committee.hours_per_item=0` in both arms made every
// difference exactly 0 and all four checks failed.
TEST_CASE("fact 1: cutting the committee's burden raises service hours, resolution and trust in the committee")
{
    const auto r = paired({city({}), city({"committee.delegated_items=72"})});
    check_higher(r, "mean.committee_service_hours");
    check_higher(r, "run.resolved_share");
    check_lower(r, "mean.resolution_time_mean");
    check_higher(r, "final.trust.residents.resident_committee");
}

// Fact 2. A contracted sector (35% of the budget outsourced, 2 contracts,
// 3 organizations per community) in all arms; control: every payment on
// time; treatment: 25% of payments late, 10% defaulted; remedy: the same
// risk with third-party evaluation and a payment guarantee.
// Checked by breaking it: with the control's on-time payments in the risky
// arm (p_late = p_default = 0) all four damage checks failed (differences
// exactly 0, CI [0, 0]), and so did the remedies against that arm (trust
// -0.169 [-0.187, -0.152], renewals +2.4 [-0.8, +5.6], investment -37
// [-45, -30]: the remedies cannot beat on-time payment). Deleting only the
// trust losses on late and defaulted payments (a temporary edit of
// sim/src/phases/contracts.cpp) did NOT make the test fail: trust still
// falls through fewer on-time payments (each a gain) and more dropped
// contracts, so the test checks the damage, not that one line.
TEST_CASE("fact 2: payment delays and defaults damage the social-organization sector, and remedies reduce the damage")
{
    const Overrides sector = {"government.outsourcing_share=0.35", "contracts.per_community=2",
                              "socorg.initial_per_community=3"};
    Overrides on_time = sector, risky = sector, remedied = sector;
    on_time.insert(on_time.end(), {"contracts.p_late=0", "contracts.p_default=0"});
    for (auto* o : {&risky, &remedied}) o->insert(o->end(), {"contracts.p_late=0.25", "contracts.p_default=0.1"});
    remedied.insert(remedied.end(), {"contracts.third_party=true", "contracts.payment_guarantee=true"});
    const auto r = paired({city(on_time), city(risky), city(remedied)});
    check_lower(r, "final.trust.social_organization.government");
    check_lower(r, "total.socorg_investment");
    check_lower(r, "mean.socorgs_active");
    check_lower(r, "total.contracts_renewed");
    // The remedies, against the risky arm: less damage.
    for (const char* name :
         {"final.trust.social_organization.government", "total.contracts_renewed", "total.socorg_investment"})
        check_higher(between(r, name, 1, 2), name);
}

namespace {

//! Fact 3's shock under learning rates (a_gain, a_loss): a city where
//! residents meet the committee often (frequent needs, an ample committee)
//! so trust in it is high. For 26 weeks from week 105 every issue the
//! committee handles goes wrong; then quality returns.
Scenario shock(double a_gain, double a_loss, const test::TempDir& dir)
{
    const auto path = dir.write("shock.toml",
                                "[[events]]\nstep = 105\nset = { \"handling.committee_quality\" = 0.0 }\n"
                                "[[events]]\nstep = 131\nset = { \"handling.committee_quality\" = 0.8 }\n");
    return load_scenario_file(path,
                              {"city.communities=8", "city.streets=2", "city.residents_per_community=600",
                               "grid.households_per_cell=50", "time.steps=156", "needs.rate=0.2", "committee.staff=40",
                               "committee.delegated_items=0", "handling.committee_quality=0.8", "reporting.base=5",
                               "trust.a_gain=" + std::to_string(a_gain), "trust.a_loss=" + std::to_string(a_loss)});
}

struct ShockResponse {
    std::vector<double> fall, recovered;  //!< per replicate: the fall, and the share of it recovered
};

//! The fall of residents' trust in the committee over the 26 shock weeks
//! (end of week 104 to end of week 130) and the share of it recovered over
//! the 26 weeks after (to the end of week 156), per replicate.
ShockResponse respond(const ArmResult& arm)
{
    const std::string trust = "trust.residents.resident_committee";
    const auto before = at_week(arm, trust, 104), low = at_week(arm, trust, 130), after = at_week(arm, trust, 156);
    ShockResponse out;
    for (std::size_t r = 0; r < before.size(); ++r) {
        out.fall.push_back(before[r] - low[r]);
        out.recovered.push_back((after[r] - low[r]) / (before[r] - low[r]));
    }
    return out;
}

}  // namespace

// Fact 3. Control: symmetric learning at the treatment's mean rate
// (a_gain = a_loss = 0.10); treatment: the model's a_gain = 0.05,
// a_loss = 0.15. Criterion: the share of the fall recovered in the 26 weeks
// after the shock is smaller than under the control (paired on common random
// numbers). The former criterion (recovered share < 0.6) passed whatever
// the learning: 0.053 asymmetric, 0.245 symmetric, 0.567 inverted.
// Checked by breaking it: with inverted learning as the treatment
// (a_gain = 0.15, a_loss = 0.05) the recovered share was 0.590 against the
// control's 0.255, difference +0.335 [+0.299, +0.371], and the check
// failed; with the control as treatment the difference is exactly 0.
TEST_CASE("fact 3: trust falls faster than it recovers after a shock, against symmetric learning")
{
    test::TempDir dir;
    const auto r = paired({shock(0.10, 0.10, dir), shock(0.05, 0.15, dir)}, true);
    const ShockResponse control = respond(r.arms[0]), treatment = respond(r.arms[1]);
    for (std::size_t k = 0; k < control.fall.size(); ++k) {
        CHECK(control.fall[k] > 0);
        CHECK(treatment.fall[k] > 0);
    }
    const PairedDifference d = paired_difference(control.recovered, treatment.recovered);
    show(d, "share of the fall recovered");
    CHECK(d.ci_high < 0);
}

namespace {

//! Means over the comparison's replicates and over the weeks of the
//! series `names`, the replicates run on two threads.
std::vector<double> run_means(const Scenario& scenario, const std::vector<std::string>& names)
{
    std::vector<std::vector<double>> sums(replicates(), std::vector<double>(names.size()));
    std::size_t weeks = 0;
    auto work = [&](int first) {
        for (int r = first; r < replicates(); r += 2) {
            const auto rows = run_series(scenario, replicate_seed(2026, r));
            for (const auto& week : rows)
                for (std::size_t k = 0; k < names.size(); ++k) sums[r][k] += week.at(series_index(names[k]));
            if (r == 0) weeks = rows.size();
        }
    };
    std::thread other(work, 1);
    work(0);
    other.join();
    std::vector<double> out(names.size());
    for (const auto& row : sums)
        for (std::size_t k = 0; k < names.size(); ++k) out[k] += row[k] / double(weeks) / replicates();
    return out;
}

//! Newcomers' trust set to the incumbents' mean: trust.newcomer to the mean
//! trust in the committee (the trust participation reads), and
//! trust.newcomer_residents to the mean trust in residents, as a fixed
//! point over the control's run (newcomers' trust feeds back on the mean).
Overrides incumbents_trust(const Overrides& control)
{
    const Params& initial = city(control).params;  // first guess: the initial values
    Overrides neutral = {"trust.newcomer=" + std::to_string(initial.trust_initial_committee),
                         "trust.newcomer_residents=" + std::to_string(initial.trust_initial_residents)};
    for (int iteration = 0; iteration < 2; ++iteration) {
        Overrides o = control;
        o.insert(o.end(), neutral.begin(), neutral.end());
        const auto mean = run_means(city(o), {"trust.residents.resident_committee", "trust.residents.residents"});
        neutral = {"trust.newcomer=" + std::to_string(mean[0]), "trust.newcomer_residents=" + std::to_string(mean[1])};
    }
    if (std::getenv("COGOV_FACTS_REPORT")) MESSAGE("newcomers' trust: " << neutral[0] << ", " << neutral[1]);
    return neutral;
}

}  // namespace

// Fact 4. Control: the baseline's mobility (0.002 a week); treatment: ten
// times that. Without the built-in newcomer distrust: newcomers arrive with
// the incumbents' mean trust (incumbents_trust), the same in both arms. So
// any effect comes from what moving does: ties to the departed are dropped
// and a newcomer starts without ties, without tenure (P1) and with fresh
// efficacy and public spirit. Measured in the calibrated status quo (8
// replicates): participation -0.0082 [-0.0086, -0.0079] on a control of
// 0.0179, final trust between residents -0.0116 [-0.0122, -0.0111]
// (docs/facts.md; the break numbers below were measured just before the
// starting trust was set near the steady state).
// Checked by breaking it: with the control's mobility as treatment every
// difference is exactly 0 and both checks fail; switching off the tenure
// and neighbour terms of participation (participation.tenure_weight = 0,
// participation.neighbour_weight = 0 in both arms) cuts the participation
// effect to -0.0021 (what remains is fresh efficacy and public spirit), so
// most of the effect runs through lost ties and tenure. Before the
// composition-preserving movers and dropped ties the model did not show
// this fact and the test was marked should_fail.
TEST_CASE("fact 4: high mobility lowers participation and trust between residents (newcomers trust as incumbents do)")
{
    const Overrides low = {"power.mobility=0.002"}, high = {"power.mobility=0.02"};
    const Overrides neutral = incumbents_trust(low);
    auto with = [&](Overrides o) {
        o.insert(o.end(), neutral.begin(), neutral.end());
        return city(o);
    };
    const auto r = paired({with(low), with(high)});
    check_lower(r, "mean.participation_rate");
    check_lower(r, "final.trust.residents.residents");
}

// Fact 5. Control: no grid; treatment: grid management with 3 workers per
// cell. Checked by breaking it twice. With no workers (grid.workers_per_cell
// = 0: no visits, no worker hours, no report channel) the resolved share
// check failed (+0.0013 [-0.0014, +0.0040]); the discovered, known and
// lapsed checks still passed through the grid's monthly opinion meetings.
// With discovery removed (visits and meetings, a temporary edit of
// sim/src/phases/reporting.cpp) the discovered share was 0 in both arms
// (CI [0, 0]) and that check failed.
TEST_CASE("fact 5: grid management raises the share of issues discovered and resolved")
{
    const auto r = paired({city({}), city({"grid.enabled=true", "grid.workers_per_cell=3"})});
    check_higher(r, "run.discovered_share");
    check_higher(r, "run.known_share");
    check_lower(r, "total.issues_lapsed");
    check_higher(r, "run.resolved_share");
}

namespace {

//! Paired t interval of alternative - base at confidence `level`.
std::pair<double, double> paired_interval(const std::vector<double>& base, const std::vector<double>& alternative,
                                          double level)
{
    const PairedDifference d = paired_difference(base, alternative);
    const double n = double(base.size());
    const double t = boost::math::quantile(boost::math::students_t(n - 1), 0.5 + level / 2);
    return {d.diff_mean - t * d.diff_sd / std::sqrt(n), d.diff_mean + t * d.diff_sd / std::sqrt(n)};
}

}  // namespace

// Fact 6. `government.outsourcing_share` is the share of the street's
// service budget spent on social-organization contracts (contracts.cpp:
// value_per_week); the rest buys the government's own hours, which also
// steer the contracts (handling.cpp: plan_capacity, coordination = own
// hours / steering hours, capped at 1). In a reformed city (72 items, 2
// contracts, 3 organizations per community) the shares 0, 0.25, 0.5, 0.75
// and 1 are run on common random numbers. Criterion (a hump): some interior
// share resolves more issues per issue raised than both 0% and 100%, each
// paired interval at 1 - 0.05/3 (Bonferroni over the three interior
// shares) above zero.
// THE MODEL DOES NOT SHOW THIS FACT (yet): 0% outsourcing resolves at least
// as much as every interior share (0.25: -0.061 [-0.076, -0.046], 0.5:
// -0.010 [-0.028, +0.007], 0.75: -0.040 [-0.056, -0.023] against 0%, cogov
// compare, 8 replicates); only 100% (no own hours left to steer the
// contracts, so every referral to government or an organization bounces) is
// clearly worse (-0.34). The government's own hours do not bind at 0%
// (doubling its budget changes the resolved share by +0.001 [-0.001,
// +0.004]), so outsourcing adds referral friction (bounced referrals 1,085
// -> 2,457 per run at 50%) but no capacity that is missing. The test is marked should_fail.
TEST_CASE("fact 6: a hollow government does worse than balanced co-governance: outsourcing is not monotone" *
          doctest::should_fail())
{
    const Overrides reformed = {"committee.delegated_items=72", "contracts.per_community=2",
                                "socorg.initial_per_community=3"};
    const std::vector<std::string> shares = {"0", "0.25", "0.5", "0.75", "1"};
    std::vector<Scenario> arms;
    for (const auto& share : shares) {
        Overrides o = reformed;
        o.push_back("government.outsourcing_share=" + share);
        arms.push_back(city(o));
    }
    const auto r = paired(arms);
    const std::string name = "run.resolved_share";
    const auto none = values(r.arms.front(), name), all = values(r.arms.back(), name);
    const double level = 1 - 0.05 / double(shares.size() - 2);
    bool hump = false;
    for (std::size_t k = 1; k + 1 < shares.size(); ++k) {
        const auto mid = values(r.arms[k], name);
        const auto over_none = paired_interval(none, mid, level), over_all = paired_interval(all, mid, level);
        if (std::getenv("COGOV_FACTS_REPORT"))
            MESSAGE(shares[k] << ": against 0% [" << over_none.first << ", " << over_none.second << "], against 100% ["
                              << over_all.first << ", " << over_all.second << "]");
        hump = hump || (over_none.first > 0 && over_all.first > 0);
    }
    CHECK(hump);
}
