//! The assessment as Markdown (GitHub-flavoured tables), for a pull request or a wiki page.
//! Every value is masked; every piece of text from a scanned file is escaped.

use super::homes::PHASES;
use super::{Assessment, Handling, TIERS_DOWN};
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

/// Writes the report.
pub fn write(a: &Assessment, out: &mut dyn Write) -> io::Result<()> {
    let mut s = String::new();
    render(a, &mut s).expect("writing to a String");
    out.write_all(s.as_bytes())
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
        history_text(a)
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
        a.progress.total.migrated + a.progress.total.remaining,
        a.progress.total.percent()
    )?;
    let max = TIERS_DOWN
        .iter()
        .map(|t| sum.tiers.get(*t))
        .max()
        .unwrap_or(0);
    writeln!(s, "| Tier | Secrets | |\n|---|---:|---|")?;
    for t in TIERS_DOWN {
        let n = sum.tiers.get(t);
        writeln!(s, "| {} | {n} | {} |", t, bar(n, max, 30))?;
    }
    writeln!(s, "\n| Phase | Secrets | What moves |\n|---|---:|---|")?;
    for (p, title) in PHASES {
        let n = sum
            .phases
            .iter()
            .find(|c| c.phase == p)
            .map_or(0, |c| c.count);
        writeln!(s, "| {p} | {n} | {} |", md(title))?;
    }
    writeln!(s, "\n| Home | Secrets |\n|---|---:|")?;
    for h in &sum.homes {
        writeln!(s, "| {} | {} |", h.home.title(), h.count)?;
    }
    writeln!(s, "\n### By service\n")?;
    writeln!(
        s,
        "| Service | Envs | Secrets | Critical | High | Medium | Low | Phase 2 | Phase 3 | Phase 4 | Exposed |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )?;
    for v in &sum.services {
        writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md(&v.service),
            md(&v.envs.join(", ")),
            v.total,
            v.tiers.critical,
            v.tiers.high,
            v.tiers.medium,
            v.tiers.low,
            v.phase2,
            v.phase3,
            v.phase4,
            v.exposed
        )?;
    }

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
    writeln!(
        s,
        "| Service | Migrated | Remaining | Done |\n|---|---:|---:|---:|"
    )?;
    for v in &p.services {
        writeln!(
            s,
            "| {} | {} | {} | {}% |",
            md(&v.service),
            v.total.migrated,
            v.total.remaining,
            v.total.percent()
        )?;
    }
    writeln!(
        s,
        "\n| Tier | Migrated | Remaining | Done |\n|---|---:|---:|---:|"
    )?;
    for t in &p.tiers {
        writeln!(
            s,
            "| {} | {} | {} | {}% |",
            t.tier,
            t.count.migrated,
            t.count.remaining,
            t.count.percent()
        )?;
    }
    writeln!(
        s,
        "\nBy service and tier (migrated / remaining):\n\n| Service | {} |\n|---|{}",
        TIERS_DOWN.map(|t| t.to_string()).join(" | "),
        "---:|".repeat(TIERS_DOWN.len())
    )?;
    for v in &p.services {
        let cells: Vec<String> = v
            .tiers
            .iter()
            .map(|t| format!("{} / {}", t.count.migrated, t.count.remaining))
            .collect();
        writeln!(s, "| {} | {} |", md(&v.service), cells.join(" | "))?;
    }
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
                code(&if m.line > 0 {
                    format!("{}:{}", m.path, m.line)
                } else {
                    m.path.clone()
                }),
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
        writeln!(
            s,
            "Migrated {} → {}, remaining {} → {}. {} new finding(s), {} resolved ({} migrated), {} judged otherwise.\n",
            c.before.migrated,
            c.now.migrated,
            c.before.remaining,
            c.now.remaining,
            c.new.len(),
            c.resolved.len(),
            c.resolved
                .iter()
                .filter(|r| r.outcome == "migrated")
                .count(),
            c.changed.len()
        )?;
        if !c.services.is_empty() {
            writeln!(
                s,
                "| Service | Migrated then | Migrated now | Remaining then | Remaining now |\n|---|---:|---:|---:|---:|"
            )?;
            for d in &c.services {
                writeln!(
                    s,
                    "| {} | {} | {} | {} | {} |",
                    md(&d.service),
                    d.before.migrated,
                    d.now.migrated,
                    d.before.remaining,
                    d.now.remaining
                )?;
            }
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
        writeln!(
            s,
            "| # | Stage | File | Service | Env | Secrets | Highest | Exposed | To do |\n|---:|---|---|---|---|---:|---|---:|---|"
        )?;
        for t in &ph.tasks {
            writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                t.order,
                t.stage,
                code(&t.path),
                md(&t.service),
                md(&t.env),
                t.count,
                t.tier,
                t.exposed,
                md(&t.todo)
            )?;
        }
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
    writeln!(
        s,
        "| Service | Env | Tier | File | Key | Value (masked) | Kind | Handling | KV destination | Exposed | Home | Phase | Why |\n|---|---|---|---|---|---|---|---|---|---|---|---:|---|"
    )?;
    for it in &a.items {
        writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md(&it.service),
            md(&it.env),
            it.tier,
            code(&format!("{}:{}", it.path, it.line)),
            it.key.as_deref().map(code).unwrap_or_default(),
            code(&it.masked),
            md(&it.rule_name),
            match it.handling {
                Handling::Migrate => "migrate".to_string(),
                Handling::Code => format!(
                    "code{}",
                    it.handling_note
                        .as_ref()
                        .map(|n| format!(" ({})", md(n)))
                        .unwrap_or_default()
                ),
            },
            it.kv
                .as_ref()
                .map(|k| code(&format!("{}/{}#{}", k.mount, k.path, k.key)))
                .unwrap_or_default(),
            it.exposed
                .as_ref()
                .map(|x| md(&x.marker()))
                .unwrap_or_else(|| "no".into()),
            it.home.title(),
            it.phase,
            md(&it.home_reason)
        )?;
    }
    if !a.not_scanned.is_empty() {
        writeln!(s, "\n## Not scanned\n")?;
        for n in &a.not_scanned {
            writeln!(s, "- {}: {}", code(&n.path), md(&n.why))?;
        }
    }
    Ok(())
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
