//! What the diary says back: the mood outcomes of viewings and the statistics.

use std::collections::HashMap;

use super::Library;
use crate::model::Film;

impl Library {
    /// What each viewing logged with a mood before and after did to that mood.
    pub fn outcomes(&self) -> Vec<crate::recommend::outcome::Outcome> {
        self.watches()
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                let before = self.resolver.resolve(w.mood.as_deref()?);
                let after = self.resolver.resolve(w.mood_after.as_deref()?);
                crate::recommend::outcome::outcome(i, &before, &after)
            })
            .collect()
    }

    /// Statistics over the whole diary.
    pub fn stats(&self) -> crate::stats::Stats {
        let today = self.config.night.film_night(&self.clock.now());
        let mut s = crate::stats::compute(
            self.watches(),
            |id| self.film(id),
            &self.config.night,
            today,
        );
        s.split_moods(|m| !self.resolver.resolve(m).is_empty());
        let outcomes = self.outcomes();
        s.outcomes = outcomes.len();
        let mut per_film: HashMap<i64, (f32, f32, usize)> = HashMap::new();
        for o in &outcomes {
            let e = per_film
                .entry(self.history[o.watch].film_id)
                .or_insert((0.0, 0.0, 0));
            e.0 += o.lift;
            e.1 += o.settle;
            e.2 += 1;
        }
        let ranked = |pick: fn(&(f32, f32, usize)) -> f32| {
            let mut v: Vec<(String, f32)> = per_film
                .iter()
                .map(|(id, t)| (self.film(*id).map(Film::label).unwrap_or_default(), pick(t)))
                .filter(|(_, x)| *x > 0.05)
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.truncate(5);
            v
        };
        s.lifted_by = ranked(|t| t.0 / t.2 as f32);
        s.settled_by = ranked(|t| t.1 / t.2 as f32);
        s
    }
}
