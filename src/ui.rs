//! Terminal concerns: the stderr logger (`-v`/`-q`), colour choice, interrupt flag.
//!
//! Imports only `finding`-free std items; never writes to stdout.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by SIGINT; walkers poll it and stop.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

struct StderrLogger {
    level: log::LevelFilter,
}

impl log::Log for StderrLogger {
    fn enabled(&self, m: &log::Metadata<'_>) -> bool {
        // Only our own records: dependencies (vaultrs via tracing's log bridge) log their
        // internal errors, which the caller reports with context.
        m.level() <= self.level && m.target().starts_with("vaultsweep")
    }
    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            let prefix = match record.level() {
                log::Level::Error => "error: ",
                log::Level::Warn => "",
                _ => "",
            };
            let _ = writeln!(
                std::io::stderr().lock(),
                "vaultsweep: {prefix}{}",
                record.args()
            );
        }
    }
    fn flush(&self) {}
}

/// Installs the logger: errors always, warnings unless quiet, info with -v, debug with -vv.
pub fn init_logger(verbose: u8, quiet: bool) {
    let level = if quiet {
        log::LevelFilter::Error
    } else {
        match verbose {
            0 => log::LevelFilter::Warn,
            1 => log::LevelFilter::Info,
            _ => log::LevelFilter::Debug,
        }
    };
    if log::set_boxed_logger(Box::new(StderrLogger { level })).is_ok() {
        log::set_max_level(level);
    }
}

/// Installs the Ctrl-C handler once; it sets [`INTERRUPTED`].
pub fn install_interrupt_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    });
}

/// Whether to colour stdout.
pub fn use_color(choice: crate::cli::ColorChoice, to_file: bool) -> bool {
    match choice {
        crate::cli::ColorChoice::Always => true,
        crate::cli::ColorChoice::Never => false,
        crate::cli::ColorChoice::Auto => {
            !to_file && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    }
}
