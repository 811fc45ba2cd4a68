// The Python-side owner of one cogov::Model (model.cpp, views.cpp).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "cogov/sim/model.h"

namespace cogov::python {

//! A model and what Python needs beside it. The state's arrays are sized
//! once when the city is built and never reallocated (the step loop does
//! not allocate), so views into them stay valid while this object lives;
//! every view holds a reference to it.
struct ModelHandle {
    ModelHandle(Scenario scenario, std::uint64_t seed, int threads) : model(std::move(scenario), seed, threads) {}
    Model model;
    //! Set while the engine steps without the GIL, so that another Python
    //! thread cannot step or change the model at the same time.
    std::atomic<bool> busy{false};
    //! Each resident's community (residents are stored community by community).
    std::vector<std::uint32_t> community_of;
};

}  // namespace cogov::python
