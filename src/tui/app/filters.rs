//! The filter dialog (film list and diary) and the watchlist screen.

use super::*;
use crate::tui::filter::Target;

impl App {
    /// Opens the filter dialog of the screen showing (the diary's or the film list's).
    pub(in crate::tui) fn open_filter(&mut self) {
        self.filter_form = Some(match self.screen {
            Screen::Diary => FilterForm::diary(&self.lib, &self.diary_filter),
            _ => FilterForm::films(&self.lib, &self.filter),
        });
    }

    /// Drops every filter of the screen showing.
    pub(in crate::tui) fn clear_filter(&mut self) {
        if self.screen == Screen::Diary {
            if !self.diary_filter.is_empty() {
                self.diary_filter = DiaryFilter::default();
                self.diary_selected = 0;
                self.status = "diary filters cleared".into();
            }
        } else if !self.filter.is_empty() {
            self.filter = FilmFilter::default();
            self.refilter();
            self.status = "filters cleared".into();
        }
    }

    pub(in crate::tui) fn update_filter(&mut self, action: Action) {
        let Some(form) = self.filter_form.as_mut() else {
            return;
        };
        match action {
            Action::Down | Action::FocusNext => form.next(),
            Action::Up | Action::FocusPrev => form.prev(),
            Action::Increase | Action::Input(' ') => form.cycle(1),
            Action::Decrease => form.cycle(-1),
            Action::Backspace | Action::ClearFilter => form.clear_focused(),
            Action::Select | Action::Back | Action::OpenFilter => {
                self.filter_form = None;
                return;
            }
            Action::Quit => {
                self.quit = true;
                return;
            }
            _ => return,
        }
        // Every change applies at once: the list behind the dialog follows.
        let form = form.clone();
        match form.target {
            Target::Films => {
                let f = form.film_filter();
                if f != self.filter {
                    self.filter = f;
                    self.refilter();
                }
            }
            Target::Diary => {
                let f = form.diary_filter();
                if f != self.diary_filter {
                    self.diary_filter = f;
                    self.diary_selected = 0;
                }
            }
        }
    }

    /// The film list again under the current filter: search results or tonight's list.
    pub(in crate::tui) fn refilter(&mut self) {
        if self.search_text.trim().is_empty() {
            self.apply_mood();
        } else {
            self.run_search();
        }
    }

    /// Shows the watchlist screen: the films on it, by title.
    pub(in crate::tui) fn open_watchlist(&mut self) {
        self.refresh_watchlist();
        self.watchlist_selected = 0;
        self.screen = Screen::Watchlist;
    }

    fn refresh_watchlist(&mut self) {
        let on = crate::tui::filter::watchlist(&self.lib);
        let mut films: Vec<&crate::model::Film> =
            on.iter().filter_map(|id| self.lib.film(*id)).collect();
        films.sort_by(|a, b| {
            crate::text::fold(&a.title)
                .cmp(&crate::text::fold(&b.title))
                .then(a.year.cmp(&b.year))
                .then(a.id.cmp(&b.id))
        });
        self.watchlist = films.iter().map(|f| f.id).collect();
        self.watchlist_selected = self
            .watchlist_selected
            .min(self.watchlist.len().saturating_sub(1));
    }

    pub(in crate::tui) fn update_watchlist(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.show_help = true,
            Action::ToggleWatchlistView | Action::Back => self.screen = Screen::Browse,
            Action::ToggleDiary => {
                self.screen = Screen::Diary;
                self.diary_selected = 0;
            }
            Action::ToggleStats => self.open_stats(),
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                self.watchlist_selected =
                    step(self.watchlist_selected, self.watchlist.len(), &action);
            }
            Action::ClickRow(i) if i < self.watchlist.len() => self.watchlist_selected = i,
            Action::Select | Action::OpenLog => self.open_log(),
            Action::ToggleSeen => self.toggle_seen(),
            Action::Undo => self.undo_last(),
            Action::ToggleWatchlist => {
                self.toggle_watchlist();
                self.refresh_watchlist();
            }
            _ => {}
        }
    }
}
