use clap::Parser;

fn main() {
    let cli = chanedit::cli::Cli::parse();
    chanedit::install_crypto();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            std::process::exit(1);
        }
    };
    let code = runtime.block_on(chanedit::commands::run(cli));
    std::process::exit(code);
}
