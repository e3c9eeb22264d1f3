//! Every integration test in one binary, as ripgrep and just do: the crate and its
//! dev-dependencies are linked once instead of once per test file, which is most of the time a
//! warm `cargo test` spends. Add a test module under `tests/cli/`, not a new `tests/*.rs` file.

mod cli;
mod common;
