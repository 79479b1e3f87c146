// In-process emulator for tests.
#include "tests/emulator/test_server.h"

#include <httplib.h>

#include <catch2/catch.hpp>

#include "emulator/store_seed_sink.h"

namespace kbulk::emulator::testing {

JsonDocument Reply::Json() const {
  auto doc = ParseJson(body);
  if (!doc.ok()) FAIL("response is not JSON: " << body);
  return std::move(doc).value();
}

void SeedModel(Environment& env) {
  EnvironmentSeedSink sink(env);
  auto put = [&](EntityKind kind, const char* json) {
    Status s = sink.Put(kind, json);
    REQUIRE(s.ok());
  };
  put(EntityKind::kLanguage,
      R"({"id":"11111111-0000-0000-0000-000000000001","name":"German","codename":"de-DE","external_id":"lang-de",)"
      R"("is_active":true,"is_default":false,"fallback_language":{"id":"00000000-0000-0000-0000-000000000000"}})");
  put(EntityKind::kTaxonomyGroup,
      R"({"id":"22222222-0000-0000-0000-000000000001","name":"Topics","codename":"topics","external_id":"tax-topics",)"
      R"("last_modified":"2024-01-01T00:00:00Z","terms":[{"id":"22222222-0000-0000-0000-000000000002","name":"News",)"
      R"("codename":"news","external_id":"term-news","terms":[]}]})");
  put(EntityKind::kSnippet,
      R"({"id":"33333333-0000-0000-0000-000000000001","name":"SEO","codename":"seo","external_id":"snippet-seo",)"
      R"("last_modified":"2024-01-01T00:00:00Z","elements":[{"id":"33333333-0000-0000-0000-000000000002",)"
      R"("name":"SEO title","codename":"seo__title","type":"text","guidelines":null,"is_required":false,)"
      R"("maximum_length":null}]})");
  put(EntityKind::kContentType,
      R"({"id":"44444444-0000-0000-0000-000000000002","name":"Author","codename":"author","external_id":"type-author",)"
      R"("last_modified":"2024-01-01T00:00:00Z","content_groups":[],"elements":[{"id":"44444444-0000-0000-0000-0000000000a1",)"
      R"("name":"Name","codename":"name","type":"text"},{"id":"44444444-0000-0000-0000-0000000000a2","name":"Bio",)"
      R"("codename":"bio","type":"rich_text"}]})");
  put(EntityKind::kContentType,
      R"({"id":"44444444-0000-0000-0000-000000000001","name":"Article","codename":"article","external_id":"type-article",)"
      R"("last_modified":"2024-01-01T00:00:00Z","content_groups":[],"elements":[)"
      R"({"id":"55555555-0000-0000-0000-000000000001","name":"Title","codename":"title","type":"text",)"
      R"("maximum_length":{"value":60,"applies_to":"characters"}},)"
      R"({"id":"55555555-0000-0000-0000-000000000002","name":"Body","codename":"body","type":"rich_text"},)"
      R"({"id":"55555555-0000-0000-0000-000000000003","name":"Related","codename":"related","type":"modular_content"},)"
      R"({"id":"55555555-0000-0000-0000-000000000004","name":"Pick","codename":"pick","type":"multiple_choice",)"
      R"("mode":"single","options":[{"id":"55555555-0000-0000-0000-0000000000a1","name":"A","codename":"a"},)"
      R"({"id":"55555555-0000-0000-0000-0000000000a2","name":"B","codename":"b"}]},)"
      R"({"id":"55555555-0000-0000-0000-000000000005","name":"Tags","codename":"tags","type":"taxonomy",)"
      R"("taxonomy_group":{"id":"22222222-0000-0000-0000-000000000001"}},)"
      R"({"id":"55555555-0000-0000-0000-000000000006","name":"Image","codename":"image","type":"asset"},)"
      R"({"id":"55555555-0000-0000-0000-000000000007","name":"Count","codename":"count","type":"number"},)"
      R"({"id":"55555555-0000-0000-0000-000000000008","name":"Date","codename":"date","type":"date_time"},)"
      R"({"id":"55555555-0000-0000-0000-000000000009","name":"Slug","codename":"slug","type":"url_slug",)"
      R"("depends_on":{"element":{"id":"55555555-0000-0000-0000-000000000001"}}},)"
      R"({"id":"55555555-0000-0000-0000-00000000000a","name":"Widget","codename":"widget","type":"custom",)"
      R"("source_url":"https://example.com","json_parameters":null},)"
      R"({"id":"55555555-0000-0000-0000-00000000000b","codename":"seo","type":"snippet",)"
      R"("snippet":{"id":"33333333-0000-0000-0000-000000000001"}}]})");
}

TestServer::TestServer(ServerOptions options, bool seed_model) {
  options.host = "127.0.0.1";
  options.port = 0;
  server_ = std::make_unique<Server>(options);
  REQUIRE(server_->Bind().ok());
  Environment& env = server_->store().Create("Production", true);
  env_id_ = env.id;
  if (seed_model) SeedModel(env);
  REQUIRE(server_->Run().ok());
}

TestServer::~TestServer() {
  server_->Stop();
}

Reply TestServer::Call(const std::string& method, const std::string& path, const std::string& body,
                       const std::map<std::string, std::string>& headers, bool with_auth) {
  httplib::Client client("127.0.0.1", server_->port());
  client.set_connection_timeout(5);
  client.set_read_timeout(20);
  httplib::Headers h;
  for (const auto& [k, v] : headers) h.emplace(k, v);
  if (with_auth) h.emplace("Authorization", "Bearer " + server_->options().api_key);
  const std::string content_type = headers.count("Content-Type") ? headers.at("Content-Type") : "application/json";
  auto send = [&]() -> httplib::Result {
    if (method == "POST") return client.Post(path, h, body, content_type);
    if (method == "PUT") return client.Put(path, h, body, content_type);
    if (method == "PATCH") return client.Patch(path, h, body, content_type);
    if (method == "DELETE") return client.Delete(path, h, body, content_type);
    return client.Get(path, h);
  };
  httplib::Result result = send();
  Reply reply;
  if (!result) return reply;
  reply.status = result->status;
  reply.body = result->body;
  for (const auto& [k, v] : result->headers) reply.headers[k] = v;
  return reply;
}

Reply TestServer::Api(const std::string& method, const std::string& path, const std::string& body) {
  return Call(method, api_base() + path, body);
}

}  // namespace kbulk::emulator::testing
