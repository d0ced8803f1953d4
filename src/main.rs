//! The `emancipasso` command: serve the site, run the demonstration, migrate, create admins.

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use emancipasso::config::Config;
use emancipasso::startup::{self as app, Application};
use emancipasso::{accounts, demo};

#[derive(Parser)]
#[command(
    name = "emancipasso",
    version,
    about = "Emancip'Asso: associations, accompanying structures and free software"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Common {
    /// Data folder: SQLite database, outbox, uploads.
    #[arg(long, env = "EMANCIPASSO_DATA", default_value = "./data")]
    data: PathBuf,
    /// Optional TOML configuration file.
    #[arg(long, env = "EMANCIPASSO_CONFIG")]
    config: Option<PathBuf>,
}

#[derive(Args, Clone)]
struct ServeArgs {
    #[command(flatten)]
    common: Common,
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "EMANCIPASSO_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
}

#[derive(Args, Clone)]
struct BenchSeedArgs {
    #[command(flatten)]
    common: Common,
    /// Number of accompanying structures.
    #[arg(long, default_value_t = 2000)]
    structures: usize,
    /// Number of ads.
    #[arg(long, default_value_t = 50_000)]
    ads: usize,
    /// Number of resources (accepted; generated once that feature exists).
    #[arg(long, default_value_t = 5000)]
    resources: usize,
    /// Seed even if the database holds structures that bench-seed did not create.
    #[arg(long)]
    force: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site.
    Serve(ServeArgs),
    /// Serve the site with a fictional demonstration data set.
    Demo(ServeArgs),
    /// Apply the database migrations and exit (run it before rolling out several nodes).
    Migrate(Common),
    /// Rebuild the search indexes from the database.
    Reindex(Common),
    /// Fill a data folder with synthetic data for the benchmark (bench/run.sh).
    BenchSeed(BenchSeedArgs),
    /// Administration tasks.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an admin account (or give the admin role to an existing account).
    Create {
        #[arg(long)]
        email: String,
        /// Read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
        /// Display name (default: the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        common: Common,
    },
}

fn init_logs(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("EMANCIPASSO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if config.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => serve(args, false).await,
        Command::Demo(args) => serve(args, true).await,
        Command::Migrate(common) => {
            let config = Config::load(common.config.as_deref())?;
            init_logs(&config);
            app::open_db(&config, &common.data).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Reindex(common) => {
            let config = Config::load(common.config.as_deref())?;
            init_logs(&config);
            let db = app::open_db(&config, &common.data).await?;
            let directory = emancipasso::directory::Directory::open(&db, &config, &common.data).await?;
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_message("directory");
            let total = directory
                .reindex(|done, total| {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                })
                .await?;
            bar.finish();
            println!("directory index rebuilt: {total} structures");
            let ads = emancipasso::ads::Ads::open(&db, &config, &common.data).await?;
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_message("ads");
            let total = ads
                .reindex(|done, total| {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                })
                .await?;
            bar.finish();
            println!("ads index rebuilt: {total} ads");
            Ok(())
        }
        Command::BenchSeed(args) => bench_seed(args).await,
        Command::Admin { command: AdminCommand::Create { email, password_stdin, name, common } } => {
            let config = Config::load(common.config.as_deref())?;
            init_logs(&config);
            if !password_stdin {
                anyhow::bail!("pass the password on standard input with --password-stdin");
            }
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            let db = app::open_db(&config, &common.data).await?;
            match accounts::create_admin(&db, &email, password, name.as_deref()).await {
                Ok(true) => println!("admin account {email} created"),
                Ok(false) => {
                    println!("account {email} already existed: it now has the admin role (its password is unchanged)")
                }
                Err(e) => anyhow::bail!("cannot create the admin: {e}"),
            }
            Ok(())
        }
    }
}

async fn bench_seed(args: BenchSeedArgs) -> anyhow::Result<()> {
    let config = Config::load(args.common.config.as_deref())?;
    init_logs(&config);
    let started = std::time::Instant::now();
    let db = app::open_db(&config, &args.common.data).await?;
    let options = emancipasso::bench_seed::Options {
        structures: args.structures,
        ads: args.ads,
        resources: args.resources,
        force: args.force,
    };
    let summary = emancipasso::bench_seed::seed(&db, &options).await?;
    println!(
        "structures: {} added ({} listed, {} published recommendations), {} already there",
        summary.added, summary.recommended, summary.recommendations, summary.skipped,
    );
    println!(
        "ads: {} added ({} pledges, {} offers), {} already there",
        summary.ads_added, summary.pledges, summary.offers, summary.ads_skipped
    );
    println!("resources ({}): not generated yet; they will be filled when that feature lands", options.resources);
    println!("bench-seed took {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

async fn serve(args: ServeArgs, demo_mode: bool) -> anyhow::Result<()> {
    let mut config = Config::load(args.common.config.as_deref())?;
    init_logs(&config);
    if demo_mode {
        config.demo_banner = true;
        // Links in the demonstration's emails point at the address it serves on.
        if config.base_url == Config::default().base_url {
            config.base_url = format!("http://{}", args.bind);
        }
    }
    let application = Application::build(config, args.common.data.clone(), &args.bind).await?;
    if demo_mode {
        demo::seed(&application.state().db).await?;
        application.state().directory.refresh().await?;
        application.state().ads.reindex(|_, _| {}).await?;
    }
    let addr = application.local_addr()?;
    println!("listening on http://{addr}");
    if demo_mode {
        println!("demo accounts (password \"{}\"):", demo::DEMO_PASSWORD);
        for (email, _, roles) in demo::DEMO_ACCOUNTS {
            let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            println!("  {email} ({})", roles.join(", "));
        }
    }
    application.run_until(app::shutdown_signal()).await
}
