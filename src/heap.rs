//! Advice to the system about large buffers.

/// Asks the system to back `v` with huge pages where it can (Linux; a no-op elsewhere and
/// for buffers under 4 MiB). Filling hundreds of megabytes 4 KiB at a time costs a page
/// fault per page, a large part of the time a million-film catalog takes to load; call it
/// before the buffer is first written.
pub fn advise_huge<T>(v: &mut [T]) {
    let bytes = std::mem::size_of_val(v);
    #[cfg(target_os = "linux")]
    if bytes >= 4 << 20 {
        const HUGE: usize = 2 << 20;
        let start = v.as_mut_ptr() as usize;
        let from = start.next_multiple_of(HUGE);
        let to = (start + bytes) / HUGE * HUGE;
        if to > from {
            // SAFETY: the range lies inside `v`'s allocation; MADV_HUGEPAGE only changes how
            // the kernel backs those pages, never their content.
            let r =
                unsafe { libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE) };
            if r != 0 {
                tracing::debug!(
                    "madvise(MADV_HUGEPAGE): {}",
                    std::io::Error::last_os_error()
                );
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = bytes;
}
