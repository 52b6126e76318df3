#pragma once

#include <pgsplit/copy/interrupt.hpp>
#include <pgsplit/copy/worker.hpp>

#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <vector>

// Runs a graph of jobs on N worker threads: a job starts once every job it comes after has
// finished, highest priority first (largest tables first). After a failure no new job starts;
// jobs already running finish (what they complete stays done for --resume). After an interrupt
// running jobs are cancelled too.
namespace pgsplit::copy {

struct Job {
  std::string name; // "auth: public.users (data)"
  std::int64_t priority = 0;
  std::vector<std::size_t> after; // indexes of the jobs that must finish first
  std::function<void(Worker&)> run;
};

enum class JobState { pending, done, failed, skipped };

struct JobFailure {
  std::size_t job = 0;
  std::exception_ptr error;
};

struct RunOutcome {
  std::vector<JobState> states;
  std::vector<JobFailure> failures; // in the order they happened
};

// Workers left idle once a job starts: of `workers`, `running` are busy (the starting job
// included) and `ready` more jobs are waiting for a worker. Never negative.
int spare_workers(int workers, int running, std::size_t ready);

// Before each job, its worker learns spare_workers() at that moment (Worker::spare_workers).
RunOutcome run_jobs(const std::vector<Job>& jobs, int worker_count, const SessionSettings& settings,
                    Interrupt& interrupt);

} // namespace pgsplit::copy
