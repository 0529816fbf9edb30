//! A problem found in the knowledge files, located by file, line and column.
//!
//! The loader never stops at the first problem: it collects every one so an
//! admin fixes a whole batch per edit instead of one per run.

use std::fmt;
use std::ops::Range;

/// One thing wrong with the knowledge files, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path relative to the knowledge directory, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when we can say.
    pub fix: Option<String>,
}

impl Problem {
    /// A problem at a byte offset of `text` (the file's contents).
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(text, offset);
        Problem {
            file: file.to_string(),
            line,
            col,
            message: message.into(),
            fix: None,
        }
    }

    /// A problem at the start of a byte span of `text`.
    pub fn at_span(
        file: &str,
        text: &str,
        span: &Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self::at(file, text, span.start, message)
    }

    /// A problem about a whole file (reported at 1:1).
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line: 1,
            col: 1,
            message: message.into(),
            fix: None,
        }
    }

    /// Adds the suggested fix.
    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )?;
        if let Some(fix) = &self.fix {
            write!(f, "\n    fix: {fix}")?;
        }
        Ok(())
    }
}

/// 1-based line and character column of a byte offset. Offsets past the end
/// or inside a multi-byte character are clamped to the nearest valid position.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nb = “x”\n";
        let offset = text.find('x').unwrap();
        assert_eq!(line_col(text, offset), (2, 6));
    }

    #[test]
    fn line_col_clamps_past_end() {
        assert_eq!(line_col("ab\ncd", 99), (2, 3));
    }

    #[test]
    fn display_shows_location_and_fix() {
        let p = Problem::file("facts/a.toml", "broken").fix("mend it");
        assert_eq!(p.to_string(), "facts/a.toml:1:1: broken\n    fix: mend it");
    }
}
