// Gaussian perturbation kernel: weighted covariance, Cholesky factor, draws.
#include "calibrate_kernel.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "cogov/sim/rng.h"

namespace cogov {
namespace {

//! 2 x the weighted covariance, row-major k x k.
std::vector<double> twice_covariance(const std::vector<std::vector<double>>& x, const std::vector<double>& w)
{
    const std::size_t k = x.empty() ? 0 : x[0].size();
    std::vector<double> mean(k, 0.0), cov(k * k, 0.0);
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t a = 0; a < k; ++a) mean[a] += w[i] * x[i][a];
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t a = 0; a < k; ++a)
            for (std::size_t b = 0; b < k; ++b)
                cov[a * k + b] += 2.0 * w[i] * (x[i][a] - mean[a]) * (x[i][b] - mean[b]);
    return cov;
}

//! Lower Cholesky factor; a tiny ridge keeps a degenerate covariance (a
//! parameter all particles share) positive definite.
std::vector<double> cholesky(std::vector<double> m, std::size_t k)
{
    double scale = 0;
    for (std::size_t a = 0; a < k; ++a) scale = std::max(scale, m[a * k + a]);
    for (std::size_t a = 0; a < k; ++a) m[a * k + a] += 1e-12 * std::max(scale, 1e-12);
    std::vector<double> l(k * k, 0.0);
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j <= i; ++j) {
            double s = m[i * k + j];
            for (std::size_t p = 0; p < j; ++p) s -= l[i * k + p] * l[j * k + p];
            if (i == j) {
                if (!(s > 0)) throw std::runtime_error("ABC-SMC: the particle covariance is not positive definite");
                l[i * k + i] = std::sqrt(s);
            } else {
                l[i * k + j] = s / l[j * k + j];
            }
        }
    return l;
}

}  // namespace

GaussianKernel::GaussianKernel(const std::vector<std::vector<double>>& particles, const std::vector<double>& weights)
    : k_(particles.empty() ? 0 : particles[0].size()), chol_(cholesky(twice_covariance(particles, weights), k_))
{
}

std::vector<double> GaussianKernel::perturb(const std::vector<double>& centre, Rng& rng) const
{
    std::vector<double> z(k_), out(centre);
    for (auto& v : z) v = rng.normal();
    for (std::size_t i = 0; i < k_; ++i)
        for (std::size_t j = 0; j <= i; ++j) out[i] += chol_[i * k_ + j] * z[j];
    return out;
}

double GaussianKernel::density(const std::vector<double>& x, const std::vector<double>& centre) const
{
    // Solve L y = x - centre; the density is exp(-|y|^2 / 2) (the constant cancels).
    std::vector<double> y(k_);
    double q = 0;
    for (std::size_t i = 0; i < k_; ++i) {
        double s = x[i] - centre[i];
        for (std::size_t j = 0; j < i; ++j) s -= chol_[i * k_ + j] * y[j];
        y[i] = s / chol_[i * k_ + i];
        q += y[i] * y[i];
    }
    return std::exp(-0.5 * q);
}

}  // namespace cogov
