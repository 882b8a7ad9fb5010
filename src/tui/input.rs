//! Terminal input on its own thread: crossterm events go to the UI loop, and a terminal that
//! went away (window closed, tmux killed, ssh dropped) is reported as `Gone` instead of being
//! read again and again (crossterm retries a read that fails with EOF or EIO forever).

use std::sync::mpsc::Sender;
use std::time::Duration;

use crossterm::event::{self, Event};

/// What the input thread reports.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// The terminal hung up or cannot be read: the TUI ends.
    Gone,
}

/// The terminal the keys come from (stdin when it is a terminal, else /dev/tty, as crossterm
/// chooses), watched for a hang-up.
pub struct Tty {
    #[cfg(unix)]
    fd: std::os::unix::io::RawFd,
    #[cfg(unix)]
    _owned: Option<std::fs::File>,
}

/// What waiting on the terminal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TtyState {
    /// Bytes to read (or nothing happened within the wait).
    Alive,
    /// Hung up, closed or failing: reading it would never return a key.
    Gone,
}

impl Tty {
    /// The terminal crossterm reads from.
    pub fn open() -> Option<Tty> {
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd;
            // SAFETY: isatty only inspects the descriptor.
            if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
                return Some(Tty {
                    fd: libc::STDIN_FILENO,
                    _owned: None,
                });
            }
            let f = std::fs::File::open("/dev/tty").ok()?;
            Some(Tty {
                fd: f.as_raw_fd(),
                _owned: Some(f),
            })
        }
        #[cfg(not(unix))]
        {
            Some(Tty {})
        }
    }

    /// Waits up to `timeout` for input and says whether the terminal is still there.
    pub fn wait(&self, timeout: Duration) -> TtyState {
        #[cfg(unix)]
        {
            let mut p = libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = timeout.as_millis().min(i32::MAX as u128) as libc::c_int;
            // SAFETY: one pollfd that we own, for the duration of the call.
            let n = unsafe { libc::poll(&mut p, 1, ms) };
            if n < 0 {
                let e = std::io::Error::last_os_error();
                return if e.kind() == std::io::ErrorKind::Interrupted {
                    TtyState::Alive
                } else {
                    TtyState::Gone
                };
            }
            if p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                TtyState::Gone
            } else {
                TtyState::Alive
            }
        }
        #[cfg(not(unix))]
        {
            std::thread::sleep(timeout);
            TtyState::Alive
        }
    }
}

/// Starts the input thread: it forwards every event through `wrap` into `tx`, and sends
/// `Gone` and stops when the terminal goes away. It stops too when the UI loop has ended.
pub fn spawn<M: Send + 'static>(tx: Sender<M>, wrap: fn(Input) -> M) {
    std::thread::spawn(move || {
        let tty = Tty::open();
        loop {
            match &tty {
                Some(t) if t.wait(Duration::from_millis(50)) == TtyState::Gone => {
                    let _ = tx.send(wrap(Input::Gone));
                    return;
                }
                Some(_) => {}
                None => std::thread::sleep(Duration::from_millis(50)),
            }
            // Take what is there without blocking (a resize arrives here too).
            loop {
                let event = match event::poll(Duration::ZERO) {
                    Ok(true) => event::read(),
                    Ok(false) => break,
                    Err(e) => Err(e),
                };
                let msg = match event {
                    Ok(e) => Input::Event(e),
                    Err(_) => Input::Gone,
                };
                let gone = matches!(msg, Input::Gone);
                if tx.send(wrap(msg)).is_err() || gone {
                    return;
                }
            }
        }
    });
}
