//! The seed catalog (assets/catalog/*.jsonl): its structure, and its facts checked against
//! public reference data in ../shared/data (TMDB 5000, MovieLens small, vega movies).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use nightreel::catalog::{SeedCatalog, Vocabulary};
use nightreel::model::Film;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The films the seed catalog must hold: (title, year).
const REQUIRED: &[(&str, i32)] = &[
    ("In the Mood for Love", 2000),
    ("Chungking Express", 1994),
    ("Fallen Angels", 1995),
    ("Happy Together", 1997),
    ("2046", 2004),
    ("Stalker", 1979),
    ("Mirror", 1975),
    ("Solaris", 1972),
    ("Memoria", 2021),
    ("The Eel", 1997),
    ("Breaking the Waves", 1996),
    ("Casablanca", 1942),
    ("Before Sunrise", 1995),
    ("Before Sunset", 2004),
    ("Before Midnight", 2013),
    ("Blade Runner", 1982),
    ("Blade Runner 2049", 2017),
    ("L'Avventura", 1960),
    ("Blow-Up", 1966),
    ("Battleship Potemkin", 1925),
    ("Lost in Translation", 2003),
    ("Spirited Away", 2001),
    ("Amélie", 2001),
    ("Paris, Texas", 1984),
    ("Taxi Driver", 1976),
    ("Drive", 2011),
    ("Her", 2013),
    ("Perfect Days", 2023),
];

fn films() -> Vec<Film> {
    SeedCatalog::builtin()
        .unwrap_or_else(|e| panic!("the seed catalog does not parse: {e}"))
        .films
        .into_iter()
        .map(|(_, f)| f)
        .collect()
}

fn label(f: &Film) -> String {
    format!("{} ({})", f.title, f.year.unwrap_or(0))
}

/// Lowercase, accents stripped; other scripts kept.
fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

const ARTICLES: &[&str] = &[
    "the", "a", "an", "le", "la", "les", "l", "il", "lo", "el", "los", "las", "der", "die", "das",
];

/// A comparable title: case, accents and punctuation ignored, a leading article or one moved
/// to the end after a comma ("Mirror, The", "Avventura, L'") dropped.
fn title_key(t: &str) -> String {
    let folded = fold(t.trim());
    let moved = folded
        .rsplit_once(',')
        .map(|(_, tail)| {
            let tail = tail.trim().trim_end_matches(['\'', '’']);
            ARTICLES.contains(&tail)
        })
        .unwrap_or(false);
    let cleaned: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    if moved && words.len() > 1 {
        words.pop();
    } else if words.len() > 1 && ARTICLES.contains(&words[0]) {
        words.remove(0);
    }
    words.join(" ")
}

/// The words of a person's name, order ignored ("Zhang Yimou" = "Yimou Zhang").
fn name_tokens(n: &str) -> BTreeSet<String> {
    fold(n)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn same_person(a: &str, b: &str) -> bool {
    let (a, b) = (name_tokens(a), name_tokens(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.is_subset(&big) && small.len() >= 2.min(big.len())
}

// ---------------------------------------------------------------------------------------------
// (a) structure
// ---------------------------------------------------------------------------------------------

#[test]
fn catalog_has_enough_films() {
    let films = films();
    assert!(
        films.len() >= 2500,
        "the seed catalog has {} films; at least 2,500 are wanted",
        films.len()
    );
}

#[test]
fn required_films_are_present() {
    let films = films();
    let have: HashSet<(String, i32)> = films
        .iter()
        .map(|f| (title_key(&f.title), f.year.unwrap_or(0)))
        .collect();
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|(t, y)| !have.contains(&(title_key(t), *y)))
        .map(|(t, y)| format!("{t} ({y})"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} required films missing from the seed catalog: {}",
        missing.len(),
        missing.join("; ")
    );
}

#[test]
fn no_duplicate_title_and_year() {
    let mut seen: HashMap<(String, i32), String> = HashMap::new();
    let mut dups = Vec::new();
    for f in films() {
        let key = (title_key(&f.title), f.year.unwrap_or(0));
        if let Some(prev) = seen.insert(key, label(&f)) {
            dups.push(format!("{prev} / {}", label(&f)));
        }
    }
    assert!(dups.is_empty(), "duplicates: {}", dups.join("; "));
}

#[test]
fn every_film_is_well_formed() {
    let vocab = Vocabulary::builtin().expect("assets/tags.toml");
    let mut problems = Vec::new();
    for f in films() {
        let l = label(&f);
        let n = f.tags().len();
        if !(4..=12).contains(&n) {
            problems.push(format!("{l}: {n} tags (want 4–12)"));
        }
        for t in f.tags() {
            if !vocab.contains(t) {
                problems.push(format!("{l}: tag {t:?} is not in assets/tags.toml"));
            }
        }
        let distinct: HashSet<&str> = f.tags().iter().map(|t| t.as_str()).collect();
        if distinct.len() != n {
            problems.push(format!("{l}: a tag appears twice"));
        }
        match f.runtime {
            Some(r) if (5..=600).contains(&r) => {}
            other => problems.push(format!("{l}: implausible runtime {other:?}")),
        }
        if f.original_title.trim().is_empty() {
            problems.push(format!("{l}: empty original_title"));
        }
        if f.title.trim().is_empty() || f.title != f.title.trim() {
            problems.push(format!("{l}: title {:?} is empty or padded", f.title));
        }
        if f.directors().is_empty() || f.directors().iter().any(|d| d.trim().is_empty()) {
            problems.push(format!("{l}: no director"));
        }
        if f.countries().is_empty() || f.languages().is_empty() || f.genres().is_empty() {
            problems.push(format!("{l}: no country, language or genre"));
        }
        match f.year {
            Some(y) if (1888..=2026).contains(&y) => {}
            other => problems.push(format!("{l}: implausible year {other:?}")),
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn catalog_spans_countries_and_decades() {
    let films = films();
    let countries: BTreeSet<&str> = films
        .iter()
        .flat_map(|f| f.countries().iter().map(|c| c.as_str()))
        .collect();
    let decades: BTreeSet<i32> = films
        .iter()
        .filter_map(|f| f.year.map(|y| y / 10 * 10))
        .collect();
    println!("{} countries: {countries:?}", countries.len());
    println!("{} decades: {decades:?}", decades.len());
    assert!(
        countries.len() >= 50,
        "films from {} countries; at least 50 wanted",
        countries.len()
    );
    for d in (1920..=2020).step_by(10) {
        assert!(decades.contains(&d), "no film from the {d}s");
    }
    let by_decade = |d: i32| {
        films
            .iter()
            .filter(|f| f.year.map(|y| y / 10 * 10) == Some(d))
            .count()
    };
    println!(
        "by decade: {}",
        (1920..=2020)
            .step_by(10)
            .map(|d| format!("{d}s {}", by_decade(d)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(
        films.iter().any(|f| f.year == Some(2025)),
        "no film from 2025"
    );
}

#[test]
fn most_films_are_not_in_english_and_the_canon_is_there() {
    let films = films();
    let foreign = films
        .iter()
        .filter(|f| f.languages().first().is_some_and(|l| l != "en"))
        .count();
    let share = foreign as f64 / films.len() as f64;
    println!(
        "{foreign} of {} films ({:.1}%) are not originally in English",
        films.len(),
        share * 100.0
    );
    assert!(
        share >= 0.35,
        "only {:.1}% not originally in English",
        share * 100.0
    );
    let mut langs: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in &films {
        if let Some(l) = f.languages().first() {
            *langs.entry(l.as_str()).or_default() += 1;
        }
    }
    println!("{} original languages: {langs:?}", langs.len());
    let canon = [
        "Yasujirō Ozu",
        "Kenji Mizoguchi",
        "Andrei Tarkovsky",
        "Wong Kar-wai",
        "Agnès Varda",
        "Abbas Kiarostami",
        "Apichatpong Weerasethakul",
        "Hou Hsiao-hsien",
        "Edward Yang",
        "Jia Zhangke",
        "Ingmar Bergman",
        "Federico Fellini",
        "Michelangelo Antonioni",
        "Krzysztof Kieślowski",
        "Claire Denis",
        "Nuri Bilge Ceylan",
        "Ryusuke Hamaguchi",
        "Ousmane Sembène",
        "Satyajit Ray",
        "Akira Kurosawa",
        "Bong Joon-ho",
        "Lee Chang-dong",
        "Pedro Almodóvar",
        "Éric Rohmer",
        "Chantal Akerman",
    ];
    let missing: Vec<&str> = canon
        .iter()
        .copied()
        .filter(|d| {
            !films
                .iter()
                .any(|f| f.directors().iter().any(|x| same_person(x, d)))
        })
        .collect();
    assert!(missing.is_empty(), "no film by {}", missing.join(", "));
    for genre in [
        "Animation",
        "Documentary",
        "Horror",
        "Western",
        "Science Fiction",
        "Comedy",
    ] {
        let n = films
            .iter()
            .filter(|f| f.genres().iter().any(|g| g == genre))
            .count();
        assert!(n >= 20, "only {n} films of genre {genre}");
    }
}

#[test]
fn every_tag_is_used_by_five_films() {
    let vocab = Vocabulary::builtin().expect("assets/tags.toml");
    let total = vocab.tags.len();
    assert!((120..=250).contains(&total), "{total} tags; 120–250 wanted");
    let mut used: std::collections::HashMap<String, usize> = Default::default();
    for t in films().iter().flat_map(|f| f.tags()) {
        *used.entry(t.to_string()).or_default() += 1;
    }
    let rare: Vec<String> = vocab
        .tags
        .iter()
        .filter(|t| used.get(&t.name).copied().unwrap_or(0) < 5)
        .map(|t| format!("{} ({})", t.name, used.get(&t.name).copied().unwrap_or(0)))
        .collect();
    let min = vocab
        .tags
        .iter()
        .map(|t| used.get(&t.name).copied().unwrap_or(0))
        .min();
    println!("{total} tags; the rarest is used by {min:?} films");
    assert!(
        rare.is_empty(),
        "tags used by fewer than 5 films: {}",
        rare.join(", ")
    );
    let groups: BTreeSet<&str> = vocab.tags.iter().map(|t| t.group.as_str()).collect();
    for g in ["feeling", "pace", "texture", "setting", "time-of-day"] {
        assert!(groups.contains(g), "no tag group {g}: {groups:?}");
    }
    assert!(
        vocab
            .tags
            .iter()
            .all(|t| !t.definition.trim().is_empty() && !t.definition.contains('\n'))
    );
}

// ---------------------------------------------------------------------------------------------
// (b) facts against reference data
// ---------------------------------------------------------------------------------------------

/// One film in a reference dataset.
#[derive(Debug, Clone)]
struct Ref {
    /// Comparable title keys (title, original title, alternate titles).
    keys: Vec<String>,
    label: String,
    year: Option<i32>,
    director: Option<String>,
    runtime: Option<u32>,
    tmdb_id: Option<i64>,
    imdb_id: Option<String>,
}

struct Dataset {
    name: &'static str,
    rows: Vec<Ref>,
    by_key: HashMap<String, Vec<usize>>,
    /// Whether a title match with a far year may still be the film (director confirms).
    has_director: bool,
}

impl Dataset {
    fn new(name: &'static str, rows: Vec<Ref>, has_director: bool) -> Dataset {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            let mut keys = r.keys.clone();
            keys.sort();
            keys.dedup();
            for k in keys.into_iter().filter(|k| !k.is_empty()) {
                by_key.entry(k).or_default().push(i);
            }
        }
        Dataset {
            name,
            rows,
            by_key,
            has_director,
        }
    }

    /// The reference row for a seed film, by id first, then by title and year (see the module
    /// rules: a title with a year more than one off is another film, unless it is the only such
    /// title in the dataset and a director matches).
    fn find(&self, f: &Film) -> Option<&Ref> {
        if let Some(r) = self.rows.iter().find(|r| {
            (r.tmdb_id.is_some() && r.tmdb_id == f.tmdb_id)
                || (r.imdb_id.is_some() && r.imdb_id == f.imdb_id.as_deref().map(imdb_norm))
        }) {
            return Some(r);
        }
        let mut cands: Vec<usize> = [title_key(&f.title), title_key(&f.original_title)]
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        cands.sort_unstable();
        cands.dedup();
        let year = f.year?;
        let directed = |r: &Ref| {
            r.director
                .as_deref()
                .is_some_and(|d| f.directors().iter().any(|fd| same_person(fd, d)))
        };
        let near = cands
            .iter()
            .map(|i| &self.rows[*i])
            .filter(|r| r.year.is_some_and(|y| (y - year).abs() <= 1))
            .min_by_key(|r| (!directed(r), r.year.map(|y| (y - year).abs())));
        if near.is_some() {
            return near;
        }
        if self.has_director && cands.len() == 1 && directed(&self.rows[cands[0]]) {
            return Some(&self.rows[cands[0]]);
        }
        None
    }
}

fn imdb_norm(s: &str) -> String {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').to_string()
}

fn data_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data"))
}

fn load_tmdb(dir: &Path) -> Option<Dataset> {
    let path = dir.join("tmdb5000/tmdb_5000_movies.csv");
    let mut rd = csv::Reader::from_path(&path).ok()?;
    let headers = rd.headers().ok()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{}: no column {name}", path.display()))
    };
    let (id, title, orig, date, runtime) = (
        col("id"),
        col("title"),
        col("original_title"),
        col("release_date"),
        col("runtime"),
    );
    let mut rows = Vec::new();
    for rec in rd.records() {
        let rec = rec.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let t = rec.get(title).unwrap_or_default();
        let year = rec.get(date).and_then(|d| d.get(..4)?.parse().ok());
        rows.push(Ref {
            keys: vec![title_key(t), title_key(rec.get(orig).unwrap_or_default())],
            label: format!("{t} ({})", year.unwrap_or(0)),
            year,
            director: None,
            runtime: rec
                .get(runtime)
                .and_then(|r| r.parse::<f64>().ok())
                .filter(|r| *r > 0.0)
                .map(|r| r as u32),
            tmdb_id: rec.get(id).and_then(|s| s.parse().ok()),
            imdb_id: None,
        });
    }
    Some(Dataset::new("tmdb5000", rows, false))
}

/// Splits a MovieLens title "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)" into the
/// title keys (main and alternate titles) and the year.
fn movielens_title(s: &str) -> (Vec<String>, Option<i32>) {
    let mut rest = s.trim();
    let mut year = None;
    if let Some(open) = rest.rfind(" (")
        && rest.ends_with(')')
    {
        let inner = &rest[open + 2..rest.len() - 1];
        if inner.len() == 4 && inner.chars().all(|c| c.is_ascii_digit()) {
            year = inner.parse().ok();
            rest = rest[..open].trim_end();
        }
    }
    let mut titles = Vec::new();
    let (main, mut alts) = match rest.find(" (") {
        Some(i) if rest.ends_with(')') => (&rest[..i], &rest[i..]),
        _ => (rest, ""),
    };
    titles.push(main.to_string());
    while let Some(start) = alts.find('(') {
        let Some(end) = alts[start..].find(')') else {
            break;
        };
        let alt = &alts[start + 1..start + end];
        let alt = alt.strip_prefix("a.k.a. ").unwrap_or(alt);
        titles.push(alt.to_string());
        alts = &alts[start + end + 1..];
    }
    (titles.iter().map(|t| title_key(t)).collect(), year)
}

fn load_movielens(dir: &Path) -> Option<Dataset> {
    let base = dir.join("movielens-small");
    let mut links: HashMap<String, (Option<String>, Option<i64>)> = HashMap::new();
    if let Ok(mut rd) = csv::Reader::from_path(base.join("links.csv")) {
        for rec in rd.records().flatten() {
            links.insert(
                rec.get(0).unwrap_or_default().to_string(),
                (
                    rec.get(1).map(imdb_norm).filter(|s| !s.is_empty()),
                    rec.get(2).and_then(|s| s.trim().parse().ok()),
                ),
            );
        }
    }
    let path = base.join("movies.csv");
    let mut rd = csv::Reader::from_path(&path).ok()?;
    let mut rows = Vec::new();
    for rec in rd.records() {
        let rec = rec.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let id = rec.get(0).unwrap_or_default();
        let raw = rec.get(1).unwrap_or_default();
        let (keys, year) = movielens_title(raw);
        let (imdb_id, tmdb_id) = links.get(id).cloned().unwrap_or((None, None));
        rows.push(Ref {
            keys,
            label: raw.to_string(),
            year,
            director: None,
            runtime: None,
            tmdb_id,
            imdb_id,
        });
    }
    Some(Dataset::new("movielens", rows, false))
}

fn load_vega(dir: &Path) -> Option<Dataset> {
    let path = dir.join("vega-movies/movies.json");
    let text = std::fs::read_to_string(&path).ok()?;
    let all: Vec<serde_json::Value> = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not a JSON array: {e}", path.display()));
    let mut rows = Vec::new();
    for v in all {
        let title = match &v["Title"] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => continue,
        };
        let year = v["Release Date"]
            .as_str()
            .and_then(|d| d.split_whitespace().last()?.parse().ok());
        let director = v["Director"].as_str().map(str::to_string);
        rows.push(Ref {
            keys: vec![title_key(&title)],
            label: format!(
                "{title} ({}) — {}",
                year.unwrap_or(0),
                director.as_deref().unwrap_or("?")
            ),
            year,
            director,
            runtime: v["Running Time min"].as_u64().map(|r| r as u32),
            tmdb_id: None,
            imdb_id: None,
        });
    }
    Some(Dataset::new("vega", rows, true))
}

#[test]
fn facts_agree_with_reference_data() {
    let dir = data_dir();
    if !dir.is_dir() {
        println!("SKIPPED: ../shared/data not found");
        eprintln!("SKIPPED: ../shared/data not found");
        return;
    }
    let mut datasets = Vec::new();
    for (name, ds) in [
        ("tmdb5000", load_tmdb(&dir)),
        ("movielens-small", load_movielens(&dir)),
        ("vega-movies", load_vega(&dir)),
    ] {
        match ds {
            Some(d) => datasets.push(d),
            None => {
                println!("SKIPPED: ../shared/data/{name} not found");
                eprintln!("SKIPPED: ../shared/data/{name} not found");
            }
        }
    }
    let films = films();
    let mut compared: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let mut notes = Vec::new();
    let mut not_found = Vec::new();
    for f in &films {
        let mut found = false;
        for d in &datasets {
            let Some(r) = d.find(f) else {
                continue;
            };
            found = true;
            let mut problems = Vec::new();
            match (f.year, r.year) {
                (Some(a), Some(b)) if (a - b).abs() > 1 => {
                    problems.push(format!("year {a} vs {b}"));
                }
                _ => {}
            }
            if let Some(d) = &r.director
                && !f.directors().iter().any(|fd| same_person(fd, d))
            {
                problems.push(format!("director {:?} vs {d}", f.directors()));
            }
            if let (Some(a), Some(b)) = (f.runtime, r.runtime)
                && a.abs_diff(b) > 20
            {
                notes.push(format!(
                    "{:<10} {:<40} runtime {a} vs {b} ({})",
                    d.name,
                    label(f),
                    r.label
                ));
            }
            let e = compared.entry(d.name).or_default();
            e.0 += 1;
            if problems.is_empty() {
                e.1 += 1;
            } else {
                disagreements.push(format!(
                    "{:<10} {:<40} {:<50} {}",
                    d.name,
                    label(f),
                    r.label,
                    problems.join("; ")
                ));
            }
        }
        if !found {
            not_found.push(label(f));
        }
    }
    println!(
        "{} of {} seed films found in at least one reference dataset; not found: {}",
        films.len() - not_found.len(),
        films.len(),
        not_found.join("; ")
    );
    for (name, (n, ok)) in &compared {
        println!("{name:<10} compared {n:>4}, agree {ok:>4}");
    }
    if !disagreements.is_empty() {
        println!(
            "{:<10} {:<40} {:<50} problem",
            "dataset", "seed film", "reference"
        );
        for d in &disagreements {
            println!("{d}");
        }
    }
    if !notes.is_empty() {
        println!("notes (runtime differs by more than 20 min; not counted):");
        for n in &notes {
            println!("  {n}");
        }
    }
    let total: usize = compared.values().map(|(n, _)| n).sum();
    let agree: usize = compared.values().map(|(_, ok)| ok).sum();
    assert!(
        total > 0,
        "no seed film could be compared with the reference data ({} seed films)",
        films.len()
    );
    assert!(
        agree * 100 >= total * 99,
        "{agree} of {total} comparisons agree (want ≥ 99%); disagreements:\n{}",
        disagreements.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The matching helpers themselves
// ---------------------------------------------------------------------------------------------

#[test]
fn title_keys_ignore_case_accents_punctuation_and_moved_articles() {
    assert_eq!(title_key("Mirror, The"), "mirror");
    assert_eq!(title_key("The Mirror"), "mirror");
    assert_eq!(title_key("Avventura, L'"), "avventura");
    assert_eq!(title_key("L'Avventura"), "avventura");
    assert_eq!(title_key("Amélie"), "amelie");
    assert_eq!(title_key("Paris, Texas"), "paris texas");
    assert_eq!(title_key("Blow-Up"), "blow up");
    assert_eq!(title_key("A"), "a");
    assert_eq!(title_key("千と千尋の神隠し"), "千と千尋の神隠し");
    let (keys, year) = movielens_title("Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)");
    assert_eq!(year, Some(2001));
    assert_eq!(keys, ["amelie", "fabuleux destin d amelie poulain"]);
    let (keys, year) =
        movielens_title("Happy Together (a.k.a. Buenos Aires Affair) (Chun gwong cha sit) (1997)");
    assert_eq!(year, Some(1997));
    assert_eq!(
        keys,
        [
            "happy together",
            "buenos aires affair",
            "chun gwong cha sit"
        ]
    );
    assert_eq!(
        movielens_title("Black Mirror"),
        (vec!["black mirror".into()], None)
    );
    assert_eq!(movielens_title("Paris, Texas (1984)").0, ["paris texas"]);
    assert!(same_person("Zhang Yimou", "Yimou Zhang"));
    assert!(same_person("Wong Kar-wai", "Kar Wai Wong"));
    assert!(!same_person("Andrei Tarkovsky", "Steven Soderbergh"));
}
