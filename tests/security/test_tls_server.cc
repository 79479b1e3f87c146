// The certificate: an EC P-256 key and a self-signed X.509 v3 certificate for IP 127.0.0.1 and
// localhost (CA:TRUE, so it can be given to --ca-file as its own trust anchor), valid for a day.
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include "tests/security/test_tls_server.h"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace kbulk::testing {
namespace {

void AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) throw std::runtime_error("cannot make a certificate extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// Returns the certificate; `*key` receives its key. Both owned by the caller.
X509* MakeSelfSigned(EVP_PKEY** key) {
  *key = EVP_EC_gen("P-256");
  if (*key == nullptr) throw std::runtime_error("cannot generate a key");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 4711);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_set_pubkey(cert, *key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("kbulk test CA"), -1, -1,
                             0);
  X509_set_issuer_name(cert, name);
  AddExtension(cert, NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(cert, NID_key_usage, "critical,digitalSignature,keyCertSign");
  AddExtension(cert, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
  if (X509_sign(cert, *key, EVP_sha256()) == 0) throw std::runtime_error("cannot sign the certificate");
  return cert;
}

}  // namespace

struct LoopbackServers::Impl {
  X509* cert = nullptr;
  EVP_PKEY* key = nullptr;
  std::unique_ptr<httplib::SSLServer> tls;
  httplib::Server plain;
  int tls_port = 0;
  int plain_port = 0;
  std::thread tls_thread, plain_thread;
  std::atomic<int> plain_hits{0};
  mutable std::mutex mu;
  std::map<std::string, std::string> last_headers;
};

LoopbackServers::LoopbackServers(const std::string& dir) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.cert = MakeSelfSigned(&s.key);
  ca_file_ = dir + "/ca.pem";
  std::FILE* f = std::fopen(ca_file_.c_str(), "wb");
  if (f == nullptr || PEM_write_X509(f, s.cert) != 1) throw std::runtime_error("cannot write " + ca_file_);
  std::fclose(f);

  s.tls = std::make_unique<httplib::SSLServer>(s.cert, s.key);
  if (!s.tls->is_valid()) throw std::runtime_error("the TLS server is not valid");
  s.tls->Get(std::string("/v2/projects/") + kTlsEnvironmentId, [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        std::string(R"({"id":")") + kTlsEnvironmentId + R"(","name":"TLS test","environment":"Production"})",
        "application/json");
  });
  s.tls->Get("/blob", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kBlob, "application/octet-stream");
  });
  s.tls->Get("/to-http", [this](const httplib::Request&, httplib::Response& res) { res.set_redirect(http("/blob")); });
  s.tls->Get("/to-https",
             [this](const httplib::Request&, httplib::Response& res) { res.set_redirect(https("/blob")); });
  s.plain.Get("/blob", [&s](const httplib::Request&, httplib::Response& res) {
    ++s.plain_hits;
    res.set_content(kBlob, "application/octet-stream");
  });
  s.plain.Post(R"(/v2/.*)", [&s](const httplib::Request& req, httplib::Response& res) {
    ++s.plain_hits;
    {
      std::lock_guard lock(s.mu);
      s.last_headers.clear();
      for (const auto& [k, v] : req.headers) {
        std::string lower = k;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        s.last_headers[lower] = v;
      }
    }
    res.status = 200;
    res.set_content(R"({"id":"f0f0f0f0-0000-4000-8000-000000000001","type":"internal"})", "application/json");
  });
  s.tls_port = s.tls->bind_to_any_port("127.0.0.1");
  s.plain_port = s.plain.bind_to_any_port("127.0.0.1");
  if (s.tls_port <= 0 || s.plain_port <= 0) throw std::runtime_error("cannot listen on 127.0.0.1");
  s.tls_thread = std::thread([&s] { s.tls->listen_after_bind(); });
  s.plain_thread = std::thread([&s] { s.plain.listen_after_bind(); });
  // stop() before the accept loop runs would be lost (and the join would wait forever): wait for both.
  while (!s.tls->is_running() || !s.plain.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

LoopbackServers::~LoopbackServers() {
  impl_->tls->stop();
  impl_->plain.stop();
  impl_->tls_thread.join();
  impl_->plain_thread.join();
  impl_->tls.reset();
  X509_free(impl_->cert);
  EVP_PKEY_free(impl_->key);
}

std::string LoopbackServers::https(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(impl_->tls_port) + path;
}

std::string LoopbackServers::http(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(impl_->plain_port) + path;
}

int LoopbackServers::plain_hits() const {
  return impl_->plain_hits.load();
}

std::map<std::string, std::string> LoopbackServers::last_plain_headers() const {
  std::lock_guard lock(impl_->mu);
  return impl_->last_headers;
}

}  // namespace kbulk::testing
