// Values that become headers or messages: an upload's content type, server text scrubbed of the key, the
// CA bundle --ca-file builds (the system's CAs plus the file, not the file alone).
#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>

#include "api/api_error.h"
#include "api/binary_transfer.h"
#include "api/http_transport.h"
#include "api/management_client.h"
#include "tests/security/test_tls_server.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk;
using namespace kbulk::testing;

TEST_CASE("An upload's content type is sanitised", "[security][transport]") {
  CHECK(api::SanitizedContentType("image/png") == "image/png");
  CHECK(api::SanitizedContentType("  text/plain; charset=utf-8 ") == "text/plain; charset=utf-8");
  CHECK(api::SanitizedContentType("image/png\r\nX-Injected: 1") == "application/octet-stream");
  CHECK(api::SanitizedContentType("image/png\r\n") == "image/png");
  CHECK(api::SanitizedContentType(std::string("image/\0png", 10)) == "image/png");
  CHECK(api::SanitizedContentType("text/plain\x7f\x01\t") == "text/plain");
  CHECK(api::SanitizedContentType("") == "application/octet-stream");
  CHECK(api::SanitizedContentType("png") == "application/octet-stream");
  CHECK(api::SanitizedContentType("image/") == "application/octet-stream");
  CHECK(api::SanitizedContentType("im age/png") == "application/octet-stream");
  CHECK(api::SanitizedContentType("image/p\xc3\xa9ng") == "image/png");
  CHECK(api::SanitizedContentType(std::string(300, 'a') + "/b") == "application/octet-stream");
}

TEST_CASE("An upload with a hostile content type sends one clean header", "[security][transport]") {
  TempDir dir;
  LoopbackServers servers(dir.path());
  api::ClientOptions o;
  o.base_url = servers.http("/v2");
  o.environment_id = "env";
  o.api_key = "upload-test-key-0123456789";
  o.pacing.enabled = false;
  auto client = api::ManagementClient::Create(o);
  REQUIRE(client.ok());
  const std::string bytes = "hello";
  std::size_t at = 0;
  auto read = [&](void* buffer, std::size_t capacity) -> Result<std::size_t> {
    const std::size_t n = std::min(capacity, bytes.size() - at);
    std::memcpy(buffer, bytes.data() + at, n);
    at += n;
    return n;
  };
  auto uploaded = (*client)->UploadFile("a.png", "image/png\r\nX-Injected: yes\r\n", bytes.size(), read, [&] {
    at = 0;
    return Status::Ok();
  });
  INFO((uploaded.ok() ? std::string() : uploaded.status().message()));
  REQUIRE(uploaded.ok());
  const auto headers = servers.last_plain_headers();
  CHECK(headers.count("x-injected") == 0);
  REQUIRE(headers.count("content-type") == 1);
  CHECK(headers.at("content-type") == "application/octet-stream");
}

TEST_CASE("Server text is scrubbed of the key", "[security][secrets]") {
  const std::string key = "ey.canary-0123456789abcdef";
  CHECK(api::ScrubSecret("bad key " + key + " and again " + key + ".", key) ==
        "bad key <redacted> and again <redacted>.");
  CHECK(api::ScrubSecret(key + key, key) == "<redacted><redacted>");
  CHECK(api::ScrubSecret("nothing secret", key) == "nothing secret");
  CHECK(api::ScrubSecret("a short one", "short") == "a short one");  // too short to be a key

  api::Request request;
  request.route = "/items";
  // An error body longer than what a message shows, with the key across the cut: nothing of it is shown.
  const std::string body = std::string(190, 'x') + key + std::string(100, 'y');
  Status s = api::StatusFromResponse(request, 502, api::ScrubSecret(body, key));
  CHECK(s.message().find("ey.canary") == std::string::npos);
}

TEST_CASE("The CA file (--ca-file) adds to the system's CAs", "[security][tls]") {
  TempDir dir;
  LoopbackServers servers(dir.path());
  const std::string extra = ReadFileBytes(servers.ca_file());
  const std::string bundle = api::CaBundleWith(servers.ca_file());
  REQUIRE(bundle.size() >= extra.size());
  CHECK(bundle.substr(bundle.size() - extra.size()) == extra);  // the file's certificate, last
  std::ifstream system("/etc/ssl/certs/ca-certificates.crt", std::ios::binary);
  if (system) {  // Debian's bundle, curl's default here: every system CA is kept before it
    const std::string system_bundle((std::istreambuf_iterator<char>(system)), std::istreambuf_iterator<char>());
    CHECK(bundle.size() >= system_bundle.size() + extra.size());
    CHECK(bundle.compare(0, system_bundle.size(), system_bundle) == 0);
  } else {
    WARN("no /etc/ssl/certs/ca-certificates.crt here: only the file's part is checked");
  }
  CHECK(api::CaBundleWith(dir / "missing.pem").empty());
}
