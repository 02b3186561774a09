//! Numbers with their units and magnitudes, years and dates, read from folded text.
//!
//! `$2.1 billion`, `2.1bn dollars` and `$2,100 million` are one amount; `40%`, `40 per cent` and
//! `40 percent` one share; `two plants` and `2 plants` one count; `12 May 2026`, `May 12, 2026`
//! and `2026-05-12` one date.

use serde::{Deserialize, Serialize};

use crate::lexicon::{is_stop_word, month_number, number_word, stem};

/// What a number measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Unit {
    /// A plain number or count (`two plants`, `8 million jobs`).
    Count,
    /// A share (`40%`, `40 per cent`, `3 percentage points`).
    Percent,
    /// An amount of money in a currency.
    Money(Currency),
    /// A calendar year (`2026`, `the 1990s`).
    Year,
}

/// A currency, as news writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Currency {
    /// `$`, `US$`, `dollars`, `USD`.
    Dollar,
    /// `€`, `euros`, `EUR`.
    Euro,
    /// `£`, `pounds`, `GBP`.
    Pound,
    /// `¥`, `yen`, `JPY`.
    Yen,
    /// `yuan`, `renminbi`, `RMB`, `CNY`.
    Yuan,
}

/// A number read from text: its value, unit and precision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The value with its magnitude applied (`$2.1 billion` is `2.1e9`).
    pub value: f64,
    /// What it measures.
    pub unit: Unit,
    /// Half the smallest step the number was written with (`2.1 billion`: 0.05 billion), so a
    /// coarser number in the prose matches the finer one it rounds.
    pub tolerance: f64,
    /// The word the number counts (`plants` in `two new plants`), stemmed, if one follows.
    pub counted: Option<String>,
}

/// A calendar date, as precise as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsDate {
    /// The year, if given.
    pub year: Option<i32>,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, if given.
    pub day: Option<u8>,
}

impl NewsDate {
    /// Whether `self` (from the prose) agrees with `other` (from a source) on every field both
    /// give; a date with a day needs a day, and a month-and-year needs the year.
    pub(crate) fn agrees_with(&self, other: &NewsDate) -> bool {
        self.month == other.month
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
            && (self.day.is_some()
                || other.day.is_some()
                || self.year.is_some() == other.year.is_some())
            && (self.year.is_none() || other.year.is_none() || self.year == other.year)
            && !(self.day.is_some() && other.day.is_none())
    }
}

/// A number or date found in folded text, with its folded byte range and the stemmed words
/// that follow it (up to four content words before punctuation).
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) what: Reading,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) following: Vec<String>,
    /// The end of the counted word, when one follows (`3 plants`), else `end`.
    pub(crate) phrase_end: usize,
}

/// The two kinds of reading.
#[derive(Debug, Clone)]
pub(crate) enum Reading {
    Quantity(Quantity),
    Date(NewsDate),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum TokKind {
    Word,
    Num,
    Sym(char),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: TokKind,
    start: usize,
    end: usize,
    /// White space before this token.
    gap: bool,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut gap = false;
    let mut i = 0;
    while i < text.len() {
        let c = match bytes[i] {
            b if b.is_ascii() => char::from(b),
            _ => match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        if c == ' ' {
            gap = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_digit() {
            i += 1;
            while i < text.len() {
                let b = bytes[i];
                if b.is_ascii_digit() {
                    i += 1;
                } else if b == b','
                    && bytes
                        .get(i + 1..i + 4)
                        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                    && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
                {
                    i += 4;
                } else if b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                } else {
                    break;
                }
            }
            TokKind::Num
        } else if c.is_alphabetic() {
            loop {
                // ASCII letters byte by byte; any other character decoded.
                match bytes.get(i) {
                    Some(b) if b.is_ascii_alphabetic() => i += 1,
                    Some(b) if b.is_ascii() => break,
                    Some(_) => match text[i..].chars().next() {
                        Some(d) if d.is_alphabetic() => i += d.len_utf8(),
                        _ => break,
                    },
                    None => break,
                }
            }
            TokKind::Word
        } else {
            i += c.len_utf8();
            TokKind::Sym(c)
        };
        toks.push(Tok {
            kind,
            start,
            end: i,
            gap,
        });
        gap = false;
    }
    toks
}

fn magnitude(word: &str, attached_or_money: bool) -> Option<f64> {
    Some(match word {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "millions" | "mn" | "mln" => 1e6,
        "billion" | "billions" | "bn" | "bln" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" => 1e12,
        "k" if attached_or_money => 1e3,
        "m" if attached_or_money => 1e6,
        "b" if attached_or_money => 1e9,
        _ => return None,
    })
}

fn currency_word(word: &str) -> Option<Currency> {
    Some(match word {
        "dollar" | "dollars" | "usd" => Currency::Dollar,
        "euro" | "euros" | "eur" => Currency::Euro,
        "pound" | "pounds" | "gbp" | "sterling" => Currency::Pound,
        "yen" | "jpy" => Currency::Yen,
        "yuan" | "renminbi" | "rmb" | "cny" => Currency::Yuan,
        _ => return None,
    })
}

fn currency_symbol(c: char) -> Option<Currency> {
    Some(match c {
        '$' => Currency::Dollar,
        '€' => Currency::Euro,
        '£' => Currency::Pound,
        '¥' => Currency::Yen,
        _ => return None,
    })
}

/// Reads every number and date in folded `text`.
pub(crate) fn find_all(text: &str) -> Vec<Found> {
    let toks = tokenize(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(next) = slash_date(text, &toks, i) {
            // `5/12/2026` is May 12 or 5 December: not read, rather than read wrong.
            i = next;
            continue;
        }
        if let Some((date, next)) = read_date(text, &toks, i) {
            let (start, end) = (toks[i].start, toks[next - 1].end);
            found.push(Found {
                what: Reading::Date(date),
                start,
                end,
                following: Vec::new(),
                phrase_end: end,
            });
            i = next;
            continue;
        }
        if let Some((quantity, first, next, counted_end)) = read_quantity(text, &toks, i) {
            let following = following_words(text, &toks, next);
            let end = toks[next - 1].end;
            found.push(Found {
                what: Reading::Quantity(quantity),
                start: toks[first].start,
                end,
                following,
                phrase_end: counted_end.unwrap_or(end),
            });
            i = next;
            continue;
        }
        i += 1;
    }
    found
}

/// The words a source number may count: up to two content words right after it (`two
/// separation plants` → `separation`, `plant`), past adjectives of amount (`new`, `more`), up
/// to the first function word or punctuation.
fn following_words(text: &str, toks: &[Tok], from: usize) -> Vec<String> {
    let mut out = Vec::new();
    for t in toks.iter().skip(from).take(6) {
        match t.kind {
            TokKind::Word => {
                let w = &text[t.start..t.end];
                if is_amount_adjective(w) {
                    continue;
                }
                if is_stop_word(w) {
                    break;
                }
                out.push(stem(w));
                if out.len() == 2 {
                    break;
                }
            }
            TokKind::Sym('-') if !t.gap => {}
            _ => break,
        }
    }
    out
}

/// Words between a number and what it counts that do not change what is counted.
fn is_amount_adjective(word: &str) -> bool {
    matches!(
        word,
        "new"
            | "more"
            | "additional"
            | "extra"
            | "other"
            | "further"
            | "straight"
            | "long"
            | "consecutive"
            | "separate"
            | "full"
            | "whole"
    )
}

/// A fraction after a whole number: ` 1/2` (a separate token), or `½`; its value, its
/// denominator and the token after it. `5/12/2026` is not a fraction.
fn read_fraction(text: &str, toks: &[Tok], i: usize) -> Option<(f64, f64, usize)> {
    let t = toks.get(i)?;
    if let TokKind::Sym(c) = t.kind {
        let (value, denominator) = match c {
            '½' => (0.5, 2.0),
            '¼' => (0.25, 4.0),
            '¾' => (0.75, 4.0),
            '⅓' => (1.0 / 3.0, 3.0),
            '⅔' => (2.0 / 3.0, 3.0),
            _ => return None,
        };
        return Some((value, denominator, i + 1));
    }
    let small = |k: usize| {
        toks.get(k)
            .filter(|n| n.kind == TokKind::Num && !(k > i && n.gap))
            .and_then(|n| text[n.start..n.end].parse::<u32>().ok())
    };
    let slash = toks
        .get(i + 1)
        .is_some_and(|s| s.kind == TokKind::Sym('/') && !s.gap);
    let (numerator, denominator) = (small(i)?, small(i + 2)?);
    let another_slash = toks.get(i + 3).is_some_and(|s| s.kind == TokKind::Sym('/'));
    (t.gap
        && slash
        && !another_slash
        && numerator < denominator
        && matches!(denominator, 2 | 3 | 4 | 8))
    .then(|| {
        (
            f64::from(numerator) / f64::from(denominator),
            f64::from(denominator),
            i + 3,
        )
    })
}

/// A number (digits or words) at `i`: its value, precision, and the index after it.
fn read_number(text: &str, toks: &[Tok], i: usize) -> Option<(f64, f64, usize, bool)> {
    let t = toks.get(i)?;
    match t.kind {
        TokKind::Num => {
            let digits: String = text[t.start..t.end].chars().filter(|&c| c != ',').collect();
            let value: f64 = digits.parse().ok()?;
            let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
            let step = 10f64.powi(-(decimals as i32));
            // `1 1/2 million`, `2½`
            let fraction = read_fraction(text, toks, i + 1).filter(|_| !digits.contains('.'));
            if let Some((fraction, denominator, next)) = fraction {
                return Some((value + fraction, 1.0 / denominator, next, true));
            }
            Some((value, step, i + 1, true))
        }
        TokKind::Word => {
            let w = &text[t.start..t.end];
            let mut value = number_word(w)?;
            let mut next = i + 1;
            // `twenty-five`
            let hyphen = toks
                .get(next)
                .is_some_and(|h| h.kind == TokKind::Sym('-') && !h.gap);
            let units = toks
                .get(next + 1)
                .filter(|u| !u.gap && u.kind == TokKind::Word)
                .and_then(|u| number_word(&text[u.start..u.end]))
                .filter(|&v| v < 10.0);
            if let Some(units) = units.filter(|_| hyphen && value >= 20.0 && value % 10.0 == 0.0) {
                value += units;
                next += 2;
            }
            // `three hundred`, `two hundred and fifty`
            if toks
                .get(next)
                .is_some_and(|h| h.kind == TokKind::Word && &text[h.start..h.end] == "hundred")
            {
                value *= 100.0;
                next += 1;
                let and = usize::from(
                    toks.get(next)
                        .is_some_and(|a| &text[a.start..a.end] == "and"),
                );
                if let Some(rest) = toks
                    .get(next + and)
                    .filter(|r| r.kind == TokKind::Word)
                    .and_then(|r| number_word(&text[r.start..r.end]))
                {
                    value += rest;
                    next += and + 1;
                }
            }
            Some((value, 1.0, next, false))
        }
        TokKind::Sym(_) => None,
    }
}

/// A number at `i`: the quantity, its first token, the token after it, and the end of the
/// word it counts.
fn read_quantity(
    text: &str,
    toks: &[Tok],
    i: usize,
) -> Option<(Quantity, usize, usize, Option<usize>)> {
    let word_at = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == TokKind::Word)
            .map(|t| &text[t.start..t.end])
    };
    // A currency before the number: `$`, `us$`, `€`, `usd`.
    let mut currency = None;
    let first = i;
    let mut at = i;
    if let Some(TokKind::Sym(c)) = toks.get(at).map(|t| t.kind) {
        if let Some(cur) = currency_symbol(c) {
            currency = Some(cur);
            at += 1;
        }
    } else if let Some(w) = word_at(at) {
        if matches!(w, "us" | "a" | "c" | "hk" | "nz" | "s")
            && toks
                .get(at + 1)
                .is_some_and(|t| !t.gap && t.kind == TokKind::Sym('$'))
        {
            currency = Some(Currency::Dollar);
            at += 2;
        } else if matches!(w, "usd" | "eur" | "gbp" | "jpy" | "cny" | "rmb")
            && toks.get(at + 1).is_some_and(|t| t.kind == TokKind::Num)
        {
            currency = currency_word(w);
            at += 1;
        }
    }
    let (value, step, mut next, is_digits) = read_number(text, toks, at)?;
    let number_tok = toks[at];
    // Words that are numbers only in company: `one` alone is a pronoun more often than a count.
    if !is_digits && currency.is_none() && value < 2.0 {
        let has_magnitude = word_at(next).and_then(|w| magnitude(w, false)).is_some();
        if !has_magnitude {
            return None;
        }
    }
    // A number glued to letters that are not a unit (`5g`, `b2b`, `mp3`) is a name, not a number.
    if let Some(after) = toks
        .get(next)
        .filter(|a| !a.gap && a.kind == TokKind::Word && is_digits)
    {
        let w = &text[after.start..after.end];
        let unit_like = magnitude(w, true).is_some()
            || currency_word(w).is_some()
            || matches!(w, "s" | "st" | "nd" | "rd" | "th");
        if !unit_like {
            return None;
        }
    }
    if at > 0
        && currency.is_none()
        && is_digits
        && !number_tok.gap
        && toks[at - 1].kind == TokKind::Word
    {
        // Letters glued before digits (`a320`, `covid19`): a name.
        return None;
    }
    let mut scale = 1.0;
    // Magnitudes multiply: `two hundred thousand`, `1.2 thousand million`.
    while let Some(w) = word_at(next) {
        let glued = !toks[next].gap;
        if let Some(m) = magnitude(w, glued || currency.is_some()) {
            scale *= m;
            next += 1;
        } else if is_digits && glued && matches!(w, "st" | "nd" | "rd" | "th") {
            // An ordinal (`21st century`) is not checked as a number.
            return None;
        } else {
            break;
        }
    }
    let mut unit = None;
    if let Some(cur) = currency {
        unit = Some(Unit::Money(cur));
    }
    let mut decade = false;
    if let Some(t) = toks.get(next) {
        match t.kind {
            TokKind::Sym('%') => {
                unit = Some(Unit::Percent);
                next += 1;
            }
            // `a 77-percent increase`
            TokKind::Sym('-')
                if !t.gap
                    && word_at(next + 1).is_some_and(|w| matches!(w, "percent" | "pct"))
                    && toks.get(next + 1).is_some_and(|p| !p.gap) =>
            {
                unit = Some(Unit::Percent);
                next += 2;
            }
            TokKind::Word => {
                let w = &text[t.start..t.end];
                if w == "s"
                    && !t.gap
                    && is_digits
                    && scale == 1.0
                    && (1000.0..2200.0).contains(&value)
                {
                    decade = true;
                    next += 1;
                } else if matches!(w, "percent" | "pct") {
                    unit = Some(Unit::Percent);
                    next += 1;
                } else if (w == "per" && word_at(next + 1) == Some("cent"))
                    || (w == "percentage"
                        && word_at(next + 1).is_some_and(|p| p.starts_with("point")))
                {
                    unit = Some(Unit::Percent);
                    next += 2;
                } else if let Some(cur) = currency_word(w).filter(|_| unit.is_none()) {
                    unit = Some(Unit::Money(cur));
                    next += 1;
                }
            }
            _ => {}
        }
    }
    let plain = unit.is_none();
    let unit = unit.unwrap_or_else(|| {
        let raw = &text[number_tok.start..number_tok.end];
        let year_like = is_digits
            && scale == 1.0
            && raw.len() == 4
            && raw.bytes().all(|b| b.is_ascii_digit())
            && (1000.0..2200.0).contains(&value);
        if decade || year_like {
            Unit::Year
        } else {
            Unit::Count
        }
    });
    let counted = if plain || matches!(unit, Unit::Money(_) | Unit::Percent) {
        counted_word(text, toks, next)
    } else {
        None
    };
    let counted_end = counted.as_ref().map(|&(_, end)| end);
    let (mut value, mut tolerance) = (value * scale, step * scale / 2.0);
    if decade {
        // `the 1990s` is any year from 1990 to 1999.
        value += 4.5;
        tolerance = 5.0;
    } else if is_hedged(text, toks, first) {
        // `about 40%` may round 38.6%; a bare `40%` may not.
        tolerance = tolerance.max(value.abs() * HEDGE_SLACK);
    }
    let quantity = Quantity {
        value,
        unit,
        tolerance,
        counted: counted.map(|(word, _)| word),
    };
    Some((quantity, first, next, counted_end))
}

/// How far a hedged number (`about 40%`) may be from the source's, as a share of its value.
const HEDGE_SLACK: f64 = 0.05;

/// Whether the words before token `first` hedge the number (`about`, `nearly`, `roughly`, …).
fn is_hedged(text: &str, toks: &[Tok], first: usize) -> bool {
    let word = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == TokKind::Word)
            .map(|t| &text[t.start..t.end])
    };
    let Some(before) = first.checked_sub(1) else {
        return false;
    };
    matches!(
        word(before),
        Some(
            "about"
                | "around"
                | "roughly"
                | "nearly"
                | "almost"
                | "approximately"
                | "some"
                | "circa"
                | "approx"
        )
    ) || (word(before) == Some("to") && first >= 2 && word(first - 2) == Some("close"))
}

/// The word a number counts: the first content word right after it, past adjectives of amount
/// (`two new plants` → `plant`); none when a function word or punctuation comes first.
fn counted_word(text: &str, toks: &[Tok], from: usize) -> Option<(String, usize)> {
    for t in toks.iter().skip(from).take(4) {
        match t.kind {
            TokKind::Sym('-') if !t.gap => {}
            TokKind::Word => {
                let w = &text[t.start..t.end];
                if is_amount_adjective(w) {
                    continue;
                }
                if is_stop_word(w) {
                    return None;
                }
                return Some((stem(w), t.end));
            }
            _ => return None,
        }
    }
    None
}

/// The token after a numeric date with slashes (`5/12/2026`, `12/05/26`) at `i`.
fn slash_date(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let num = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.kind == TokKind::Num && !text[t.start..t.end].contains(['.', ',']))
    };
    let slash = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.kind == TokKind::Sym('/') && !t.gap)
    };
    let glued = |k: usize| toks.get(k).is_some_and(|t| !t.gap);
    (num(i)
        && slash(i + 1)
        && num(i + 2)
        && glued(i + 2)
        && slash(i + 3)
        && num(i + 4)
        && glued(i + 4))
    .then_some(i + 5)
}

fn read_date(text: &str, toks: &[Tok], i: usize) -> Option<(NewsDate, usize)> {
    let word_at = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == TokKind::Word)
            .map(|t| &text[t.start..t.end])
    };
    let num_at = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == TokKind::Num)
            .and_then(|t| {
                let s = &text[t.start..t.end];
                if s.bytes().all(|b| b.is_ascii_digit()) {
                    s.parse::<u32>().ok().map(|v| (v, s.len()))
                } else {
                    None
                }
            })
    };
    let ordinal_after = |k: usize| {
        word_at(k).is_some_and(|w| matches!(w, "st" | "nd" | "rd" | "th"))
            && toks.get(k).is_some_and(|t| !t.gap)
    };
    let skip_dot = |k: usize| {
        usize::from(
            toks.get(k)
                .is_some_and(|t| t.kind == TokKind::Sym('.') && !t.gap),
        )
    };
    let year_at = |k: usize| {
        num_at(k)
            .filter(|&(v, len)| len == 4 && (1000..2200).contains(&v))
            .map(|(v, _)| v as i32)
    };
    // `[,] 2026` after a day and month: the year if there is one, and where reading goes on.
    let year_after = |k: usize| {
        let comma = usize::from(toks.get(k).is_some_and(|t| t.kind == TokKind::Sym(',')));
        year_at(k + comma).map_or((None, k), |y| (Some(y), k + comma + 1))
    };
    let day_ok = |v: u32| (1..=31).contains(&v);

    // ISO: 2026-05-12
    if let (Some((y, 4)), Some(dash1), Some((m, 2)), Some(dash2), Some((d, 2))) = (
        num_at(i),
        toks.get(i + 1)
            .filter(|t| t.kind == TokKind::Sym('-') && !t.gap),
        num_at(i + 2),
        toks.get(i + 3)
            .filter(|t| t.kind == TokKind::Sym('-') && !t.gap),
        num_at(i + 4),
    ) {
        let _ = (dash1, dash2);
        if (1..=12).contains(&m) && day_ok(d) {
            return Some((
                NewsDate {
                    year: Some(y as i32),
                    month: m as u8,
                    day: Some(d as u8),
                },
                i + 5,
            ));
        }
    }
    // Month first: May 12[th][,] [2026] | May 2026
    if let Some(month) = word_at(i).and_then(month_number) {
        let mut k = i + 1 + skip_dot(i + 1);
        if let Some((d, _)) = num_at(k).filter(|&(d, len)| len <= 2 && day_ok(d)) {
            k += 1;
            if ordinal_after(k) {
                k += 1;
            }
            let (year, k) = year_after(k);
            return Some((
                NewsDate {
                    year,
                    month,
                    day: Some(d as u8),
                },
                k,
            ));
        }
        let of = usize::from(word_at(k) == Some("of"));
        if let Some(y) = year_at(k + of) {
            return Some((
                NewsDate {
                    year: Some(y),
                    month,
                    day: None,
                },
                k + of + 1,
            ));
        }
        return None;
    }
    // Day first: 12[th] [of] May [2026]
    if let Some((d, _)) = num_at(i).filter(|&(d, len)| len <= 2 && day_ok(d)) {
        let mut k = i + 1;
        if ordinal_after(k) {
            k += 1;
        }
        if word_at(k) == Some("of") {
            k += 1;
        }
        let month = word_at(k).and_then(month_number)?;
        k += 1 + skip_dot(k + 1);
        let (year, k) = year_after(k);
        return Some((
            NewsDate {
                year,
                month,
                day: Some(d as u8),
            },
            k,
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantities(text: &str) -> Vec<Quantity> {
        find_all(text)
            .into_iter()
            .filter_map(|f| match f.what {
                Reading::Quantity(q) => Some(q),
                Reading::Date(_) => None,
            })
            .collect()
    }

    #[test]
    fn money_in_every_form_has_one_value() {
        for text in [
            "$2.1 billion",
            "2.1bn dollars",
            "$2,100 million",
            "us$2.1bn",
            "usd 2.1 billion",
        ] {
            let q = quantities(text);
            assert_eq!(q.len(), 1, "{text}");
            assert_eq!(q[0].unit, Unit::Money(Currency::Dollar), "{text}");
            assert!((q[0].value - 2.1e9).abs() < 1.0, "{text}: {}", q[0].value);
        }
    }

    #[test]
    fn shares_and_counts() {
        for text in [
            "40%",
            "40 per cent",
            "40 percent",
            "forty percent",
            "a 40-percent rise",
        ] {
            let q = quantities(text);
            assert_eq!(q[0].unit, Unit::Percent, "{text}");
            assert_eq!(q[0].value, 40.0, "{text}");
        }
        let q = quantities("two new plants");
        assert_eq!(
            (q[0].value, q[0].unit, q[0].counted.as_deref()),
            (2.0, Unit::Count, Some("plant"))
        );
        let q = quantities("two hundred thousand are teachers");
        assert_eq!(q[0].value, 200_000.0);
        let q = quantities("another 1 1/2 million jobs");
        assert_eq!(
            (q[0].value, q[0].counted.as_deref()),
            (1_500_000.0, Some("job"))
        );
        assert!(quantities("on 5/12/2026").is_empty());
        let q = quantities("about 40% and 40%");
        assert_eq!((q[0].tolerance, q[1].tolerance), (2.0, 0.5));
        let q = quantities("a ten-year contract");
        assert_eq!((q[0].value, q[0].counted.as_deref()), (10.0, Some("year")));
    }

    #[test]
    fn years_decades_and_non_numbers() {
        assert_eq!(quantities("in 2026")[0].unit, Unit::Year);
        let decade = &quantities("the 1990s")[0];
        assert_eq!((decade.value, decade.tolerance), (1994.5, 5.0));
        assert!(quantities("one of them, the 21st century, 5g networks, a320").is_empty());
    }

    #[test]
    fn dates_in_news_forms() {
        let want = NewsDate {
            year: Some(2026),
            month: 5,
            day: Some(12),
        };
        for text in [
            "12 may 2026",
            "may 12, 2026",
            "2026-05-12",
            "12th of may 2026",
            "may 12th 2026",
        ] {
            let found = find_all(text);
            assert_eq!(found.len(), 1, "{text}");
            match &found[0].what {
                Reading::Date(d) => assert_eq!(*d, want, "{text}"),
                Reading::Quantity(q) => panic!("{text}: read as {q:?}"),
            }
        }
        assert!(find_all("it may be").is_empty());
    }
}
