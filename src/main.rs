//! Møtebok's entry point: a command line runs headless, no command opens the window.
// Release builds for Windows are GUI programs: no console window opens beside Møtebok.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    #[cfg(windows)]
    if !args.is_empty() {
        windows_console::attach_to_parent();
    }
    motebok::cli::main(args)
}

/// The command line of a Windows GUI program: it has no console of its own, so its output
/// goes to the console of the shell that started it (output redirected to a file or a pipe
/// goes there without this).
#[cfg(windows)]
#[allow(unsafe_code)] // One call into kernel32; the only unsafe code in Møtebok.
mod windows_console {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }

    /// `ATTACH_PARENT_PROCESS`: the console of the parent process.
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;

    /// Attaches to the parent's console when there is one; without one (started from
    /// Explorer) nothing changes.
    pub fn attach_to_parent() {
        // SAFETY: AttachConsole takes a plain integer, touches no memory of ours, and only
        // fails (returning 0) when there is no parent console or one is already attached.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
