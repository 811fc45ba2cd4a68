// The perturbation kernel of ABC-SMC: a multivariate normal with twice the
// weighted covariance of the previous generation (Beaumont et al. 2009),
// in the priors' working coordinates.
#pragma once

#include <vector>

namespace cogov {

class Rng;

class GaussianKernel {
public:
    //! From particles [i][k] (working coordinates) and normalised weights.
    GaussianKernel(const std::vector<std::vector<double>>& particles, const std::vector<double>& weights);

    //! A draw around `centre`.
    std::vector<double> perturb(const std::vector<double>& centre, Rng& rng) const;
    //! The density of `x` around `centre`, up to a constant factor common
    //! to all pairs.
    double density(const std::vector<double>& x, const std::vector<double>& centre) const;

private:
    std::size_t k_;
    std::vector<double> chol_;  //!< lower Cholesky factor of the covariance, row-major k x k
};

}  // namespace cogov
