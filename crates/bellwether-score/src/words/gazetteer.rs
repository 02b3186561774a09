//! Countries and blocs as theses and region lists name them: ISO-style codes, names, demonyms
//! and capitals (`CN`, `China`, `Chinese`, `Beijing`), and the blocs that contain member states
//! (the EU contains Germany), so that `{EU, DE}` and `{DE}` are not read as different places.

/// A place: its code (lower case), then every way of naming it. Capitals stand for governments
/// in news prose (`Beijing's export curbs`).
#[rustfmt::skip]
pub(crate) const PLACES: &[(&str, &[&str])] = &[
    ("us", &["US", "USA", "United States", "America", "American", "Americans", "Washington"]),
    ("cn", &["CN", "PRC", "China", "Chinese", "Beijing"]),
    ("ru", &["RU", "Russia", "Russian", "Russians", "Moscow"]),
    ("in", &["IN", "India", "Indian", "New Delhi", "Delhi"]),
    ("eu", &["EU", "European Union", "Europe", "European", "Brussels"]),
    ("jp", &["JP", "Japan", "Japanese", "Tokyo"]),
    ("kr", &["KR", "South Korea", "Korea", "South Korean", "Korean", "Seoul"]),
    ("kp", &["KP", "North Korea", "North Korean", "Pyongyang"]),
    ("tw", &["TW", "Taiwan", "Taiwanese", "Taipei"]),
    ("br", &["BR", "Brazil", "Brazilian", "Brasília", "Brasilia"]),
    ("sa", &["SA", "Saudi Arabia", "Saudi", "Saudis", "Riyadh"]),
    ("gb", &["GB", "UK", "United Kingdom", "Britain", "British", "London"]),
    ("de", &["DE", "Germany", "German", "Berlin"]),
    ("fr", &["FR", "France", "French", "Paris"]),
    ("it", &["IT", "Italy", "Italian", "Rome"]),
    ("es", &["ES", "Spain", "Spanish", "Madrid"]),
    ("nl", &["NL", "Netherlands", "Dutch", "The Hague", "Holland"]),
    ("be", &["BE", "Belgium", "Belgian"]),
    ("pl", &["PL", "Poland", "Polish", "Warsaw"]),
    ("se", &["SE", "Sweden", "Swedish", "Stockholm"]),
    ("fi", &["FI", "Finland", "Finnish", "Helsinki"]),
    ("dk", &["DK", "Denmark", "Danish", "Copenhagen"]),
    ("at", &["AT", "Austria", "Austrian", "Vienna"]),
    ("ie", &["IE", "Ireland", "Irish", "Dublin"]),
    ("pt", &["PT", "Portugal", "Portuguese", "Lisbon"]),
    ("gr", &["GR", "Greece", "Greek", "Athens"]),
    ("cz", &["CZ", "Czechia", "Czech Republic", "Czech", "Prague"]),
    ("hu", &["HU", "Hungary", "Hungarian", "Budapest"]),
    ("ro", &["RO", "Romania", "Romanian", "Bucharest"]),
    ("ch", &["CH", "Switzerland", "Swiss", "Bern"]),
    ("no", &["NO", "Norway", "Norwegian", "Oslo"]),
    ("ua", &["UA", "Ukraine", "Ukrainian", "Kyiv", "Kiev"]),
    ("tr", &["TR", "Turkey", "Türkiye", "Turkish", "Ankara"]),
    ("il", &["IL", "Israel", "Israeli", "Jerusalem"]),
    ("ir", &["IR", "Iran", "Iranian", "Tehran"]),
    ("ae", &["AE", "UAE", "United Arab Emirates", "Emirati", "Abu Dhabi", "Dubai"]),
    ("qa", &["QA", "Qatar", "Qatari", "Doha"]),
    ("eg", &["EG", "Egypt", "Egyptian", "Cairo"]),
    ("za", &["ZA", "South Africa", "South African", "Pretoria"]),
    ("ng", &["NG", "Nigeria", "Nigerian", "Abuja"]),
    ("ke", &["KE", "Kenya", "Kenyan", "Nairobi"]),
    ("ca", &["CA", "Canada", "Canadian", "Ottawa"]),
    ("mx", &["MX", "Mexico", "Mexican", "Mexico City"]),
    ("ar", &["AR", "Argentina", "Argentine", "Argentinian", "Buenos Aires"]),
    ("cl", &["CL", "Chile", "Chilean", "Santiago"]),
    ("au", &["AU", "Australia", "Australian", "Canberra"]),
    ("nz", &["NZ", "New Zealand", "Wellington"]),
    ("id", &["ID", "Indonesia", "Indonesian", "Jakarta"]),
    ("my", &["MY", "Malaysia", "Malaysian", "Kuala Lumpur"]),
    ("sg", &["SG", "Singapore", "Singaporean"]),
    ("th", &["TH", "Thailand", "Thai", "Bangkok"]),
    ("vn", &["VN", "Vietnam", "Viet Nam", "Vietnamese", "Hanoi"]),
    ("ph", &["PH", "Philippines", "Philippine", "Filipino", "Manila"]),
    ("pk", &["PK", "Pakistan", "Pakistani", "Islamabad"]),
    ("asean", &["ASEAN"]),
    ("gcc", &["GCC", "Gulf Cooperation Council"]),
];

/// Blocs and the codes of their members.
#[rustfmt::skip]
pub(crate) const BLOCS: &[(&str, &[&str])] = &[
    ("eu", &[
        "at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu", "ie", "it",
        "lv", "lt", "lu", "mt", "nl", "pl", "pt", "ro", "sk", "si", "es", "se",
    ]),
    ("asean", &["bn", "kh", "id", "la", "my", "mm", "ph", "sg", "th", "vn"]),
    ("gcc", &["bh", "kw", "om", "qa", "sa", "ae"]),
];

/// Codes that are also written as words in prose; other codes are matched only in region lists
/// (`IT` in a thesis is information technology, not Italy).
pub(crate) const CODES_IN_PROSE: &[&str] = &["us", "eu"];

/// The bloc a place belongs to, if any (the first listed).
pub(crate) fn bloc_of(code: &str) -> Option<&'static str> {
    BLOCS
        .iter()
        .find(|(_, members)| members.contains(&code))
        .map(|(bloc, _)| *bloc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_blocs_are_places() {
        let mut codes: Vec<&str> = PLACES.iter().map(|(code, _)| *code).collect();
        codes.sort_unstable();
        let count = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), count);
        for (bloc, _) in BLOCS {
            assert!(codes.contains(bloc));
        }
        assert_eq!(bloc_of("de"), Some("eu"));
        assert_eq!(bloc_of("us"), None);
    }
}
