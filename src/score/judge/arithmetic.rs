//! Checks the arithmetic an answer writes out ("30 million x 4 Mbps = 120 million Mbps"):
//! each side is evaluated with its magnitudes and units, and a step that is off by more than
//! rounding is reported with the figure it should have been.

use crate::score::text::Text;

/// A written-out step whose result does not follow from its factors.
#[derive(Debug, Clone, PartialEq)]
pub struct Slip {
    /// Normalised-text range of the whole step.
    pub start: usize,
    pub end: usize,
    /// What the step should have come to, in the stated result's unit.
    pub expected: String,
}

/// Within this ratio a stated result is rounding ("about", "call it"); past it, an error.
const TOLERANCE: f64 = 1.3;

#[derive(Debug, Clone, Copy)]
enum Op {
    Mul,
    Div,
    Add,
    Sub,
}

/// One number with the scale its words give it (million, %, Gbps…).
#[derive(Debug, Clone, Copy)]
struct Quantity {
    value: f64,
    /// The scale of the unit alone (Mbps: 1e6), to state a corrected figure in that unit.
    unit_scale: f64,
    unit_word: Option<&'static str>,
}

fn scale_word(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" | "k" => 1e3,
        "million" | "millions" | "m" | "mm" => 1e6,
        "billion" | "billions" | "bn" | "b" => 1e9,
        "trillion" => 1e12,
        "percent" | "%" => 0.01,
        "points" | "point" | "pts" | "pp" => 0.01,
        "dozen" => 12.0,
        "hundred" => 100.0,
        _ => return None,
    })
}

/// Units whose prefix is a magnitude, so "120,000 Mbps" and "120 Gbps" compare.
fn unit_word(word: &str) -> Option<(&'static str, f64)> {
    Some(match word {
        "kbps" => ("Kbps", 1e3),
        "mbps" => ("Mbps", 1e6),
        "gbps" => ("Gbps", 1e9),
        "tbps" => ("Tbps", 1e12),
        "kb" => ("KB", 1e3),
        "mb" => ("MB", 1e6),
        "gb" => ("GB", 1e9),
        "tb" => ("TB", 1e12),
        "pb" => ("PB", 1e15),
        _ => return None,
    })
}

fn parse_number(raw: &str) -> Option<(f64, Option<f64>)> {
    let raw = raw.trim_start_matches(['$', '€', '£']);
    let (digits, suffix) = match raw.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')) {
        Some(k) => raw.split_at(k),
        None => (raw, ""),
    };
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    // "1,000" groups thousands; "3.5" is a decimal.
    let value: f64 = digits.replace(',', "").trim_end_matches('.').parse().ok()?;
    let scale = match suffix {
        "" => None,
        s => Some(scale_word(s)?),
    };
    Some((value, scale))
}

/// Splits the normalised text into number, word and operator pieces with their offsets.
fn pieces(text: &Text) -> Vec<(usize, usize, &str)> {
    let lower = &text.lower;
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'$' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        if b.is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric()
                    || (matches!(bytes[i], b',' | b'.' | b'%')
                        && bytes[i - 1].is_ascii_digit()
                        && (bytes[i] == b'%' || bytes.get(i + 1).is_some_and(u8::is_ascii_digit))))
            {
                i += 1;
            }
            let word = &lower[start..i];
            // "4%" and "10k" split into the number and its scale.
            match word.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')) {
                Some(k) if k > 0 && word.as_bytes()[0].is_ascii_digit() => {
                    out.push((start, start + k, &word[..k]));
                    out.push((start + k, i, &word[k..]));
                }
                _ => out.push((start, i, word)),
            }
            continue;
        }
        if matches!(b, b'=' | b'*' | b'/' | b'+' | b'~') {
            out.push((i, i + 1, &lower[i..i + 1]));
        } else if b == b'-' && bytes.get(i + 1) == Some(&b' ') && i > 0 && bytes[i - 1] == b' ' {
            out.push((i, i + 1, "-"));
        } else if b == b'.'
            || b == b';'
            || b == b'\n'
            || b == b'?'
            || b == b'!'
            || b == b'('
            || b == b')'
        {
            out.push((i, i + 1, "."));
        } else if b >= 0x80 {
            let ch = lower[i..].chars().next().unwrap_or(' ');
            let sym = match ch {
                '\u{d7}' => "*",
                '\u{f7}' => "/",
                '\u{2248}' => "=",
                _ => "",
            };
            if !sym.is_empty() {
                out.push((i, i + ch.len_utf8(), sym));
            }
            i += ch.len_utf8();
            continue;
        }
        i += 1;
    }
    out
}

fn operator(words: &[(usize, usize, &str)], k: usize) -> Option<(Op, usize)> {
    let w = words.get(k)?.2;
    let next = words.get(k + 1).map(|p| p.2);
    Some(match (w, next) {
        ("x" | "*" | "times", _) => (Op::Mul, 1),
        ("multiplied", Some("by")) => (Op::Mul, 2),
        ("/" | "over", _) => (Op::Div, 1),
        ("divided", Some("by")) => (Op::Div, 2),
        ("+" | "plus", _) => (Op::Add, 1),
        ("-" | "minus", _) => (Op::Sub, 1),
        _ => return None,
    })
}

fn equals(words: &[(usize, usize, &str)], k: usize) -> Option<usize> {
    let w = words.get(k)?.2;
    let next = words.get(k + 1).map(|p| p.2);
    let step = match (w, next) {
        ("=" | "equals" | "is" | "gives" | "makes", _) => 1,
        ("which" | "that", Some("is")) => 2,
        ("that's", _) => 1,
        ("comes", Some("to")) => 2,
        ("~", _) => 1,
        _ => return None,
    };
    // "= about 96 million": hedged results are still results.
    let mut k2 = k + step;
    while matches!(
        words.get(k2).map(|p| p.2),
        Some(
            "about"
                | "roughly"
                | "around"
                | "approximately"
                | "~"
                | "nearly"
                | "almost"
                | "just"
                | "over"
                | "under"
        )
    ) {
        k2 += 1;
    }
    Some(k2 - k)
}

/// A number at `k` with its scale and up to two unit words: (quantity, pieces used).
fn quantity(words: &[(usize, usize, &str)], k: usize) -> Option<(Quantity, usize)> {
    let (value, scale) = parse_number(words.get(k)?.2)?;
    let mut used = 1;
    let mut value = value * scale.unwrap_or(1.0);
    let mut unit_scale = 1.0;
    let mut unit_name = None;
    // Scale words ("30 million"), then unit words ("streams", "Mbps") before the next operator.
    while let Some(s) = words.get(k + used).and_then(|p| scale_word(p.2)) {
        value *= s;
        used += 1;
    }
    if words.get(k + used).is_some_and(|p| p.2 == "percentage")
        && words.get(k + used + 1).is_some_and(|p| p.2 == "points")
    {
        value *= 0.01;
        used += 2;
    }
    for _ in 0..2 {
        let Some(p) = words.get(k + used) else { break };
        if let Some((name, s)) = unit_word(p.2) {
            unit_scale = s;
            unit_name = Some(name);
            used += 1;
            break;
        }
        let is_word = p.2.chars().all(|c| c.is_ascii_alphabetic()) && p.2.len() > 1;
        if is_word
            && operator(words, k + used).is_none()
            && equals(words, k + used).is_none()
            && !matches!(
                p.2,
                "a" | "per" | "each" | "and" | "of" | "to" | "in" | "for" | "at" | "on"
            )
        {
            used += 1;
        } else {
            break;
        }
    }
    Some((
        Quantity {
            value: value * unit_scale,
            unit_scale,
            unit_word: unit_name,
        },
        used,
    ))
}

/// An expression of quantities joined by operators, left to right with * and / before + and -.
/// (value, first quantity, operators, pieces used, whether any quantity had a unit)
type Expression = (f64, Quantity, usize, usize, bool);

fn expression(words: &[(usize, usize, &str)], mut k: usize) -> Option<Expression> {
    let start = k;
    let (first, used) = quantity(words, k)?;
    k += used;
    let mut sum = 0.0;
    let mut term = first.value;
    let mut sign = 1.0;
    let mut ops = 0;
    let mut has_unit = first.unit_word.is_some();
    while let Some((op, step)) = operator(words, k) {
        let Some((q, used)) = quantity(words, k + step) else {
            break;
        };
        match op {
            Op::Mul => term *= q.value,
            Op::Div => {
                if q.value == 0.0 {
                    return None;
                }
                term /= q.value
            }
            Op::Add | Op::Sub => {
                sum += sign * term;
                sign = if matches!(op, Op::Add) { 1.0 } else { -1.0 };
                term = q.value;
            }
        }
        ops += 1;
        has_unit |= q.unit_word.is_some();
        k += step + used;
    }
    Some((sum + sign * term, first, ops, k - start, has_unit))
}

pub fn check(text: &Text) -> Vec<Slip> {
    // Every expression starts from a written number (`parse_number` needs an ASCII digit), so
    // an answer without one has nothing to check; half of answers have none.
    if !text.lower.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let words = pieces(text);
    let mut slips = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let Some((left, _, ops, used, mut has_unit)) = expression(&words, k) else {
            k += 1;
            continue;
        };
        // Square roots and powers are not written out in a form this reads; skip such steps.
        let before = words[k.saturating_sub(4)..k]
            .iter()
            .any(|p| matches!(p.2, "root" | "sqrt" | "squared" | "log"));
        let mut next = k + used;
        let mut value = left;
        let mut chained = ops > 0 && !before;
        while let Some(eq) = equals(&words, next) {
            let Some((right, first, right_ops, right_used, right_unit)) =
                expression(&words, next + eq)
            else {
                break;
            };
            // "3.3 + 0.9 = 4.2 Mbps": a unit named only on the result scales neither side.
            let (right, scale) = if has_unit {
                (right, first.unit_scale)
            } else {
                (right / first.unit_scale, 1.0)
            };
            if chained && right_ops == 0 && !agrees(value, right) {
                let unit = first.unit_word.map(|u| format!(" {u}")).unwrap_or_default();
                slips.push(Slip {
                    start: words[k].0,
                    end: words[next + eq + right_used - 1].1,
                    expected: format!("{}{unit}", human(value / scale)),
                });
                break;
            }
            chained = chained || right_ops > 0;
            has_unit |= right_unit && scale != 1.0;
            value = right;
            next += eq + right_used;
        }
        k = next.max(k + 1);
    }
    slips
}

fn agrees(a: f64, b: f64) -> bool {
    if a == 0.0 || b == 0.0 {
        return (a - b).abs() < 1e-9;
    }
    let ratio = (a / b).abs();
    (1.0 / TOLERANCE..=TOLERANCE).contains(&ratio) && a.signum() == b.signum()
}

/// 120000000 → "120 million".
fn human(x: f64) -> String {
    let (v, word) = if x.abs() >= 1e12 {
        (x / 1e12, " trillion")
    } else if x.abs() >= 1e9 {
        (x / 1e9, " billion")
    } else if x.abs() >= 1e6 {
        (x / 1e6, " million")
    } else {
        (x, "")
    };
    let rounded = if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{:.2}", v)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        format!("{v:.4}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    };
    let rounded = if word.is_empty() && v.abs() >= 1e4 {
        thousands(v.round() as i64)
    } else {
        rounded
    };
    format!("{rounded}{word}")
}

fn thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slips(s: &str) -> Vec<Slip> {
        check(&Text::new(s))
    }

    #[test]
    fn a_correct_chain_passes() {
        assert!(slips("80 million x 60% x 2 hours = 96 million hours a day.").is_empty());
        assert!(slips("0.55 x 6 + 0.45 x 2 = 3.3 + 0.9 = 4.2 Mbps").is_empty());
        assert!(slips("30 million x 4 Mbps = 120 million Mbps, which is 120 Tbps.").is_empty());
        assert!(slips("16 x 0.09 / 0.000016, about 90,000 visitors").is_empty());
        assert!(slips("9M x 0.3 points = 27,000 fewer cancellations").is_empty());
    }

    #[test]
    fn a_dropped_factor_is_caught_with_the_right_figure() {
        let s = slips("Peak: 30 million streams x 4 Mbps = 120,000 Mbps, which is 120 Gbps.");
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].expected, "120 million Mbps");
        let s = slips("That's 80 million x 60% x 2 hours = 9.6 million hours.");
        assert_eq!(s.len(), 1, "{s:?}");
    }
}
