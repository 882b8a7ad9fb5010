//! Importers on the shapes other people's files take (hand-made fixtures written here), and,
//! where a real file of the shape exists in ../shared/data, on it too (skipped with a visible
//! line when absent).

use std::path::{Path, PathBuf};

use nightreel::config::Config;
use nightreel::import::{Format, Summary};
use nightreel::library::Library;
use nightreel::time::Clock;
use tempfile::TempDir;

const NOW: &str = "2026-12-02T23:30:00+01:00";

/// The reference data folder, or `None` (after saying so) when it is absent.
fn data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if p.join("MANIFEST.md").is_file() {
        Some(p)
    } else {
        println!("SKIPPED: ../shared/data not found");
        None
    }
}

fn open(dir: &TempDir) -> Library {
    let clock = Clock::from_option(Some(NOW)).unwrap();
    Library::open(&dir.path().join("n.db"), Config::default(), clock)
        .unwrap()
        .0
}

fn import(lib: &mut Library, format: Format, path: &Path) -> nightreel::Result<Summary> {
    lib.import(format, path, &mut |_, _| {})
}

fn write(path: &Path, body: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, body).unwrap();
}

const DIARY: &str = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
    2026-11-03,Stalker,1979,https://boxd.it/aaa1,4.5,,,2026-11-02\n\
    2026-11-04,Chungking Express,1994,https://boxd.it/aaa2,5,Yes,,2026-11-03\n";

/// An export unzipped with its top folder (`export/letterboxd-user-…-utc/diary.csv`) and the
/// outer folder given: the files inside are found. Two exports side by side are refused,
/// naming both.
#[test]
fn a_letterboxd_folder_holding_the_unzipped_export_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let outer = dir.path().join("export");
    let inner = outer.join("letterboxd-user-2026-12-01-10-00-utc");
    write(&inner.join("diary.csv"), DIARY);
    write(&inner.join("deleted/diary.csv"), DIARY);
    let s = import(&mut lib, Format::Letterboxd, &outer).unwrap();
    assert_eq!((s.read, s.imported), (2, 2), "{s:?}");

    let two = dir.path().join("two");
    write(&two.join("a/diary.csv"), DIARY);
    write(
        &two.join("b/ratings.csv"),
        "Date,Name,Year,Letterboxd URI,Rating\n",
    );
    let err = import(&mut lib, Format::Letterboxd, &two)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("2 Letterboxd exports") && err.contains("two/a"),
        "{err}"
    );

    let none = dir.path().join("none");
    write(&none.join("notes/readme.txt"), "hello");
    let err = import(&mut lib, Format::Letterboxd, &none)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a Letterboxd export"), "{err}");

    // A real export, linked (not copied) into a folder of its own.
    let Some(data) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let outer = dir.path().join("real");
    std::fs::create_dir(&outer).unwrap();
    std::os::unix::fs::symlink(data.join("letterboxd/extratone"), outer.join("extratone")).unwrap();
    let s = import(&mut lib, Format::Letterboxd, &outer).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(lib.store().counts().unwrap().1, 317, "{s:?}");
}

/// A list the user named "Diary" or "Watchlist" is `lists/diary.csv` in the zip, with the
/// list's header block before its table: it is not taken for the diary (the import failed).
#[test]
fn a_letterboxd_list_named_like_an_export_file_is_not_read_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let zip_path = dir.path().join("letterboxd-user-2026-12-01-10-00-utc.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let list = "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n\
        2026-11-01,Diary,,https://boxd.it/abc,\n\nPosition,Name,Year,URL,Description\n\
        1,Heat,1995,https://boxd.it/1,\n";
    for (name, body) in [
        ("diary.csv", DIARY),
        ("lists/diary.csv", list),
        ("lists/watchlist.csv", list),
    ] {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, body.as_bytes()).unwrap();
    }
    w.finish().unwrap();
    let s = import(&mut lib, Format::Letterboxd, &zip_path).unwrap();
    assert_eq!((s.read, s.imported), (2, 2), "{s:?}");
    assert!(s.errors.is_empty(), "{:?}", s.errors);
}

fn strs(syms: &[nightreel::names::Sym]) -> Vec<&str> {
    syms.iter().map(|s| s.as_str()).collect()
}

/// The facts of the film called `title` (of `year`), as one line.
fn facts(lib: &Library, title: &str, year: i32) -> String {
    let f = lib.resolve_title(title, Some(year)).unwrap();
    format!(
        "{} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?}",
        f.original_title,
        f.runtime,
        strs(f.directors()),
        strs(f.countries()),
        strs(f.languages()),
        strs(f.genres()),
        strs(f.keywords()),
        f.tmdb_id,
        f.imdb_id
    )
}

/// Kaggle's "TMDB movies dataset" (TMDB_movie_dataset_v11.csv): genres, countries, languages
/// and keywords are plain comma lists of names, not JSON (every row was a bad row,
/// "production_countries is not a JSON list"); names become ISO codes, adult titles are
/// skipped, the IMDb id is kept.
#[test]
fn tmdb_kaggle_dataset_with_plain_name_lists() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let file = dir.path().join("tmdb/TMDB_movie_dataset_v11.csv");
    write(
        &file,
        "id,title,vote_average,vote_count,status,release_date,revenue,runtime,adult,\
         backdrop_path,budget,homepage,imdb_id,original_language,original_title,overview,\
         popularity,poster_path,tagline,genres,production_companies,production_countries,\
         spoken_languages,keywords\n\
         27205,Waking Ned,8.364,34495,Released,1998-07-15,825532764,148,False,/x.jpg,\
         160000000,https://x,tt1375666,en,Waking Ned Devine,\"Cobb, a thief, \"\"steals\"\"\",83.9,/p.jpg,\
         Your mind,\"Action, Science Fiction, Adventure\",\"Legendary Pictures, Syncopy\",\
         \"United Kingdom, United States of America\",\"English, French, Japanese\",\
         \"rescue, mission, dream\"\n\
         99990,Some Adult Film,5,3,Released,2001-01-01,0,80,True,,0,,,en,Some Adult Film,,\
         0,,,Drama,,,,\n\
         99991,Nebenwelt,0,0,Released,,0,0,False,,0,,,de,Nebenwelt,,0,,,,,Atlantis,,\n",
    );
    let s = import(&mut lib, Format::Tmdb, file.parent().unwrap()).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.read, s.imported, s.skipped), (3, 2, 1), "{s:?}");
    assert_eq!(
        facts(&lib, "Waking Ned", 1998),
        "Waking Ned Devine | Some(148) | [] | [\"GB\", \"US\"] | [\"en\", \"fr\", \"ja\"] | \
         [\"Action\", \"Science Fiction\", \"Adventure\"] | [\"rescue\", \"mission\", \"dream\"] | \
         Some(27205) | Some(\"tt1375666\")"
    );
    let nw = lib.resolve_title("Nebenwelt", None).unwrap();
    assert!(nw.countries().is_empty() && nw.year.is_none());

    // JSON given to a CSV importer is refused as JSON, naming the file.
    let json = dir.path().join("movie_ids_12_01_2026.json");
    write(
        &json,
        "{\"adult\":false,\"id\":3924,\"original_title\":\"Blondie\"}\n",
    );
    let err = import(&mut lib, Format::Movielens, &json)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("movie_ids_12_01_2026.json:1: not a MovieLens movies file"),
        "{err}"
    );
    assert!(err.contains("this is JSON, not a CSV table"), "{err}");
}

/// TMDB as JSON lines: API movie objects (credits and keywords appended) and TMDB's daily id
/// export (gzipped; id and original title only) import; it was refused ("the header has no
/// \"id\" column (found: {\"adult\":false, …"). A first line that is not a movie object is
/// refused naming the file and the shape expected; a later one is a bad row.
#[test]
fn tmdb_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let api = dir.path().join("movies.jsonl");
    write(
        &api,
        r#"{"id":9990001,"title":"A Quiet Harbour","original_title":"Tichá přístav","release_date":"1994-03-01","genres":[{"id":18,"name":"Drama"}],"runtime":101,"production_countries":[{"iso_3166_1":"CZ","name":"Czech Republic"}],"original_language":"cs","spoken_languages":[{"iso_639_1":"cs","english_name":"Czech","name":"Český"}],"vote_average":7.1,"vote_count":120,"imdb_id":"tt9990001","adult":false,"credits":{"crew":[{"job":"Director","name":"Someone Real"},{"job":"Editor","name":"Not Them"}]},"keywords":{"keywords":[{"id":1,"name":"harbour"}]}}

{"id":9990002,"adult":true,"title":"Left Out"}
not json
"#,
    );
    let s = import(&mut lib, Format::Tmdb, &api).unwrap();
    assert_eq!((s.read, s.imported, s.skipped), (3, 1, 2), "{s:?}");
    assert_eq!(s.errors[0].line, 4, "{:?}", s.errors);
    assert_eq!(
        facts(&lib, "A Quiet Harbour", 1994),
        "Tichá přístav | Some(101) | [\"Someone Real\"] | [\"CZ\"] | [\"cs\"] | [\"Drama\"] | \
         [\"harbour\"] | Some(9990001) | Some(\"tt9990001\")"
    );

    let ids = dir.path().join("movie_ids_12_01_2026.json.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(
        &mut gz,
        b"{\"adult\":false,\"id\":9990003,\"original_title\":\"Blondie of Nowhere\",\"popularity\":2.1,\"video\":false}\n",
    )
    .unwrap();
    std::fs::write(&ids, gz.finish().unwrap()).unwrap();
    let s = import(&mut lib, Format::Tmdb, &ids).unwrap();
    assert_eq!((s.read, s.created), (1, 1), "{s:?}");
    assert_eq!(
        lib.resolve_title("Blondie of Nowhere", None)
            .unwrap()
            .tmdb_id,
        Some(9990003)
    );

    let before = lib.store().counts().unwrap();
    let odd = dir.path().join("odd.json");
    write(&odd, "{\"page\":1,\"results\":[]}\n");
    let err = import(&mut lib, Format::Tmdb, &odd)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("odd.json:1: not TMDB movies as JSON lines (one movie object a line)"),
        "{err}"
    );
    assert_eq!(lib.store().counts().unwrap(), before);
}

/// Kaggle's "The Movies Dataset": movies_metadata.csv with its lists as Python literals
/// (`[{'id': 16, 'name': 'Animation'}]`, names with an apostrophe in double quotes), and
/// credits.csv (cast, crew, id) and keywords.csv beside it. Every row was a bad row.
#[test]
fn tmdb_the_movies_dataset_with_python_literal_lists() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let folder = dir.path().join("the-movies-dataset");
    write(
        &folder.join("movies_metadata.csv"),
        "adult,belongs_to_collection,budget,genres,homepage,id,imdb_id,original_language,\
         original_title,overview,popularity,poster_path,production_companies,\
         production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,\
         title,video,vote_average,vote_count\n\
         False,\"{'id': 10194, 'name': 'Toy Story Collection'}\",30000000,\
         \"[{'id': 16, 'name': 'Animation'}, {'id': 10751, 'name': \"\"Children's\"\"}]\",\
         http://toystory.disney.com,862,tt0114709,fr,La Tortue rouge,\"Led by Woody, Andy's toys\",\
         21.9,/x.jpg,\"[{'name': 'Pixar Animation Studios', 'id': 3}]\",\
         \"[{'iso_3166_1': 'US', 'name': 'United States of America'}]\",1995-10-30,373554033,\
         81.0,\"[{'iso_639_1': 'en', 'name': 'English'}]\",Released,,The Red Turtle,False,7.7,5415\n\
         - Written by Ørnås,0.065736,/ff9qCepilowshEtG2GYWwzt2bs4.jpg,\
         \"[{'name': 'Carousel Productions', 'id': 11176}]\",\"[{'iso_3166_1': 'CA', 'name': \
         'Canada'}]\",1997-08-20,0,104.0,\"[{'iso_639_1': 'en', 'name': 'English'}]\",\
         Released,,Midnight Man,False,6.0,1\n",
    );
    write(
        &folder.join("credits.csv"),
        "cast,crew,id\n\
         \"[{'cast_id': 14, 'character': 'Woody (voice)', 'name': 'Tom Hanks'}]\",\
         \"[{'credit_id': '52fe4284', 'department': 'Directing', 'gender': 2, 'id': 7879, \
         'job': 'Director', 'name': 'John Lasseter', 'profile_path': None}]\",862\n",
    );
    write(
        &folder.join("keywords.csv"),
        "id,keywords\n862,\"[{'id': 931, 'name': 'jealousy'}, {'id': 4290, 'name': 'toy'}]\"\n",
    );
    let s = import(&mut lib, Format::Tmdb, &folder).unwrap();
    // The shifted row of the real file (its overview split over columns) is one bad row.
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert_eq!(s.errors[0].line, 3, "{:?}", s.errors);
    assert_eq!(
        facts(&lib, "The Red Turtle", 1995),
        "La Tortue rouge | Some(81) | [\"John Lasseter\"] | [\"US\"] | [\"fr\", \"en\"] | \
         [\"Animation\", \"Children's\"] | [\"jealousy\", \"toy\"] | Some(862) | \
         Some(\"tt0114709\")"
    );
}

/// Viewings as comparable rows: title, moment or date, stars, rewatch, liked, mood, note.
fn viewings(lib: &Library) -> Vec<String> {
    let mut v: Vec<String> = lib
        .watches()
        .iter()
        .map(|w| {
            let f = lib.film(w.film_id).unwrap();
            format!(
                "{} | {} | {:?} | {} | {} | {:?} | {:?}",
                f.title,
                w.watched_at.to_stored(),
                w.rating.map(|r| r.stars()),
                w.rewatch,
                w.liked,
                w.mood,
                w.note
            )
        })
        .collect();
    v.sort();
    v
}

fn marks(lib: &Library) -> Vec<String> {
    let mut v: Vec<String> = lib
        .store()
        .marks()
        .unwrap()
        .iter()
        .map(|m| {
            let f = lib.film(m.film_id).unwrap();
            format!(
                "{} | {:?} | {}",
                f.title,
                m.rating.map(|r| r.stars()),
                m.liked
            )
        })
        .collect();
    v.sort();
    v
}

/// `export letterboxd` then `import letterboxd` into a fresh database loses nothing: the time
/// of night (a viewing at 01:40 came back as a date-only viewing of the night before, its
/// late-night share unknown) and the likes (of viewings and of films seen without a diary
/// entry) came back unliked. The two columns that carry them are ones Letterboxd's importer
/// ignores; its own columns keep their names.
#[test]
fn letterboxd_export_round_trips_likes_and_the_time_of_night() {
    use nightreel::model::{NewWatch, Rating};
    use nightreel::time::WatchedAt;
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    // A film seen without a diary entry, rated and liked (Letterboxd's ratings and likes).
    let export = dir.path().join("lb");
    write(
        &export.join("ratings.csv"),
        "Date,Name,Year,Letterboxd URI,Rating\n2026-10-01,Heat,1995,https://boxd.it/h,4\n",
    );
    write(
        &export.join("likes/films.csv"),
        "Date,Name,Year,Letterboxd URI\n2026-10-01,Heat,1995,https://boxd.it/h\n",
    );
    import(&mut lib, Format::Letterboxd, &export).unwrap();
    let stalker = lib.resolve_title("Stalker", Some(1979)).unwrap().id;
    let casablanca = lib.resolve_title("Casablanca", Some(1942)).unwrap().id;
    let at = |s: &str| WatchedAt::At(chrono::DateTime::parse_from_rfc3339(s).unwrap());
    let day = WatchedAt::Date(chrono::NaiveDate::from_ymd_opt(2019, 3, 1).unwrap());
    let rows = [
        (
            stalker,
            at("2026-11-20T01:40:00+08:00"),
            Some(4.5),
            false,
            true,
        ),
        (stalker, at("2026-11-22T23:10:00-05:00"), None, true, false),
        (casablanca, day, Some(0.5), true, true),
    ];
    for (i, (film_id, watched_at, stars, rewatch, liked)) in rows.into_iter().enumerate() {
        lib.log(NewWatch {
            film_id,
            watched_at,
            rating: stars.and_then(Rating::from_stars),
            rewatch,
            liked,
            mood: (i == 0).then(|| "rain on neon, 孤独".to_string()),
            mood_after: None,
            note: (i == 2).then(|| "<p>a \"note\",\nwith a line</p>".to_string()),
            source: "nightreel".into(),
        })
        .unwrap();
    }
    let path = dir.path().join("letterboxd.csv");
    nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Letterboxd, &path).unwrap();
    // Letterboxd's own columns, as its import format names them, come first.
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(
            "Title,Year,imdbID,tmdbID,WatchedDate,Rating,Rewatch,Tags,Review,Liked,Watched At\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            ",2026-11-19,4.5,false,\"rain on neon, 孤独\",,true,2026-11-20T01:40:00+08:00\n"
        ),
        "{text}"
    );

    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = open(&dir2);
    let s = import(&mut fresh, Format::Letterboxd, &path).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(viewings(&fresh), viewings(&lib));
    assert_eq!(marks(&fresh), marks(&lib));
    assert_eq!(marks(&fresh), vec!["Heat | Some(4.0) | true"]);
    // Again: nothing new, nothing changed.
    let again = import(&mut fresh, Format::Letterboxd, &path).unwrap();
    assert_eq!((again.imported, again.updated), (0, 0), "{again:?}");

    // A Watched At that is not on the row's night is a bad row, named with its line.
    let bad = dir.path().join("bad.csv");
    write(
        &bad,
        "Title,Year,imdbID,tmdbID,WatchedDate,Rating,Rewatch,Tags,Review,Liked,Watched At\n\
         Stalker,1979,,,2026-11-01,4,false,,,false,2026-11-05T01:00:00+01:00\n\
         Stalker,1979,,,2026-11-02,4,false,,,false,soon\n",
    );
    let s = import(&mut fresh, Format::Letterboxd, &bad).unwrap();
    let lines: Vec<usize> = s.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![2, 3], "{:?}", s.errors);
}

const IMDB_LIST_HEADER: &str = "Position,Const,Created,Modified,Description,Title,\
    Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,\
    Release Date,Directors,Your Rating,Date Rated\n";

/// IMDb's watchlist and list exports (`Position, Const, Created, …`, newer ones with
/// `Your Rating` and `Date Rated`): an unrated row was a bad row ("Your Rating \"\" is not a
/// whole number"), and an older list without `Your Rating` was refused as "not an IMDb
/// title.basics file". A watchlist's films join the watchlist, another list's the catalog,
/// and a rated row rates as in the ratings export.
#[test]
fn imdb_watchlist_and_list_exports() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let watchlist = dir.path().join("WATCHLIST.csv");
    write(
        &watchlist,
        &format!(
            "{IMDB_LIST_HEADER}\
             1,tt0118694,2026-11-01,2026-11-01,,In the Mood for Love,Fa yeung nin wah,\
             https://www.imdb.com/title/tt0118694/,Movie,8.1,98,2000,\"Drama, Romance\",170000,\
             2000-05-20,Wong Kar-wai,,\n\
             2,tt0079944,2026-11-01,2026-11-01,,Stalker,Stalker,\
             https://www.imdb.com/title/tt0079944/,Movie,8.0,162,1979,\"Drama, Sci-Fi\",150000,\
             1979-05-25,Andrei Tarkovsky,8,2026-11-03\n\
             3,tt0903747,2026-11-01,2026-11-01,,Breaking Bad,Breaking Bad,\
             https://www.imdb.com/title/tt0903747/,TV Series,9.5,49,2008,Drama,2000000,\
             2008-01-20,,,\n"
        ),
    );
    let s = import(&mut lib, Format::Imdb, &watchlist).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.read, s.imported, s.skipped), (3, 2, 1), "{s:?}");
    assert_eq!(
        lib.store().counts().unwrap().2,
        1,
        "one film on the watchlist"
    );
    assert_eq!(marks(&lib), vec!["Stalker | Some(4.0) | false"]);

    // An older list export, without Your Rating: its films join the catalog.
    let list = dir.path().join("ls012345678.csv");
    write(
        &list,
        "Position,Const,Created,Modified,Description,Title,URL,Title Type,IMDb Rating,\
         Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n\
         1,tt0118694,2026-11-01,2026-11-01,,In the Mood for Love,\
         https://www.imdb.com/title/tt0118694/,movie,8.1,98,2000,\"Drama, Romance\",170000,\
         2000-05-20,Wong Kar-wai\n\
         2,tt9900001,2026-11-01,2026-11-01,,A List Film Nobody Has,\
         https://www.imdb.com/title/tt9900001/,movie,,90,2024,Drama,,2024-01-01,Someone\n",
    );
    let s = import(&mut lib, Format::Imdb, &list).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.read, s.imported, s.created), (2, 1, 1), "{s:?}");
    assert_eq!(
        lib.store().counts().unwrap().2,
        1,
        "the watchlist is unchanged"
    );
    // Given to another importer, a list export is named for what it is.
    let err = import(&mut lib, Format::Letterboxd, &list)
        .unwrap_err()
        .to_string();
    assert!(err.contains("IMDb ratings export or list export"), "{err}");
}

/// ml-1m / ml-10m (`movies.dat`, `::` between fields, Latin-1 in ml-1m, with ratings.dat and
/// tags.dat) and ml-100k (`u.item`, pipes and genre flags, with u.data) import; both were
/// refused ("the header has no movieId column", or "the folder holds none of movies.csv").
/// A file of neither shape is refused naming the file and the shape expected, nothing written.
#[test]
fn movielens_dat_and_100k_releases() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let (films0, _, _) = lib.store().counts().unwrap();
    let ml1m = dir.path().join("ml-1m");
    std::fs::create_dir(&ml1m).unwrap();
    let latin1 = |s: &str| -> Vec<u8> { s.chars().map(|c| c as u32 as u8).collect() };
    std::fs::write(
        ml1m.join("movies.dat"),
        latin1(
            "3415::Mirror, The (Zerkalo) (1975)::Drama\n\
             73::Misérables, Les (1995)::Drama|Musical\n\
             oops\n",
        ),
    )
    .unwrap();
    std::fs::write(
        ml1m.join("ratings.dat"),
        "1::3415::5::978300760\n2::3415::4::978302109\n",
    )
    .unwrap();
    std::fs::write(
        ml1m.join("tags.dat"),
        "15::73::revolution::1162160236\n16::73::revolution::1162160300\n",
    )
    .unwrap();
    let s = import(&mut lib, Format::Movielens, &ml1m).unwrap();
    assert_eq!((s.read, s.imported, s.skipped), (7, 6, 1), "{s:?}");
    assert_eq!(s.errors[0].line, 3, "{:?}", s.errors);
    assert!(
        s.errors[0].reason.contains("MovieID::Title::Genres"),
        "{:?}",
        s.errors
    );
    let movielens_id = |lib: &Library, film: i64| {
        let ids = lib.store().external_ids().unwrap();
        ids.into_iter()
            .find(|(id, _)| *id == film)
            .unwrap()
            .1
            .movielens
    };
    let mirror = lib.resolve_title("The Mirror", Some(1975)).unwrap().id;
    assert_eq!(movielens_id(&lib, mirror), Some(3415));
    let les = lib.resolve_title("Les Misérables", Some(1995)).unwrap();
    assert_eq!(strs(les.genres()), vec!["Drama", "Musical"]);
    assert_eq!(strs(les.keywords()), vec!["revolution"]);

    let ml100k = dir.path().join("ml-100k");
    std::fs::create_dir(&ml100k).unwrap();
    std::fs::write(
        ml100k.join("u.item"),
        latin1(
            "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|\
             0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n\
             1682|Scream of Stone (Schrei aus Stein) (1991)|08-Mar-1996||http://x|\
             0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n",
        ),
    )
    .unwrap();
    std::fs::write(ml100k.join("u.data"), "196\t1682\t3\t881250949\n").unwrap();
    let s = import(&mut lib, Format::Movielens, &ml100k.join("u.item")).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let scream = lib.resolve_title("Scream of Stone", Some(1991)).unwrap();
    assert_eq!(scream.original_title, "Schrei aus Stein");
    assert_eq!(strs(scream.genres()), vec!["Drama"]);
    // ml-100k's ids are its own, not MovieLens movie ids.
    assert_eq!(movielens_id(&lib, scream.id), None);

    // Neither shape: refused, naming the file and what was expected; nothing written.
    let before = lib.store().counts().unwrap();
    assert!(before.0 > films0);
    let odd = dir.path().join("odd");
    std::fs::create_dir(&odd).unwrap();
    std::fs::write(odd.join("movies.dat"), "1,Toy Story (1995),Comedy\n").unwrap();
    std::fs::write(odd.join("ratings.dat"), "1::1::5::978300760\n").unwrap();
    let err = import(&mut lib, Format::Movielens, &odd)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("odd/movies.dat:1: not a MovieLens movies.dat (MovieID::Title::Genres"),
        "{err}"
    );
    assert_eq!(lib.store().counts().unwrap(), before);
    let err = import(&mut lib, Format::Movielens, dir.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("movies.csv, movies.dat, u.item"), "{err}");
}

/// A path that cannot be reached says why: through a file as if it were a folder ("Not a
/// directory"), or a folder that cannot be searched ("Permission denied"); both said "no such
/// file or directory". A missing path still says that.
#[test]
fn an_unreachable_path_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let file = dir.path().join("diary.csv");
    write(&file, DIARY);
    for format in [
        Format::Letterboxd,
        Format::Tmdb,
        Format::Movielens,
        Format::Imdb,
    ] {
        let err = import(&mut lib, format, &file.join("x.csv"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("diary.csv/x.csv: Not a directory"), "{err}");
        let err = import(&mut lib, format, &dir.path().join("gone.csv"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("gone.csv: no such file or directory"), "{err}");
    }
    let locked = dir.path().join("locked");
    write(&locked.join("diary.csv"), DIARY);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        println!("SKIPPED: permission denied part (running with permission to read anything)");
    } else {
        let err = import(&mut lib, Format::Letterboxd, &locked.join("diary.csv"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("Permission denied"), "{err}");
        let err = import(&mut lib, Format::Letterboxd, &locked)
            .unwrap_err()
            .to_string();
        assert!(err.contains("Permission denied"), "{err}");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(lib.store().counts().unwrap().1, 0);
}

/// A diary saved by a spreadsheet as "Unicode text" (UTF-16 with its byte order mark, tabs
/// between cells, CRLF) imports: it was refused as "binary data, not a text table".
#[test]
fn a_utf16_letterboxd_diary_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let text = "\u{feff}Date\tName\tYear\tLetterboxd URI\tRating\tRewatch\tTags\tWatched Date\r\n\
        2026-11-03\tStalker\t1979\thttps://boxd.it/a1\t4,5\t\t\t2026-11-02\r\n\
        2026-11-04\t花样年华\t2000\thttps://boxd.it/a2\t5\tYes\t孤独\t2026-11-03\r\n";
    for (name, bytes) in [
        (
            "le.csv",
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ),
        (
            "be.csv",
            text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let s = import(&mut lib, Format::Letterboxd, &file).unwrap();
        assert!(s.errors.is_empty(), "{name}: {:?}", s.errors);
        assert_eq!(s.read, 2, "{name}: {s:?}");
    }
    let v = viewings(&lib);
    assert_eq!(v.len(), 2, "{v:?}");
    assert!(
        v.iter()
            .any(|w| w.starts_with("In the Mood for Love | 2026-11-03 | Some(5.0) | true")),
        "{v:?}"
    );
    assert!(
        v.iter()
            .any(|w| w.starts_with("Stalker | 2026-11-02 | Some(4.5)")),
        "{v:?}"
    );
}

/// The folder the export was downloaded to, the zip still in it
/// (`Downloads/letterboxd-user-2026-12-01-10-00-utc.zip`): the zip is read. It said "not a
/// Letterboxd export". Two such zips are refused, naming both.
#[test]
fn a_letterboxd_folder_holding_the_downloaded_zip() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let downloads = dir.path().join("Downloads");
    std::fs::create_dir(&downloads).unwrap();
    write(&downloads.join("notes.txt"), "x");
    let zip_at = |name: &str| {
        let mut w = zip::ZipWriter::new(std::fs::File::create(downloads.join(name)).unwrap());
        w.start_file("diary.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, DIARY.as_bytes()).unwrap();
        w.finish().unwrap();
    };
    zip_at("letterboxd-user-2026-12-01-10-00-utc.zip");
    let s = import(&mut lib, Format::Letterboxd, &downloads).unwrap();
    assert_eq!((s.read, s.imported), (2, 2), "{s:?}");
    zip_at("letterboxd-user-2025-01-01-10-00-utc.zip");
    let err = import(&mut lib, Format::Letterboxd, &downloads)
        .unwrap_err()
        .to_string();
    assert!(err.contains("holds 2 Letterboxd exports"), "{err}");
}

/// IMDb's title.ratings, title.crew or name.basics given alone is named for what it is, with
/// what to give instead (it said "not an IMDb title.basics file: the header has no
/// \"titleType\" column"); nothing is written.
#[test]
fn an_imdb_companion_file_alone_says_what_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let before = lib.store().counts().unwrap();
    for (name, body, what) in [
        (
            "title.ratings.tsv",
            "tconst\taverageRating\tnumVotes\ntt0118694\t8.1\t170000\n",
            "title.ratings",
        ),
        (
            "title.crew.tsv",
            "tconst\tdirectors\twriters\ntt0118694\tnm0939182\t\\N\n",
            "title.crew",
        ),
        (
            "name.basics.tsv",
            "nconst\tprimaryName\tbirthYear\nnm0939182\tWong Kar-wai\t1958\n",
            "name.basics",
        ),
    ] {
        let file = dir.path().join(name);
        write(&file, body);
        let err = import(&mut lib, Format::Imdb, &file)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!(
                "{name}:1: this is IMDb's {what}, not title.basics"
            )),
            "{err}"
        );
    }
    assert_eq!(lib.store().counts().unwrap(), before);
    // With title.basics beside them, the folder imports them all.
    write(
        &dir.path().join("title.basics.tsv"),
        "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\t\
         runtimeMinutes\tgenres\ntt0118694\tmovie\tIn the Mood for Love\tFa yeung nin wah\t0\t\
         2000\t\\N\t98\tDrama,Romance\n",
    );
    let s = import(&mut lib, Format::Imdb, dir.path()).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let film = lib
        .resolve_title("In the Mood for Love", Some(2000))
        .unwrap();
    assert_eq!(film.imdb_id.as_deref(), Some("tt0118694"));
}

/// A Letterboxd list, profile.csv or comments.csv given on its own is named for what it is
/// (each said "the header has no \"Name\" column"); nothing is written.
#[test]
fn letterboxd_files_without_films_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let before = lib.store().counts().unwrap();
    for (name, body, said) in [
        (
            "lists/night-films.csv",
            "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n\
             2026-11-01,Night films,,https://boxd.it/abc,\"A list, of things\"\n\n\
             Position,Name,Year,URL,Description\n1,Chungking Express,1994,https://boxd.it/1,\n",
            "this is a Letterboxd list",
        ),
        (
            "profile.csv",
            "Date Joined,Username,Given Name,Family Name,Email Address,Location,Website,Bio,\
             Pronoun,Favorite Films\n2020-01-01,someone,,,a@b.c,,,\"bio, with comma\",He/his,\n",
            "this is the export's profile.csv",
        ),
        (
            "comments.csv",
            "Date,Content,Comment\n2026-11-01,https://boxd.it/x,nice\n",
            "this is the export's comments.csv",
        ),
    ] {
        let file = dir.path().join(name);
        write(&file, body);
        let err = import(&mut lib, Format::Letterboxd, &file)
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!("{name}:1: {said}")), "{err}");
    }
    assert_eq!(lib.store().counts().unwrap(), before);
}

/// The zip's likes/reviews.csv holds other people's reviews the user liked: it was read as
/// the user's own reviews.csv, so a liked review of a film on the day of a viewing became that
/// viewing's note. Only likes/films.csv is read from likes/.
#[test]
fn liked_reviews_of_others_are_not_the_users_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let zip_path = dir.path().join("letterboxd-user-2026-12-01-10-00-utc.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let review = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n\
        2026-11-03,Stalker,1979,https://boxd.it/zz9,2,,Someone else's review,,2026-11-02\n";
    let top = "letterboxd-user-2026-12-01-10-00-utc/";
    for (name, body) in [
        ("diary.csv", DIARY),
        ("likes/reviews.csv", review),
        (
            "likes/lists.csv",
            "Date,Name,URL\n2026-11-01,A list,https://boxd.it/l\n",
        ),
        (
            "likes/films.csv",
            "Date,Name,Year,Letterboxd URI\n2026-11-05,Stalker,1979,https://boxd.it/s\n",
        ),
    ] {
        w.start_file(
            format!("{top}{name}"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut w, body.as_bytes()).unwrap();
    }
    w.finish().unwrap();
    let s = import(&mut lib, Format::Letterboxd, &zip_path).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let v = viewings(&lib);
    assert!(
        v.contains(&"Stalker | 2026-11-02 | Some(4.5) | false | true | None | None".to_string()),
        "{v:?}"
    );
}

/// A diary with old Mac line ends (CR alone, as Excel's "CSV (Macintosh)" writes) names each
/// bad row's own line; every row was reported at line 1.
#[test]
fn cr_only_line_ends_keep_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let file = dir.path().join("diary.csv");
    write(
        &file,
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\
         2026-11-03,Stalker,1979,https://boxd.it/a,4,,,2026-11-02\r\
         2026-11-03,Heat,1995,https://boxd.it/b,x,,,2026-11-02\r\
         2026-11-04,Chungking Express,1994,https://boxd.it/c,4,,\"rain\rneon\",2026-11-03\r\
         2026-11-05,Heat,1995,https://boxd.it/d,y,,,2026-11-04\r",
    );
    let s = import(&mut lib, Format::Letterboxd, &file).unwrap();
    let lines: Vec<usize> = s.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 6], "{:?}", s.errors);
    assert_eq!(s.imported, 2, "{s:?}");
}

/// IMDb's ratings export from before 2017 (`position,const,created,…,You rated,…,Num. Votes`)
/// rates: its ratings were read as an unrated list (the films joined the catalog, unrated).
#[test]
fn an_old_imdb_ratings_export_rates() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let file = dir.path().join("ratings.csv");
    write(
        &file,
        "position,const,created,modified,description,Title,Title type,Directors,You rated,\
         IMDb Rating,Runtime (mins),Year,Genres,Num. Votes,Release Date (month/day/year),URL\n\
         1,tt0079944,Wed Mar 15 00:00:00 2017,Wed Mar 15 00:00:00 2017,,Stalker,Feature Film,\
         Andrei Tarkovsky,9,8.2,162,1979,\"drama, sci_fi\",100000,1979-05-25,\
         http://www.imdb.com/title/tt0079944/\n",
    );
    let s = import(&mut lib, Format::Imdb, &file).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(marks(&lib), vec!["Stalker | Some(4.5) | false"]);
}

/// TMDB's own language codes "cn" (Cantonese) and "xx" (no language) are not ISO 639-1: they
/// reached the catalog (and `export catalog`) as they were; now Chinese "zh", and none.
#[test]
fn tmdb_language_codes_become_iso_639_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let file = dir.path().join("tmdb_5000_movies.csv");
    write(
        &file,
        "id,title,original_title,release_date,genres,original_language,spoken_languages\n\
         9990010,A Harbour Night,港夜,1990-01-01,[],cn,\
         \"[{\"\"iso_639_1\"\": \"\"cn\"\", \"\"name\"\": \"\"廣州話 / 广州话\"\"}, \
         {\"\"iso_639_1\"\": \"\"en\"\", \"\"name\"\": \"\"English\"\"}]\"\n\
         9990011,Silent Frames,Silent Frames,1925-01-01,[],xx,\
         \"[{\"\"iso_639_1\"\": \"\"xx\"\", \"\"name\"\": \"\"No Language\"\"}]\"\n",
    );
    let s = import(&mut lib, Format::Tmdb, &file).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let f = lib.resolve_title("A Harbour Night", Some(1990)).unwrap();
    assert_eq!(strs(f.languages()), vec!["zh", "en"]);
    let f = lib.resolve_title("Silent Frames", Some(1925)).unwrap();
    assert!(f.languages().is_empty());

    // The real TMDB 5000 file: no language outside ISO 639-1's two letters, no "cn", no "xx".
    let Some(data) = data() else { return };
    let s = import(&mut lib, Format::Tmdb, &data.join("tmdb5000")).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let odd: Vec<(String, &str)> = lib
        .films()
        .iter()
        .flat_map(|f| {
            f.languages()
                .iter()
                .map(move |l| (f.title.to_string(), l.as_str()))
        })
        .filter(|(_, l)| l.len() != 2 || *l == "cn" || *l == "xx")
        .collect();
    assert!(odd.is_empty(), "{odd:?}");
}

/// A line past 16 MiB (no line ends: a binary or damaged file) refuses a movies.dat or a
/// TMDB JSON lines file, naming it, instead of reading it all into memory.
#[test]
fn an_endless_line_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let long = "x".repeat((16 << 20) + 10);
    let dat = dir.path().join("movies.dat");
    std::fs::write(&dat, format!("1::{long}::Drama\n")).unwrap();
    let err = import(&mut lib, Format::Movielens, &dat)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("movies.dat:1: the line is longer than"),
        "{err}"
    );
    let json = dir.path().join("movies.jsonl");
    std::fs::write(&json, format!("{{\"id\":1,\"title\":\"{long}\"}}\n")).unwrap();
    let err = import(&mut lib, Format::Tmdb, &json)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("movies.jsonl:1: the line is longer than"),
        "{err}"
    );
}

/// Files that went through pandas or a spreadsheet write whole numbers with blanks among them
/// as decimals: Year "1979.0" was a bad row ("is not a year") and links.csv's tmdbId "862.0"
/// and imdbId "114709.0" were dropped silently.
#[test]
fn decimal_whole_numbers_from_pandas() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let diary = dir.path().join("diary.csv");
    write(
        &diary,
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
         2026-11-03,Stalker,1979.0,https://boxd.it/a,4.0,,,2026-11-02\n\
         2026-11-03,A Film With No Year,,https://boxd.it/b,3.0,,,2026-11-02\n",
    );
    let s = import(&mut lib, Format::Letterboxd, &diary).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.imported, 2, "{s:?}");
    assert!(
        viewings(&lib)
            .iter()
            .any(|v| v.starts_with("Stalker | 2026-11-02 | Some(4.0)"))
    );

    let ml = dir.path().join("ml");
    write(
        &ml.join("movies.csv"),
        "movieId,title,genres\n9990020.0,A Pandas Film (1999),Drama\n",
    );
    write(
        &ml.join("links.csv"),
        "movieId,imdbId,tmdbId\n9990020.0,114709.0,9990021.0\n",
    );
    let s = import(&mut lib, Format::Movielens, &ml).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let f = lib.resolve_title("A Pandas Film", Some(1999)).unwrap();
    assert_eq!(
        (f.tmdb_id, f.imdb_id.as_deref()),
        (Some(9990021), Some("tt0114709"))
    );
}
