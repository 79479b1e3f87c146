// Binaries: a download is hashed as it streams into the sink (and restarted on a retry), never carries
// the API key, and respects the size limit; an upload streams its body with the right headers and an
// encoded file name.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <random>

#include "api/binary_transfer.h"
#include "api/endpoints.h"
#include "core/sha256.h"
#include "tests/api/client_fixture.h"

namespace kbulk::api::testing {
namespace {

std::string Noise(std::size_t size, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(random() & 0xff);
  return out;
}

class MemorySink final : public BinarySink {
 public:
  Status Begin(std::uint64_t expected) override {
    expected_ = expected;
    return Status::Ok();
  }
  Status Write(const void* data, std::size_t size) override {
    bytes.append(static_cast<const char*>(data), size);
    return Status::Ok();
  }
  Status Reset() override {
    ++resets;
    bytes.clear();
    return Status::Ok();
  }
  std::string bytes;
  std::uint64_t expected_ = 0;
  int resets = 0;
};

class StringSource final : public BinarySource {
 public:
  explicit StringSource(std::string data) : data_(std::move(data)) {}
  std::uint64_t size() const override { return data_.size(); }
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    const std::size_t n = std::min(capacity, data_.size() - offset_);
    std::memcpy(buffer, data_.data() + offset_, n);
    offset_ += n;
    return n;
  }
  Status Rewind() override {
    ++rewinds;
    offset_ = 0;
    return Status::Ok();
  }
  int rewinds = 0;

 private:
  std::string data_;
  std::size_t offset_ = 0;
};

}  // namespace

TEST_CASE("Download streams into the sink, hashed, without the API key", "[binary]") {
  const std::string binary = Noise(3 * 1024 * 1024 + 17, 7);
  std::atomic<int> calls{0};
  ScriptedServer server([&](const RecordedRequest&) {
    if (calls++ == 0) {
      ScriptedResponse drop;
      drop.drop_connection = true;
      return drop;
    }
    return ScriptedResponse{200, binary, "image/png"};
  });
  auto client = MakeClient(TestOptions(server));
  MemorySink sink;
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/assets/abc/photo.png";
  auto result = client->Download(url, sink);
  REQUIRE(result.ok());
  CHECK(result->size == binary.size());
  CHECK(result->sha256 == Sha256::HexOf(binary));
  CHECK(result->content_type == "image/png");
  CHECK(sink.bytes == binary);
  CHECK(sink.expected_ == binary.size());
  CHECK(sink.resets == 1);
  for (const RecordedRequest& r : server.requests()) CHECK_FALSE(r.HasHeader("authorization"));
  const RequestStats stats = client->Stats();
  CHECK(stats.downloads == 1);
  CHECK(stats.api_requests == 0);  // binaries are not API requests
}

TEST_CASE("Download refuses a binary above the size limit and reports HTTP errors", "[binary]") {
  const std::string binary = Noise(200 * 1024, 3);
  ScriptedServer server([&](const RecordedRequest& r) {
    if (r.path == "/missing") return ScriptedResponse{404, "not here", "text/plain"};
    return ScriptedResponse{200, binary, "application/octet-stream"};
  });
  ClientOptions options = TestOptions(server);
  options.max_binary_size = 100 * 1024;
  auto client = MakeClient(options);
  MemorySink sink;
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  auto big = client->Download(base + "/big", sink);
  REQUIRE_FALSE(big.ok());
  CHECK_THAT(big.status().message(), Catch::Contains("limit"));
  CHECK(server.requests().size() == 1);  // not retried
  MemorySink other;
  auto missing = client->Download(base + "/missing", other);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(other.bytes.empty());
}

TEST_CASE("UploadFile streams the body with type, length and an encoded name", "[binary]") {
  const std::string binary = Noise(1024 * 1024 + 5, 11);
  std::atomic<int> calls{0};
  ScriptedServer server([&](const RecordedRequest&) {
    if (calls++ == 0) return ScriptedResponse{503, "{}"};
    return ScriptedResponse{200, "{\"id\":\"806ec84e-7c71-4856-9519-ee3dd3558583\",\"type\":\"internal\"}"};
  });
  auto client = MakeClient(TestOptions(server));
  StringSource source(binary);
  auto uploaded = client->UploadFile("my photo #1.png", "image/png", source);
  REQUIRE(uploaded.ok());
  CHECK(*uploaded == "{\"id\":\"806ec84e-7c71-4856-9519-ee3dd3558583\",\"type\":\"internal\"}");
  CHECK(source.rewinds == 1);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  for (const RecordedRequest& r : requests) {
    CHECK(r.method == "POST");
    CHECK(r.target == ApiPrefix() + "/files/my%20photo%20%231.png");
    CHECK(r.Header("content-type") == "image/png");
    CHECK(r.Header("content-length") == std::to_string(binary.size()));
    CHECK(r.Header("authorization") == std::string("Bearer ") + kTestKey);
  }
  CHECK(requests[1].body == binary);
  CHECK(client->Stats().requests.at("POST /files/{file_name}").at(200) == 1);
}

TEST_CASE("UploadFile fails cleanly when the source ends early", "[binary]") {
  ScriptedServer server([](const RecordedRequest&) { return ScriptedResponse{200, "{}"}; });
  auto client = MakeClient(TestOptions(server));
  std::string data = "short";
  std::size_t offset = 0;
  auto read = [&](void* buffer, std::size_t capacity) -> Result<std::size_t> {
    const std::size_t n = std::min(capacity, data.size() - offset);
    std::memcpy(buffer, data.data() + offset, n);
    offset += n;
    return n;
  };
  auto result = client->UploadFile("a.txt", "text/plain", 100, read, [&] {
    offset = 0;
    return Status::Ok();
  });
  REQUIRE_FALSE(result.ok());
  CHECK_THAT(result.status().message(), Catch::Contains("ended after 5 of 100 bytes"));
}

}  // namespace kbulk::api::testing
