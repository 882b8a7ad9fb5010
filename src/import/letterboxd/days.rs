//! The days a stored viewing is compared by, against the dates of a Letterboxd diary.

use crate::time::WatchedAt;

/// The day a viewing is compared by: its date, or the local date of its moment.
pub fn day_key(stored: &str) -> String {
    match WatchedAt::from_stored(stored) {
        Some(WatchedAt::At(t)) => t.date_naive().to_string(),
        Some(WatchedAt::Date(d)) => d.to_string(),
        None => stored.to_string(),
    }
}

/// The diary dates a stored viewing answers to: its day, and for a morning viewing the day
/// before too. A viewing after midnight is dated by its film night in Letterboxd exports
/// (ours too): 02:14 on the 24th is the 23rd's; whatever the day boundary, a re-import then
/// adds no second viewing.
pub fn answers_to(stored: &str) -> Vec<String> {
    let mut days = vec![day_key(stored)];
    if let Some(WatchedAt::At(t)) = WatchedAt::from_stored(stored)
        && chrono::Timelike::hour(&t) < 12
        && let Some(eve) = t.date_naive().pred_opt()
    {
        days.push(eve.to_string());
    }
    days
}
