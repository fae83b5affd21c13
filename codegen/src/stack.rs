//! The threads generation runs on, each with a stack of [`STACK_SIZE`], so that how deep an
//! input may nest never depends on the thread that calls the library (a test thread has 2 MiB,
//! a main thread usually 8 MiB).
//!
//! Reading, lowering, naming, emitting and formatting recurse as deep as the input nests. The
//! input bounds that depth (the file and each JSON body at 128 levels, serde_json's limit; type
//! shapes at [`crate::infer::MAX_DEPTH`]; descriptions in `docs`), and this stack holds the
//! deepest of it in a debug build with room to spare. Only address space is reserved: pages
//! are used as the stack grows.

use crate::error::Error;

/// The stack of every generation thread.
pub const STACK_SIZE: usize = 64 << 20;

/// Runs `work` on a new thread with a stack of [`STACK_SIZE`] and waits for it; a panic in
/// `work` continues in the caller.
pub fn on_generation_stack<T: Send>(work: impl FnOnce() -> T + Send) -> Result<T, Error> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("codegen".to_owned())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, work)
            .map_err(|source| Error::Thread { source })?;
        Ok(handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// Spawns `work` on a scoped thread with a stack of [`STACK_SIZE`]; `false` if no thread could
/// be started (the caller then does the work itself).
pub fn spawn_scoped<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    work: impl FnOnce() + Send + 'scope,
) -> bool {
    std::thread::Builder::new()
        .name("codegen".to_owned())
        .stack_size(STACK_SIZE)
        .spawn_scoped(scope, work)
        .is_ok()
}
