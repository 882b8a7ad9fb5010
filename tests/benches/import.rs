//! Import speed: 1,000,000 IMDb title.basics rows (then the film vectors) and a 7,000-row
//! Letterboxd diary, each into a fresh database. Run with `cargo bench --bench import` (a
//! plain timing, not criterion: one import of a million rows is the measurement).
//!
//! The input files are generated here (deterministic titles from a word list, a mix of
//! title types as in the real dump), because the real dump is far too large to keep; the
//! rows go through exactly the code path of `nightreel import`.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use nightreel::config::Config;
use nightreel::import::Format;
use nightreel::library::Library;
use nightreel::time::Clock;

const WORDS: &[&str] = &[
    "night", "rain", "city", "river", "house", "winter", "summer", "ghost", "train", "road",
    "love", "dark", "light", "mirror", "song", "last", "first", "silent", "blue", "red",
    "stranger", "garden", "island", "storm", "dream", "shadow", "moon", "sun", "sea", "fire",
    "glass", "paper", "stone", "iron", "golden", "broken", "hidden", "lonely", "wild", "quiet",
];
const GENRES: &[&str] = &[
    "Drama",
    "Comedy",
    "Romance",
    "Thriller",
    "Horror",
    "Documentary",
    "Crime",
    "Sci-Fi",
    "Animation",
    "Mystery",
    "Family",
    "War",
];
const TYPES: &[&str] = &[
    "movie",
    "movie",
    "movie",
    "short",
    "tvEpisode",
    "tvMovie",
    "video",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }

    fn title(&mut self) -> String {
        let n = 1 + self.next() % 4;
        let words: Vec<String> = (0..n)
            .map(|_| {
                let w = self.pick(WORDS);
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            })
            .collect();
        words.join(" ")
    }
}

fn write_basics(path: &Path, rows: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres").unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..rows {
        let title = format!("{} {}", rng.title(), i % 9973);
        let g: Vec<&str> = (0..1 + rng.next() % 3).map(|_| rng.pick(GENRES)).collect();
        writeln!(
            out,
            "tt{:08}\t{}\t{title}\t{title}\t0\t{}\t\\N\t{}\t{}",
            i + 1,
            rng.pick(TYPES),
            1900 + rng.next() % 125,
            60 + rng.next() % 140,
            g.join(",")
        )
        .unwrap();
    }
}

fn write_diary(path: &Path, rows: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"
    )
    .unwrap();
    let mut rng = Rng(42);
    for i in 0..rows {
        // About half the titles repeat (rewatches), as in real diaries.
        let film = rng.next() % (rows / 2);
        let day = 1 + i % 28;
        let title = Rng(film as u64 + 1).title();
        writeln!(
            out,
            "2024-01-{day:02},\"{title} {film}\",{},https://boxd.it/b{i},{},{},,2023-{:02}-{day:02}",
            1950 + film % 70,
            (1 + rng.next() % 10) as f64 / 2.0,
            if film.is_multiple_of(3) { "Yes" } else { "" },
            1 + i % 12
        )
        .unwrap();
    }
}

fn open(dir: &Path) -> Library {
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    Library::open(&dir.join("n.db"), Config::default(), clock)
        .unwrap()
        .0
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let basics = dir.path().join("title.basics.tsv");
    write_basics(&basics, 1_000_000);
    let mut lib = open(&dir.path().join("imdb"));
    let t0 = Instant::now();
    let s = lib.import(Format::Imdb, &basics, &mut |_, _| {}).unwrap();
    let t_import = t0.elapsed();
    lib.space().unwrap();
    let t_total = t0.elapsed();
    println!(
        "imdb title.basics: {} rows read, {} films created; import {:.2} s, with vectors {:.2} s",
        s.read,
        s.created,
        t_import.as_secs_f64(),
        t_total.as_secs_f64()
    );

    let diary = dir.path().join("diary.csv");
    write_diary(&diary, 7_000);
    let mut lib = open(&dir.path().join("lb"));
    let t0 = Instant::now();
    let s = lib
        .import(Format::Letterboxd, &diary, &mut |_, _| {})
        .unwrap();
    println!(
        "letterboxd diary: {} rows read, {} imported, {} films created; {:.2} s",
        s.read,
        s.imported,
        s.created,
        t0.elapsed().as_secs_f64()
    );
}
