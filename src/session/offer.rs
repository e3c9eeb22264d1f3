//! The drawn offer in words, and offer-stage questions made to agree with it: a question that
//! quotes a pay figure gets the drawn figures instead, so the recruiter never presents one
//! offer and then asks about another.

use super::model::Offer;

/// `$420,000`.
pub fn money(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::from("$");
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The offer as the recruiter presents it.
pub fn describe(offer: &Offer) -> String {
    let sign_on = if offer.sign_on > 0 {
        format!(", a {} sign-on bonus", money(offer.sign_on))
    } else {
        String::new()
    };
    let options = if offer.stock_option_share > 0 {
        format!(
            ", and you can take up to {}% of your pay as stock options instead of cash",
            offer.stock_option_share
        )
    } else {
        ", all in cash".to_string()
    };
    format!(
        "The recruiter calls: \"We'd like to offer you the role: a base salary of {}{sign_on}{options}. We'd love you to start in {} weeks.\"",
        money(offer.base_salary),
        offer.start_in_weeks
    )
}

/// The pay figures of the offer, as a phrase that can stand where a question quoted a figure.
fn pay_phrase(offer: &Offer) -> String {
    let base = format!("{} a year in base salary", money(offer.base_salary));
    if offer.sign_on > 0 {
        format!("{base} plus a {} sign-on bonus", money(offer.sign_on))
    } else {
        base
    }
}

/// Byte ranges of the money amounts in `text` (`$480,000`, `$480k`), each widened over a
/// following "a year" and "in total compensation", which the drawn phrase replaces too.
pub fn money_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            let mut end = i + 1;
            while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b',') {
                end += 1;
            }
            while end > i + 1 && bytes[end - 1] == b',' {
                end -= 1;
            }
            if matches!(bytes.get(end), Some(b'k' | b'K')) {
                end += 1;
            }
            for tail in [" a year", " per year", " in total compensation"] {
                if text[end..].starts_with(tail) {
                    end += tail.len();
                }
            }
            spans.push((i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    spans
}

/// `question` with its one quoted pay figure replaced by the drawn offer's. A question with
/// several figures is returned as written; the plan draws such questions last (see
/// [`quotes_several_figures`]).
pub fn with_drawn_figures(question: &str, offer: &Offer) -> String {
    match money_spans(question).as_slice() {
        [(start, end)] => format!(
            "{}{}{}",
            &question[..*start],
            pay_phrase(offer),
            &question[*end..]
        ),
        _ => question.to_string(),
    }
}

/// Whether a question quotes more than one figure, which no single drawn offer can stand in for.
pub fn quotes_several_figures(question: &str) -> bool {
    money_spans(question).len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(sign_on: u32) -> Offer {
        Offer {
            base_salary: 420_000,
            sign_on,
            stock_option_share: 10,
            start_in_weeks: 4,
        }
    }

    #[test]
    fn a_quoted_figure_becomes_the_drawn_offer() {
        let q = "We'd like to offer you $480,000 a year in total compensation. What do you think?";
        assert_eq!(
            with_drawn_figures(q, &offer(75_000)),
            "We'd like to offer you $420,000 a year in base salary plus a $75,000 sign-on bonus. What do you think?"
        );
        assert_eq!(
            with_drawn_figures(q, &offer(0)),
            "We'd like to offer you $420,000 a year in base salary. What do you think?"
        );
        let plain = "Great, so when could you start?";
        assert_eq!(with_drawn_figures(plain, &offer(0)), plain);
        assert!(quotes_several_figures("$400k base and $50k sign-on?"));
        assert_eq!(money(1_234_567), "$1,234,567");
    }
}
