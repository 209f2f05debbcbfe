# codegate as a container: the GitHub Action (action.yml builds this file), the GitLab job and the
# pre-commit hook all run this image. Two stages on Debian 13 (trixie), so users get its Pylint
# 3.3, Bandit 1.7.10 and Python 3.13; the development machines and CI build and test on Debian 12,
# so both tool generations are exercised (scripts/container-test runs the integration suite's core
# cases in this image).
#
# The build stage compiles the binary and nothing else: the action builds this file on its first
# run, and the unit tests run in CI, not here. The runtime stage holds the binary, the analyzers
# and the shared libraries it links, nothing else.
#
# Every package comes from Debian's archive: a build that downloads anything else cannot run on
# machines that only reach the Debian mirror (see scripts/container-test).

FROM debian:trixie-slim AS build
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      g++ make cmake ninja-build pkg-config \
      libgit2-dev libyaml-cpp-dev libcurl4-openssl-dev zlib1g-dev rapidjson-dev libcli11-dev libtomlplusplus-dev libcsv-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY src src
# Release without debug information and without the tests: the binary is what users pull on
# every CI run, and its compile time is the action's first run.
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCODEGATE_TESTS=OFF \
 && cmake --build build --target codegate \
 && strip build/codegate

FROM debian:trixie-slim
# The labels name what the image is; the release workflow passes the real values.
ARG CODEGATE_VERSION=0.1.0
ARG CODEGATE_SOURCE=https://github.com/codegate/codegate
ARG CODEGATE_LICENSES=NOASSERTION
LABEL org.opencontainers.image.title="codegate" \
      org.opencontainers.image.description="CI gate for Python changes: Pylint, Bandit and an LLM intent check" \
      org.opencontainers.image.source="${CODEGATE_SOURCE}" \
      org.opencontainers.image.version="${CODEGATE_VERSION}" \
      org.opencontainers.image.licenses="${CODEGATE_LICENSES}" \
      org.opencontainers.image.base.name="debian:trixie-slim"
# python3 runs Pylint, Bandit, Pyflakes (an opt-in analyzer) and codegate's source-index helper;
# the libraries are the runtime halves of the -dev packages above; CA certificates let libcurl
# reach the LLM and the GitHub or GitLab API over TLS.
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      ca-certificates python3 pylint bandit pyflakes3 libgit2-1.9 libyaml-cpp0.8 libcurl4t64 libtomlplusplus3t64 libcsv3 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/codegate /usr/local/bin/codegate
COPY scripts/action-entrypoint /usr/local/bin/codegate-action
# With arguments the entry point is plain `codegate ARGS` (pre-commit, GitLab, any CI); without,
# it is the GitHub Action and reads its INPUT_* variables.
ENTRYPOINT ["/usr/local/bin/codegate-action"]
