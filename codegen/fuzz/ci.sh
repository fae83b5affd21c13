#!/usr/bin/env bash
# A short fuzz run for CI: each target for a fixed number of executions, from the seed corpus.
# Installs cargo-fuzz when it is missing. What libFuzzer adds to the corpus goes to a temporary
# folder, so the committed seeds stay as they are; a crash leaves its input in
# codegen/fuzz/artifacts/<target>/ and fails the script.
#
#   codegen/fuzz/ci.sh [RUNS]      (RUNS per target, default 20000)
set -euo pipefail
cd "$(dirname "$0")/.." # codegen/, where cargo fuzz finds fuzz/
runs="${1:-20000}"

# The fuzz crate is outside the root workspace, so `cargo fmt --all` there does not see it.
cargo fmt --manifest-path fuzz/Cargo.toml -- --check

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

# cargo-fuzz needs nightly flags; the pinned stable toolchain accepts them with RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1
# No sanitizer (the generator is safe Rust) and no comparison tracing: about four times the
# executions per second. Debug assertions and overflow checks stay on, as in a build script.
flags=(--debug-assertions --sanitizer none --no-trace-compares)

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for target in raw_bytes hostile_collection; do
  # A fixed seed: the same executions on every run, so that CI passes or fails the same way.
  options=(-runs="$runs" -timeout=30 -seed=1)
  if [ -f "fuzz/$target.dict" ]; then
    options+=(-dict="fuzz/$target.dict")
  fi
  if [ "$target" = hostile_collection ]; then
    # The bytes only steer arbitrary: 4 KB give collections of tens of KB, fast to generate.
    options+=(-max_len=4096)
  fi
  mkdir -p "$scratch/$target"
  echo "fuzz: $target, $runs executions"
  cargo fuzz run "${flags[@]}" "$target" "$scratch/$target" "fuzz/corpus/$target" -- "${options[@]}"
done
