//! The embedding space in the start-up image: term names and vectors, each film's terms, and
//! the film matrix (its int8 rows written and read as they lie in memory).

use std::fs::File;
use std::io;

use super::{FilmMatrix, FilmTerm, MoodSpace};
use crate::embed::Embedder;
use crate::image::codec::{self, In, Kind, Out, Section, bad};

/// A space read from a start-up image, waiting for its model.
pub struct SpaceParts {
    model: String,
    names: Vec<String>,
    terms: FilmMatrix,
    start: Vec<u32>,
    film_terms: Vec<FilmTerm>,
    matrix: FilmMatrix,
}

impl std::fmt::Debug for SpaceParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpaceParts")
            .field("model", &self.model)
            .field("terms", &self.names.len())
            .field("films", &self.matrix.len())
            .finish()
    }
}

impl MoodSpace {
    /// Writes the space as two sections: `Terms` (model, names, term vectors, film terms,
    /// film scales) and `Matrix` (the film rows).
    pub fn write_image(&self, out: &mut Out<'_>) -> io::Result<()> {
        let raw: Vec<u32> = self.film_terms.iter().map(|t| t.0).collect();
        out.begin(Kind::Terms)?;
        out.str(self.embedder.id())?;
        out.u64(self.matrix.dim as u64)?;
        out.strs(&self.names)?;
        out.pods(&self.terms.data)?;
        out.pods(&self.terms.scale)?;
        out.pods(&self.start)?;
        out.pods(&raw)?;
        out.pods(&self.matrix.scale)?;
        out.end();
        out.begin(Kind::Matrix)?;
        out.bytes(bytemuck::cast_slice(&self.matrix.data))?;
        out.end();
        Ok(())
    }

    /// The space from parts read from an image, when they were built with `embedder`'s model;
    /// else the model back, to build the space another way.
    pub fn from_image(
        embedder: Embedder,
        parts: SpaceParts,
        stop_en: std::collections::HashSet<String>,
        ids: impl ExactSizeIterator<Item = i64> + Clone,
    ) -> std::result::Result<MoodSpace, Embedder> {
        if parts.model != embedder.id() || parts.matrix.dim != embedder.dim() {
            return Err(embedder);
        }
        let index = (parts.names.iter().enumerate())
            .map(|(i, n)| (n.clone(), i as u32))
            .collect();
        Ok(MoodSpace {
            embedder,
            index,
            names: parts.names,
            terms: parts.terms,
            start: parts.start,
            film_terms: parts.film_terms,
            matrix: parts.matrix,
            stop_en,
            rows: crate::ids::IdIndex::new(ids),
        })
    }
}

impl SpaceParts {
    /// Reads the two sections [`MoodSpace::write_image`] wrote for `films` films, checked.
    pub fn read(file: &File, terms: &Section, matrix: &Section, films: usize) -> io::Result<Self> {
        let buf = codec::read(file, terms)?;
        let mut r = In::new(&buf);
        let model = r.str()?.to_string();
        let dim = usize::try_from(r.u64()?).map_err(|_| bad("bad dimension"))?;
        let names: Vec<String> = r.strs()?.into_iter().map(str::to_string).collect();
        let term_data: Vec<i8> = r.pods()?;
        let term_scale: Vec<f32> = r.pods()?;
        let start: Vec<u32> = r.pods()?;
        let raw: Vec<u32> = r.pods()?;
        let scale: Vec<f32> = r.pods()?;
        let film_terms: Vec<FilmTerm> = raw
            .into_iter()
            .map(|t| {
                FilmTerm::new(
                    t & ((1 << FilmTerm::ID_BITS) - 1),
                    (t >> FilmTerm::ID_BITS) as usize,
                )
            })
            .collect::<Option<_>>()
            .ok_or_else(|| bad("a film term of an unknown kind"))?;
        let ok = r.is_empty()
            && dim > 0
            && Some(term_data.len()) == names.len().checked_mul(dim)
            && term_scale.len() == names.len()
            && start.len() == films + 1
            && start[0] == 0
            && start.windows(2).all(|w| w[0] <= w[1])
            && start[films] as usize == film_terms.len()
            && film_terms.iter().all(|t| (t.id() as usize) < names.len())
            && scale.len() == films
            && Some(matrix.len) == (films as u64).checked_mul(dim as u64);
        if !ok {
            return Err(bad("the embedding space does not hold together"));
        }
        let mut data = vec![0i8; films * dim];
        crate::heap::advise_huge(&mut data);
        codec::read_into(file, matrix, bytemuck::cast_slice_mut(&mut data))?;
        Ok(SpaceParts {
            model,
            names,
            terms: FilmMatrix {
                dim,
                data: term_data,
                scale: term_scale,
            },
            start,
            film_terms,
            matrix: FilmMatrix { dim, data, scale },
        })
    }

    /// The id of the model the vectors came from.
    pub fn model(&self) -> &str {
        &self.model
    }
}
