//! Lines of input as people send them: decoded lossily, so one stray byte
//! (a paste from a Latin-1 terminal, a binary file piped by mistake) costs
//! that line a replacement character, never the rest of the conversation.

use std::io::{self, BufRead};

/// The lines of `reader`, without their `\n` or `\r\n`, each decoded as
/// UTF-8 with invalid bytes replaced by U+FFFD.
pub fn lossy_lines<R: BufRead>(reader: R) -> LossyLines<R> {
    LossyLines {
        reader,
        buf: Vec::new(),
    }
}

/// Iterator returned by [`lossy_lines`].
pub struct LossyLines<R> {
    reader: R,
    buf: Vec<u8>,
}

impl<R: BufRead> Iterator for LossyLines<R> {
    type Item = io::Result<String>;

    fn next(&mut self) -> Option<Self::Item> {
        self.buf.clear();
        match self.reader.read_until(b'\n', &mut self.buf) {
            Ok(0) => None,
            Ok(_) => {
                if self.buf.ends_with(b"\n") {
                    self.buf.pop();
                    if self.buf.ends_with(b"\r") {
                        self.buf.pop();
                    }
                }
                Some(Ok(String::from_utf8_lossy(&self.buf).into_owned()))
            }
            Err(e) => Some(Err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lossy_lines_replaces_bad_bytes_and_goes_on() {
        let input: &[u8] = b"did iran \xff deny it\r\n\nsecond\nlast";
        let lines: Vec<String> = lossy_lines(input).map(Result::unwrap).collect();
        assert_eq!(lines, ["did iran \u{FFFD} deny it", "", "second", "last"]);
    }
}
