// doctest's runner with libgit2 initialised for the whole run.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "git/handles.h"

int main(int argc, char** argv) {
  codegate::git::Library libgit2;
  doctest::Context context(argc, argv);
  return context.run();
}
