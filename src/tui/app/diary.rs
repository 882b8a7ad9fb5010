//! The diary and stats screens: moving, editing, deleting and undoing.

use super::*;

impl App {
    pub(in crate::tui) fn update_diary(&mut self, action: Action) {
        let n = self.lib.watches().len();
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.show_help = true,
            Action::ToggleDiary | Action::Back => self.screen = Screen::Browse,
            Action::ToggleStats => self.screen = Screen::Stats,
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => self.diary_selected = step(self.diary_selected, n, &action),
            Action::Select | Action::EditWatch => self.edit_selected_watch(),
            Action::DeleteWatch => self.delete_selected_watch(),
            Action::Undo => self.undo_last(),
            _ => {}
        }
    }

    pub(in crate::tui) fn edit_selected_watch(&mut self) {
        let Some(w) = self.lib.watches().get(self.diary_selected).cloned() else {
            return;
        };
        let title = self
            .lib
            .film(w.film_id)
            .map(|f| f.label())
            .unwrap_or_default();
        self.log_form = Some(LogForm::edit(&w, title, &self.lib.clock.now()));
    }

    pub(in crate::tui) fn delete_selected_watch(&mut self) {
        let Some(id) = self.lib.watches().get(self.diary_selected).map(|w| w.id) else {
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
                let n = self.lib.watches().len();
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
        let result = match &step {
            UndoStep::Deleted(w) => self.lib.log(w.to_new()).map(|_| "restored the viewing"),
            UndoStep::Edited(id, old) => self
                .lib
                .update_watch(*id, old)
                .map(|()| "put the viewing back as it was"),
        };
        match result {
            Ok(msg) => {
                self.rerank();
                self.status = msg.into();
            }
            Err(e) => {
                self.undo.push(step);
                self.status = format!("cannot undo: {e}");
            }
        }
    }

    pub(in crate::tui) fn update_stats(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.show_help = true,
            Action::ToggleStats | Action::Back => self.screen = Screen::Browse,
            Action::ToggleDiary => self.screen = Screen::Diary,
            _ => {}
        }
    }
}
