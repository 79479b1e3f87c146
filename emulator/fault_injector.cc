// Counter-based hashing (splitmix64) keeps fault decisions independent of threads and timing.
#include "emulator/fault_injector.h"

#include <cstdlib>
#include <string>

#include "core/json.h"

namespace kbulk::emulator {
namespace {

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::string_view FaultName(Fault fault) {
  switch (fault) {
    case Fault::kNone: return "none";
    case Fault::kRateLimited: return "429";
    case Fault::kInternalError: return "500";
    case Fault::kUnavailable: return "503";
    case Fault::kReset: return "reset";
    case Fault::kTruncate: return "truncate";
    case Fault::kSlow: return "slow";
    case Fault::kAppliedError: return "applied_500";
  }
  return "none";
}

bool FaultInjector::BinaryLost(std::string_view file_id) const {
  if (spec_.rate_binary_lost <= 0) return false;
  std::uint64_t h = spec_.seed * 0x9e3779b97f4a7c15ULL + 0x51ed27;
  for (unsigned char c : file_id) h = (h ^ c) * 0x100000001b3ULL;  // FNV-1a over the id
  h ^= h >> 33;
  return static_cast<double>(h % 1000000) / 1e6 < spec_.rate_binary_lost;
}

Result<FaultSpec> ParseFaultSpec(std::string_view spec) {
  FaultSpec out;
  while (!spec.empty()) {
    std::size_t comma = spec.find(',');
    std::string part(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    std::size_t eq = part.find('=');
    if (eq == std::string::npos) return InvalidArgument("faults: '" + part + "' is not NAME=VALUE");
    std::string name = part.substr(0, eq);
    std::string value = part.substr(eq + 1);
    char* end = nullptr;
    if (name == "writes_only") {
      if (value != "0" && value != "1") return InvalidArgument("faults: writes_only must be 0 or 1");
      out.writes_only = value == "1";
      continue;
    }
    if (name == "seed" || name == "slow_ms" || name == "503_retry_after") {
      unsigned long long v = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0') return InvalidArgument("faults: " + name + " must be a whole number");
      if (name == "seed")
        out.seed = v;
      else if (v > 3600)
        return InvalidArgument("faults: " + name + " must be at most 3600");
      else if (name == "slow_ms")
        out.slow_ms = static_cast<int>(v);
      else
        out.retry_after_503 = static_cast<int>(v);
      continue;
    }
    double rate = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || rate < 0 || rate > 1)
      return InvalidArgument("faults: the rate of " + name + " must be a number between 0 and 1");
    if (name == "429")
      out.rate_429 = rate;
    else if (name == "500")
      out.rate_500 = rate;
    else if (name == "503")
      out.rate_503 = rate;
    else if (name == "reset")
      out.rate_reset = rate;
    else if (name == "truncate")
      out.rate_truncate = rate;
    else if (name == "slow")
      out.rate_slow = rate;
    else if (name == "applied_500")
      out.rate_applied_500 = rate;
    else if (name == "binary_lost")
      out.rate_binary_lost = rate;
    else
      return InvalidArgument(
          "faults: unknown fault '" + name +
          "' (429, 500, 503, reset, truncate, slow, applied_500, binary_lost, seed, slow_ms, 503_retry_after, "
          "writes_only)");
  }
  if (out.total_rate() > 1) return InvalidArgument("faults: the rates add up to more than 1");
  return out;
}

Fault FaultInjector::Decide(std::uint64_t n) const {
  if (!spec_.enabled()) return Fault::kNone;
  double u = static_cast<double>(SplitMix64(SplitMix64(spec_.seed) ^ n) >> 11) * 0x1.0p-53;
  const std::pair<double, Fault> table[] = {
      {spec_.rate_429, Fault::kRateLimited},         {spec_.rate_500, Fault::kInternalError},
      {spec_.rate_503, Fault::kUnavailable},         {spec_.rate_reset, Fault::kReset},
      {spec_.rate_truncate, Fault::kTruncate},       {spec_.rate_slow, Fault::kSlow},
      {spec_.rate_applied_500, Fault::kAppliedError}};
  double cumulative = 0;
  for (const auto& [rate, fault] : table) {
    cumulative += rate;
    if (u < cumulative) return fault;
  }
  return Fault::kNone;
}

Fault FaultInjector::Next() {
  const std::uint64_t n = counter_.fetch_add(1);
  if (paused_) return Fault::kNone;
  const Fault fault = Decide(n);
  if (fault != Fault::kNone) ++injected_[static_cast<int>(fault)];
  return fault;
}

Fault FaultInjector::Next(std::string_view method) {
  const Fault fault = Decide(counter_.fetch_add(1));
  if (paused_ || fault == Fault::kNone || (spec_.writes_only && (method == "GET" || method == "HEAD")))
    return Fault::kNone;
  ++injected_[static_cast<int>(fault)];
  return fault;
}

std::uint64_t FaultInjector::InjectedTotal() const {
  std::uint64_t total = 0;
  for (int k = 1; k < kKinds; ++k) total += injected_[k];
  return total;
}

std::string FaultInjector::InjectedJson() const {
  JsonWriter w;
  w.StartObject();
  for (int k = 1; k < kKinds; ++k) w.Key(std::string(FaultName(static_cast<Fault>(k)))).Uint(injected_[k]);
  w.Key("total").Uint(InjectedTotal());
  w.EndObject();
  return w.str();
}

}  // namespace kbulk::emulator
