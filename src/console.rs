//! How `chat` looks at a terminal: lines wrapped to its width at word
//! boundaries (a quote's continuation lines keep their `> `), and headings
//! coloured by side — colour only on a terminal and never with `NO_COLOR`.
//! Pure functions of text in, text out; `chat` decides when to use them.

use crate::knowledge::Side;

/// The prompt: not `> `, which starts every quote.
pub const PROMPT: &str = "ask › ";

/// Width used when the terminal does not say.
pub const DEFAULT_WIDTH: usize = 100;

/// The terminal's width in columns, if stdout is a terminal.
pub fn terminal_width() -> Option<usize> {
    #[cfg(unix)]
    {
        let mut size = libc::winsize {
            ws_row: 0,
            ws_col: 0,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCGWINSZ only writes a winsize into the struct we pass.
        let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
        (ok && size.ws_col > 0).then_some(usize::from(size.ws_col))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Wraps every line of `text` to `width` characters at word boundaries.
/// Continuation lines repeat the line's indent and quote marker, so a
/// wrapped quote stays a quote.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(20);
    let mut out = String::with_capacity(text.len() + text.len() / width * 4);
    for line in text.split('\n') {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let marker = if body.starts_with("> ") { "> " } else { "" };
        let lead = format!("{indent}{marker}");
        let mut current = String::new();
        let mut len = 0;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let w = word.chars().count();
            if len > 0 && len + 1 + w > width {
                out.push_str(&current);
                out.push('\n');
                current = lead.clone();
                len = lead.chars().count();
            } else if len > 0 {
                current.push(' ');
                len += 1;
            } else if !indent.is_empty() {
                current.push_str(indent);
                len = indent.chars().count();
            }
            current.push_str(word);
            len += w;
        }
        out.push_str(&current);
        out.push('\n');
    }
    out.pop();
    out
}

/// Whether to colour: a terminal, and no `NO_COLOR` (https://no-color.org).
pub fn use_colour(is_terminal: bool, no_color: Option<&str>) -> bool {
    is_terminal && no_color.is_none_or(str::is_empty)
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// A side's colour as a 24-bit terminal colour.
fn side_colour(side: &Side) -> String {
    let c = side.colour();
    format!("\x1b[38;2;{};{};{}m", c >> 16, (c >> 8) & 0xFF, c & 0xFF)
}

/// Colours headings (bold, in their side's colour when they name one) and
/// dims attribution and source lines.
pub fn paint(text: &str, sides: &[Side]) -> String {
    text.split('\n')
        .map(|line| {
            let t = line.trim_start();
            if t.ends_with(':') && !t.starts_with('>') && !t.is_empty() {
                let colour = sides
                    .iter()
                    .find(|s| t.contains(&format!("({})", s.label())))
                    .map_or(String::new(), side_colour);
                format!("{BOLD}{colour}{line}{RESET}")
            } else if t.starts_with("— ") || t.starts_with("Source:") {
                format!("{DIM}{line}{RESET}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_words_and_keeps_the_quote_marker() {
        let text = "> one two three four five six seven eight nine ten eleven twelve";
        let wrapped = wrap(text, 22);
        for line in wrapped.lines() {
            assert!(line.chars().count() <= 22, "{line:?}");
            assert!(line.starts_with("> "), "{line:?}");
        }
        assert_eq!(wrapped.replace("\n> ", " "), text, "no word lost or split");
    }

    #[test]
    fn wrap_leaves_short_lines_alone() {
        assert_eq!(wrap("a b\n\n  c", 80), "a b\n\n  c");
    }

    #[test]
    fn use_colour_only_on_a_terminal_without_no_color() {
        assert!(use_colour(true, None));
        assert!(!use_colour(false, None));
        assert!(!use_colour(true, Some("1")));
        assert!(use_colour(true, Some("")));
    }

    #[test]
    fn paint_colours_side_headings_and_dims_attributions() {
        let us = Side::new(crate::knowledge::SideInfo {
            id: "us-government".into(),
            label: "US government".into(),
            colour: 0x3B_5B_A5,
            narrator: false,
        });
        let p = paint("Disputes (US government):\n> q\n— X, role (said)", &[us]);
        assert!(
            p.starts_with("\x1b[1m\x1b[38;2;59;91;165mDisputes"),
            "{p:?}"
        );
        assert!(p.contains("\n> q\n"), "{p:?}");
        assert!(p.contains("\x1b[2m— X"), "{p:?}");
    }
}
