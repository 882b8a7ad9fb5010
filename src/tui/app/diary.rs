//! The diary and stats screens: moving, editing, deleting and undoing; the help's scrolling.

use super::*;

impl App {
    /// The viewings the diary shows (newest first), after its filter.
    pub fn diary_rows(&self) -> Vec<&crate::model::Watch> {
        self.lib
            .watches()
            .iter()
            .filter(|w| self.diary_filter.keeps(w, &self.lib))
            .collect()
    }

    /// The viewing under the diary's cursor.
    pub fn selected_watch(&self) -> Option<&crate::model::Watch> {
        self.diary_rows().get(self.diary_selected).copied()
    }

    pub(in crate::tui) fn update_diary(&mut self, action: Action) {
        let n = self.diary_rows().len();
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.show_help = true,
            Action::ToggleDiary | Action::Back => self.screen = Screen::Browse,
            Action::ToggleStats => self.open_stats(),
            Action::ToggleWatchlistView => self.open_watchlist(),
            Action::OpenFilter => self.open_filter(),
            Action::ClearFilter => self.clear_filter(),
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => self.diary_selected = step(self.diary_selected, n, &action),
            Action::ClickRow(i) if i < n => self.diary_selected = i,
            Action::Select | Action::EditWatch => self.edit_selected_watch(),
            Action::DeleteWatch => self.delete_selected_watch(),
            Action::Undo => self.undo_last(),
            _ => {}
        }
    }

    pub(in crate::tui) fn edit_selected_watch(&mut self) {
        let Some(w) = self.selected_watch().cloned() else {
            return;
        };
        let title = self
            .lib
            .film(w.film_id)
            .map(|f| f.label())
            .unwrap_or_default();
        self.log_form = Some(LogForm::edit(
            &w,
            title,
            &self.lib.clock.now(),
            &self.lib.config.night,
        ));
    }

    pub(in crate::tui) fn delete_selected_watch(&mut self) {
        let Some(id) = self.selected_watch().map(|w| w.id) else {
            return;
        };
        match self.lib.delete_watch(id) {
            Ok(w) => {
                let title = self
                    .lib
                    .film(w.film_id)
                    .map(|f| f.label())
                    .unwrap_or_default();
                self.undo.push(UndoStep::Deleted(w));
                let n = self.diary_rows().len();
                self.diary_selected = self.diary_selected.min(n.saturating_sub(1));
                self.rerank();
                self.status = format!("deleted your viewing of {title} — u undoes");
            }
            Err(e) => self.status = format!("cannot delete: {e}"),
        }
    }

    pub(in crate::tui) fn undo_last(&mut self) {
        let Some(step) = self.undo.pop() else {
            self.status = "nothing to undo".into();
            return;
        };
        let label = |id: i64| self.lib.film(id).map(|f| f.label()).unwrap_or_default();
        let result = match &step {
            UndoStep::Deleted(w) => self
                .lib
                .log(w.to_new())
                .map(|_| "restored the viewing".to_string()),
            UndoStep::Edited(id, old) => self
                .lib
                .update_watch(*id, old)
                .map(|()| "put the viewing back as it was".to_string()),
            UndoStep::Unmarked(mark) => {
                let label = label(mark.film_id);
                self.lib
                    .restore_mark(mark)
                    .map(|()| format!("undone: {label} is marked seen again"))
            }
            UndoStep::Marked(id) => {
                let label = label(*id);
                self.lib.unmark(*id).map(|old| match old {
                    Some(_) => format!("undone: {label} is no longer marked seen"),
                    None => format!("{label} was not marked seen any more: nothing to undo"),
                })
            }
        };
        match result {
            Ok(msg) if matches!(step, UndoStep::Marked(_) | UndoStep::Unmarked(_)) => {
                self.rerank_saying(msg);
            }
            Ok(msg) => {
                self.rerank();
                self.status = msg;
            }
            Err(e) => {
                self.undo.push(step);
                self.status = format!("cannot undo: {e}");
            }
        }
    }

    /// Shows the stats from their top.
    pub(in crate::tui) fn open_stats(&mut self) {
        self.screen = Screen::Stats;
        self.stats_scroll = 0;
    }

    pub(in crate::tui) fn update_stats(&mut self, action: Action) {
        let by: i32 = match action {
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::ToggleHelp => {
                self.show_help = true;
                return;
            }
            Action::ToggleStats | Action::Back => {
                self.screen = Screen::Browse;
                return;
            }
            Action::ToggleDiary => {
                self.screen = Screen::Diary;
                return;
            }
            Action::ToggleWatchlistView => {
                self.open_watchlist();
                return;
            }
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => 10,
            Action::PageUp => -10,
            Action::Top => -i32::from(u16::MAX),
            Action::Bottom => i32::from(u16::MAX),
            _ => return,
        };
        // No further than the end at the terminal's size (a few screens when unknown).
        let most = match self.size {
            Some((w, h)) => crate::tui::views::stats::max_scroll(self, w, h),
            None => 200,
        };
        let to = (i32::from(self.stats_scroll) + by).clamp(0, i32::from(most));
        self.stats_scroll = u16::try_from(to).unwrap_or(0);
    }

    /// The help overlay: scrolling (never past its end at the terminal's size) and closing.
    pub(in crate::tui) fn update_help(&mut self, action: Action) {
        if matches!(action, Action::ToggleHelp | Action::Back | Action::Quit) {
            self.show_help = false;
            self.help_scroll = 0;
        }
        let by = match action {
            Action::Down => 1,
            Action::PageDown => 10,
            Action::Up => -1,
            Action::PageUp => -10,
            Action::Top => i16::MIN,
            Action::Bottom => i16::MAX,
            _ => 0,
        };
        // No further than the end at the terminal's size: past it, ↑ seemed to do
        // nothing until it had come back.
        let most = match self.size {
            Some((w, h)) => crate::tui::views::help::max_scroll(self, w, h),
            None => 200,
        };
        self.help_scroll = self.help_scroll.saturating_add_signed(by).min(most);
        if action == Action::Quit {
            self.quit = true;
        }
    }
}
