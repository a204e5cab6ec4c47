#include "cli/commands.h"

int main(int argc, char** argv) { return wakala::cli::Main(argc, argv); }
