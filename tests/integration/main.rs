//! End-to-end tests of the `jixiao` binary: one test binary, modules per command, shared
//! helpers in `util` and scoring in `score`.

mod architecture;
mod assess;
mod check;
mod corpus;
mod extract;
mod layouts;
mod library;
mod precision;
mod score;
mod store;
mod util;
