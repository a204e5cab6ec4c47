#pragma once

#include "cli/config.h"

namespace wakala::cli {

// Builds the object graph (store, theme, cache, site, server), serves until SIGTERM/SIGINT,
// and returns the exit code (0 after a graceful shutdown).
int Serve(const Config& config);

}  // namespace wakala::cli
