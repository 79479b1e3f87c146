// TLS against a self-signed loopback server: without --ca-file the API fails verification; with it the
// API and downloads work; --insecure relaxes the API host only, never asset downloads; a download never
// follows a redirect from https to http; the downloaded size must be the asset's.
#include <catch2/catch.hpp>

#include "api/management_client.h"
#include "tests/security/test_tls_server.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

class StringSink final : public api::BinarySink {
 public:
  Status Write(const void* data, std::size_t size) override {
    bytes.append(static_cast<const char*>(data), size);
    return Status::Ok();
  }
  Status Reset() override {
    bytes.clear();
    return Status::Ok();
  }
  std::string bytes;
};

std::unique_ptr<api::ManagementClient> Client(const LoopbackServers& servers, const std::string& ca_file,
                                              bool insecure) {
  api::ClientOptions o;
  o.base_url = servers.https("/v2");
  o.environment_id = kTlsEnvironmentId;
  o.api_key = "tls-test-key-0123456789";
  o.ca_file = ca_file;
  o.insecure_loopback = insecure;
  o.pacing.enabled = false;
  o.retry.max_attempts = 2;
  o.retry.base_delay = std::chrono::milliseconds(1);
  auto client = api::ManagementClient::Create(o);
  REQUIRE(client.ok());
  return std::move(client).value();
}

api::Request GetEnvironment() {
  api::Request r;
  r.route = "/";
  r.object = "environment";
  return r;
}

}  // namespace

TEST_CASE("TLS: an unknown CA fails, --ca-file trusts it for the API and downloads", "[security][tls]") {
  TempDir dir;
  LoopbackServers servers(dir.path());

  auto plain = Client(servers, "", false);
  auto refused = plain->Send(GetEnvironment());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message().find("TLS") != std::string::npos);
  StringSink sink;
  CHECK_FALSE(plain->Download(servers.https("/blob"), sink).ok());

  auto trusted = Client(servers, servers.ca_file(), false);
  auto env = trusted->Send(GetEnvironment());
  INFO((env.ok() ? std::string() : env.status().message()));
  REQUIRE(env.ok());
  CHECK(env->body.find("TLS test") != std::string::npos);
  StringSink blob;
  auto got = trusted->Download(servers.https("/blob"), blob, 10);
  INFO((got.ok() ? std::string() : got.status().message()));
  REQUIRE(got.ok());
  CHECK(blob.bytes == kBlob);
}

TEST_CASE("TLS: --insecure applies to the API host, never to asset downloads", "[security][tls]") {
  TempDir dir;
  LoopbackServers servers(dir.path());
  auto insecure = Client(servers, "", true);
  auto env = insecure->Send(GetEnvironment());
  INFO((env.ok() ? std::string() : env.status().message()));
  CHECK(env.ok());
  StringSink sink;
  auto download = insecure->Download(servers.https("/blob"), sink);
  REQUIRE_FALSE(download.ok());
  CHECK(download.status().message().find("TLS") != std::string::npos);
  CHECK(sink.bytes.empty());
}

TEST_CASE("Downloads: no https -> http redirect, http(s) URLs only, the asset's size", "[security][tls]") {
  TempDir dir;
  LoopbackServers servers(dir.path());
  auto client = Client(servers, servers.ca_file(), false);

  StringSink followed;
  auto same_scheme = client->Download(servers.https("/to-https"), followed);
  INFO((same_scheme.ok() ? std::string() : same_scheme.status().message()));
  REQUIRE(same_scheme.ok());
  CHECK(followed.bytes == kBlob);

  StringSink downgraded;
  auto refused = client->Download(servers.https("/to-http"), downgraded);
  CHECK_FALSE(refused.ok());
  CHECK(servers.plain_hits() == 0);  // the plain-http target was never contacted
  CHECK(downgraded.bytes.empty());

  for (const std::string url : {"file:///etc/passwd", "ftp://127.0.0.1/blob", "/relative/blob", "gopher://x/"}) {
    StringSink sink;
    auto bad = client->Download(url, sink);
    INFO(url);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().code() == StatusCode::kInvalidArgument);
  }

  StringSink shorter, longer;
  auto too_short = client->Download(servers.https("/blob"), shorter, 11);  // the asset says 11 bytes
  REQUIRE_FALSE(too_short.ok());
  CHECK(too_short.status().code() == StatusCode::kCorrupt);
  CHECK(too_short.status().message().find("size is 11") != std::string::npos);
  auto too_long = client->Download(servers.https("/blob"), longer, 4);  // more than the asset's 4 bytes
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.status().code() == StatusCode::kCorrupt);
}

TEST_CASE("TLS on the command line: kbulk env info with and without --ca-file, with --insecure",
          "[security][tls][cli]") {
  TempDir dir;
  LoopbackServers servers(dir.path());
  const std::map<std::string, std::string> env = {{"KONTENT_API_KEY", "tls-test-key-0123456789"}};
  const std::vector<std::string> base = {
      "env", "info", "--base-url", servers.https("/v2"), "--environment-id", kTlsEnvironmentId};

  auto refused = RunKbulk(base, env);
  INFO(refused.err);
  CHECK(refused.exit_code == 4);
  CHECK(refused.err.find("TLS") != std::string::npos);

  auto with_ca = base;
  with_ca.insert(with_ca.end(), {"--ca-file", servers.ca_file()});
  auto trusted = RunKbulk(with_ca, env);
  INFO(trusted.err);
  CHECK(trusted.exit_code == 0);
  CHECK(trusted.out.find("TLS test") != std::string::npos);

  auto insecure = base;
  insecure.push_back("--insecure");
  auto relaxed = RunKbulk(insecure, env);
  INFO(relaxed.err);
  CHECK(relaxed.exit_code == 0);
}
