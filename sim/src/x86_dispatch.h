// Processor-specific code paths of the engine, chosen at run time; every
// path gives the same numbers (checked by bench/identical.sh, with this
// test forced to 0 for the portable paths: bench/README.md).
#pragma once

//! 1 on x86-64 with GCC or Clang: functions marked
//! `__attribute__((target("avx2")))`, called after a
//! `__builtin_cpu_supports("avx2")` test; 0 elsewhere (the portable code only).
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define COGOV_X86_DISPATCH 1
#else
#define COGOV_X86_DISPATCH 0
#endif

//! Before a function: an AVX2 clone and the baseline one, picked when the
//! program loads (GCC's target_clones, an ifunc: x86-64 Linux only); nothing
//! elsewhere. "avx2" does not enable FMA, so no clone contracts operations.
#if COGOV_X86_DISPATCH && !defined(__clang__) && defined(__linux__)
#define COGOV_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define COGOV_AVX2_CLONES
#endif
