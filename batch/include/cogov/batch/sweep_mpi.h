// Sweeps over MPI ranks (OpenMPI): dynamic load balancing, one writer.
#pragma once

#include "cogov/batch/sweep_run.h"

namespace cogov {

//! Was this process started by mpirun or srun (OpenMPI, PMIx or PMI
//! environment)?
bool mpi_launched();
//! Was cogov built with MPI (COGOV_WITH_MPI)?
bool mpi_supported();

struct MpiSweepResult {
    int rank = 0;
    int ranks = 1;
    SweepSummary summary;  //!< meaningful on rank 0 only
};

//! Run a sweep over all ranks. Rank 0 keeps the journal, hands out runs
//! one at a time to whichever rank asks (and to its own `config.threads`
//! worker threads), and writes the file; the other ranks run what they are
//! given. Results are identical to a serial sweep. Initialises and
//! finalises MPI. Throws std::runtime_error when built without MPI.
MpiSweepResult run_sweep_mpi(const Sweep& sweep, const SweepConfig& config);

//! Several sweeps in a row over the same ranks (a calibration's batches of
//! candidates): MPI is initialised once, by the constructor, and finalised
//! by the destructor. Every rank calls run() with the same sweep, in the
//! same order. Throws std::runtime_error when built without MPI.
class MpiSweeps {
public:
    MpiSweeps();
    ~MpiSweeps();
    MpiSweeps(const MpiSweeps&) = delete;
    MpiSweeps& operator=(const MpiSweeps&) = delete;
    int rank() const { return rank_; }
    int ranks() const { return ranks_; }
    //! One sweep as run_sweep_mpi runs it: rank 0 journals, hands out runs
    //! (to its `config.threads` threads too) and writes the file; the other
    //! ranks run what they are given. The summary is rank 0's.
    SweepSummary run(const Sweep& sweep, const SweepConfig& config);
    //! Rank 0's `bytes` to every rank.
    void broadcast(std::string& bytes);

private:
    int rank_ = 0, ranks_ = 1;
};

}  // namespace cogov
