//! Byte offsets to 1-based line and column numbers, computed once per file at render time.

/// A 1-based line and column. Columns count Unicode scalar values, not bytes, so a caret under
/// `é` or `日本` lines up with what an editor shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Start offsets of every line of a text. A line ends at `\n`; a `\r` before it belongs to the
/// line break, not to the line's content.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i as u32 + 1));
        LineIndex { line_starts }
    }

    /// The line and column of a byte offset. Offsets past the end clamp to the end; offsets
    /// inside a multi-byte character count as that character.
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = offset.min(text.len() as u32);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let mut end = offset as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text[start..end].chars().count() as u32 + 1;
        LineCol { line: line as u32 + 1, column }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: u32) -> &'t str {
        let index = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return "";
        };
        let end = self.line_starts.get(index + 1).map_or(text.len(), |&next| next as usize);
        let content = &text[start as usize..end];
        let content = content.strip_suffix('\n').unwrap_or(content);
        content.strip_suffix('\r').unwrap_or(content)
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, offset: u32) -> (u32, u32) {
        let pos = LineIndex::new(text).line_col(text, offset);
        (pos.line, pos.column)
    }

    #[test]
    fn counts_lines_and_columns_from_one() {
        assert_eq!(at("abc", 0), (1, 1));
        assert_eq!(at("abc\ndef", 5), (2, 2));
        assert_eq!(at("abc\n", 4), (2, 1));
    }

    #[test]
    fn crlf_is_one_line_break() {
        let text = "ab\r\ncd\r\n";
        assert_eq!(at(text, 4), (2, 1));
        assert_eq!(at(text, 5), (2, 2));
        let index = LineIndex::new(text);
        assert_eq!(index.line_text(text, 1), "ab");
        assert_eq!(index.line_text(text, 2), "cd");
        assert_eq!(index.line_text(text, 3), "");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "é日本x";
        assert_eq!(at(text, text.find('x').unwrap() as u32), (1, 4));
        // An offset inside a multi-byte character stays on that character.
        assert_eq!(at(text, 1), (1, 1));
        assert_eq!(at(text, 99), (1, 5));
    }
}
