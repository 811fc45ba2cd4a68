// ABC-SMC on a model with a known posterior: the conjugate normal toy.
//
// theta ~ N(0, 1); given theta, n = 10 observations y_i ~ N(theta, 1); the
// data are summarised by their mean, observed ybar = 0.5. The posterior is
// N(n ybar / (n + 1), 1 / (n + 1)): mean 0.4545, sd 0.3015. ABC with the
// distance |ybar_sim - ybar| converges to it as epsilon -> 0 (the
// tolerance's own blur, about (n/(n+1))^2 epsilon^2 / 3 in variance, is
// below 1e-4 at the final epsilon).
//
// Can it fail? With the importance weights switched off (every particle
// weighted equally, AbcConfig::importance_weights = false) the particles
// follow the proposal times the likelihood instead of the prior times the
// likelihood; the test checks that the same criterion then fails.
#include <doctest/doctest.h>

#include <cmath>

#include "cogov/batch/calibrate.h"
#include "cogov/sim/rng.h"

using namespace cogov;

namespace {

constexpr int N_OBS = 10;
constexpr double YBAR = 0.5;
const double POST_MEAN = N_OBS * YBAR / (N_OBS + 1.0), POST_SD = std::sqrt(1.0 / (N_OBS + 1.0));

Stats toy_simulate(const std::vector<double>& theta, std::uint64_t seed)
{
    Rng rng(seed, Purpose::needs, 0, 0);
    double sum = 0;
    for (int i = 0; i < N_OBS; ++i) sum += theta[0] + rng.normal();
    return {sum / N_OBS};
}

AbcConfig toy_config()
{
    AbcConfig c;
    c.particles = 1000;
    c.batch = 250;
    c.max_generations = 12;
    c.alpha = 0.5;
    c.min_epsilon = 0.01;
    c.seed = 7;
    return c;
}

AbcResult toy_run(const AbcConfig& c, int threads)
{
    const std::vector<Prior> priors = {Prior{PriorKind::normal, 0.0, 1.0, -10.0, 10.0}};
    return abc_smc(priors, c, simulator_runner(toy_simulate, threads),
                   [](const Stats& s) { return std::fabs(s[0] - YBAR); });
}

WeightedSummary posterior(const AbcResult& r)
{
    const Generation& g = r.generations.back();
    std::vector<double> x;
    for (const auto& t : g.theta) x.push_back(t[0]);
    return summarise(x, g.weights);
}

//! The stated tolerance: mean within 0.04 (about 3 Monte Carlo standard
//! errors at an effective sample of ~500), sd within 10%.
bool matches(const WeightedSummary& s)
{
    return std::fabs(s.mean - POST_MEAN) < 0.04 && std::fabs(s.sd / POST_SD - 1.0) < 0.10;
}

}  // namespace

TEST_CASE("ABC-SMC recovers the conjugate normal posterior")
{
    const AbcResult r = toy_run(toy_config(), 2);
    REQUIRE(r.generations.size() >= 3);
    const WeightedSummary s = posterior(r);
    MESSAGE("toy posterior: mean " << s.mean << " (analytic " << POST_MEAN << "), sd " << s.sd << " (analytic "
                                   << POST_SD << "), " << r.generations.size() << " generations, final epsilon "
                                   << r.generations.back().epsilon << ", " << r.simulations << " simulations");
    CHECK(r.generations.back().epsilon < 0.05);
    CHECK(matches(s));
    // Tolerances shrink and weights are normalised.
    for (std::size_t g = 1; g < r.generations.size(); ++g)
        CHECK(r.generations[g].epsilon <= r.generations[g - 1].epsilon);
    double total = 0;
    for (double w : r.generations.back().weights) total += w;
    CHECK(total == doctest::Approx(1.0));
}

TEST_CASE("the toy check fails without the importance weights")
{
    AbcConfig c = toy_config();
    c.importance_weights = false;
    const WeightedSummary s = posterior(toy_run(c, 2));
    MESSAGE("unweighted: mean " << s.mean << ", sd " << s.sd);
    CHECK_FALSE(matches(s));
}

TEST_CASE("ABC-SMC does not depend on the number of threads")
{
    AbcConfig c = toy_config();
    c.max_generations = 4;
    const AbcResult a = toy_run(c, 1), b = toy_run(c, 3);
    REQUIRE(a.generations.size() == b.generations.size());
    for (std::size_t g = 0; g < a.generations.size(); ++g) {
        CHECK(a.generations[g].theta == b.generations[g].theta);
        CHECK(a.generations[g].weights == b.generations[g].weights);
        CHECK(a.generations[g].epsilon == b.generations[g].epsilon);
    }
}

TEST_CASE("priors check their support and sample inside it")
{
    CHECK_FALSE((Prior{PriorKind::log_uniform, 0, 1, 0.0, 1.0}).problem().empty());
    CHECK_FALSE((Prior{PriorKind::normal, 5.0, 0.1, 0.0, 1.0}).problem().empty());
    CHECK_FALSE((Prior{PriorKind::beta, 0.0, 1.0, 0.0, 1.0}).problem().empty());
    CHECK((Prior{PriorKind::beta, 2.0, 3.0, 0.0, 1.0}).problem().empty());
    const Prior beta{PriorKind::beta, 2.0, 6.0, 10.0, 20.0};
    Rng rng(3, Purpose::calibration, 0, 0);
    double sum = 0;
    for (int i = 0; i < 20000; ++i) {
        const double x = beta.sample(rng);
        REQUIRE((x >= 10.0 && x <= 20.0));
        sum += x;
    }
    CHECK(sum / 20000 == doctest::Approx(10.0 + 10.0 * 2.0 / 8.0).epsilon(0.01));
    const Prior lu{PriorKind::log_uniform, 0.01, 1.0, 0.01, 1.0};
    int below = 0;
    for (int i = 0; i < 20000; ++i) below += lu.sample(rng) < 0.1;
    CHECK(below / 20000.0 == doctest::Approx(0.5).epsilon(0.03));
}
