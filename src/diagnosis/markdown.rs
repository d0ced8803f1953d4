//! A result as a Markdown file to download: the same sections as the page, in the same order.

use super::view::{ResultView, Section};
use crate::web::Lang;

/// Text kept safe for Markdown readers (names come from the directory and the questionnaire,
/// which people edit): no line breaks inside a cell or an item, no table pipes, no brackets
/// that would end a link's text.
fn inline(s: &str) -> String {
    s.replace(['\n', '\r'], " ").replace('|', "\\|").replace('[', "\\[").replace(']', "\\]")
}

/// `base` is the site's address, for the links to the structures; `link` the result's own.
pub fn render(lang: Lang, v: &ResultView, base: &str, link: &str) -> String {
    let t = |k: &str| lang.t(k);
    let mut out = format!("# {}\n\n", t("diagnosis-result-title"));
    out.push_str(&format!(
        "{}\n\n",
        lang.t_args("diagnosis-result-grade", &[("grade", v.grade.clone()), ("score", v.overall.to_string())])
    ));
    out.push_str(&format!("{} <{link}>\n\n", t("diagnosis-markdown-link")));
    for section in &v.sections {
        out.push_str(&format!("## {}\n\n", t(section.heading_key())));
        match section {
            Section::Profile => {
                out.push_str(&format!(
                    "| {} | {} | {} |\n|---|---:|:-:|\n",
                    t("diagnosis-theme"),
                    t("diagnosis-level"),
                    t("diagnosis-grade")
                ));
                for th in &v.themes {
                    let level = th.percent.map(|p| format!("{p} %")).unwrap_or_else(|| "—".into());
                    out.push_str(&format!("| {} | {level} | {} |\n", inline(&th.label), th.grade));
                }
                out.push('\n');
            }
            Section::WeakPoints => {
                for th in v.themes.iter().filter(|t| t.weak) {
                    out.push_str(&format!("- **{}** — {} {}\n", inline(&th.label), inline(&th.why), inline(&th.next)));
                }
                out.push('\n');
            }
            Section::Plan => {
                if v.plan.is_empty() {
                    out.push_str(&format!("{}\n\n", t("diagnosis-plan-empty")));
                }
                if v.little_time {
                    out.push_str(&format!("{}\n\n", t("diagnosis-hint-time")));
                }
                for tool in &v.plan {
                    let heading = lang.t_args("diagnosis-plan-instead-of", &[("tool", tool.tool.clone())]);
                    out.push_str(&format!("### {}\n\n{}\n\n", inline(&heading), inline(&tool.need)));
                    for a in &tool.alternatives {
                        out.push_str(&format!(
                            "- **{}** ({}, {}) — {} {} {}\n",
                            inline(&a.name),
                            t(a.difficulty_key),
                            t(a.cost_key),
                            inline(&a.note),
                            t(a.difficulty_hint),
                            t(a.cost_hint)
                        ));
                    }
                    out.push('\n');
                }
            }
            Section::Structures => {
                if let Some(note) = v.structures_note {
                    out.push_str(&format!("{}\n\n", t(note)));
                }
                for s in &v.structures {
                    let href = lang.href(&format!("/annuaire/{}", s.slug));
                    out.push_str(&format!("- **[{}]({base}{href})** — {}\n", inline(&s.name), inline(&s.why)));
                }
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn names_cannot_break_a_table_or_a_link() {
        assert_eq!(inline("Les [Nuages] | fictifs\nsuite"), "Les \\[Nuages\\] \\| fictifs suite");
    }
}
