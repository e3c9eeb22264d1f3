//! One line of the candidate's own answer, to show where a weakness showed: the sentence around
//! a phrase, or the answer's closing sentence when nothing in it came near the point.

/// Longest quote, in characters; longer sentences are cut with an ellipsis.
const MAX_CHARS: usize = 160;

/// The sentence of `text` around the byte range `span`, or its last sentence when `span` is
/// `None` or does not fall on the text (a card from an edited file). Unsanitised: renderers make
/// it safe for their format.
pub fn line(text: &str, span: Option<(usize, usize)>) -> Option<String> {
    let sentences = sentences(text);
    let at = span
        .filter(|&(start, end)| start <= end && text.get(start..end).is_some())
        .and_then(|(start, _)| sentences.iter().find(|(s, e)| *s <= start && start < *e));
    let (s, e) = at.or_else(|| sentences.last())?;
    Some(shorten(text[*s..*e].trim()))
}

/// Byte ranges of the sentences: ended by `.`, `!` or `?` before a space, or by a line break.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' => bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
            _ => false,
        };
        if ends {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    out.push((start, text.len()));
    out.retain(|&(s, e)| text[s..e].split_whitespace().next().is_some());
    out
}

fn shorten(sentence: &str) -> String {
    let folded: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= MAX_CHARS {
        return folded;
    }
    let cut: String = folded.chars().take(MAX_CHARS - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_around_the_phrase() {
        let text = "I led search. We never measured the result. It shipped.";
        let at = text.find("measured").unwrap();
        assert_eq!(
            line(text, Some((at, at + 8))).unwrap(),
            "We never measured the result."
        );
        assert_eq!(line(text, None).unwrap(), "It shipped.");
        assert_eq!(line(text, Some((500, 510))).unwrap(), "It shipped.");
        assert_eq!(line("  \n ", None), None);
    }

    #[test]
    fn a_long_sentence_is_cut_at_a_word() {
        let long = "word ".repeat(100);
        let shown = line(&long, None).unwrap();
        assert!(shown.ends_with('…') && shown.chars().count() <= MAX_CHARS);
    }
}
