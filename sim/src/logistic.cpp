// The logistic of many floats at once, with glibc's expf's numbers.
//
// logistic_f(x) = 1 / (1 + expf(-x)) calls glibc's expf once per value. On
// x86-64 processors with FMA and AVX2, glibc (2.27 and later) runs its FMA
// build of expf, whose fast path (|x| < 88) is a handful of double
// operations: x N / ln 2 = k + r, 2^(k/N) from a table of N = 32 entries,
// 2^(r/N) by a cubic (Szabolcs Nagy's expf, glibc
// sysdeps/ieee754/flt-32/e_expf.c and e_exp2f_data.c, from Arm's
// optimized-routines). logistic_batch does the same operations, with the
// same fused multiply-adds in the same places and the same constants, four
// values at a time; any other value (|x| >= 88, NaN) and every value on
// other processors go through std::exp itself. So the result is the same
// float, bit for bit, as logistic_f: tests/sim/test_mechanisms.cpp compares
// them over the whole fast range.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "cogov/sim/mechanisms.h"
#include "x86_dispatch.h"

namespace cogov {
namespace {

#if COGOV_X86_DISPATCH
//! glibc's __exp2f_data: 2^(i/32) with i << 47 subtracted, then the scaled constants.
constexpr std::uint64_t EXP2F_TABLE[32] = {
    0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51, 0x3fef72b83c7d517b,
    0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1, 0x3fef06fe0a31b715, 0x3feef1a7373aa9cb,
    0x3feedea64c123422, 0x3feece086061892d, 0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429,
    0x3feea47eb03a5585, 0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
    0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d, 0x3feee89f995ad3ad,
    0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069, 0x3fef5818dcfba487, 0x3fef7c97337b9b5f,
    0x3fefa4afa2a490da, 0x3fefd0765b6e4540};
constexpr double INV_LN2_N = 0x1.71547652b82fep+5;  //!< 32 / ln 2
constexpr double SHIFT = 0x1.8p+52;                 //!< rounds to an integer in the low bits
constexpr double C0 = 0x1.c6af84b912394p-20, C1 = 0x1.ebfce50fac4f3p-13, C2 = 0x1.62e42ff0c52d6p-6;

//! expf of four floats on glibc's fast path (each |x| < 88), as glibc's FMA build computes it.
__attribute__((target("avx2,fma"))) __m128 expf4(__m128 x)
{
    const __m256d xd = _mm256_cvtps_pd(x);
    __m256d kd = _mm256_fmadd_pd(_mm256_set1_pd(INV_LN2_N), xd, _mm256_set1_pd(SHIFT));
    const __m256i ki = _mm256_castpd_si256(kd);
    kd = _mm256_sub_pd(kd, _mm256_set1_pd(SHIFT));
    const __m256d r = _mm256_fmsub_pd(_mm256_set1_pd(INV_LN2_N), xd, kd);
    const __m256i index = _mm256_and_si256(ki, _mm256_set1_epi64x(31));
    const __m256i t =
        _mm256_add_epi64(_mm256_i64gather_epi64(reinterpret_cast<const long long*>(EXP2F_TABLE), index, 8),
                         _mm256_slli_epi64(ki, 47));
    const __m256d z = _mm256_fmadd_pd(r, _mm256_set1_pd(C0), _mm256_set1_pd(C1));
    const __m256d r2 = _mm256_mul_pd(r, r);
    __m256d y = _mm256_fmadd_pd(r, _mm256_set1_pd(C2), _mm256_set1_pd(1.0));
    y = _mm256_fmadd_pd(z, r2, y);
    return _mm256_cvtpd_ps(_mm256_mul_pd(y, _mm256_castsi256_pd(t)));
}

__attribute__((target("avx2,fma"))) void logistic_batch_fma(float* x, std::size_t n)
{
    const __m128 one = _mm_set1_ps(1.0f);
    const __m128i sign = _mm_set1_epi32(static_cast<int>(0x80000000u));
    std::size_t k = 0;
    for (; k + 4 <= n; k += 4) {
        const __m128 minus = _mm_castsi128_ps(_mm_xor_si128(_mm_castps_si128(_mm_loadu_ps(x + k)), sign));
        // glibc's test for its slow path: the top 12 bits without the sign above those of 88.
        const __m128i top = _mm_and_si128(_mm_srli_epi32(_mm_castps_si128(minus), 20), _mm_set1_epi32(0x7ff));
        if (_mm_movemask_epi8(_mm_cmpgt_epi32(top, _mm_set1_epi32(0x42a))) != 0) {
            for (std::size_t q = k; q < k + 4; ++q) x[q] = logistic_f(x[q]);
            continue;
        }
        _mm_storeu_ps(x + k, _mm_div_ps(one, _mm_add_ps(one, expf4(minus))));
    }
    for (; k < n; ++k) x[k] = logistic_f(x[k]);
}
#endif

}  // namespace

void logistic_batch(float* x, std::size_t n)
{
#if COGOV_X86_DISPATCH
    // glibc picks its FMA expf where the processor has FMA and AVX2.
    if (__builtin_cpu_supports("fma") && __builtin_cpu_supports("avx2")) return logistic_batch_fma(x, n);
#endif
    for (std::size_t k = 0; k < n; ++k) x[k] = logistic_f(x[k]);
}

}  // namespace cogov
