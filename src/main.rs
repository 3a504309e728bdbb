//! Møtebok's entry point: a command line runs headless, no command opens the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    motebok::cli::main(std::env::args_os().skip(1).collect())
}
