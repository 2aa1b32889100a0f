//! The assessment as Markdown (GitHub-flavoured tables), for a pull request or a wiki page.
//! Every value is masked; every piece of text from a scanned file is escaped.

use super::Assessment;
use super::view::{self, Cell, Table};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Text for a table cell or a line: control characters removed, Markdown escaped.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code span safe inside a table cell.
pub fn code(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .replace('|', "\\|");
    if clean.contains('`') {
        format!("`` {clean} ``")
    } else {
        format!("`{clean}`")
    }
}

fn bar(n: usize, max: usize, width: usize) -> String {
    if max == 0 || n == 0 {
        return String::new();
    }
    let w = ((n * width) as f64 / max as f64).ceil() as usize;
    "█".repeat(w.max(1))
}

/// A cell's text.
fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(t) => md(t),
        Cell::Code(t) if t.is_empty() => String::new(),
        Cell::Code(t) => code(t),
        Cell::Num(n) => n.to_string(),
        Cell::Tier(t) => t.to_string(),
        Cell::Note(t, note) => format!(
            "{}{}",
            md(t),
            note.as_ref()
                .map(|n| format!(" ({})", md(n)))
                .unwrap_or_default()
        ),
        Cell::Exposed(x) => x.as_deref().map_or_else(|| "no".into(), md),
        Cell::Done(c) => format!("{}%", c.percent()),
        Cell::Split(c) => format!("{} / {}", c.migrated, c.remaining),
    }
}

/// A table: the heading row, the alignment row, a line a row.
fn table(s: &mut String, t: &Table) -> std::fmt::Result {
    let titles: Vec<&str> = t.columns.iter().map(|c| c.title.as_str()).collect();
    let align: String = t
        .columns
        .iter()
        .map(|c| if c.numeric { "---:|" } else { "---|" })
        .collect();
    writeln!(s, "| {} |\n|{align}", titles.join(" | "))?;
    for r in &t.rows {
        let cells: Vec<String> = r.cells.iter().map(cell).collect();
        writeln!(s, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Writes the report.
pub fn write(a: &Assessment, out: &mut dyn Write) -> io::Result<()> {
    view::write(a, render, out)
}

fn render(a: &Assessment, s: &mut String) -> std::fmt::Result {
    let sum = &a.summary;
    writeln!(
        s,
        "<!-- {} {}: written by vaultsweep assess -->\n# Vault migration assessment\n",
        super::progress::REPORT_MARKER,
        super::FORMAT_VERSION
    )?;
    writeln!(
        s,
        "Generated {} by vaultsweep {} · paths: {} · KV mount {} · path template {} · git history: {}\n",
        md(&a.generated),
        md(&a.tool_version),
        a.roots
            .iter()
            .map(|r| code(r))
            .collect::<Vec<_>>()
            .join(", "),
        code(&a.kv_mount),
        code(&a.path_template),
        view::history_text(a)
    )?;
    writeln!(s, "## Summary\n")?;
    writeln!(
        s,
        "**{} secret(s)** in {} file(s) across {} service(s). **{} exposed in git history** (rotate them: moving them is not enough). {} can be moved by `vaultsweep migrate`; {} need a code change. Already in Vault: **{} of {} ({}%)**.\n",
        sum.total,
        sum.files,
        sum.services.len(),
        sum.exposed,
        sum.movable,
        sum.code,
        a.progress.total.migrated,
        a.progress.total.total(),
        a.progress.total.percent()
    )?;
    let tiers = view::tier_totals(a);
    let max = tiers.iter().map(|(_, n)| *n).max().unwrap_or(0);
    writeln!(s, "| Tier | Secrets | |\n|---|---:|---|")?;
    for (t, n) in tiers {
        writeln!(s, "| {} | {n} | {} |", t, bar(n, max, 30))?;
    }
    writeln!(s, "\n| Phase | Secrets | What moves |\n|---|---:|---|")?;
    for (p, title, n) in view::phase_totals(a) {
        writeln!(s, "| {p} | {n} | {} |", md(title))?;
    }
    writeln!(s)?;
    table(s, &view::homes(a))?;
    writeln!(s, "\n### By service\n")?;
    table(s, &view::services(a))?;

    // Progress.
    let p = &a.progress;
    writeln!(s, "\n## Progress\n")?;
    writeln!(
        s,
        "{} secret(s) already referred to in Vault, {} still in plain text ({}% done). Read: `vault:` references in the files, {} migration journal(s){}.\n",
        p.total.migrated,
        p.total.remaining,
        p.total.percent(),
        p.journals_read,
        p.guard_file
            .as_ref()
            .map(|g| format!(", guard file {}", code(g)))
            .unwrap_or_default()
    )?;
    table(s, &view::progress_services(a))?;
    writeln!(s)?;
    table(s, &view::progress_tiers(a))?;
    writeln!(s, "\nBy service and tier (migrated / remaining):\n")?;
    table(s, &view::progress_matrix(a))?;
    if !p.migrated.is_empty() {
        writeln!(
            s,
            "\n| Service | File | Key | Reference | Tier | Evidence |\n|---|---|---|---|---|---|"
        )?;
        for m in &p.migrated {
            writeln!(
                s,
                "| {} | {} | {} | {} | {} ({}) | {} |",
                md(&m.service),
                code(&view::migrated_place(m)),
                code(&m.key),
                code(&m.reference),
                m.tier,
                md(&m.tier_from),
                md(&m.evidence.join(", "))
            )?;
        }
    }
    if !p.drift.is_empty() {
        writeln!(s, "\nRecords the files contradict:\n")?;
        for d in &p.drift {
            writeln!(s, "- {} {}: {}", code(&d.path), code(&d.key), md(&d.note))?;
        }
    }

    if let Some(c) = &a.since {
        writeln!(
            s,
            "\n## Changes since {} ({})\n",
            code(&c.earlier_file),
            md(&c.earlier_generated)
        )?;
        writeln!(s, "{}\n", view::since_sentence(c, |n| n.to_string()))?;
        if !c.services.is_empty() {
            table(s, &view::since_services(c))?;
        }
        for r in &c.resolved {
            writeln!(
                s,
                "- resolved ({}): {} {} {}{}",
                r.outcome,
                code(&format!("{}:{}", r.item.path, r.item.line)),
                code(r.item.key.as_deref().unwrap_or("")),
                r.item.tier,
                r.reference
                    .as_ref()
                    .map(|x| format!(" → {}", code(x)))
                    .unwrap_or_default()
            )?;
        }
        for n in &c.new {
            writeln!(
                s,
                "- new: {} {} {}",
                code(&format!("{}:{}", n.path, n.line)),
                code(n.key.as_deref().unwrap_or("")),
                n.tier
            )?;
        }
        for ch in &c.changed {
            writeln!(
                s,
                "- changed: {} {}: {}",
                code(&format!("{}:{}", ch.item.path, ch.item.line)),
                code(ch.item.key.as_deref().unwrap_or("")),
                md(&ch.what)
            )?;
        }
    }

    // Phases.
    for ph in &a.phases {
        writeln!(s, "\n## Phase {}: {}\n", ph.phase, md(&ph.title))?;
        if ph.tasks.is_empty() {
            writeln!(s, "Nothing in this phase.")?;
            continue;
        }
        writeln!(
            s,
            "{} secret(s) in {} file(s), in this order (non-production first, lowest tier first).\n",
            ph.count,
            ph.tasks.len()
        )?;
        table(s, &view::tasks(ph))?;
        if !ph.commands.is_empty() {
            writeln!(
                s,
                "\nThe `migrate` commands, in order (each shows its plan and asks before writing; keys excluded wait for phase 3 or 4 — drop an `--exclude` to park a value in KV meanwhile):\n"
            )?;
            writeln!(s, "```sh")?;
            for c in &ph.commands {
                writeln!(s, "{}", c.replace('\n', " "))?;
            }
            writeln!(s, "```")?;
        }
        if ph.phase == 3 {
            let e = &a.engines;
            if !e.databases.is_empty() || !e.unknown_databases.is_empty() {
                writeln!(s, "\n### Database secrets engine\n")?;
                for d in &e.databases {
                    writeln!(
                        s,
                        "- {}: {} at {}{}, users today {}; roles {}",
                        code(&d.name),
                        md(&d.engine),
                        code(&format!(
                            "{}{}",
                            d.host,
                            d.port.map(|p| format!(":{p}")).unwrap_or_default()
                        )),
                        d.database
                            .as_ref()
                            .map(|x| format!(", database {}", code(x)))
                            .unwrap_or_default(),
                        if d.users.is_empty() {
                            "unknown".into()
                        } else {
                            d.users
                                .iter()
                                .map(|u| code(u))
                                .collect::<Vec<_>>()
                                .join(", ")
                        },
                        d.roles
                            .iter()
                            .map(|r| code(&r.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )?;
                }
                writeln!(
                    s,
                    "\nStarting point (`--emit-engine-config DIR` writes it as `database.sh`; no password in it):\n"
                )?;
                writeln!(s, "```sh\n{}```", e.database_script)?;
            }
            if !e.aws.is_empty() {
                writeln!(s, "\n### AWS secrets engine\n")?;
                writeln!(
                    s,
                    "Starting point (`--emit-engine-config DIR` writes it as `aws.sh`):\n"
                )?;
                writeln!(s, "```sh\n{}```", e.aws_script)?;
            }
        }
    }

    // Inventory.
    writeln!(s, "\n## Inventory\n")?;
    table(s, &view::inventory(a))?;
    if !a.not_scanned.is_empty() {
        writeln!(s, "\n## Not scanned\n")?;
        for n in &a.not_scanned {
            writeln!(s, "- {}: {}", code(&n.path), md(&n.why))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_tables_or_inject_markup() {
        assert_eq!(md("a|b<script>*x*"), "a\\|b&lt;script&gt;\\*x\\*");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(md("x\ny"), "x y");
    }
}
