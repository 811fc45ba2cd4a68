// Priors of a calibration: support, working coordinate, density, draws.
#include <cmath>
#include <sstream>

#include "cogov/batch/calibrate.h"
#include "cogov/sim/rng.h"

namespace cogov {
namespace {

//! P(lo < X < hi) for X ~ N(mean, sd).
double normal_mass(double mean, double sd, double lo, double hi)
{
    const double s = sd * std::sqrt(2.0);
    return 0.5 * (std::erfc((lo - mean) / s) - std::erfc((hi - mean) / s));
}

std::string text(double x)
{
    std::ostringstream os;
    os << x;
    return os.str();
}

}  // namespace

const char* prior_name(PriorKind kind)
{
    switch (kind) {
    case PriorKind::uniform: return "uniform";
    case PriorKind::log_uniform: return "log_uniform";
    case PriorKind::normal: return "normal";
    default: return "beta";
    }
}

std::string Prior::problem() const
{
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi))
        return "the support [" + text(lo) + ", " + text(hi) + "] must be finite with lower < upper";
    switch (kind) {
    case PriorKind::uniform: return {};
    case PriorKind::log_uniform:
        return lo > 0 ? std::string() : "a log_uniform prior needs a lower bound above 0, got " + text(lo);
    case PriorKind::normal:
        if (!(b > 0) || !std::isfinite(a)) return "a normal prior needs a finite mean and sd > 0";
        if (normal_mass(a, b, lo, hi) < 1e-3)
            return "the normal prior puts less than 0.1% of its mass inside [" + text(lo) + ", " + text(hi) + "]";
        return {};
    default:
        return a > 0 && b > 0 && std::isfinite(a) && std::isfinite(b) ? std::string()
                                                                      : "a beta prior needs shapes a > 0 and b > 0";
    }
}

double Prior::to_work(double x) const
{
    return kind == PriorKind::log_uniform ? std::log(x) : x;
}
double Prior::from_work(double u) const
{
    return kind == PriorKind::log_uniform ? std::exp(u) : u;
}

double Prior::density_work(double u) const
{
    const double x = from_work(u);
    if (!(x >= lo && x <= hi)) return 0.0;
    switch (kind) {
    case PriorKind::uniform:
    case PriorKind::log_uniform: return 1.0;  // uniform in the working coordinate
    case PriorKind::normal: return std::exp(-0.5 * (x - a) * (x - a) / (b * b));
    default: {
        const double y = (x - lo) / (hi - lo);
        if ((y <= 0 && a < 1) || (y >= 1 && b < 1)) return 0.0;  // infinite density at an edge: measure zero
        return std::pow(y, a - 1) * std::pow(1 - y, b - 1);
    }
    }
}

double Prior::sample(Rng& rng) const
{
    switch (kind) {
    case PriorKind::uniform: return lo + (hi - lo) * rng.uniform_double();
    case PriorKind::log_uniform: return std::exp(std::log(lo) + (std::log(hi) - std::log(lo)) * rng.uniform_double());
    case PriorKind::normal:
        for (;;) {  // rejection; problem() guarantees at least 0.1% acceptance
            const double x = a + b * rng.normal();
            if (x >= lo && x <= hi) return x;
        }
    default: {
        const double g = rng.gamma(a), h = rng.gamma(b);
        return lo + (hi - lo) * g / (g + h);
    }
    }
}

}  // namespace cogov
