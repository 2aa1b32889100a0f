//! What the Markdown and HTML reports show, decided once: the tables both print (their columns,
//! rows and row order), the summary numbers and the words for the history search. The renderers
//! ([`super::markdown`], [`super::html`]) only turn a [`Table`]'s typed cells into markup and
//! escape every piece of text; neither decides what a report holds.
//!
//! Holds no value: cells carry what the [`Assessment`] carries (masked text, counts).

use super::homes::PHASES;
use super::progress::{Count, Migrated};
use super::since::Changes;
use super::{Assessment, Handling, PhasePlan, TIERS_DOWN};
use crate::finding::Tier;

/// One cell of a table, by what it means; each renderer has one rendering of each kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text (escaped by the renderer).
    Text(String),
    /// A path, key, value or reference, shown as code; empty shows nothing in Markdown.
    Code(String),
    /// A count.
    Num(usize),
    /// A tier.
    Tier(Tier),
    /// Text and a note after it in parentheses.
    Note(String, Option<String>),
    /// Whether git history exposes a value: where (the marker), else `no`.
    Exposed(Option<String>),
    /// Share migrated (`67%`); the HTML page adds a meter in the column after it.
    Done(Count),
    /// Migrated / remaining (`2 / 1`).
    Split(Count),
}

/// A column: its heading, and whether it holds numbers (right-aligned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Heading.
    pub title: String,
    /// Numbers (right-aligned).
    pub numeric: bool,
    /// Shares ([`Cell::Done`]): the HTML page shows a meter in a column after it.
    pub meter: bool,
}

/// One row: its cells, in the order of the columns, and the finding it is (inventory rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The finding's fingerprint, for rows that are one finding.
    pub fingerprint: Option<String>,
    /// Cells.
    pub cells: Vec<Cell>,
}

/// A table both reports print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows, in the order shown.
    pub rows: Vec<Row>,
}

impl Column {
    fn of(heading: &str) -> Column {
        let (title, numeric, meter) = if let Some(t) = heading.strip_suffix('%') {
            (t, true, true)
        } else if let Some(t) = heading.strip_suffix('#').filter(|t| !t.is_empty()) {
            (t, true, false)
        } else {
            (heading, false, false)
        };
        Column {
            title: title.into(),
            numeric,
            meter,
        }
    }
}

impl Table {
    /// A table with these headings: `#` after a heading marks a numeric column (`##`: one
    /// headed `#`), `%` a column of shares.
    fn new(headings: &[&str]) -> Table {
        Table {
            columns: headings.iter().map(|h| Column::of(h)).collect(),
            rows: Vec::new(),
        }
    }

    fn row(&mut self, cells: Vec<Cell>) {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.rows.push(Row {
            fingerprint: None,
            cells,
        });
    }
}

/// Renders `a` into a string with `render`, then writes it to `out`.
pub fn write(
    a: &Assessment,
    render: fn(&Assessment, &mut String) -> std::fmt::Result,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut s = String::new();
    render(a, &mut s).expect("writing to a String");
    out.write_all(s.as_bytes())
}

/// What the history column means for this run.
pub fn history_text(a: &Assessment) -> &'static str {
    use crate::migrate::plan::HistoryCheck;
    match a.history {
        HistoryCheck::Checked => "searched",
        HistoryCheck::Skipped => "not searched (--no-history)",
        HistoryCheck::NoRepository => "not a git repository",
        HistoryCheck::Failed => "could not be read",
    }
}

/// Findings by tier, highest first.
pub fn tier_totals(a: &Assessment) -> [(Tier, usize); 4] {
    TIERS_DOWN.map(|t| (t, a.summary.tiers.get(t)))
}

/// Findings by phase: number, title, count.
pub fn phase_totals(a: &Assessment) -> [(u8, &'static str, usize); 3] {
    PHASES.map(|(p, title)| {
        let n = a
            .summary
            .phases
            .iter()
            .find(|c| c.phase == p)
            .map_or(0, |c| c.count);
        (p, title, n)
    })
}

/// Findings by home.
pub fn homes(a: &Assessment) -> Table {
    let mut t = Table::new(&["Home", "Secrets#"]);
    for h in &a.summary.homes {
        t.row(vec![Cell::Text(h.home.title().into()), Cell::Num(h.count)]);
    }
    t
}

/// Findings by application, most critical work first.
pub fn services(a: &Assessment) -> Table {
    let mut t = Table::new(&[
        "Service",
        "Envs",
        "Secrets#",
        "Critical#",
        "High#",
        "Medium#",
        "Low#",
        "Phase 2#",
        "Phase 3#",
        "Phase 4#",
        "Exposed#",
    ]);
    for v in &a.summary.services {
        t.row(vec![
            Cell::Text(v.service.clone()),
            Cell::Text(v.envs.join(", ")),
            Cell::Num(v.total),
            Cell::Num(v.tiers.critical),
            Cell::Num(v.tiers.high),
            Cell::Num(v.tiers.medium),
            Cell::Num(v.tiers.low),
            Cell::Num(v.phase2),
            Cell::Num(v.phase3),
            Cell::Num(v.phase4),
            Cell::Num(v.exposed),
        ]);
    }
    t
}

/// Progress by application.
pub fn progress_services(a: &Assessment) -> Table {
    let mut t = Table::new(&["Service", "Migrated#", "Remaining#", "Done%"]);
    for v in &a.progress.services {
        t.row(vec![
            Cell::Text(v.service.clone()),
            Cell::Num(v.total.migrated),
            Cell::Num(v.total.remaining),
            Cell::Done(v.total),
        ]);
    }
    t
}

/// Progress by tier.
pub fn progress_tiers(a: &Assessment) -> Table {
    let mut t = Table::new(&["Tier", "Migrated#", "Remaining#", "Done%"]);
    for c in &a.progress.tiers {
        t.row(vec![
            Cell::Tier(c.tier),
            Cell::Num(c.count.migrated),
            Cell::Num(c.count.remaining),
            Cell::Done(c.count),
        ]);
    }
    t
}

/// Progress by application and tier (migrated / remaining).
pub fn progress_matrix(a: &Assessment) -> Table {
    let mut t = Table {
        columns: std::iter::once(Column::of("Service"))
            .chain(TIERS_DOWN.iter().map(|t| Column::of(&format!("{t}#"))))
            .collect(),
        rows: Vec::new(),
    };
    for v in &a.progress.services {
        let mut cells = vec![Cell::Text(v.service.clone())];
        cells.extend(v.tiers.iter().map(|c| Cell::Split(c.count)));
        t.row(cells);
    }
    t
}

/// Where a secret already in Vault is referred to: `path:line`, or the path alone when no
/// file line says it (guard entries).
pub fn migrated_place(m: &Migrated) -> String {
    if m.line > 0 {
        format!("{}:{}", m.path, m.line)
    } else {
        m.path.clone()
    }
}

/// Findings resolved because they were migrated.
fn resolved_by_migration(c: &Changes) -> usize {
    c.resolved
        .iter()
        .filter(|r| r.outcome == "migrated")
        .count()
}

/// The sentence that sums up the changes since an earlier assessment; `now` shows the numbers
/// of today (the HTML page makes them strong).
pub fn since_sentence(c: &Changes, now: impl Fn(usize) -> String) -> String {
    format!(
        "Migrated {} → {}, remaining {} → {}. {} new finding(s), {} resolved ({} migrated), {} judged otherwise.",
        c.before.migrated,
        now(c.now.migrated),
        c.before.remaining,
        now(c.now.remaining),
        c.new.len(),
        c.resolved.len(),
        resolved_by_migration(c),
        c.changed.len()
    )
}

/// Progress by application then and now.
pub fn since_services(c: &Changes) -> Table {
    let mut t = Table::new(&[
        "Service",
        "Migrated then#",
        "Migrated now#",
        "Remaining then#",
        "Remaining now#",
    ]);
    for d in &c.services {
        t.row(vec![
            Cell::Text(d.service.clone()),
            Cell::Num(d.before.migrated),
            Cell::Num(d.now.migrated),
            Cell::Num(d.before.remaining),
            Cell::Num(d.now.remaining),
        ]);
    }
    t
}

/// A phase's files, in the order to work on them.
pub fn tasks(ph: &PhasePlan) -> Table {
    let mut t = Table::new(&[
        "##", "Stage", "File", "Service", "Env", "Secrets#", "Highest", "Exposed#", "To do",
    ]);
    for k in &ph.tasks {
        t.row(vec![
            Cell::Num(k.order),
            Cell::Text(k.stage.clone()),
            Cell::Code(k.path.clone()),
            Cell::Text(k.service.clone()),
            Cell::Text(k.env.clone()),
            Cell::Num(k.count),
            Cell::Tier(k.tier),
            Cell::Num(k.exposed),
            Cell::Text(k.todo.clone()),
        ]);
    }
    t
}

/// Every finding, by application, path and line.
pub fn inventory(a: &Assessment) -> Table {
    let mut t = Table::new(&[
        "Service",
        "Env",
        "Tier",
        "File",
        "Key",
        "Value (masked)",
        "Kind",
        "Handling",
        "KV destination",
        "Exposed",
        "Home",
        "Phase#",
        "Why",
    ]);
    for it in &a.items {
        let handling = match it.handling {
            Handling::Migrate => Cell::Note("migrate".into(), None),
            Handling::Code => Cell::Note("code".into(), it.handling_note.clone()),
        };
        t.row(vec![
            Cell::Text(it.service.clone()),
            Cell::Text(it.env.clone()),
            Cell::Tier(it.tier),
            Cell::Code(format!("{}:{}", it.path, it.line)),
            Cell::Code(it.key.clone().unwrap_or_default()),
            Cell::Code(it.masked.clone()),
            Cell::Text(it.rule_name.clone()),
            handling,
            Cell::Code(
                it.kv
                    .as_ref()
                    .map(|k| format!("{}/{}#{}", k.mount, k.path, k.key))
                    .unwrap_or_default(),
            ),
            Cell::Exposed(it.exposed.as_ref().map(|x| x.marker())),
            Cell::Text(it.home.title().into()),
            Cell::Num(usize::from(it.phase)),
            Cell::Text(it.home_reason.clone()),
        ]);
        t.rows.last_mut().expect("a row was added").fingerprint = Some(it.fingerprint.clone());
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_mark_numeric_and_share_columns() {
        let t = Table::new(&["Service", "Secrets#", "##", "Done%"]);
        let got: Vec<(&str, bool, bool)> = t
            .columns
            .iter()
            .map(|c| (c.title.as_str(), c.numeric, c.meter))
            .collect();
        assert_eq!(
            got,
            [
                ("Service", false, false),
                ("Secrets", true, false),
                ("#", true, false),
                ("Done", true, true)
            ]
        );
    }
}
