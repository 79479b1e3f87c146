// Error bodies exactly as the service shapes them: {"request_id","error_code","message",
// "validation_errors":[{"message", optional "path"}]} with the spec's error codes.
#pragma once

#include <string>
#include <vector>

#include "emulator/api_types.h"

namespace kbulk::emulator {

// The service's internal error codes seen in the spec's samples.
enum ApiErrorCode : int {
  kErrGeneric = 0,
  kErrInvalidBody = 5,
  kErrItemNotFound = 100,
  kErrVariantNotFound = 103,
  kErrAssetNotFound = 105,
  kErrObjectNotFound = 107,
  kErrWebhookNotFound = 111,
  kErrSpaceNotFound = 121,
  kErrVariantNotPublished = 213,
  kErrNotPublishedForNewVersion = 214,
  kErrCannotChangeToPublished = 215,
  kErrNotScheduled = 218,
  kErrAlreadyProduction = 232,
  kErrProductionCannotBeDeleted = 233,
  kErrDefaultWorkflowCannotBeDeleted = 235,
  kErrRateLimited = 10000,
};

struct ValidationError {
  std::string message;
  std::string path;  // JSON path of the offending value; omitted when empty
};

ApiResponse ErrorResponse(int status, int error_code, std::string message,
                          const std::vector<ValidationError>& validation_errors = {});

// 400 "The provided request body is invalid..." with the given validation errors.
ApiResponse InvalidBody(const std::vector<ValidationError>& validation_errors);
ApiResponse InvalidBody(std::string single_message, std::string path = {});
ApiResponse NotFoundError(int error_code, std::string message);
ApiResponse Unauthorized();
ApiResponse Forbidden(std::string message);
ApiResponse RateLimited(int retry_after_seconds);

}  // namespace kbulk::emulator
