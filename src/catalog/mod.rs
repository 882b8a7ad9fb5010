//! The film catalog: the seed assets, the tag vocabulary, country and language codes.

pub mod codes;
pub mod export;
pub mod names_zh;
pub mod seed;
pub mod vocab;

pub use seed::{SeedCatalog, ensure_seeded};
pub use vocab::Vocabulary;
