//! The small word lists the check needs: function words, number words, months, demonyms,
//! and capitalised words that name no one.

/// Lower-case English words (SCOWL small; see `data/PROVENANCE.md`), one a line, sorted bytewise.
const COMMON_WORDS: &str = include_str!("../data/common-words.txt");

/// Whether a folded word, or its singular, is a common English word.
pub(crate) fn is_common_word(folded: &str) -> bool {
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| COMMON_WORDS.lines().collect());
    let known = |w: &str| words.binary_search(&w).is_ok();
    known(folded) || known(&stem(folded))
}

/// Function words and other words that carry no claim (folded, lower case).
pub(crate) fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "by"
            | "with"
            | "from"
            | "as"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "than"
            | "that"
            | "this"
            | "these"
            | "those"
            | "it"
            | "its"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "not"
            | "no"
            | "so"
            | "such"
            | "if"
            | "then"
            | "there"
            | "their"
            | "they"
            | "them"
            | "he"
            | "she"
            | "his"
            | "her"
            | "we"
            | "our"
            | "us"
            | "you"
            | "your"
            | "i"
            | "my"
            | "me"
            | "who"
            | "whom"
            | "which"
            | "what"
            | "when"
            | "where"
            | "why"
            | "how"
            | "each"
            | "every"
            | "all"
            | "any"
            | "some"
            | "per"
            | "about"
            | "after"
            | "before"
            | "between"
            | "while"
            | "also"
            | "only"
            | "just"
            | "up"
            | "down"
            | "out"
            | "off"
            | "s"
            | "t"
            | "one"
            | "both"
            | "either"
            | "neither"
            | "because"
            | "since"
            | "until"
            | "against"
            | "during"
            | "through"
            | "without"
            | "within"
            | "among"
            | "across"
            | "than."
            | "own"
            | "same"
            | "other"
            | "another"
            | "most"
            | "more"
            | "less"
            | "very"
            | "too"
            | "now"
            | "yet"
            | "still"
            | "even"
            | "already"
            | "again"
    )
}

/// A light English stem: plural and possessive endings off, so `plants` meets `plant`.
pub(crate) fn stem(word: &str) -> String {
    let w = word.trim_end_matches('\'');
    if let Some(base) = w.strip_suffix("ies").filter(|b| b.len() >= 2) {
        return format!("{base}y");
    }
    if let Some(base) = w.strip_suffix("es").filter(|b| {
        b.len() >= 3
            && (b.ends_with("ch") || b.ends_with("sh") || b.ends_with('x') || b.ends_with("ss"))
    }) {
        return base.to_owned();
    }
    if let Some(base) = w
        .strip_suffix('s')
        .filter(|b| b.len() >= 3 && !b.ends_with('s') && !b.ends_with('u') && !b.ends_with('i'))
    {
        return base.to_owned();
    }
    w.to_owned()
}

/// The value of a number word (folded), `two` to `ninety`, and `dozen`.
pub(crate) fn number_word(word: &str) -> Option<f64> {
    Some(match word {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// The month a folded word names (`may`, `sept`, `december`).
pub(crate) fn month_number(word: &str) -> Option<u8> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Capitalised words that name nobody in particular: days, months, compass adjectives, titles
/// and honorifics (checked with the name they precede, not alone), and sentence openers.
pub(crate) fn is_generic_capitalised(folded: &str) -> bool {
    month_number(folded).is_some()
        || matches!(
            folded,
            "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "western"
                | "eastern"
                | "northern"
                | "southern"
                | "west"
                | "east"
                | "north"
                | "south"
                | "mr"
                | "mrs"
                | "ms"
                | "dr"
                | "prof"
                | "sir"
                | "madam"
                | "i"
                | "ok"
                | "ai"
                | "tv"
                | "ceo"
                | "cfo"
                | "gdp"
                | "phd"
                | "pm"
                | "am"
                | "internet"
                | "web"
                | "god"
                | "lord"
        )
}

/// Words that may open a name but are titles or offices: `President Obama` is checked by its
/// name, and `the President` alone by the sources.
pub(crate) fn is_title(folded: &str) -> bool {
    matches!(
        folded,
        "president"
            | "vice"
            | "prime"
            | "minister"
            | "secretary"
            | "senator"
            | "sen"
            | "representative"
            | "rep"
            | "governor"
            | "gov"
            | "mayor"
            | "chancellor"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "general"
            | "gen"
            | "admiral"
            | "judge"
            | "justice"
            | "chief"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "director"
            | "commissioner"
            | "ambassador"
            | "speaker"
            | "leader"
            | "sergeant"
            | "captain"
            | "colonel"
            | "lieutenant"
            | "officer"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "professor"
            | "sir"
            | "dame"
            | "lady"
            | "lord"
            | "pope"
            | "bishop"
            | "reverend"
            | "rev"
            | "saint"
            | "st"
            | "deputy"
            | "foreign"
            | "finance"
            | "trade"
            | "defence"
            | "defense"
            | "former"
            | "acting"
    )
}

/// Demonyms and the places they belong to, so `Chinese` in the prose is found by `China` in a
/// source and `Japan` by `Japanese`.
const DEMONYMS: &[(&[&str], &[&str])] = &[
    (
        &["american", "americans"],
        &["united states", "america", "us", "usa", "washington"],
    ),
    (&["chinese"], &["china", "prc", "beijing"]),
    (&["japanese"], &["japan", "tokyo"]),
    (
        &["european", "europeans"],
        &["europe", "eu", "european union", "brussels"],
    ),
    (&["german", "germans"], &["germany", "berlin"]),
    (&["french"], &["france", "paris"]),
    (
        &["british", "briton", "britons"],
        &["britain", "uk", "united kingdom", "london"],
    ),
    (&["australian", "australians"], &["australia", "canberra"]),
    (&["korean", "koreans"], &["korea", "seoul"]),
    (&["indian", "indians"], &["india", "delhi"]),
    (&["russian", "russians"], &["russia", "moscow", "kremlin"]),
    (&["taiwanese"], &["taiwan", "taipei"]),
    (&["canadian", "canadians"], &["canada", "ottawa"]),
    (&["mexican", "mexicans"], &["mexico"]),
    (&["italian", "italians"], &["italy", "rome"]),
    (&["spanish"], &["spain", "madrid"]),
    (&["dutch"], &["netherlands", "holland"]),
    (&["swedish"], &["sweden"]),
    (&["norwegian"], &["norway"]),
    (&["israeli", "israelis"], &["israel"]),
    (&["iranian", "iranians"], &["iran", "tehran"]),
    (&["iraqi", "iraqis"], &["iraq", "baghdad"]),
    (&["afghan", "afghans"], &["afghanistan", "kabul"]),
    (&["ukrainian", "ukrainians"], &["ukraine", "kyiv", "kiev"]),
    (&["brazilian", "brazilians"], &["brazil"]),
    (&["african", "africans"], &["africa"]),
    (&["asian", "asians"], &["asia"]),
    (&["soviet"], &["soviet union", "ussr", "russia"]),
];

/// The places a demonym belongs to (`chinese` → `china`, …).
pub(crate) fn demonym_places(folded: &str) -> &'static [&'static str] {
    DEMONYMS
        .iter()
        .find(|(d, _)| d.contains(&folded))
        .map_or(&[], |(_, p)| p)
}

/// Abbreviations news writes inside names, with the word each stands for (folded, without the
/// dot): `Commerce Dept` is `Commerce Department`, `Acme Corp` is `Acme Corporation`.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("dept", "department"),
    ("corp", "corporation"),
    ("inc", "incorporated"),
    ("co", "company"),
    ("univ", "university"),
    ("intl", "international"),
    ("natl", "national"),
    ("assn", "association"),
    ("govt", "government"),
    ("gov", "governor"),
    ("sen", "senator"),
    ("rep", "representative"),
    ("gen", "general"),
    ("sec", "secretary"),
    ("pres", "president"),
    ("mt", "mount"),
    ("st", "saint"),
    ("ft", "fort"),
];

/// The other spelling of a word of a name: the full word for an abbreviation (`dept` →
/// `department`) and the abbreviation for a full word; `None` for any other word.
pub(crate) fn abbreviation_pair(folded: &str) -> Option<&'static str> {
    ABBREVIATIONS.iter().find_map(|&(short, full)| {
        if short == folded {
            Some(full)
        } else if full == folded {
            Some(short)
        } else {
            None
        }
    })
}

/// The other names of a place that a capital may stand for (`Beijing` for China), when the capital
/// is a name on its own; empty for anything else.
pub(crate) fn metonyms(folded: &str) -> Vec<&'static str> {
    DEMONYMS
        .iter()
        .find(|(_, p)| p.iter().skip(1).any(|&c| c == folded))
        .map(|(d, p)| {
            d.iter()
                .chain(p.iter())
                .copied()
                .filter(|&n| n != folded)
                .collect()
        })
        .unwrap_or_default()
}

/// The demonyms of a country (`japan` → `japanese`); a capital or an abbreviation has none, so
/// `Moscow` is not found by `Russian`.
pub(crate) fn place_demonyms(folded: &str) -> &'static [&'static str] {
    DEMONYMS
        .iter()
        .find(|(_, p)| p.first() == Some(&folded))
        .map_or(&[], |(d, _)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_known_and_names_are_not() {
        assert!(is_common_word("together"));
        assert!(is_common_word("buyers"));
        assert!(!is_common_word("siemens"));
        assert!(!is_common_word("obama"));
    }

    #[test]
    fn stems_meet_their_plurals() {
        assert_eq!(stem("plants"), "plant");
        assert_eq!(stem("companies"), "company");
        assert_eq!(stem("taxes"), "tax");
        assert_eq!(stem("business"), "business");
        assert_eq!(stem("plant"), "plant");
    }
}
