//! Checks shared by every text field: trimming, emptiness, length and control characters.

use crate::SignalError;

/// How long a value may be, and in which unit.
#[derive(Clone, Copy)]
pub(crate) enum Bound {
    Chars(usize),
    Bytes(usize),
}

/// Trims `value` and checks it: non-empty, within `bound`, and free of control characters
/// (line breaks and tabs are allowed where `multiline` is true, as in paragraphs).
pub(crate) fn checked_text(
    field: &'static str,
    value: &str,
    bound: Bound,
    multiline: bool,
) -> Result<String, SignalError> {
    // Check the raw length first so a 10 MB value is rejected before any further work.
    let (len, max, unit) = match bound {
        Bound::Bytes(max) => (value.len(), max, "bytes"),
        Bound::Chars(max) => {
            // A string's byte length bounds its character count, so count only when needed.
            let len = if value.len() <= max {
                value.len()
            } else {
                value.chars().count()
            };
            (len, max, "characters")
        }
    };
    if len > max {
        return Err(SignalError::TooLong {
            field,
            len,
            max,
            unit,
        });
    }
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(SignalError::Empty { field });
    }
    if let Some((offset, c)) = trimmed
        .char_indices()
        .find(|&(_, c)| c.is_control() && !(multiline && matches!(c, '\n' | '\t' | '\r')))
    {
        return Err(SignalError::ControlCharacter {
            field,
            code: u32::from(c),
            offset,
        });
    }
    Ok(trimmed.to_owned())
}

/// The first `max` characters of `value`, for error messages that must not echo megabytes.
pub(crate) fn excerpt(value: &str) -> String {
    const MAX: usize = 60;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_accepts_plain_text() {
        let text = checked_text("thesis", "  hello  ", Bound::Chars(10), false).unwrap();
        assert_eq!(text, "hello");
    }

    #[test]
    fn rejects_empty_and_blank() {
        for value in ["", "   ", "\n\t"] {
            let err = checked_text("thesis", value, Bound::Chars(10), false).unwrap_err();
            assert_eq!(err, SignalError::Empty { field: "thesis" });
        }
    }

    #[test]
    fn counts_characters_not_bytes_when_asked() {
        assert!(checked_text("label", "éééé", Bound::Chars(4), false).is_ok());
        let err = checked_text("label", "ééééé", Bound::Chars(4), false).unwrap_err();
        assert!(matches!(err, SignalError::TooLong { len: 5, max: 4, .. }));
    }

    #[test]
    fn allows_line_breaks_only_in_multiline_text() {
        assert!(checked_text("analysis", "a\nb", Bound::Bytes(10), true).is_ok());
        let err = checked_text("thesis", "a\nb", Bound::Bytes(10), false).unwrap_err();
        assert!(matches!(
            err,
            SignalError::ControlCharacter {
                code: 0x0A,
                offset: 1,
                ..
            }
        ));
        let err = checked_text("analysis", "a\u{7}b", Bound::Bytes(10), true).unwrap_err();
        assert!(matches!(err, SignalError::ControlCharacter { code: 7, .. }));
    }

    #[test]
    fn excerpt_is_bounded() {
        let long = "x".repeat(1000);
        assert_eq!(excerpt(&long).chars().count(), 61);
        assert_eq!(excerpt("short"), "short");
    }
}
