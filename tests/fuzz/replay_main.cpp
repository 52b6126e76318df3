// Replays inputs through the fuzz target without libFuzzer, so that any compiler with ASan and
// UBSan can run the seed corpus as an ordinary test (ctest "fuzz: replay seed corpus").
//
//   pgsplit_fuzz_replay PATH...   every file of each directory (recursively), or the file itself
//
// A file named ok-* must be accepted and bad-* rejected, so the seeds also pin down which side
// of the loader they exercise. A crash, a sanitizer report or a broken invariant aborts.
#include "mapping_fuzzer.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(const std::vector<fs::path>& arguments) {
  std::vector<fs::path> files;
  for (const auto& argument : arguments) {
    if (!fs::is_directory(argument)) {
      files.push_back(argument);
      continue;
    }
    for (const auto& entry : fs::recursive_directory_iterator(argument)) {
      if (entry.is_regular_file()) {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end()); // the same order on every machine
  return files;
}

bool read_file(const fs::path& file, std::string& text) {
  std::ifstream in(file, std::ios::binary);
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad() && in.is_open();
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: pgsplit_fuzz_replay PATH...\n";
    return 2;
  }
  const std::vector<fs::path> files = inputs_of({argv + 1, argv + argc});
  if (files.empty()) {
    std::cerr << "pgsplit_fuzz_replay: no input files found\n";
    return 1; // an empty corpus would make the test pass without testing anything
  }
  int accepted = 0;
  int wrong = 0;
  std::string text;
  for (const auto& file : files) {
    if (!read_file(file, text)) {
      std::cerr << "pgsplit_fuzz_replay: cannot read " << file << '\n';
      return 1;
    }
    const auto outcome = pgsplit::fuzz::check_mapping(text);
    accepted += outcome == pgsplit::fuzz::Outcome::accepted ? 1 : 0;
    const std::string name = file.filename().string();
    const bool want_ok = name.starts_with("ok-");
    const bool want_bad = name.starts_with("bad-");
    if ((want_ok && outcome != pgsplit::fuzz::Outcome::accepted) ||
        (want_bad && outcome != pgsplit::fuzz::Outcome::rejected)) {
      std::cerr << "pgsplit_fuzz_replay: " << file << " was " << (want_ok ? "rejected" : "accepted")
                << ", its name says otherwise\n";
      ++wrong;
    }
  }
  std::cout << "replayed " << files.size() << " inputs: " << accepted << " accepted, "
            << files.size() - static_cast<std::size_t>(accepted) << " rejected\n";
  return wrong == 0 ? 0 : 1;
}
