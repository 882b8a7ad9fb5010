//! Interned names: the directors, countries, languages, genres, tags and keywords of a
//! catalog repeat across films, so each distinct name is stored once for the life of the
//! process and films hold 4-byte [`Sym`]s. A million films keep their names in tens of
//! megabytes instead of a gigabyte of small strings.
//!
//! The table only grows (a name once seen stays), which bounds it by the distinct names
//! ever loaded. Reading a name takes no lock: names live in buckets of doubling size that are
//! created once and never move. Interning a name already seen by this thread takes no lock
//! either (a per-thread cache in front of the shared index), so loading a catalog on several
//! threads does not queue on one lock.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap;

/// An interned name. Equal names are equal symbols; it reads as the `str` it stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Sym(u32);

/// Bucket `k` holds names `2^k - 1 .. 2^(k+1) - 1`.
const BUCKETS: usize = 32;

type Bucket = Box<[OnceLock<&'static str>]>;

static SLOTS: [OnceLock<Bucket>; BUCKETS] = [const { OnceLock::new() }; BUCKETS];

fn index() -> &'static Mutex<FxHashMap<&'static str, u32>> {
    static INDEX: OnceLock<Mutex<FxHashMap<&'static str, u32>>> = OnceLock::new();
    INDEX.get_or_init(|| Mutex::new(FxHashMap::default()))
}

thread_local! {
    /// Names this thread has interned (a name's symbol never changes, so it never goes stale).
    static SEEN: RefCell<FxHashMap<&'static str, Sym>> = RefCell::new(FxHashMap::default());
}

/// The bucket and the place in it of name number `i`.
fn locate(i: u32) -> (usize, usize) {
    let n = i as u64 + 1;
    let k = 63 - n.leading_zeros() as usize;
    (k, (n - (1u64 << k)) as usize)
}

impl Sym {
    /// The symbol of `name`, adding it to the table the first time it is seen.
    pub fn new(name: &str) -> Sym {
        SEEN.with(|seen| {
            if let Some(&s) = seen.borrow().get(name) {
                return s;
            }
            let s = Sym::shared(name);
            seen.borrow_mut().insert(s.as_str(), s);
            s
        })
    }

    /// Looks `name` up in (or adds it to) the index all threads share.
    fn shared(name: &str) -> Sym {
        // A poisoned lock only means another thread panicked between two consistent states.
        let mut index = index().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&i) = index.get(name) {
            return Sym(i);
        }
        let i = u32::try_from(index.len()).unwrap_or(u32::MAX - 1);
        let name: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let (k, at) = locate(i);
        let bucket = SLOTS[k].get_or_init(|| (0..1usize << k).map(|_| OnceLock::new()).collect());
        let _ = bucket[at].set(name);
        index.insert(name, i);
        Sym(i)
    }

    /// The name.
    pub fn as_str(self) -> &'static str {
        let (k, at) = locate(self.0);
        // A Sym is only made after its slot is filled, so both lookups succeed.
        SLOTS[k]
            .get()
            .and_then(|b| b[at].get())
            .copied()
            .unwrap_or_default()
    }

    /// Its place in this process's table: dense from 0, for tables indexed by name (not
    /// stable from one run to the next).
    pub fn number(self) -> u32 {
        self.0
    }

    /// Symbols for a list of names.
    pub fn list<S: AsRef<str>>(names: &[S]) -> Vec<Sym> {
        names.iter().map(|n| Sym::new(n.as_ref())).collect()
    }
}

impl Default for Sym {
    fn default() -> Sym {
        Sym::new("")
    }
}

impl std::ops::Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

/// Hashes as the name does, so maps keyed by `Sym` can be looked up by `&str`.
impl Hash for Sym {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

/// Names order alphabetically, not by when they were first seen.
impl Ord for Sym {
    fn cmp(&self, other: &Sym) -> std::cmp::Ordering {
        if self.0 == other.0 {
            std::cmp::Ordering::Equal
        } else {
            self.as_str().cmp(other.as_str())
        }
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Sym> for &str {
    fn eq(&self, other: &Sym) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Sym> for String {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}

impl From<String> for Sym {
    fn from(s: String) -> Sym {
        Sym::new(&s)
    }
}

impl From<&String> for Sym {
    fn from(s: &String) -> Sym {
        Sym::new(s)
    }
}

impl From<Sym> for String {
    fn from(s: Sym) -> String {
        s.as_str().to_owned()
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for Sym {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Sym {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Sym;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Sym, E> {
                Ok(Sym::new(v))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_are_one_symbol_and_read_back() {
        let a = Sym::new("Wong Kar-wai");
        let b = Sym::new(&String::from("Wong Kar-wai"));
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "Wong Kar-wai");
        assert_ne!(a, Sym::new("wong kar-wai"));
        assert_eq!(&*Sym::new("雨"), "雨");
    }

    #[test]
    fn buckets_cover_every_index() {
        assert_eq!(locate(0), (0, 0));
        assert_eq!(locate(1), (1, 0));
        assert_eq!(locate(2), (1, 1));
        assert_eq!(locate(3), (2, 0));
        assert_eq!(locate(u32::MAX - 1), (31, (1 << 31) - 1));
        let names: Vec<String> = (0..5000).map(|i| format!("name {i}")).collect();
        let syms = Sym::list(&names);
        assert!(names.iter().zip(&syms).all(|(n, s)| s == n));
    }

    #[test]
    fn names_sort_and_hash_as_text() {
        let mut v = vec![Sym::new("zz"), Sym::new("aa"), Sym::new("mm")];
        v.sort();
        assert_eq!(v, ["aa", "mm", "zz"]);
        let set: std::collections::HashSet<Sym> = v.iter().copied().collect();
        assert!(set.contains("mm"));
        let json = serde_json::to_string(&v).unwrap_or_default();
        assert_eq!(json, r#"["aa","mm","zz"]"#);
        let back: Vec<Sym> = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, v);
    }
}
