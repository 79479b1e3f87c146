// `kbulk richtext check` and `kbulk richtext rewrite` end to end through the built program.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

Run Kbulk(const std::string& arguments) {
  Run run;
  std::string command = std::string(KBULK_BINARY) + " " + arguments + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  auto dir = std::filesystem::temp_directory_path() / ("kbulk-richtext-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace

TEST_CASE("cli richtext check: valid, invalid with locations, element settings", "[richtext][cli]") {
  std::string valid = WriteTemp("valid.html", "<p>Hello <strong>world</strong></p>");
  std::string invalid = WriteTemp("invalid.html", "<p>a</p>\n<div>b</div>");
  Run ok = Kbulk("richtext check " + valid);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.empty());
  Run bad = Kbulk("richtext check " + invalid);
  CHECK(bad.exit_code == 1);
  CHECK(bad.out == invalid + ":2:1: unsupported_element: <div> is not supported in rich text\n");
  Run json = Kbulk("richtext check --json " + invalid);
  CHECK(json.exit_code == 1);
  CHECK(json.out.find("\"valid\":false") != std::string::npos);
  CHECK(json.out.find("\"code\":\"unsupported_element\",") != std::string::npos);
  CHECK(json.out.find("\"line\":2,\"column\":1,\"offset\":9") != std::string::npos);
  std::string type = WriteTemp("type.json",
                               "{\"codename\":\"article\",\"elements\":[{\"type\":\"rich_text\",\"codename\":\"body\","
                               "\"allowed_formatting\":[\"italic\"]}]}");
  Run settings = Kbulk("richtext check " + valid + " --type-file " + type + " --element body");
  CHECK(settings.exit_code == 1);
  CHECK(settings.out.find(":1:10: formatting_not_allowed:") != std::string::npos);
  CHECK(Kbulk("richtext check " + valid + " --type-file " + type + " --element nope").exit_code == 2);
  CHECK(Kbulk("richtext check - < " + valid).exit_code == 0);
}

TEST_CASE("cli richtext rewrite: mapped, unmapped policies, json report", "[richtext][cli]") {
  const std::string item = "9637943f-8488-456c-93b1-7c11e818ae91";
  std::string html = WriteTemp("links.html", "<p><a data-item-id=\"" + item + "\">x</a> <a data-asset-id=\"" +
                                                 "d4d07406-adfd-404b-bbd5-58c5de6adfd2\">y</a></p>\n");
  std::string map = WriteTemp("map.json", "{\"items\":{\"id_to_external_id\":{\"" + item + "\":\"about-us\"}}}");
  Run kept = Kbulk("richtext rewrite " + html + " --map " + map);
  CHECK(kept.exit_code == 0);
  CHECK(kept.out ==
        "<p><a data-item-external-id=\"about-us\">x</a> <a "
        "data-asset-id=\"d4d07406-adfd-404b-bbd5-58c5de6adfd2\">y</a></p>\n");
  Run failed = Kbulk("richtext rewrite " + html + " --map " + map + " --unmapped fail");
  CHECK(failed.exit_code == 1);
  Run placeholder = Kbulk("richtext rewrite --json " + html + " --map " + map + " --unmapped placeholder");
  CHECK(placeholder.exit_code == 0);
  CHECK(placeholder.out.find("data-asset-external-id=\\\"d4d07406-adfd-404b-bbd5-58c5de6adfd2\\\"") !=
        std::string::npos);
  CHECK(placeholder.out.find("\"unmapped\":[{\"kind\":\"asset_link\",\"by\":\"id\"") != std::string::npos);
  CHECK(Kbulk("richtext rewrite " + html).exit_code == 2);  // --map is required
}
