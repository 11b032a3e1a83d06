//! Tài nguyên KaTeX (CSS và phông) do chính cuốn sách phục vụ, không qua CDN.
//!
//! Lấy gói npm `katex` đúng phiên bản mà mdbook-katex dùng để dựng công thức (0.16.4) từ kho npm,
//! kiểm tra SHA-512 (giá trị `integrity` của npm), rồi giải nén `katex.min.css` và thư mục `fonts/`
//! vào `src/katex/` (bị git bỏ qua). mdBook chép mọi tệp không phải `.md` trong `src/` sang bản dựng.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha512};

/// Phiên bản KaTeX, trùng với phiên bản mà crate `katex` (qua mdbook-katex 0.10.0) nhúng để dựng công thức.
pub const KATEX_VERSION: &str = "0.16.4";
/// Địa chỉ gói trên kho npm.
pub const KATEX_TARBALL_URL: &str = "https://registry.npmjs.org/katex/-/katex-0.16.4.tgz";
/// SHA-512 của gói (giải mã từ `dist.integrity` của npm), dạng hex.
pub const KATEX_TARBALL_SHA512: &str = "5ae7512948fccb205e54323869830dc61c795618763e3a73430d4646efcb546a8be26d40c700f519c529d0831b74969fe73b23b63f2084fd0339045886ba0d93";

/// Thư mục chứa tài nguyên KaTeX trong nguồn sách.
pub fn katex_dir(root: &Path) -> PathBuf {
    root.join("src").join("katex")
}

/// Bảo đảm `src/katex/` có CSS và phông của KaTeX; tải về (một lần) nếu chưa có.
///
/// Biến môi trường `KATEX_TARBALL` có thể trỏ tới một tệp `.tgz` đã tải sẵn (máy không mạng);
/// tệp đó vẫn phải khớp SHA-512.
pub fn ensure_katex(root: &Path) -> Result<PathBuf> {
    let dir = katex_dir(root);
    let stamp = dir.join("VERSION");
    if fs::read_to_string(&stamp).is_ok_and(|v| v.trim() == KATEX_VERSION) {
        return Ok(dir);
    }
    let bytes = match std::env::var_os("KATEX_TARBALL") {
        Some(path) => {
            fs::read(&path).with_context(|| format!("không đọc được KATEX_TARBALL={path:?}"))?
        }
        None => download(KATEX_TARBALL_URL)?,
    };
    let digest = hex(&Sha512::digest(&bytes));
    if digest != KATEX_TARBALL_SHA512 {
        bail!("gói KaTeX sai SHA-512: cần {KATEX_TARBALL_SHA512}, nhận {digest}");
    }
    // Giải nén vào thư mục tạm rồi đổi tên: nhiều tiến trình dựng song song không thấy thư mục dở dang.
    let staging = root
        .join("src")
        .join(format!(".katex-tmp-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(staging.join("fonts"))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(bytes.as_slice()));
    let mut fonts = 0;
    for entry in archive.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.to_string_lossy().into_owned();
        let target = if path == "package/dist/katex.min.css" {
            staging.join("katex.min.css")
        } else if let Some(font) = path.strip_prefix("package/dist/fonts/") {
            fonts += 1;
            staging.join("fonts").join(font)
        } else {
            continue;
        };
        let mut data = Vec::new();
        entry.read_to_end(&mut data)?;
        fs::write(&target, data)?;
    }
    if fonts == 0 || !staging.join("katex.min.css").exists() {
        bail!("gói KaTeX không có dist/katex.min.css hoặc dist/fonts/");
    }
    fs::write(staging.join("VERSION"), KATEX_VERSION)?;
    let _ = fs::remove_dir_all(&dir);
    if fs::rename(&staging, &dir).is_err() {
        // Một tiến trình khác vừa đặt xong thư mục: dùng bản của nó.
        let _ = fs::remove_dir_all(&staging);
        if !stamp.exists() {
            bail!("không đặt được tài nguyên KaTeX vào {}", dir.display());
        }
    }
    Ok(dir)
}

fn download(url: &str) -> Result<Vec<u8>> {
    // TLS của hệ điều hành (OpenSSL) với chứng chỉ gốc của hệ điều hành, để đi qua được proxy có CA riêng.
    let tls = ureq::tls::TlsConfig::builder()
        .provider(ureq::tls::TlsProvider::NativeTls)
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder().tls_config(tls).build().into();
    let mut response = agent.get(url).call().with_context(|| {
        format!("không tải được {url} (cần mạng tới kho npm, hoặc đặt KATEX_TARBALL)")
    })?;
    let bytes = response
        .body_mut()
        .with_config()
        .limit(16 << 20)
        .read_to_vec()?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
