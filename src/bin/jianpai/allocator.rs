//! The CLI's memory allocator: mimalloc instead of the system's.
//!
//! Reading a 60,000-line workbook makes millions of small allocations (every cell's text,
//! every line's fields, the snapshot's buffers), and glibc's malloc spent about a tenth of
//! the whole `jianpai import` in them (`malloc_consolidate`, `unlink_chunk`, …). mimalloc
//! takes most of that away (issue 15's import budget, measured in `benches/budgets.rs`).
//!
//! Its default keeps freed pages resident for a while, which raised the import's peak
//! memory from 255 to 285 MiB; [`tune`] has it give freed pages back within 2 ms, and the
//! peak is then below glibc's (about 240 MiB).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the `mi_option_e` of the pinned mimalloc's `mimalloc.h` (v2):
/// libmimalloc-sys 0.1.49 does not name it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds before freed memory goes back to the system (1,000 in this build of mimalloc).
const PURGE_AFTER_MS: std::ffi::c_long = 10;

/// Sets the allocator's options; called first thing in `main`. A `MIMALLOC_PURGE_DELAY` in
/// the environment wins, as mimalloc's documentation promises.
pub fn tune() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: mi_option_set only stores an option value; any option number and value is
    // accepted (a number outside the enum is ignored).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_AFTER_MS) };
}

#[cfg(test)]
mod tests {
    /// The option number really is the purge delay: its default in this build reads back.
    #[test]
    fn the_purge_option_is_the_purge_delay() {
        // SAFETY: reading an option has no precondition.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert!(delay == 1000 || delay == super::PURGE_AFTER_MS, "{delay}");
    }
}
