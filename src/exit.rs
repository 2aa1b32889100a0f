//! Process exit status as a type: 0 clean, 1 findings, 2 error or incomplete, 130 interrupted.
//!
//! Must not import any other module of the crate.

/// Outcome of a command, mapped to a process exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Nothing at or above the failure tier (exit 0).
    Clean,
    /// Error or incomplete scan (exit 2).
    Error,
    /// Unsuppressed findings at or above the failure tier (exit 1). Wins over non-fatal errors.
    Findings,
    /// Interrupted by SIGINT (exit 130).
    Interrupted,
}

impl ExitStatus {
    /// Combines two outcomes: interrupted > findings > error > clean.
    pub fn merge(self, other: ExitStatus) -> ExitStatus {
        self.max(other)
    }

    /// Numeric process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
            ExitStatus::Interrupted => 130,
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(s: ExitStatus) -> Self {
        std::process::ExitCode::from(s.code())
    }
}

#[cfg(test)]
mod tests {
    use super::ExitStatus::*;

    #[test]
    fn findings_win_over_errors_and_interrupt_wins_over_all() {
        assert_eq!(Clean.merge(Error), Error);
        assert_eq!(Error.merge(Findings), Findings);
        assert_eq!(Findings.merge(Error), Findings);
        assert_eq!(Findings.merge(Interrupted), Interrupted);
        assert_eq!(Clean.merge(Clean), Clean);
        assert_eq!(
            [
                Clean.code(),
                Findings.code(),
                Error.code(),
                Interrupted.code()
            ],
            [0, 1, 2, 130]
        );
    }
}
