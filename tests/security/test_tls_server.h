// Loopback servers for the transport tests: an HTTPS server (cpp-httplib SSLServer) whose self-signed
// certificate for 127.0.0.1 is made at test time with the OpenSSL API, and a plain HTTP server that
// counts what reaches it (the target a downgrading redirect points at). Both on 127.0.0.1, port 0.
//
// HTTPS routes: GET /v2/projects/<kTlsEnvironmentId> (an environment), GET /blob (kBlob), GET /to-http (302 to the
// plain server's /blob), GET /to-https (302 to its own /blob). Plain routes: GET /blob, POST /v2/... (any:
// records the request's headers and answers an upload's {"id","type"}).
#pragma once

#include <map>
#include <memory>
#include <string>

namespace kbulk::testing {

inline constexpr const char* kTlsEnvironmentId = "0e0e0e0e-0000-4000-8000-0000000071e5";
inline constexpr const char* kBlob = "0123456789";

class LoopbackServers {
 public:
  // Writes the certificate (PEM) to `dir`/ca.pem.
  explicit LoopbackServers(const std::string& dir);
  ~LoopbackServers();

  std::string https(const std::string& path) const;
  std::string http(const std::string& path) const;
  const std::string& ca_file() const { return ca_file_; }
  int plain_hits() const;
  // Headers (names lower case) of the last request the plain server received.
  std::map<std::string, std::string> last_plain_headers() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string ca_file_;
};

}  // namespace kbulk::testing
