#pragma once

namespace wakala::cli {

// Parses the command line, runs the sub-command, returns the process exit code:
// 0 success, 1 the command failed (message on stderr), 2 bad usage.
int Main(int argc, char** argv);

}  // namespace wakala::cli
