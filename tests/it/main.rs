//! vaultsweep's integration tests: one binary (STYLE.md habit 11), modules by concern, shared
//! helpers in `util`. Run with `cargo test --test it`.

mod util;

mod architecture;
mod assess;
mod badinput;
mod ci_formats;
mod encoded;
mod git;
mod guard;
mod history_cache;
mod hook;
mod migrate;
mod oracle;
mod precision;
mod recall;
mod report;
mod rules;
mod scan;
mod suppress;
mod sweep;
mod verify;
