//! A seeded generator of labelled extraction streams, written to look like what a language model
//! proposes for a morning's news: each true signal is a claim (an instrument applied by one region
//! to a sector of another, pushing an outcome one way), and each extraction words that claim its
//! own way: synonyms, reordered clauses, dropped or added qualifiers, changing demonyms, typography.
//! Siblings are distinct claims that share most words: another target region, the opposite
//! direction, another sector, or another company in focus. Syndicated copies (the same wire story
//! in several outlets) and same-outlet repeats are part of the stream.
//!
//! Changes since the first version (each makes the stream more realistic, none easier):
//!
//! - every instrument, sector and outcome slot uses, with probability `UNCOMMON_RATE`, a wording
//!   that the library's synonym lexicon deliberately does not know (`quadcopters`, `soft loans`,
//!   `vendor switching`), as a model sometimes does; without it the lexicon would simply decode
//!   the generator's own synonym tables;
//! - a newly drawn claim that coincides with an earlier one (same source, target, instrument,
//!   sector, outcome and direction, and the same focus company or none on either side) is drawn
//!   again: two labels for one claim cannot be told apart by any method;
//! - extractions record how they came about (`Origin`) and their claim's sibling relation, so
//!   that errors can be broken down by case kind.
//!
//! The hard cases stay: siblings that share every word but one element, entity-poor extractions
//! (one actor, one region), paraphrases sharing only a few content words.

use bellwether_score::ExtractionFeatures;

/// SplitMix64: small, seeded, reproducible on every platform.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Region {
    code: &'static str,
    /// Ways to name the country as a noun ("China", "Beijing").
    nouns: &'static [&'static str],
    /// Ways to name it as a modifier ("Chinese", "China's").
    adjectives: &'static [&'static str],
    actors: &'static [&'static str],
}

const REGIONS: &[Region] = &[
    Region {
        code: "US",
        nouns: &["the US", "the United States", "Washington", "America"],
        adjectives: &["US", "U.S.", "American", "Washington’s"],
        actors: &[
            "BIS",
            "Commerce Department",
            "USTR",
            "Treasury",
            "Nvidia",
            "AMD",
            "Micron",
            "OpenAI",
            "Anthropic",
            "Intel",
        ],
    },
    Region {
        code: "CN",
        nouns: &["China", "Beijing"],
        adjectives: &["Chinese", "China's", "Beijing’s"],
        actors: &[
            "MOFCOM", "Huawei", "SMIC", "DeepSeek", "CATL", "BYD", "Alibaba", "CXMT",
        ],
    },
    Region {
        code: "RU",
        nouns: &["Russia", "Moscow"],
        adjectives: &["Russian", "Russia's", "Moscow's"],
        actors: &["Kremlin", "Rosatom", "Gazprom", "Sberbank", "Rosneft"],
    },
    Region {
        code: "IN",
        nouns: &["India", "New Delhi"],
        adjectives: &["Indian", "India's"],
        actors: &["Tata", "Reliance", "Infosys", "RBI", "Adani"],
    },
    Region {
        code: "EU",
        nouns: &["the EU", "Brussels", "Europe"],
        adjectives: &["EU", "European", "Brussels'"],
        actors: &["European Commission", "ASML", "Siemens", "ECB", "Airbus"],
    },
    Region {
        code: "JP",
        nouns: &["Japan", "Tokyo"],
        adjectives: &["Japanese", "Japan's"],
        actors: &["METI", "Tokyo Electron", "Toyota", "Rapidus", "Sony"],
    },
    Region {
        code: "KR",
        nouns: &["South Korea", "Seoul"],
        adjectives: &["South Korean", "Korean", "Seoul's"],
        actors: &["Samsung", "SK Hynix", "LG Energy", "Hyundai"],
    },
    Region {
        code: "TW",
        nouns: &["Taiwan", "Taipei"],
        adjectives: &["Taiwanese", "Taiwan's"],
        actors: &["TSMC", "Foxconn", "MediaTek", "UMC"],
    },
    Region {
        code: "BR",
        nouns: &["Brazil", "Brasília"],
        adjectives: &["Brazilian", "Brazil's"],
        actors: &["Petrobras", "Vale", "Embraer", "BNDES"],
    },
    Region {
        code: "SA",
        nouns: &["Saudi Arabia", "Riyadh"],
        adjectives: &["Saudi", "Riyadh's"],
        actors: &["Aramco", "PIF", "SABIC", "OPEC"],
    },
];

/// Concepts, each with the synonyms a writer might use. Plural noun phrases.
const INSTRUMENTS: &[&[&str]] = &[
    &[
        "export controls",
        "export restrictions",
        "export curbs",
        "export bans",
        "controls on exports",
    ],
    &[
        "sanctions",
        "economic sanctions",
        "financial sanctions",
        "punitive measures",
    ],
    &["tariffs", "import duties", "import levies", "border taxes"],
    &[
        "subsidies",
        "state aid",
        "government support",
        "public funding",
    ],
    &[
        "investment screening",
        "investment reviews",
        "FDI screening",
        "outbound investment rules",
    ],
    &["price caps", "price ceilings", "price limits"],
    &["visa restrictions", "tighter visa rules", "visa curbs"],
    &[
        "data localisation rules",
        "data residency mandates",
        "data sovereignty laws",
    ],
    &[
        "antitrust probes",
        "competition investigations",
        "antitrust scrutiny",
    ],
    &[
        "procurement bans",
        "government purchasing bans",
        "public tender exclusions",
    ],
];

const SECTORS: &[&[&str]] = &[
    &[
        "chips",
        "semiconductors",
        "advanced processors",
        "microchips",
    ],
    &["rare earths", "rare-earth minerals", "critical minerals"],
    &["solar panels", "photovoltaic modules", "solar modules"],
    &[
        "EV batteries",
        "electric-vehicle batteries",
        "battery cells",
    ],
    &["LNG", "liquefied natural gas", "gas cargoes"],
    &["wheat", "grain", "cereal"],
    &["steel", "steel products", "flat steel"],
    &["drones", "unmanned aircraft", "UAVs"],
    &["cloud services", "cloud computing", "hyperscale cloud"],
    &["AI models", "frontier models", "large language models"],
    &["smartphones", "handsets", "mobile phones"],
    &["pharmaceuticals", "generic drugs", "medicines"],
    &["fertiliser", "fertilizers", "crop nutrients"],
    &["satellites", "satellite launches", "space hardware"],
    &["telecom equipment", "5G gear", "network hardware"],
    &["lithium", "lithium supplies", "battery metals"],
];

/// Wordings a model sometimes uses that the library's synonym lexicon (`src/words/lexicon.rs`)
/// deliberately does not know: per concept, in the order of `INSTRUMENTS`,
/// `SECTORS` and `OUTCOMES`. A paraphrase using one shares fewer words with its claim and gives no
/// concept for the sibling guards to compare, as happens with real model output.
const UNCOMMON_INSTRUMENTS: &[&[&str]] = &[
    &[
        "licensing hurdles for shipments abroad",
        "outbound shipment licensing",
    ],
    &["restrictive measures", "blacklists"],
    &["import surcharges", "customs surcharges"],
    &["handouts", "soft loans"],
    &["deal vetting", "takeover vetting"],
    &["maximum prices", "mandated price lids"],
    &["entry limits for engineers", "work-permit quotas"],
    &["on-shore storage mandates", "server location laws"],
    &["monopoly inquiries", "dominance probes"],
    &["state tender exclusions", "supplier blacklists in tenders"],
];
const UNCOMMON_SECTORS: &[&[&str]] = &[
    &["silicon wafers", "logic silicon"],
    &["magnet metals", "lanthanides"],
    &["PV gear", "sun-power kit"],
    &["cathode materials", "accumulators"],
    &["gas imports", "regasified fuel"],
    &["durum", "bread grains"],
    &["rebar", "hot-rolled coil"],
    &["quadcopters", "loitering munitions"],
    &["data-centre services", "server farms"],
    &["chatbots", "generative systems"],
    &["handheld devices", "phablets"],
    &["active ingredients", "biosimilars"],
    &["potash", "nitrogen inputs"],
    &["orbital hardware", "launch vehicles"],
    &["base stations", "radio access kit"],
    &["spodumene", "brine deposits"],
];
const UNCOMMON_OUTCOMES: &[&[&str]] = &[
    &["indigenisation", "going it alone"],
    &["factory building at home", "in-country fabrication"],
    &["capital inflows", "fresh funding"],
    &["trans-shipment evasion", "evasion through third countries"],
    &["patent filings", "inventiveness"],
    &["de-risking", "vendor switching"],
    &["roll-ups", "buyouts"],
    &["inventory build-ups", "buffer stocks"],
];

/// Whether a thesis uses one of the uncommon wordings.
pub(crate) fn uses_uncommon_wording(thesis: &str) -> bool {
    let lower = thesis.to_lowercase();
    UNCOMMON_INSTRUMENTS
        .iter()
        .chain(UNCOMMON_SECTORS)
        .chain(UNCOMMON_OUTCOMES)
        .flat_map(|list| list.iter())
        .any(|wording| lower.contains(&wording.to_lowercase()))
}

/// Probability that one slot of a wording uses an uncommon word.
const UNCOMMON_RATE: f64 = 0.12;

const OUTCOMES: &[&[&str]] = &[
    &[
        "self-sufficiency",
        "self-reliance",
        "technological independence",
        "autarky",
    ],
    &[
        "domestic production",
        "local manufacturing",
        "home-grown output",
        "onshore capacity",
    ],
    &["investment", "capital spending", "new investment"],
    &["smuggling", "illicit trade", "grey-market imports"],
    &["innovation", "R&D", "research breakthroughs"],
    &[
        "supplier diversification",
        "supply-chain diversification",
        "sourcing shifts",
    ],
    &["market consolidation", "industry consolidation", "mergers"],
    &["stockpiling", "inventory hoarding", "strategic stockpiles"],
];

/// Verb forms: (plural present, singular present, -ing, past participle).
type Verb = (&'static str, &'static str, &'static str, &'static str);
const UP: &[Verb] = &[
    ("accelerate", "accelerates", "accelerating", "accelerated"),
    ("speed up", "speeds up", "speeding up", "sped up"),
    ("spur", "spurs", "spurring", "spurred"),
    ("fuel", "fuels", "fuelling", "fuelled"),
    ("boost", "boosts", "boosting", "boosted"),
    ("hasten", "hastens", "hastening", "hastened"),
];
const DOWN: &[Verb] = &[
    ("slow", "slows", "slowing", "slowed"),
    ("hold back", "holds back", "holding back", "held back"),
    ("delay", "delays", "delaying", "delayed"),
    ("stifle", "stifles", "stifling", "stifled"),
    ("dampen", "dampens", "dampening", "dampened"),
    ("hamper", "hampers", "hampering", "hampered"),
];

const VERB_NAMES: [&[&str]; 2] = [
    &["accelerate", "speed up", "spur", "fuel", "boost", "hasten"],
    &["slow", "hold back", "delay", "stifle", "dampen", "hamper"],
];

const QUALIFIERS: &[&str] = &[
    "over the long term",
    "despite official denials",
    "rather than freezing capabilities",
    "analysts warn",
    "for now",
    "in the coming years",
    "according to industry data",
    "faster than expected",
    "as enforcement gaps persist",
    "signalling a structural shift",
];

const TAGS: &[&str] = &[
    "structural",
    "regulatory",
    "technological",
    "economic",
    "geopolitical",
    "trade",
    "energy",
    "AI",
    "security",
    "market",
];

/// One true claim.
#[derive(Clone)]
struct Claim {
    label: usize,
    source: usize,
    target: usize,
    instrument: usize,
    sector: usize,
    outcome: usize,
    up: bool,
    /// A company the claim is about, named in most wordings.
    focus: Option<&'static str>,
    actors: Vec<&'static str>,
    tags: Vec<&'static str>,
    /// The writing habits of this claim's most common wording (outlets copy each other).
    favourite_template: usize,
    /// The words the coverage of this story settled on, per slot: articles about one story
    /// reuse its key terms, and models pick them up; other wordings use synonyms.
    usual_words: u64,
    /// The claim this one is a sibling of, and what was changed.
    sibling_of: Option<(usize, SiblingKind)>,
}

impl Claim {
    /// Whether two claims say the same thing (labels and wording habits aside). A claim about
    /// one company in particular and the same claim about no company in particular are the
    /// same claim at two levels of detail: no reader would keep them apart.
    fn same_claim_as(&self, other: &Claim) -> bool {
        let focus_agrees =
            self.focus.is_none() || other.focus.is_none() || self.focus == other.focus;
        focus_agrees
            && (
                self.source,
                self.target,
                self.instrument,
                self.sector,
                self.outcome,
                self.up,
            ) == (
                other.source,
                other.target,
                other.instrument,
                other.sector,
                other.outcome,
                other.up,
            )
    }
}

/// What distinguishes a sibling claim from the claim it was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SiblingKind {
    /// Another target country.
    Target,
    /// The opposite direction.
    Direction,
    /// Another sector.
    Sector,
    /// Another company in focus.
    Company,
}

/// How an extraction came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Origin {
    /// Its own wording of the claim.
    Wording,
    /// A syndicated copy of the previous extraction (same thesis and entities).
    Syndicated,
    /// A same-outlet follow-up worded with the same template as the previous extraction.
    Repeat,
}

/// One labelled extraction.
pub(crate) struct Labelled {
    pub(crate) features: ExtractionFeatures,
    pub(crate) label: usize,
    /// The claim's sibling relation, if it was made as a sibling of another claim.
    pub(crate) sibling_of: Option<(usize, SiblingKind)>,
    /// How the extraction came about.
    pub(crate) origin: Origin,
    /// The extraction it copies or repeats (`Syndicated`, `Repeat`), by identifier.
    pub(crate) follows: Option<String>,
}

/// How a stream is made.
pub(crate) struct StreamShape {
    pub(crate) claims: usize,
    /// Probability that a claim gets a sibling claim.
    pub(crate) sibling_rate: f64,
    /// Mean number of extractions per claim, beyond the first.
    pub(crate) mean_extra: f64,
}

fn regions_actors(rng: &mut Rng, region: &Region, most: usize, out: &mut Vec<&'static str>) {
    let count = 1 + rng.below(most);
    for _ in 0..count {
        let actor = *rng.pick(region.actors);
        if !out.contains(&actor) {
            out.push(actor);
        }
    }
}

fn new_claim(rng: &mut Rng, label: usize) -> Claim {
    let source = rng.below(REGIONS.len());
    let mut target = rng.below(REGIONS.len() - 1);
    if target >= source {
        target += 1;
    }
    let mut actors = Vec::new();
    regions_actors(rng, &REGIONS[source], 2, &mut actors);
    regions_actors(rng, &REGIONS[target], 2, &mut actors);
    let focus = if rng.chance(0.3) {
        let company = *rng.pick(REGIONS[target].actors);
        if !actors.contains(&company) {
            actors.push(company);
        }
        Some(company)
    } else {
        None
    };
    let mut tags = Vec::new();
    while tags.len() < 2 + rng.below(3) {
        let tag = *rng.pick(TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    Claim {
        label,
        source,
        target,
        instrument: rng.below(INSTRUMENTS.len()),
        sector: rng.below(SECTORS.len()),
        outcome: rng.below(OUTCOMES.len()),
        up: rng.chance(0.6),
        focus,
        actors,
        tags,
        favourite_template: rng.below(TEMPLATES),
        usual_words: rng.next_u64(),
        sibling_of: None,
    }
}

/// A sibling: the same claim with one key element changed.
fn sibling(rng: &mut Rng, claim: &Claim, label: usize) -> Claim {
    let mut sibling = claim.clone();
    sibling.label = label;
    sibling.favourite_template = rng.below(TEMPLATES);
    sibling.usual_words = rng.next_u64();
    let kinds = if claim.focus.is_some() { 4 } else { 3 };
    let kind = rng.below(kinds);
    sibling.sibling_of = Some((
        claim.label,
        [
            SiblingKind::Target,
            SiblingKind::Direction,
            SiblingKind::Sector,
            SiblingKind::Company,
        ][kind],
    ));
    match kind {
        0 => {
            // Another target country, with its own companies.
            let mut target = rng.below(REGIONS.len());
            while target == claim.source || target == claim.target {
                target = rng.below(REGIONS.len());
            }
            sibling.target = target;
            sibling
                .actors
                .retain(|actor| REGIONS[claim.source].actors.contains(actor));
            regions_actors(rng, &REGIONS[target], 2, &mut sibling.actors);
            if sibling.focus.is_some() {
                let company = *rng.pick(REGIONS[target].actors);
                sibling.focus = Some(company);
                if !sibling.actors.contains(&company) {
                    sibling.actors.push(company);
                }
            }
        }
        1 => sibling.up = !claim.up,
        2 => {
            // Another sector: the regulator stays, the companies change.
            let mut sector = rng.below(SECTORS.len());
            while sector == claim.sector {
                sector = rng.below(SECTORS.len());
            }
            sibling.sector = sector;
            sibling
                .actors
                .retain(|actor| REGIONS[claim.source].actors.contains(actor));
            regions_actors(rng, &REGIONS[claim.target], 1, &mut sibling.actors);
            sibling.focus = None;
        }
        _ => {
            // Another company in focus, same countries.
            let pool = REGIONS[claim.target].actors;
            let mut company = *rng.pick(pool);
            while Some(company) == claim.focus {
                company = *rng.pick(pool);
            }
            sibling.actors.retain(|actor| Some(*actor) != claim.focus);
            if !sibling.actors.contains(&company) {
                sibling.actors.push(company);
            }
            sibling.focus = Some(company);
        }
    }
    sibling
}

const TEMPLATES: usize = 7;

/// One wording of a claim.
fn thesis(rng: &mut Rng, claim: &Claim, template: usize) -> String {
    let source = &REGIONS[claim.source];
    let target = &REGIONS[claim.target];
    // Slot `n` uses the story's usual word with probability 0.6, else any synonym.
    let mut slot = 0;
    let mut word = |rng: &mut Rng, choices: &'static [&'static str]| -> &'static str {
        let usual = ((claim.usual_words >> (8 * slot)) & 0xff) as usize % choices.len();
        slot += 1;
        if rng.chance(0.6) {
            choices[usual]
        } else {
            choices[rng.below(choices.len())]
        }
    };
    let instrument = word(rng, INSTRUMENTS[claim.instrument]);
    let sector = word(rng, SECTORS[claim.sector]);
    let outcome = word(rng, OUTCOMES[claim.outcome]);
    let uncommon = |rng: &mut Rng, usual: &'static str, choices: &'static [&'static str]| {
        if rng.chance(UNCOMMON_RATE) {
            *rng.pick(choices)
        } else {
            usual
        }
    };
    let instrument = uncommon(rng, instrument, UNCOMMON_INSTRUMENTS[claim.instrument]);
    let sector = uncommon(rng, sector, UNCOMMON_SECTORS[claim.sector]);
    let outcome = uncommon(rng, outcome, UNCOMMON_OUTCOMES[claim.outcome]);
    let verbs = if claim.up { UP } else { DOWN };
    let verb_name = word(rng, VERB_NAMES[usize::from(!claim.up)]);
    let verb = *verbs
        .iter()
        .find(|verb| verb.0 == verb_name)
        .unwrap_or(&verbs[0]);
    let source_adj = word(rng, source.adjectives);
    let source_noun = word(rng, source.nouns);
    let target_adj = word(rng, target.adjectives);
    let target_noun = word(rng, target.nouns);
    // Qualifiers a writer drops: the source country is often implied.
    let by_source = if rng.chance(0.8) {
        format!("{source_adj} ")
    } else {
        String::new()
    };
    let subject = match claim.focus {
        Some(company) => format!("{company}'s"),
        _ => target_adj.to_owned(),
    };
    let mut text = match template {
        0 => format!(
            "{by_source}{instrument} on {sector} {} {subject} {outcome}",
            verb.0
        ),
        1 => match claim.focus {
            Some(company) => format!(
                "{instrument} on {sector} are {} {outcome} for {company} in {target_noun}",
                verb.2
            ),
            None => format!(
                "{instrument} on {sector} are {} {outcome} in {target_noun}",
                verb.2
            ),
        },
        2 => format!(
            "{subject} {outcome} in {sector} is being {} by {by_source}{instrument}",
            verb.3
        ),
        3 => format!(
            "How {by_source}{instrument} {} {subject} {sector} {outcome}",
            verb.0
        ),
        4 => format!(
            "{source_noun}'s {instrument} on {sector} {} {outcome} for {}",
            verb.0,
            claim
                .focus
                .map_or_else(|| format!("{target_adj} producers"), str::to_owned)
        ),
        5 => format!(
            "{outcome} in {subject} {sector} {} under {by_source}{instrument}",
            if claim.up {
                "gains pace"
            } else {
                "loses momentum"
            }
        ),
        _ => format!(
            "{by_source}{instrument} {} {outcome} in {target_noun}'s {sector} industry{}",
            verb.1,
            claim
                .focus
                .map(|c| format!(", led by {c}"))
                .unwrap_or_default()
        ),
    };
    for _ in 0..rng.below(3) {
        let qualifier = *rng.pick(QUALIFIERS);
        if rng.chance(0.5) {
            text = format!("{text}, {qualifier}");
        } else {
            text = format!(
                "{}{}: {text}",
                qualifier[..1].to_uppercase(),
                &qualifier[1..]
            );
        }
    }
    if rng.chance(0.2) {
        text = text.replace('\'', "’");
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

fn extraction(
    rng: &mut Rng,
    claim: &Claim,
    id: usize,
    article: usize,
    template: usize,
) -> Labelled {
    let mut actors: Vec<&str> = claim
        .actors
        .iter()
        .copied()
        .filter(|actor| Some(*actor) == claim.focus || rng.chance(0.6))
        .collect();
    if actors.is_empty() {
        actors.push(*rng.pick(&claim.actors));
    }
    if rng.chance(0.1) {
        // Models sometimes name a bystander.
        let region = rng.pick(REGIONS);
        actors.push(*rng.pick(region.actors));
    }
    let mut regions = vec![REGIONS[claim.source].code, REGIONS[claim.target].code];
    if rng.chance(0.1) {
        regions.remove(0);
    } else if rng.chance(0.05) {
        let extra = rng.pick(REGIONS).code;
        if !regions.contains(&extra) {
            regions.push(extra);
        }
    }
    let mut tags: Vec<&str> = claim
        .tags
        .iter()
        .copied()
        .filter(|_| rng.chance(0.8))
        .collect();
    if tags.is_empty() {
        tags.push(claim.tags[0]);
    }
    Labelled {
        features: ExtractionFeatures::new(
            format!("x{id:06}"),
            format!("article-{article:06}"),
            thesis(rng, claim, template),
        )
        .with_actors(actors)
        .with_regions(regions)
        .with_tags(tags),
        label: claim.label,
        sibling_of: claim.sibling_of,
        origin: Origin::Wording,
        follows: None,
    }
}

/// A labelled stream: claims (some with siblings), each with a few extractions from distinct
/// articles, some syndicated (the same thesis from the same wire copy in several outlets) and some
/// same-outlet repeats (follow-up articles worded in the outlet's habitual way).
pub(crate) fn generate(seed: u64, shape: &StreamShape) -> Vec<Labelled> {
    let mut rng = Rng::new(seed);
    let mut claims = Vec::new();
    while claims.len() < shape.claims {
        let label = claims.len();
        let claim = new_claim(&mut rng, label);
        // Two independently drawn claims can coincide in every element (about one pair per
        // stream): they are the same claim, so no method could or should tell their labels
        // apart. Draw again.
        if claims
            .iter()
            .any(|known: &Claim| known.same_claim_as(&claim))
        {
            continue;
        }
        let with_sibling = rng.chance(shape.sibling_rate);
        claims.push(claim.clone());
        if with_sibling && claims.len() < shape.claims {
            let label = claims.len();
            claims.push(sibling(&mut rng, &claim, label));
        }
    }
    let mut stream = Vec::new();
    let mut article = 0;
    for claim in &claims {
        let mut extra = 0;
        while rng.chance(shape.mean_extra / (1.0 + shape.mean_extra)) && extra < 20 {
            extra += 1;
        }
        let mut count = 0;
        while count < 1 + extra {
            let template = if rng.chance(0.4) {
                claim.favourite_template
            } else {
                rng.below(TEMPLATES)
            };
            let first = extraction(&mut rng, claim, stream.len(), article, template);
            article += 1;
            count += 1;
            if rng.chance(0.15) && count < 1 + extra {
                // Syndicated: the same wire copy, so the model reads the same thesis and entities.
                let copy = Labelled {
                    features: ExtractionFeatures {
                        extraction_id: format!("x{:06}", stream.len() + 1),
                        article_id: format!("article-{article:06}"),
                        ..first.features.clone()
                    },
                    label: claim.label,
                    sibling_of: claim.sibling_of,
                    origin: Origin::Syndicated,
                    follows: Some(first.features.extraction_id.clone()),
                };
                article += 1;
                count += 1;
                stream.push(first);
                stream.push(copy);
            } else if rng.chance(0.15) && count < 1 + extra {
                // Same outlet, next day: its habitual wording.
                let mut repeat = extraction(&mut rng, claim, stream.len() + 1, article, template);
                repeat.origin = Origin::Repeat;
                repeat.follows = Some(first.features.extraction_id.clone());
                article += 1;
                count += 1;
                stream.push(first);
                stream.push(repeat);
            } else {
                stream.push(first);
            }
        }
    }
    // Arrival order mixes the claims.
    for i in (1..stream.len()).rev() {
        let j = rng.below(i + 1);
        stream.swap(i, j);
    }
    stream
}

/// Pairwise precision and recall of predicted labels against true labels.
pub(crate) fn pairwise_precision_recall(
    truth: &[usize],
    predicted: &[u64],
) -> (f64, f64, u64, u64, u64) {
    use std::collections::HashMap;
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let mut cells: HashMap<(usize, u64), u64> = HashMap::new();
    let mut true_sizes: HashMap<usize, u64> = HashMap::new();
    let mut predicted_sizes: HashMap<u64, u64> = HashMap::new();
    for (t, p) in truth.iter().zip(predicted) {
        *cells.entry((*t, *p)).or_default() += 1;
        *true_sizes.entry(*t).or_default() += 1;
        *predicted_sizes.entry(*p).or_default() += 1;
    }
    let both: u64 = cells.values().map(|n| pairs(*n)).sum();
    let true_pairs: u64 = true_sizes.values().map(|n| pairs(*n)).sum();
    let predicted_pairs: u64 = predicted_sizes.values().map(|n| pairs(*n)).sum();
    let precision = if predicted_pairs == 0 {
        1.0
    } else {
        both as f64 / predicted_pairs as f64
    };
    let recall = if true_pairs == 0 {
        1.0
    } else {
        both as f64 / true_pairs as f64
    };
    (precision, recall, both, predicted_pairs, true_pairs)
}
