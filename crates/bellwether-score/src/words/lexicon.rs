//! A small lexicon of news vocabulary about trade, industrial and technology policy: phrases that
//! name one concept in several ways (`export controls`, `export curbs`, `controls on exports`),
//! grouped by the part of a thesis they fill. Theses are matched on concepts, so that a model's
//! paraphrase with synonyms still overlaps its claim, and two theses that fill the same part with
//! different concepts (`tariffs on steel` against `tariffs on aluminium`) are told apart.
//!
//! Phrases are written as they appear in text; they go through the same folding, stop-word
//! removal and stemming as theses, so inflections (`curb`, `curbs`) need not be listed, but
//! stop words inside a phrase are ignored (`controls on exports` is matched as `controls exports`).

/// The part of a thesis a concept fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Role {
    /// The policy instrument or measure (tariffs, sanctions, subsidies).
    Instrument,
    /// The goods, industry or technology concerned (chips, wheat, cloud services).
    Sector,
    /// The economic effect claimed (investment, smuggling, self-sufficiency).
    Outcome,
}

/// Concepts: role, name, and the phrases that express it.
#[rustfmt::skip]
pub(crate) const CONCEPTS: &[(Role, &str, &[&str])] = &[
    // ---- Instruments ----
    (Role::Instrument, "export-controls", &[
        "export controls", "export restrictions", "export curbs", "export bans", "export limits",
        "export licensing", "export licences", "export licenses", "controls on exports",
        "restrictions on exports", "curbs on exports", "bans on exports", "limits on exports",
    ]),
    (Role::Instrument, "import-restrictions", &[
        "import bans", "import restrictions", "import curbs", "import quotas", "bans on imports",
        "restrictions on imports", "curbs on imports",
    ]),
    (Role::Instrument, "sanctions", &[
        "sanctions", "economic sanctions", "financial sanctions", "punitive measures", "embargo",
        "embargoes", "blacklisting", "asset freezes", "secondary sanctions", "trade sanctions",
    ]),
    (Role::Instrument, "tariffs", &[
        "tariffs", "import duties", "import levies", "border taxes", "customs duties",
        "anti-dumping duties", "countervailing duties", "import taxes", "duties on imports",
        "levies on imports", "retaliatory tariffs",
    ]),
    (Role::Instrument, "subsidies", &[
        "subsidies", "state aid", "government support", "public funding", "state support",
        "government subsidies", "tax credits", "public money", "government grants",
        "state funding", "industrial subsidies",
    ]),
    (Role::Instrument, "investment-screening", &[
        "investment screening", "investment reviews", "FDI screening", "FDI reviews",
        "outbound investment rules", "outbound investment curbs", "foreign investment reviews",
        "investment restrictions", "CFIUS reviews", "screening of foreign investment",
    ]),
    (Role::Instrument, "price-controls", &[
        "price caps", "price ceilings", "price limits", "price controls", "capped prices",
    ]),
    (Role::Instrument, "visa-restrictions", &[
        "visa restrictions", "visa rules", "visa curbs", "tighter visa rules", "visa bans",
        "immigration curbs", "work permit limits", "visa limits",
    ]),
    (Role::Instrument, "data-localisation", &[
        "data localisation rules", "data localization rules", "data localisation",
        "data localization", "data residency mandates", "data residency rules",
        "data sovereignty laws", "data sovereignty rules", "data transfer restrictions",
    ]),
    (Role::Instrument, "antitrust", &[
        "antitrust probes", "antitrust investigations", "antitrust scrutiny", "antitrust cases",
        "antitrust action", "competition investigations", "competition probes",
        "competition scrutiny", "competition cases",
    ]),
    (Role::Instrument, "procurement-bans", &[
        "procurement bans", "procurement restrictions", "government purchasing bans",
        "public tender exclusions", "public procurement bans", "buy-national rules",
        "government procurement curbs",
    ]),
    (Role::Instrument, "rate-hikes", &[
        "rate hikes", "interest rate hikes", "interest rate rises", "rate rises",
        "monetary tightening",
    ]),
    (Role::Instrument, "rate-cuts", &[
        "rate cuts", "interest rate cuts", "monetary easing",
    ]),
    (Role::Instrument, "local-content", &[
        "local content rules", "local-content requirements", "local content mandates",
    ]),
    (Role::Instrument, "carbon-border", &[
        "carbon border tax", "carbon border levy", "carbon border adjustment", "CBAM",
    ]),
    // ---- Sectors ----
    (Role::Sector, "chips", &[
        "chips", "semiconductors", "advanced processors", "microchips", "processors",
        "integrated circuits", "chipmaking", "semiconductor industry", "chip industry",
        "logic chips", "memory chips",
    ]),
    (Role::Sector, "rare-earths", &[
        "rare earths", "rare-earth minerals", "rare earth elements", "rare-earth metals",
        "critical minerals", "rare-earth magnets",
    ]),
    (Role::Sector, "solar", &[
        "solar panels", "photovoltaic modules", "solar modules", "solar cells", "PV modules",
        "photovoltaics", "solar equipment",
    ]),
    (Role::Sector, "batteries", &[
        "EV batteries", "electric-vehicle batteries", "electric vehicle batteries", "battery cells",
        "lithium-ion batteries", "batteries", "battery packs",
    ]),
    (Role::Sector, "natural-gas", &[
        "LNG", "liquefied natural gas", "gas cargoes", "natural gas", "gas supplies",
        "gas shipments", "pipeline gas",
    ]),
    (Role::Sector, "grain", &[
        "wheat", "grain", "cereal", "cereals", "grain exports", "wheat exports",
    ]),
    (Role::Sector, "steel", &[
        "steel", "steel products", "flat steel", "steelmaking", "steel industry",
    ]),
    (Role::Sector, "aluminium", &["aluminium", "aluminum", "aluminium products"]),
    (Role::Sector, "drones", &[
        "drones", "unmanned aircraft", "UAVs", "unmanned aerial vehicles", "drone industry",
    ]),
    (Role::Sector, "cloud", &[
        "cloud services", "cloud computing", "hyperscale cloud", "cloud infrastructure",
        "cloud providers",
    ]),
    (Role::Sector, "ai-models", &[
        "AI models", "frontier models", "large language models", "LLMs", "foundation models",
        "frontier AI models",
    ]),
    (Role::Sector, "phones", &[
        "smartphones", "handsets", "mobile phones", "mobile handsets", "cellphones",
    ]),
    (Role::Sector, "pharmaceuticals", &[
        "pharmaceuticals", "generic drugs", "medicines", "drugs", "pharma", "drugmakers",
    ]),
    (Role::Sector, "fertiliser", &[
        "fertiliser", "fertilizer", "fertilisers", "fertilizers", "crop nutrients",
    ]),
    (Role::Sector, "space", &[
        "satellites", "satellite launches", "space hardware", "launch services",
        "space industry",
    ]),
    (Role::Sector, "telecom-equipment", &[
        "telecom equipment", "telecoms equipment", "5G gear", "5G equipment", "network hardware",
        "network equipment", "telecom gear",
    ]),
    (Role::Sector, "battery-metals", &[
        "lithium", "lithium supplies", "battery metals", "cobalt", "nickel",
    ]),
    (Role::Sector, "oil", &["oil", "crude", "crude oil", "petroleum", "oil exports"]),
    (Role::Sector, "electric-vehicles", &[
        "electric vehicles", "electric cars", "EVs", "EV makers",
    ]),
    (Role::Sector, "cars", &["cars", "automobiles", "autos", "carmakers", "car industry"]),
    (Role::Sector, "shipbuilding", &["shipbuilding", "shipyards", "ships", "vessels"]),
    (Role::Sector, "aircraft", &["aircraft", "airliners", "jets", "aerospace"]),
    // ---- Outcomes ----
    (Role::Outcome, "self-sufficiency", &[
        "self-sufficiency", "self-reliance", "technological independence", "autarky",
        "tech self-reliance", "technological self-reliance", "technological sovereignty",
        "tech sovereignty", "strategic autonomy",
    ]),
    (Role::Outcome, "domestic-production", &[
        "domestic production", "local manufacturing", "home-grown output", "onshore capacity",
        "domestic manufacturing", "local production", "domestic output", "domestic capacity",
        "onshoring", "reshoring", "home-grown production",
    ]),
    (Role::Outcome, "investment", &[
        "investment", "capital spending", "new investment", "capex", "capital expenditure",
        "investment flows",
    ]),
    (Role::Outcome, "smuggling", &[
        "smuggling", "illicit trade", "grey-market imports", "gray-market imports",
        "black-market imports", "contraband", "illegal imports",
    ]),
    (Role::Outcome, "innovation", &[
        "innovation", "research breakthroughs", "research and development", "research output",
        "breakthroughs",
    ]),
    (Role::Outcome, "diversification", &[
        "supplier diversification", "supply-chain diversification",
        "supply chain diversification", "sourcing shifts", "diversification", "friend-shoring",
        "supplier shifts",
    ]),
    (Role::Outcome, "consolidation", &[
        "market consolidation", "industry consolidation", "mergers", "consolidation",
        "mergers and acquisitions", "takeovers",
    ]),
    (Role::Outcome, "stockpiling", &[
        "stockpiling", "inventory hoarding", "strategic stockpiles", "hoarding", "stockpiles",
        "inventory building",
    ]),
    (Role::Outcome, "employment", &["jobs", "employment", "hiring", "job creation"]),
    (Role::Outcome, "exports", &["exports", "export volumes", "overseas sales"]),
    (Role::Outcome, "inflation", &["inflation", "price rises", "price growth"]),
];

/// Hedges and attributions that say nothing about what a thesis claims; they are dropped so that
/// two wordings of one claim are not kept apart by how cautiously each was phrased. Only phrases
/// that carry no claim of their own belong here (`rather than freezing capabilities` does not).
#[rustfmt::skip]
pub(crate) const HEDGES: &[&str] = &[
    "analysts warn", "analysts say", "analysts expect", "analysts believe", "experts warn",
    "experts say", "sources say", "officials say", "according to industry data",
    "according to analysts", "according to officials", "according to sources",
    "according to data", "over the long term", "in the long term", "in the long run",
    "in the coming years", "in the coming months", "in the near term", "in the short term",
    "for now", "so far", "this year", "despite official denials", "faster than expected",
    "slower than expected", "more than expected", "some say", "observers say",
];

/// Phrases that carry a direction as a whole, beyond the single words of the direction groups
/// (`hold back` is not `hold` and `back`): the group, whether the phrase pushes up, and the
/// phrase.
#[rustfmt::skip]
pub(crate) const DIRECTION_PHRASES: &[(usize, bool, &str)] = &[
    (0, true, "speed up"),
    (0, true, "sped up"),
    (0, true, "gain pace"),
    (0, true, "gain momentum"),
    (0, true, "pick up"),
    (0, true, "pick up pace"),
    (0, true, "ramp up"),
    (0, true, "step up"),
    (0, false, "hold back"),
    (0, false, "held back"),
    (0, false, "lose momentum"),
    (0, false, "lose pace"),
    (0, false, "lose steam"),
    (0, false, "rein in"),
    (0, false, "weigh on"),
    (0, false, "put brake on"),
    (0, false, "slow down"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concept_names_are_unique() {
        let mut names: Vec<&str> = CONCEPTS.iter().map(|(_, name, _)| *name).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
