//! Mood outcomes: what a film did to the viewer's mood. A viewing logged with the mood before
//! and the mood after gives a change in valence (did it lift you?) and in arousal (did it
//! settle you?), read from the feeling tags the two moods resolve to.

use crate::mood::MoodQuery;

/// (tag, valence −1..1, arousal −1..1) for the feeling and pace tags that carry them.
const AFFECT: &[(&str, f32, f32)] = &[
    ("melancholic", -0.6, -0.3),
    ("lonely", -0.7, -0.2),
    ("solitary", -0.2, -0.4),
    ("tender", 0.6, -0.4),
    ("warm", 0.8, -0.3),
    ("bittersweet", 0.1, -0.2),
    ("hopeful", 0.8, 0.1),
    ("uplifting", 0.9, 0.3),
    ("joyful", 1.0, 0.6),
    ("playful", 0.7, 0.4),
    ("whimsical", 0.6, 0.2),
    ("romantic", 0.6, 0.2),
    ("longing", -0.3, 0.1),
    ("unrequited", -0.5, 0.1),
    ("nostalgic", 0.1, -0.3),
    ("wistful", -0.2, -0.4),
    ("grief", -0.9, -0.2),
    ("heartbreaking", -0.9, 0.2),
    ("anxious", -0.7, 0.8),
    ("restless", -0.4, 0.7),
    ("dread", -0.8, 0.6),
    ("tense", -0.5, 0.8),
    ("paranoid", -0.7, 0.7),
    ("oppressive", -0.8, 0.3),
    ("repressed", -0.5, 0.2),
    ("detached", -0.3, -0.5),
    ("alienated", -0.6, -0.1),
    ("adrift", -0.4, -0.4),
    ("numb", -0.6, -0.8),
    ("cathartic", 0.4, 0.6),
    ("euphoric", 1.0, 0.9),
    ("heart-racing", 0.1, 1.0),
    ("revelatory", 0.6, 0.4),
    ("angry", -0.7, 0.9),
    ("defiant", 0.2, 0.7),
    ("bleak", -0.9, -0.3),
    ("despairing", -1.0, -0.1),
    ("cruel", -0.8, 0.5),
    ("haunted", -0.5, 0.3),
    ("eerie", -0.4, 0.4),
    ("awe", 0.7, 0.3),
    ("serene", 0.7, -0.9),
    ("meditative", 0.4, -0.8),
    ("contemplative", 0.3, -0.6),
    ("spiritual", 0.4, -0.5),
    ("cozy", 0.9, -0.7),
    ("funny", 0.8, 0.5),
    ("absurd", 0.3, 0.4),
    ("existential", -0.3, -0.2),
    ("thrilling", 0.4, 0.9),
    ("languid", 0.2, -0.7),
    ("frenetic", 0.0, 1.0),
    ("quiet", 0.2, -0.7),
];

/// Valence and arousal of a resolved mood (weighted mean over its tags that carry them);
/// `None` when none of its tags says anything about feeling.
pub fn affect(q: &MoodQuery) -> Option<(f32, f32)> {
    let (mut v, mut a, mut w) = (0.0f32, 0.0f32, 0.0f32);
    for (tag, weight) in &q.tags {
        if *weight <= 0.0 {
            continue;
        }
        if let Some((_, tv, ta)) = AFFECT.iter().find(|(t, ..)| t == tag) {
            v += weight * tv;
            a += weight * ta;
            w += weight;
        }
    }
    (w > 0.0).then(|| (v / w, a / w))
}

/// What one viewing did: positive `lift` raised the mood, positive `settle` calmed it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Index of the viewing in the diary.
    pub watch: usize,
    pub lift: f32,
    pub settle: f32,
}

/// The outcome of a viewing from its moods before and after.
pub fn outcome(watch: usize, before: &MoodQuery, after: &MoodQuery) -> Option<Outcome> {
    let (vb, ab) = affect(before)?;
    let (va, aa) = affect(after)?;
    Some(Outcome {
        watch,
        lift: va - vb,
        settle: ab - aa,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(tags: &[&str]) -> MoodQuery {
        MoodQuery {
            tags: tags.iter().map(|t| (t.to_string(), 1.0)).collect(),
            ..MoodQuery::default()
        }
    }

    #[test]
    fn lonely_to_warm_lifts_and_anxious_to_serene_settles() {
        let o = outcome(0, &q(&["lonely"]), &q(&["warm"])).unwrap();
        assert!(o.lift > 1.0, "{o:?}");
        let o = outcome(0, &q(&["anxious"]), &q(&["serene"])).unwrap();
        assert!(o.settle > 1.0, "{o:?}");
        assert!(outcome(0, &q(&["neon"]), &q(&["warm"])).is_none());
    }

    #[test]
    fn every_affect_tag_is_in_the_vocabulary() {
        let v = crate::catalog::vocab::Vocabulary::builtin().unwrap();
        for (t, va, ar) in AFFECT {
            assert!(v.contains(t), "{t}");
            assert!((-1.0..=1.0).contains(va) && (-1.0..=1.0).contains(ar));
        }
    }
}
