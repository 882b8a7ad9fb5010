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
    /// Becomes readable on SIGWINCH, so a resize is taken from crossterm at once: crossterm
    /// reads its edge-triggered events one at a time, and a key that arrives together with a
    /// pending resize would wait for the next key.
    #[cfg(unix)]
    winch: Option<std::os::unix::net::UnixStream>,
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
            let (fd, owned) = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
                (libc::STDIN_FILENO, None)
            } else {
                let f = std::fs::File::open("/dev/tty").ok()?;
                (f.as_raw_fd(), Some(f))
            };
            Some(Tty {
                fd,
                _owned: owned,
                winch: None,
            })
        }
        #[cfg(not(unix))]
        {
            Some(Tty {})
        }
    }

    /// Also wakes [`Tty::wait`] when the terminal is resized.
    pub fn watch_resize(mut self) -> Tty {
        #[cfg(unix)]
        if let Ok((read, write)) = std::os::unix::net::UnixStream::pair()
            && read.set_nonblocking(true).is_ok()
            && signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write).is_ok()
        {
            self.winch = Some(read);
        }
        self
    }

    /// Waits up to `timeout` for input (or a resize) and says whether the terminal is still
    /// there.
    pub fn wait(&self, timeout: Duration) -> TtyState {
        #[cfg(unix)]
        {
            use std::io::Read;
            use std::os::unix::io::AsRawFd;
            let mut fds = [
                libc::pollfd {
                    fd: self.fd,
                    events: libc::POLLIN,
                    revents: 0,
                },
                libc::pollfd {
                    fd: self.winch.as_ref().map_or(-1, |w| w.as_raw_fd()),
                    events: libc::POLLIN,
                    revents: 0,
                },
            ];
            let ms = timeout.as_millis().min(i32::MAX as u128) as libc::c_int;
            // SAFETY: two pollfds that we own, for the duration of the call (a negative fd
            // is ignored by poll).
            let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
            if fds[1].revents & libc::POLLIN != 0
                && let Some(mut w) = self.winch.as_ref()
            {
                let mut buf = [0u8; 64];
                while matches!(w.read(&mut buf), Ok(k) if k > 0) {}
            }
            let p = fds[0];
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
        let tty = Tty::open().map(Tty::watch_resize);
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
