//! Runs every rule's examples through the full detect path. One checker, two callers: the test
//! suite (built-in rules) and `vaultsweep rules check FILE` (users' rules).

use super::{Detector, Scope};
use crate::rules::{Rule, RuleSet};
use std::sync::Arc;

/// What went wrong with one example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleProblem {
    /// A positive example produced no match of its rule.
    MissedPositive,
    /// A positive example matched alone but not as a line of a file (`# before`, the example,
    /// `# after`, line feeds between): the pattern ends at the text's end (`$` without
    /// `(?m)`, `\z`) or otherwise cannot match inside a file.
    MissedInFile,
    /// A negative example produced a match of its rule.
    MatchedNegative,
}

/// One failing example.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    /// Rule id.
    pub rule_id: String,
    /// Rule file.
    pub source: String,
    /// 0-based index into the examples or negative examples.
    pub index: usize,
    /// What went wrong.
    pub problem: ExampleProblem,
}

/// Checks one rule alone (prefilter, regex, secret group, entropy, stopwords, placeholders).
/// A rule limited to named files (`files`) is checked with each example as the content of the
/// first such file.
pub fn check_rule(rule: &Rule) -> Vec<ExampleFailure> {
    let set = RuleSet::new(vec![rule.clone()]).expect("a single rule has no duplicate");
    let detector = Detector::new(Arc::new(set));
    let mut scratch = detector.scratch();
    let scope = Scope {
        file: rule.files.first().copied(),
        ..Scope::default()
    };
    let mut failures = Vec::new();
    let mut fail = |index, problem| {
        failures.push(ExampleFailure {
            rule_id: rule.id.clone(),
            source: rule.source.clone(),
            index,
            problem,
        })
    };
    for (i, ex) in rule.examples.iter().enumerate() {
        // As a whole file too: a line of its own, ended by a line feed, between other lines
        // (a `$` meant as end of line, without `(?m)`, fails here and nowhere in the examples).
        // A named file's rule reads the example as the whole file: it has no lines around it.
        let in_file = format!("# before\n{ex}\n# after\n");
        if detector
            .detect_in(ex.as_bytes(), scope, &mut scratch)
            .is_empty()
        {
            fail(i, ExampleProblem::MissedPositive);
        } else if rule.files.is_empty()
            && detector
                .detect_in(in_file.as_bytes(), scope, &mut scratch)
                .is_empty()
        {
            fail(i, ExampleProblem::MissedInFile);
        }
    }
    for (i, ex) in rule.negative_examples.iter().enumerate() {
        if !detector
            .detect_in(ex.as_bytes(), scope, &mut scratch)
            .is_empty()
        {
            fail(i, ExampleProblem::MatchedNegative);
        }
    }
    failures
}

/// Checks every rule of a set.
pub fn check_all(rules: &RuleSet) -> Vec<ExampleFailure> {
    rules.rules().iter().flat_map(check_rule).collect()
}
