// cli/next_step.h: which failures get a "kbulk: hint:" and that the advice names what to change.
#include <catch2/catch.hpp>

#include "cli/next_step.h"

using kbulk::Status;
using kbulk::StatusCode;
using kbulk::cli::NextStep;

TEST_CASE("each kind of failure a newcomer meets gets advice naming what to change", "[cli][hint]") {
  CHECK(NextStep(Status(StatusCode::kUnauthenticated, "HTTP 401")).find("KONTENT_API_KEY") != std::string::npos);
  CHECK(NextStep(Status(StatusCode::kPermissionDenied, "HTTP 403")).find("--environment-id") != std::string::npos);
  CHECK(NextStep(Status(StatusCode::kNotFound, "GET /projects/{environment_id} (environment): HTTP 404: x"))
            .find("KONTENT_ENVIRONMENT_ID") != std::string::npos);
  CHECK(NextStep(Status(StatusCode::kUnavailable, "GET x: TLS: bad record")).find("--ca-file") != std::string::npos);
  CHECK(NextStep(Status(StatusCode::kUnavailable, "GET x: no response: refused")).find("--base-url") !=
        std::string::npos);
  CHECK(NextStep(Status(StatusCode::kUnavailable, "GET x: HTTP 503")).find("again later") != std::string::npos);
  CHECK(NextStep(Status(StatusCode::kRateLimited, "HTTP 429")).find("--rate-limit") != std::string::npos);
  CHECK(NextStep(Status(StatusCode::kIo, "writing 'a': No space left on device")).find("free space") !=
        std::string::npos);
  CHECK(NextStep(Status(StatusCode::kUnsupported, "kbulk.json: format version 2.0 is not readable"))
            .find("newer kbulk") != std::string::npos);
}

TEST_CASE("failures whose message says it all get no hint", "[cli][hint]") {
  CHECK(NextStep(Status(StatusCode::kNotFound, "no content type 'article'")).empty());
  CHECK(NextStep(Status(StatusCode::kIo, "cannot open 'a': Permission denied")).empty());
  CHECK(NextStep(Status(StatusCode::kConflict, "the journal belongs to another import")).empty());
  CHECK(NextStep(Status(StatusCode::kCorrupt, "entry 'x': checksum mismatch")).empty());
  CHECK(NextStep(Status(StatusCode::kUnsupported, "element type 'x' has no feed form")).empty());
}
