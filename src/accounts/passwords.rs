//! Password hashing (argon2id, default parameters: about 19 MiB and tens of milliseconds each),
//! on a few dedicated threads behind as many permits, each thread reusing its own memory.
//!
//! A flood of sign-ins or resets must queue rather than allocate: every hash or check first
//! waits for a permit (a few bytes per waiting request, dropped by the router's 30-second
//! timeout), so that at most `permits` computations run at once, on as many threads of their
//! own. Each thread keeps its Argon2 memory from one computation to the next instead of letting
//! the library allocate 19 MiB each time: glibc does not reuse a freed block of that size and
//! alignment, so the same thread kept 19 MiB more after each check (516 MB under `.ci/flood`
//! with 2 permits before); now the memory is `permits` × 19 MiB, allocated at first use.

use std::cell::RefCell;
use std::num::NonZeroUsize;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, LazyLock, Mutex};

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::RngCore;
use tokio::sync::{Semaphore, oneshot};

use crate::web::AppError;

/// Most computations at once, whatever the number of cores.
const MAX_AT_ONCE: usize = 8;

type Job = Box<dyn FnOnce() + Send>;

/// The permits and the threads that take the jobs, as many of each.
struct Pool {
    permits: Semaphore,
    jobs: Sender<Job>,
}

static POOL: LazyLock<Pool> = LazyLock::new(|| {
    let size = std::thread::available_parallelism().map_or(1, NonZeroUsize::get).clamp(1, MAX_AT_ONCE);
    let (jobs, queue) = std::sync::mpsc::channel::<Job>();
    let queue = Arc::new(Mutex::new(queue));
    for i in 0..size {
        let queue = queue.clone();
        if let Err(e) = std::thread::Builder::new().name(format!("argon2-{i}")).spawn(move || work(&queue)) {
            tracing::error!(error = %e, "could not start a password hashing thread");
        }
    }
    Pool { permits: Semaphore::new(size), jobs }
});

/// A hashing thread: takes the next job until the application ends. A job that panics does
/// not take the thread down.
fn work(queue: &Mutex<Receiver<Job>>) {
    loop {
        let job = match queue.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
    }
}

/// Runs `compute` on a hashing thread once a permit is free. The permit goes with the job, so
/// that a computation whose request was dropped still counts until it ends.
async fn run<T: Send + 'static>(compute: impl FnOnce() -> T + Send + 'static) -> anyhow::Result<T> {
    let permit = POOL.permits.acquire().await?;
    let (done, result) = oneshot::channel();
    let job: Job = Box::new(move || {
        let _permit = permit;
        let _ = done.send(compute());
    });
    POOL.jobs.send(job).map_err(|_| anyhow::anyhow!("no password hashing thread"))?;
    Ok(result.await?)
}

thread_local! {
    /// The Argon2 memory of a hashing thread, kept between computations.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Runs `compute` with the first `count` blocks of this thread's memory, grown when needed.
fn with_memory<T>(count: usize, compute: impl FnOnce(&mut [Block]) -> T) -> T {
    MEMORY.with_borrow_mut(|memory| {
        if memory.len() < count {
            memory.resize(count, Block::new());
        }
        compute(&mut memory[..count])
    })
}

/// A new argon2id hash of `password` with the default parameters, as a PHC string.
fn hash(password: &[u8]) -> anyhow::Result<String> {
    let params = Params::default();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    with_memory(params.block_count(), |blocks| {
        argon2.hash_password_into_with_memory(password, &salt, &mut out, blocks)
    })
    .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(phc_error)?,
        salt: Some(Salt::new(&salt).map_err(phc_error)?),
        hash: Some(Output::new(&out).map_err(phc_error)?),
    };
    Ok(hash.to_string())
}

fn phc_error(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("argon2 PHC string: {e}")
}

/// Whether `password` matches the PHC string `stored`, with the parameters it names.
fn verify(password: &[u8], stored: &str) -> bool {
    let Ok(stored) = PasswordHash::new(stored) else { return false };
    let (Some(salt), Some(expected)) = (&stored.salt, &stored.hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(stored.algorithm.as_str()) else { return false };
    let Ok(version) = stored.version.map_or(Ok(Version::default()), Version::try_from) else { return false };
    let Ok(params) = Params::try_from(&stored) else { return false };
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    let computed = with_memory(params.block_count(), |blocks| {
        argon2.hash_password_into_with_memory(password, salt, &mut out, blocks)
    });
    computed.is_ok() && subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), out.as_slice()).into()
}

/// Hashes a password with argon2id (default parameters).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    run(move || hash(password.as_bytes())).await?.map_err(AppError::Internal)
}

/// A hash of a random password, verified against when the account does not exist so that
/// unknown emails take as long to answer as known ones.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash(uuid::Uuid::new_v4().to_string().as_bytes()).unwrap_or_default());

/// Checks a password against a stored hash (against [`DUMMY_HASH`] when there is none).
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    run(move || verify(password.as_bytes(), hash.as_deref().unwrap_or(&DUMMY_HASH))).await.unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[test]
    fn hashes_read_both_ways_with_the_library() {
        // A hash made here is checked by the library, and the other way round (the hashes
        // already stored were made by the library).
        let ours = hash(b"une phrase de passe").expect("hash");
        assert!(ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{ours}");
        let parsed = PasswordHash::new(&ours).expect("a PHC string");
        assert!(Argon2::default().verify_password(b"une phrase de passe", &parsed).is_ok());
        assert!(Argon2::default().verify_password(b"une autre phrase", &parsed).is_err());
        let theirs = Argon2::default().hash_password(b"une phrase de passe").expect("hash").to_string();
        assert!(verify(b"une phrase de passe", &theirs));
        assert!(!verify(b"une autre phrase", &theirs));
        // Other parameters, as a hash made with stronger settings would carry.
        let params = Params::new(16, 1, 2, Some(24)).expect("params");
        let other = Argon2::new(Algorithm::Argon2id, Version::V0x13, params).hash_password(b"abc").expect("hash");
        assert!(verify(b"abc", &other.to_string()));
        assert!(!verify(b"abd", &other.to_string()));
        assert!(!verify(b"abc", "pas un hachage"));
        assert!(!verify(b"abc", "$argon2id$v=19$m=19456,t=2,p=1"));
    }

    #[tokio::test]
    async fn many_checks_at_once_all_get_their_answer() {
        let hash = hash_password("une phrase de passe".into()).await.expect("hash");
        let checks = (0..6).map(|i| {
            let hash = hash.clone();
            let password = if i % 2 == 0 { "une phrase de passe" } else { "une autre phrase" };
            tokio::spawn(verify_password(password.to_owned(), Some(hash)))
        });
        let mut answers = Vec::new();
        for check in checks {
            answers.push(check.await.expect("check ends"));
        }
        assert_eq!(answers, [true, false, true, false, true, false]);
        assert!(!verify_password("une phrase de passe".into(), None).await);
        assert!(!verify_password("une phrase de passe".into(), Some("pas un hachage".into())).await);
    }
}
