//! The log dialog: opening it for a film, saving a new or edited viewing; the watchlist.

use super::*;

impl App {
    pub(in crate::tui) fn update_log(&mut self, action: Action) {
        let Some(form) = self.log_form.as_mut() else {
            return;
        };
        match action {
            Action::FocusNext => form.next(),
            Action::FocusPrev => form.prev(),
            Action::Decrease => form.decrease(),
            Action::Increase => form.increase(),
            Action::Input(c) => form.input(c),
            Action::Paste(text) => form.paste(&text),
            Action::Backspace => form.backspace(),
            Action::Edit(e) => form.edit_text(e),
            Action::Back => self.log_form = None,
            Action::Quit => self.quit = true,
            Action::Submit => self.submit_log(),
            _ => {}
        }
    }

    pub(in crate::tui) fn open_log(&mut self) {
        let Some(id) = self.selected_film() else {
            self.status = "nothing selected to log".into();
            return;
        };
        let Some(film) = self.lib.film(id) else {
            return;
        };
        let seen = self.lib.has_seen(id);
        let mood = match self.mood_idx {
            0 => self.custom_mood.trim().to_string(),
            _ => self.preset().map(|p| p.en.clone()).unwrap_or_default(),
        };
        self.log_form = Some(LogForm::new(
            id,
            film.label(),
            &self.lib.clock.now(),
            mood,
            seen,
        ));
    }

    pub(in crate::tui) fn submit_log(&mut self) {
        let Some(form) = self.log_form.as_mut() else {
            return;
        };
        let watch = match form.to_watch(&self.lib.clock.now()) {
            Ok(w) => w,
            Err(e) => {
                form.error = Some(e);
                return;
            }
        };
        let title = form.title.clone();
        if let Some(id) = form.editing {
            let old = self
                .lib
                .watches()
                .iter()
                .find(|w| w.id == id)
                .map(|w| w.to_new());
            match self.lib.update_watch(id, &watch) {
                Ok(()) => {
                    self.log_form = None;
                    if let Some(old) = old {
                        self.undo.push(UndoStep::Edited(id, old));
                    }
                    self.rerank_saying(format!("edited your viewing of {title} (u undoes)"));
                }
                Err(e) => {
                    if let Some(form) = self.log_form.as_mut() {
                        form.error = Some(e.to_string());
                    }
                }
            }
            return;
        }
        match self.lib.log(watch) {
            Ok(logged) => {
                self.log_form = None;
                let late = if logged.late_night == Some(true) {
                    " · late night"
                } else {
                    ""
                };
                // The day too when it is not today's ("23:40" typed at 23:30 is yesterday's).
                let today = self.lib.clock.now().format("%Y-%m-%d").to_string();
                let time = logged.watched_at.get(11..16).unwrap_or("");
                let when = match logged.watched_at.get(..10) {
                    Some(day) if day != today => format!("{day} {time}"),
                    _ => time.to_string(),
                };
                self.rerank_saying(format!("logged {title} at {when}{late}"));
            }
            Err(e) if e.is_busy() => {
                form.error = Some(
                    "another program is writing to the database (an import?); nothing was saved, Enter tries again".into(),
                );
            }
            Err(e) => form.error = Some(e.to_string()),
        }
    }

    /// Marks the selected film seen without a diary entry (it shapes taste and leaves
    /// tonight's list), or takes the mark away (`u` undoes).
    pub(in crate::tui) fn toggle_seen(&mut self) {
        let Some(id) = self.selected_film() else {
            self.status = "nothing selected".into();
            return;
        };
        let label = self.lib.film(id).map(|f| f.label()).unwrap_or_default();
        match self.lib.toggle_seen(id) {
            Ok(None) => {
                self.undo.push(UndoStep::Marked(id));
                self.rerank_saying(format!("marked {label} seen, no diary entry (u undoes)"));
            }
            Ok(Some(old)) => {
                self.undo.push(UndoStep::Unmarked(old));
                self.rerank_saying(format!("{label} is no longer marked seen (u undoes)"));
            }
            Err(e) => self.status = e.to_string(),
        }
    }

    pub(in crate::tui) fn toggle_watchlist(&mut self) {
        let Some(id) = self.selected_film() else {
            return;
        };
        match self.lib.toggle_watchlist(id) {
            Ok(true) => self.status = "added to the watchlist".into(),
            Ok(false) => self.status = "removed from the watchlist".into(),
            Err(e) => self.status = format!("watchlist: {e}"),
        }
    }
}
