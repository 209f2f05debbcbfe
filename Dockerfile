# codegate as a container: the GitHub Action (action.yml builds this file), the GitLab job and the
# pre-commit hook all run this image. Two stages, both on the Debian release the project targets:
# the build stage compiles and runs the unit tests, so an image only exists when they pass; the
# runtime stage holds the binary, the analyzers and the shared libraries it links, nothing else.
#
# Every package comes from Debian's archive: a build that downloads anything else cannot run on
# machines that only reach the Debian mirror (see scripts/container-test).

FROM debian:bookworm-slim AS build
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      build-essential cmake ninja-build pkg-config git ca-certificates python3 \
      libgit2-dev libyaml-cpp-dev libcurl4-openssl-dev rapidjson-dev libcli11-dev doctest-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY src src
COPY tests tests
# Release without debug information: the binary is what users pull on every CI run.
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build \
 && build/tests/codegate_unit_tests --no-intro=true \
 && strip build/codegate

FROM debian:bookworm-slim
# python3 runs Pylint, Bandit and codegate's source-index helper; the libraries are the runtime
# halves of the -dev packages above; CA certificates let libcurl reach the LLM and the GitHub or
# GitLab API over TLS.
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      ca-certificates python3 pylint bandit libgit2-1.5 libyaml-cpp0.7 libcurl4 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/codegate /usr/local/bin/codegate
COPY scripts/action-entrypoint /usr/local/bin/codegate-action
# With arguments the entry point is plain `codegate ARGS` (pre-commit, GitLab, any CI); without,
# it is the GitHub Action and reads its INPUT_* variables.
ENTRYPOINT ["/usr/local/bin/codegate-action"]
