//! Structure logos: an upload is decoded, fitted in a square and re-encoded as PNG (which drops
//! whatever metadata it carried), then stored under `DATA/uploads/logos/` with a name made of
//! the structure's slug and a hash of the image, so that a new logo gets a new address.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use tokio::sync::Semaphore;

use super::DirectoryError;

/// Largest logo accepted, in bytes.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Logos are stored at most this wide and high.
const SIZE: u32 = 256;
/// Largest image decoded, in pixels per side, and the memory its decoding may take: a small
/// compressed file can describe a huge image.
const MAX_SIDE: u32 = 4096;
const MAX_DECODE_BYTES: u64 = 40 * 1024 * 1024;

/// One logo decoded at a time on the whole node, off the request threads: a burst of uploads
/// waits its turn instead of taking every core and the memory of several huge images.
static DECODING: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(1));

/// What the logo form sent: the bytes read, and whether reading stopped at the size limit.
#[derive(Debug, Default)]
pub struct Upload {
    pub bytes: Option<Vec<u8>>,
    pub too_big: bool,
}

/// The PNG to store for an upload, or the rule it breaks. The decoding runs on a blocking
/// thread, one upload at a time (see [`DECODING`]).
pub async fn prepare(upload: Upload) -> Result<Vec<u8>, DirectoryError> {
    let bytes = match (upload.too_big, upload.bytes) {
        (true, _) => return Err(DirectoryError::LogoTooBig),
        (_, None) => return Err(DirectoryError::LogoMissing),
        (_, Some(b)) if b.is_empty() => return Err(DirectoryError::LogoMissing),
        (_, Some(b)) => b,
    };
    let _turn = DECODING.acquire().await.map_err(|_| DirectoryError::LogoUnreadable)?;
    tokio::task::spawn_blocking(move || reencode(&bytes)).await.map_err(|_| DirectoryError::LogoUnreadable)?
}

/// Decodes an image (PNG, JPEG or WebP, whatever its name says), fits it in a square, and
/// encodes it again as PNG.
fn reencode(bytes: &[u8]) -> Result<Vec<u8>, DirectoryError> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| DirectoryError::LogoType)?;
    match reader.format() {
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg | image::ImageFormat::WebP) => {}
        _ => return Err(DirectoryError::LogoType),
    }
    let mut reader = reader;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let img = reader.decode().map_err(|_| DirectoryError::LogoUnreadable)?;
    let img = img.thumbnail(SIZE, SIZE);
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).map_err(|_| DirectoryError::LogoUnreadable)?;
    Ok(out.into_inner())
}

/// The folder of the stored logos.
fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join("uploads").join("logos")
}

/// Writes a re-encoded logo; returns its file name.
pub async fn store(data_dir: &Path, slug: &str, png: &[u8]) -> Result<String, std::io::Error> {
    let name = format!(
        "{slug}-{}.png",
        &hex::encode(sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(png)))[..12]
    );
    let dir = dir(data_dir);
    tokio::fs::create_dir_all(&dir).await?;
    tokio::fs::write(dir.join(&name), png).await?;
    Ok(name)
}

/// The bytes of a stored logo; `None` for a name no logo could have or a missing file.
pub async fn read(data_dir: &Path, file: &str) -> Option<Vec<u8>> {
    if !file.ends_with(".png")
        || !file.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        || file.contains("..")
    {
        return None;
    }
    tokio::fs::read(dir(data_dir).join(file)).await.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logos_are_reencoded_and_other_files_refused() {
        let mut png = std::io::Cursor::new(Vec::new());
        image::RgbaImage::new(600, 300).write_to(&mut png, image::ImageFormat::Png).unwrap();
        let out = reencode(png.get_ref()).unwrap();
        let back = image::load_from_memory(&out).unwrap();
        assert_eq!((back.width(), back.height()), (256, 128));
        assert!(matches!(reencode(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), Err(DirectoryError::LogoType)));
        assert!(matches!(reencode(b"GIF89a...."), Err(DirectoryError::LogoType)));
        assert!(matches!(
            reencode(&[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0]),
            Err(DirectoryError::LogoUnreadable)
        ));
        // A small file that describes a huge image is refused before it is decoded.
        let mut huge = std::io::Cursor::new(Vec::new());
        image::GrayImage::new(5000, 5000).write_to(&mut huge, image::ImageFormat::Png).unwrap();
        assert!(huge.get_ref().len() < 200_000, "{}", huge.get_ref().len());
        assert!(matches!(reencode(huge.get_ref()), Err(DirectoryError::LogoUnreadable)));
    }
}
