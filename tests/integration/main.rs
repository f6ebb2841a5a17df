//! End-to-end tests of the `jixiao` binary: one test binary, modules per command, shared
//! helpers in `util`.

mod assess;
mod check;
mod extract;
mod store;
mod util;
