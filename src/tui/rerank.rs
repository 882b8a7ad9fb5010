//! Re-ranking off the UI thread: one worker thread; every request carries a generation
//! number, the worker skips requests that a newer one has replaced, and the UI drops any
//! result older than its newest request — the newest request wins.

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use crate::library::RankSnapshot;
use crate::mood::MoodQuery;
use crate::recommend::Recommendation;
use crate::tui::filter::{FilmFilter, Marks};

/// One ranking to do.
pub struct Request {
    pub generation: u64,
    pub snapshot: RankSnapshot,
    pub query: MoodQuery,
    pub filter: FilmFilter,
    pub marks: Marks,
    pub limit: usize,
}

/// A ranking done.
pub struct Ranked {
    pub generation: u64,
    pub recs: Vec<Recommendation>,
}

/// The UI's end of the worker.
pub struct Reranker {
    tx: Sender<Request>,
    rx: Receiver<Ranked>,
    /// The newest generation requested.
    latest: u64,
    /// True until the newest request's result arrives.
    pub pending: bool,
}

impl Reranker {
    /// Starts the worker; `wake` is called after each result is sent (to wake the UI loop).
    pub fn start(wake: Box<dyn Fn() + Send>) -> Reranker {
        let (tx, requests) = channel::<Request>();
        let (results, rx) = channel::<Ranked>();
        std::thread::spawn(move || {
            while let Ok(mut req) = requests.recv() {
                // Only the newest of the waiting requests is worth ranking.
                loop {
                    match requests.try_recv() {
                        Ok(newer) => req = newer,
                        Err(TryRecvError::Empty) => break,
                        Err(TryRecvError::Disconnected) => return,
                    }
                }
                let keep = |f: &crate::model::Film| req.filter.keeps(f, &req.marks);
                let only: Option<&dyn Fn(&crate::model::Film) -> bool> = if req.filter.is_empty() {
                    None
                } else {
                    Some(&keep)
                };
                let recs = req.snapshot.recommend(&req.query, req.limit, only);
                let done = Ranked {
                    generation: req.generation,
                    recs,
                };
                if results.send(done).is_err() {
                    return;
                }
                wake();
            }
        });
        Reranker {
            tx,
            rx,
            latest: 0,
            pending: false,
        }
    }

    /// Queues a ranking; it replaces any older one still waiting.
    pub fn request(
        &mut self,
        snapshot: RankSnapshot,
        query: MoodQuery,
        filter: FilmFilter,
        marks: Marks,
        limit: usize,
    ) {
        self.latest += 1;
        self.pending = true;
        let req = Request {
            generation: self.latest,
            snapshot,
            query,
            filter,
            marks,
            limit,
        };
        if self.tx.send(req).is_err() {
            self.pending = false;
        }
    }

    /// How many rankings have been requested so far (the newest generation).
    pub fn requested(&self) -> u64 {
        self.latest
    }

    /// The newest request's result, once it is there; older results are dropped.
    pub fn poll(&mut self) -> Option<Vec<Recommendation>> {
        let mut newest = None;
        while let Ok(r) = self.rx.try_recv() {
            if r.generation == self.latest {
                newest = Some(r.recs);
            }
        }
        if newest.is_some() {
            self.pending = false;
        }
        newest
    }

    /// Waits for the newest request's result (tests, and nothing on the UI thread).
    pub fn wait(&mut self) -> Option<Vec<Recommendation>> {
        while self.pending {
            let r = self.rx.recv().ok()?;
            if r.generation == self.latest {
                self.pending = false;
                return Some(r.recs);
            }
        }
        None
    }
}
