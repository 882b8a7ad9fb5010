//! Tests of the image layout: sections read back, damage caught, lengths checked.

use super::*;

#[test]
fn sections_read_back_and_damage_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("img");
    let cancel = AtomicBool::new(false);
    let mut out = Out::new(File::create(&path).unwrap(), &cancel).unwrap();
    out.begin(Kind::Meta).unwrap();
    out.str("token").unwrap();
    out.pods(&[1u32, 2, 3]).unwrap();
    out.strs(&["a", "", "ça"]).unwrap();
    out.end();
    out.begin(Kind::Matrix).unwrap();
    out.bytes(&[7u8; 100]).unwrap();
    out.end();
    out.finish().unwrap();
    let file = File::open(&path).unwrap();
    let t = table(&file).unwrap();
    assert_eq!(
        t.iter().map(|s| s.kind).collect::<Vec<_>>(),
        [Kind::Meta, Kind::Matrix]
    );
    let meta = read(&file, &t[0]).unwrap();
    let mut r = In::new(&meta);
    assert_eq!(r.str().unwrap(), "token");
    assert_eq!(r.pods::<u32>().unwrap(), [1, 2, 3]);
    assert_eq!(r.strs().unwrap(), ["a", "", "ça"]);
    assert!(r.is_empty());
    assert!(r.u8().is_err());
    let mut m = vec![0u8; 100];
    read_into(&file, &t[1], &mut m).unwrap();
    assert_eq!(m, [7u8; 100]);
    drop(file);
    // One flipped byte in a section, and a cut file.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[PREAMBLE + 3] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    let file = File::open(&path).unwrap();
    assert!(read(&file, &table(&file).unwrap()[0]).is_err());
    std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
    assert!(table(&File::open(&path).unwrap()).is_err());
}

#[test]
fn lengths_past_the_end_are_refused() {
    let mut b = Vec::new();
    b.extend_from_slice(&(u64::MAX / 2).to_ne_bytes());
    assert!(In::new(&b).pods::<u32>().is_err());
    assert!(In::new(&b).str().is_err());
}

#[test]
fn a_cancelled_write_stops() {
    let dir = tempfile::tempdir().unwrap();
    let cancel = AtomicBool::new(false);
    let mut out = Out::new(File::create(dir.path().join("x")).unwrap(), &cancel).unwrap();
    out.begin(Kind::Matrix).unwrap();
    cancel.store(true, Ordering::Relaxed);
    let err = out.bytes(&vec![0u8; 3 * CHUNK]).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::Interrupted);
}
