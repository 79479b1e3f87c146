// The emulator refuses a request body before reading it when the key is wrong, the announced size is
// over the limit or the size is unknown: a raw socket sends only the headers (announcing a gigabyte) and
// must get the refusal and the connection closed without sending a byte of body. If the emulator waited
// for the body, the read would time out and the test fail. A warning when it listens beyond loopback with
// the well-known default key.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tests/support/kbulk_process.h"

using namespace kbulk::testing;

namespace {

int PortOf(const Emulator& emu) {
  return std::stoi(emu.origin().substr(emu.origin().rfind(':') + 1));
}

// Sends `request` on a fresh connection to 127.0.0.1 and returns everything the server sends until it
// closes the connection (or 30 s pass without a byte: then `closed` is false).
std::string Exchange(int port, const std::string& request, bool* closed) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  timeval timeout{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
  std::string response;
  char buffer[4096];
  *closed = false;
  for (;;) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      response.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    *closed = n == 0;
    break;
  }
  ::close(fd);
  return response;
}

std::string Headers(const std::string& method, const std::string& path, const std::string& key,
                    const std::string& extra) {
  return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key +
         "\r\nContent-Type: application/json\r\n" + extra + "\r\n";
}

std::string StatusLine(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

}  // namespace

TEST_CASE("Emulator: bodies are refused before they are read", "[security][emulator]") {
  Emulator emu({"--seed", "empty", "--rate-limit", "off"});
  const int port = PortOf(emu);
  const std::string items = "/v2/projects/" + emu.environment_id() + "/items";
  const std::string gigabyte = "Content-Length: 1000000000\r\n";
  bool closed = false;

  SECTION("a wrong key: 401 before the body") {
    auto r = Exchange(port, Headers("POST", items, "wrong-key", gigabyte), &closed);
    INFO(r);
    CHECK(StatusLine(r) == "HTTP/1.1 401 Unauthorized");
    CHECK(closed);
    auto put = Exchange(port, Headers("PUT", items + "/codename/x", "wrong-key", gigabyte), &closed);
    CHECK(StatusLine(put) == "HTTP/1.1 401 Unauthorized");
    CHECK(closed);
  }
  SECTION("the right key, a size over the limit: 413 before the body") {
    auto r = Exchange(port, Headers("POST", items, emu.api_key(), gigabyte), &closed);
    INFO(r);
    CHECK(StatusLine(r) == "HTTP/1.1 413 Payload Too Large");
    CHECK(closed);
    auto absurd =
        Exchange(port, Headers("POST", items, emu.api_key(), "Content-Length: 99999999999999999999\r\n"), &closed);
    CHECK(StatusLine(absurd) == "HTTP/1.1 413 Payload Too Large");
  }
  SECTION("no length at all: 411 instead of reading until the connection closes") {
    auto r = Exchange(port, Headers("POST", items, emu.api_key(), ""), &closed);
    INFO(r);
    CHECK(StatusLine(r) == "HTTP/1.1 411 Length Required");
    CHECK(closed);
  }
  SECTION("a small body with the right key is served as before, chunked ones too") {
    const std::string body = R"({"name":"Raw socket","codename":"raw_socket","type":{"codename":"nope"}})";
    auto r = Exchange(port,
                      Headers("POST", items, emu.api_key(),
                              "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n") +
                          body,
                      &closed);
    INFO(r);
    CHECK(StatusLine(r) == "HTTP/1.1 400 Bad Request");  // the type does not exist: read and judged
    CHECK(r.find("nope") != std::string::npos);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    auto chunked =
        Exchange(port,
                 Headers("POST", items, emu.api_key(), "Transfer-Encoding: chunked\r\nConnection: close\r\n") + size +
                     "\r\n" + body + "\r\n0\r\n\r\n",
                 &closed);
    INFO(chunked);
    CHECK(StatusLine(chunked) == "HTTP/1.1 400 Bad Request");
    CHECK(chunked.find("nope") != std::string::npos);
  }
  auto stats = emu.Get("/_emulator/stats");
  CHECK(stats.find("POST") != std::string::npos);
}

TEST_CASE("Emulator: a warning when it would listen beyond loopback with the default key", "[security][emulator]") {
  // 192.0.2.1 (TEST-NET-1) is no address of this machine: the bind fails, nothing listens beyond loopback,
  // and the warning comes before the bind.
  auto run = RunKbulk({"emulator", "--listen", "192.0.2.1:0", "--seed", "empty"});
  INFO(run.err);
  CHECK(run.exit_code != 0);
  CHECK(run.err.find("warning: listening on 192.0.2.1") != std::string::npos);
  CHECK(run.err.find("--api-key") != std::string::npos);

  auto own_key = RunKbulk({"emulator", "--listen", "192.0.2.1:0", "--seed", "empty", "--api-key", "a-secret-of-mine"});
  CHECK(own_key.exit_code != 0);
  CHECK(own_key.err.find("warning") == std::string::npos);
}
